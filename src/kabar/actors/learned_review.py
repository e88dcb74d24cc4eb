"""Reviewing the learned layer: how each entry stands against the KB, and promotion.

:func:`kb_status` compares an entry with the KB on the date it was last seen.
:func:`promote` writes reviewed entries into the user dictionary
``learned.yaml`` in :func:`~kabar.actors.kb.user_kb_dir`, in the curated format
that ``kabar kb add`` installs, so later runs and ``kabar actors lookup`` use them.
The bundled KB and the user's other dictionaries are never written.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from kabar.actors.kb import (
    KbActor,
    KnowledgeBase,
    Tenure,
    add_user_dictionary,
    name_key,
    parse_curated,
    user_kb_dir,
    variant_key,
)
from kabar.actors.learned_store import LearnedEntry, LearnedStore, _iso, rank_entries
from kabar.errors import ConfigError, ResourceError

__all__ = [
    "LEARNED_DICTIONARY",
    "Promotion",
    "Review",
    "Status",
    "kb_status",
    "promote",
    "review",
]

Status = Literal["agrees", "extends", "new"]

LEARNED_DICTIONARY = "learned.yaml"
# How far a promoted role is trusted: below hand-curated entries (1.0), since one
# reviewer read a few sentences, and above the bulk-built Phoenix roles.
_PROMOTED_CONFIDENCE = 0.9
_SOURCE = "learned"


def kb_status(entry: LearnedEntry, kb: KnowledgeBase) -> Status:
    """How an entry stands against the KB on its ``last_seen`` date (all dates when
    it has none).

    ``agrees``: the KB knows a person of that name (exact or spelling variant; a
    one-word name also by surname) holding, on that date, a role in the same country
    and sector whose office is blank or contains the title's last word ("minister"
    in "Minister of Foreign Affairs of Russia"). ``extends``: the KB knows the person
    but not in that role then. ``new``: the KB has no person of that name.
    """
    people = _people(entry, kb)
    if not people:
        return "new"
    head = entry.title.split()[-1]
    for person in people:
        for role in person.roles_on(entry.last_seen):
            same = role.country == entry.country and role.sector == entry.sector
            if same and (not role.office or head in role.office.lower()):
                return "agrees"
    return "extends"


@dataclass(frozen=True, slots=True)
class Review:
    """One entry as ``kabar actors learned`` shows it: with its rank among the readings
    of the same name (:func:`~kabar.actors.learned_store.rank_entries`: 1 is preferred,
    ``of`` readings in all) and its :func:`kb_status`."""

    entry: LearnedEntry
    rank: int
    of: int
    status: Status

    def as_dict(self) -> dict[str, Any]:
        """The review as a JSON-ready mapping (dates as YYYY-MM-DD or null)."""
        entry = self.entry
        return {
            "key": entry.key,
            "name": entry.name,
            "spellings": list(entry.spellings),
            "country": entry.country,
            "sector": entry.sector,
            "title": entry.title,
            "office": entry.office,
            "count": entry.count,
            "first_seen": _iso(entry.first_seen),
            "last_seen": _iso(entry.last_seen),
            "status": self.status,
            "rank": self.rank,
            "of": self.of,
            "promoted": _iso(entry.promoted),
            "example": {
                "sentence": entry.example,
                "article_id": entry.example_article,
                "date": _iso(entry.example_date),
            },
        }


def review(
    store: LearnedStore, kb: KnowledgeBase, min_count: int = 1, name: str = ""
) -> list[Review]:
    """The learned entries to review, best supported first: those seen in at least
    ``min_count`` articles whose name (any spelling) contains ``name`` (case,
    accents and spelling variants ignored). Ranks are taken over all readings of a
    name, before filtering, so a filtered list still says when a name is disputed.
    """
    wanted = name_key(name)
    wanted_variant = variant_key(wanted)
    found = []
    for ranked in rank_entries(store.entries()):
        entry = ranked.entry
        if entry.count < min_count:
            continue
        if wanted:
            keys = [name_key(spelling) for spelling in entry.spellings]
            if not any(wanted in key or wanted_variant in variant_key(key) for key in keys):
                continue
        found.append(Review(entry, ranked.rank, ranked.of, kb_status(entry, kb)))
    found.sort(key=lambda r: (-r.entry.count, r.entry.name_group, r.rank, r.entry.key))
    return found


def _people(entry: LearnedEntry, kb: KnowledgeBase) -> list[KbActor]:
    """The KB persons an entry's name means, best first."""
    candidates = kb.get_candidates(entry.name, entry.last_seen)
    strict = [c for c in candidates if c.actor.kind == "person" and c.match != "surname"]
    if not strict and " " not in entry.name.strip():
        strict = [c for c in candidates if c.actor.kind == "person"]
    return [c.actor for c in strict]


@dataclass(frozen=True, slots=True)
class Promotion:
    """What :func:`promote` did: the dictionary written, the actor ids it now holds
    for the promoted keys, and how many roles were new (0 when promoted before)."""

    path: Path
    actor_ids: tuple[str, ...]
    new_roles: int


def promote(keys: Sequence[str], store: LearnedStore, kb: KnowledgeBase) -> Promotion:
    """Write the entries with these keys into ``learned.yaml`` and mark them promoted.

    A person the KB already knows (:func:`kb_status` ``agrees`` or ``extends``) keeps
    the KB id, name and QID, and the entry lists the KB roles of today plus the
    learned one, because a dictionary entry that lists roles replaces them (see
    :func:`kabar.actors.kb.parse_curated`); promoting again refreshes that copy. A
    new person gets the id ``learned:<name>``, with every other spelling seen as an
    alias. A learned role starts on its first dated evidence, and ends where a later
    promoted role of the same person and country begins that no evidence of it
    postdates; otherwise it stays open. Promoting twice adds nothing.

    Raises ConfigError for an unknown key (nothing is written then) and
    ResourceError when the dictionary cannot be read or written.
    """
    entries = {entry.key: entry for entry in store.entries()}
    unknown = [key for key in keys if key not in entries]
    if unknown:
        raise ConfigError(
            f"no learned entry with key {', '.join(unknown)}; "
            "list the keys with `kabar actors learned`"
        )
    path = user_kb_dir() / LEARNED_DICTIONARY
    actors = _read_dictionary(path)
    chosen = [entries[key] for key in dict.fromkeys(keys)]
    # Entries promoted before keep their place: a promotion adds to the person's roles.
    promoted_before = [e for e in entries.values() if e.promoted and e.key not in keys]
    by_person: dict[str, list[LearnedEntry]] = {}
    for entry in chosen:
        by_person.setdefault(entry.name_group, []).append(entry)
    new_roles = 0
    ids: list[str] = []
    for group, members in by_person.items():
        members += [e for e in promoted_before if e.name_group == group]
        people = _people(members[0], kb)
        base = people[0] if people else None
        actor_id = base.id if base else f"learned:{name_key(members[0].name).replace(' ', '-')}"
        existing = actors.get(actor_id)
        roles = list(base.roles if base else ())
        if existing is not None:
            roles += existing.roles
        kept = [r for r in roles if r.source != _SOURCE]
        learned = _learned_roles(members)
        before = {_role_id(r) for r in roles if r.source == _SOURCE}
        new_roles += sum(1 for r in learned if _role_id(r) not in before)
        aliases = tuple(
            dict.fromkeys(s for e in members for s in e.spellings if s != (base or e).name)
        )
        actors[actor_id] = KbActor(
            id=actor_id,
            name=base.name if base else members[0].name,
            kind="person",
            qid=base.qid if base else None,
            aliases=aliases if base is None else tuple(a for a in aliases if a not in base.names()),
            roles=tuple(_unique([*kept, *learned])),
        )
        ids.append(actor_id)
    _write_dictionary(path, actors)
    store.mark_promoted([e.key for e in chosen], dt.date.today())
    return Promotion(path, tuple(ids), new_roles)


def _learned_roles(members: list[LearnedEntry]) -> list[Tenure]:
    """One role per entry, ended by the next role in the same country that starts
    after this entry's last evidence."""
    ordered = sorted(members, key=lambda e: (e.first_seen or dt.date.min, e.key))
    roles = []
    for entry in ordered:
        end = None
        for later in ordered:
            starts = later.first_seen
            if (
                later.country == entry.country
                and later.key != entry.key
                and starts is not None
                and entry.last_seen is not None
                and starts > entry.last_seen
            ):
                end = starts if end is None else min(end, starts)
        roles.append(
            Tenure(
                entry.country, entry.sector, entry.office, entry.first_seen, end, _SOURCE,
                _PROMOTED_CONFIDENCE, f"{entry.country}{entry.sector}",
            )
        )  # fmt: skip
    return roles


def _role_id(role: Tenure) -> tuple[str, str, str]:
    return (role.country, role.sector, role.office)


def _unique(roles: list[Tenure]) -> list[Tenure]:
    seen: set[tuple[object, ...]] = set()
    kept = []
    for role in roles:
        key = (*_role_id(role), role.start, role.end, role.source)
        if key not in seen:
            seen.add(key)
            kept.append(role)
    return kept


def _read_dictionary(path: Path) -> dict[str, KbActor]:
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"{path}: cannot read the learned dictionary ({exc})") from exc
    return {actor.id: actor for actor, _ in parse_curated(text, str(path))}


class _PlainDumper(yaml.SafeDumper):
    """Writes a shared date twice rather than as a YAML anchor (&id001): the file is
    for people to read and edit."""

    def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002 - PyYAML's signature
        return True


def _write_dictionary(path: Path, actors: dict[str, KbActor]) -> None:
    data = {
        "version": "learned",
        "actors": [_entry(actors[actor_id]) for actor_id in sorted(actors)],
    }
    header = (
        "# Written by `kabar actors promote` from reviewed entries of the learned layer.\n"
        "# Curated KB format (kabar.actors.kb.parse_curated); edit it like any dictionary.\n"
    )
    text = header + yaml.dump(
        data, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100
    )
    # Installed as `kabar kb add` installs a dictionary: checked, then moved in atomically.
    with tempfile.TemporaryDirectory(prefix="kabar-promote-") as folder:
        draft = Path(folder) / path.name
        draft.write_text(text, encoding="utf-8")
        add_user_dictionary(draft, path.stem)


def _entry(actor: KbActor) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": actor.id, "name": actor.name, "kind": actor.kind}
    if actor.qid:
        entry["qid"] = actor.qid
    if actor.aliases:
        entry["aliases"] = list(actor.aliases)
    entry["roles"] = [
        {
            "country": role.country,
            "sector": role.sector,
            "office": role.office,
            "start": role.start,
            "end": role.end,
            "code": role.code or f"{role.country}{role.sector}",
            "source": role.source,
            "confidence": role.confidence,
        }
        for role in actor.roles
    ]
    return entry
