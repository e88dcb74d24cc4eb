"""The verb-pattern lexicon: data a user can read and extend, mapped to CAMEO codes.

The bundled lexicon is ``kabar/data/verb_patterns.yaml``; a user file in the same
format can be added on top (``load_lexicon(extra=[path])``). Format::

    version: "2026.11"
    patterns:
      - id: 042.make-visit         # unique; shown in every event's reasons
        code: "042"                # a CAMEO code from kabar/data/cameo_codes.tsv
        verbs: [make, pay]         # verb lemmas; "set up" = lemma + particle
        objects: [visit, trip]     # optional: the direct object must be one of these
                                   # ("air strike": a compound; "on:strike": the noun
                                   # of a prepositional phrase, "went on strike")
        targets: [object.prep:to, prep:to]   # optional: where the target is read
        reciprocal: false          # optional: the act needs two parties (talks)
        needs_target: false        # optional: no event without a resolved target
                                   # ("raised duties on palm oil" is policy, not a sanction)
        received: false            # optional: the subject receives the act; the one
                                   # in the target slot does it ("received arms from X")
      - id: 042.visit-noun
        code: "042"
        nouns: [visit, trip]       # instead of verbs: "Putin's visit to Bishkek"
    complements:                   # optional: see the comment above it in the file
      - {id: intent, governors: [agree, promise], default: "030", codes: {"04": "036"}}
    future: intent                 # optional: the rule that recodes "will visit" (036)
    obligation: demand             # optional: the rule that recodes "X said Y must leave"

``targets`` lists argument slots tried in order: ``object``, ``dative``,
``prep:P`` (object of preposition P on the verb or event noun) and
``object.prep:P`` (on the direct object; ``object.prep:by`` also reaches the
doer of the object, "the work done by X"), ``P`` may be ``*``, and ``place``
(the country of the clause's locative phrase: "is making a visit" where the
talks are "in Bishkek"), ``complement.subject`` (the subject of the verb's
clausal complement: "allowed the refugees to stay"). The default is ``[object,
dative, object.prep:by]`` for a verb pattern without ``objects``;
``[object.prep:*, prep:*]`` with them, because then the object is the event noun
("held talks with X") and not the target; and on/against/to/with/into phrases
for event nouns. For an event noun the source is its possessor ("Putin's
visit"), a "by" phrase or a country adjective ("a Russian attack"), and "talks
between X and Y" makes X and Y the parties.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from kabar.errors import LexiconError
from kabar.ontology import CameoCodebook, load_cameo

_KEYS = frozenset(
    {"id", "code", "verbs", "nouns", "objects", "targets", "reciprocal", "needs_target",
     "received", "note"}
)
# Where a nominal event ("an attack on X", "Putin's visit to Bishkek") finds its
# target when its pattern names no slots. "of" is left out: "the visit of Putin"
# names the visitor, "the invasion of Iraq" the victim; patterns say which.
_NOMINAL_TARGETS = ("prep:on", "prep:against", "prep:to", "prep:with", "prep:into")
_SLOT_PREFIXES = ("object.prep:", "prep:")
_SIMPLE_SLOTS = frozenset({"object", "dative", "place", "complement.subject"})


@dataclass(frozen=True, slots=True)
class Pattern:
    """One lexicon entry for one lemma.

    ``lemma`` is a verb lemma, or an event noun when ``nominal`` ("visit" in
    "Putin's visit to Bishkek"); ``particle`` is a phrasal particle or "".
    """

    id: str
    code: str
    lemma: str
    particle: str
    objects: frozenset[str]
    targets: tuple[str, ...]
    reciprocal: bool
    nominal: bool = False
    needs_target: bool = False
    # "Georgia received weapons from Russia": Russia (the target slot) gives, Georgia
    # (the subject) receives; the coder swaps the sides.
    received: bool = False

    @property
    def required_preps(self) -> frozenset[str]:
        """Prepositions one of which must be present for the pattern to apply.

        A one-sided pattern that reads its target only from named prepositions
        ("call on X", "appeal to X") does not apply without one: "called Putin"
        is a phone call, not an appeal. Reciprocal patterns need none ("X and Y
        talked"), nor light verbs, whose event noun makes the event ("imposed
        sanctions").
        """
        if (
            self.reciprocal
            or self.objects
            or not all(slot.startswith(("prep:", "object.prep:")) for slot in self.targets)
        ):
            return frozenset()
        preps = frozenset(slot.rsplit(":", 1)[1] for slot in self.targets)
        return frozenset() if "*" in preps else preps

    @property
    def specificity(self) -> int:
        """Higher wins when several patterns match one clause."""
        return (2 if self.objects else 0) + (1 if self.particle else 0)


@dataclass(frozen=True, slots=True)
class ComplementRule:
    """How a governing verb recodes the complement it takes ("agreed to meet" -> 036).

    ``codes`` maps CAMEO code prefixes of the complement to the governor's code;
    the longest matching prefix wins, else ``default``.
    """

    id: str
    default: str
    codes: dict[str, str]
    # What the governor's event asserts: "intent" for agreeing, promising,
    # planning; "asserted" for threats, refusals, appeals, which are acts.
    modality: Literal["intent", "asserted"] = "asserted"

    def code_for(self, complement_code: str | None) -> str:
        """The governor's code for a complement code (``default`` when none matches)."""
        return self.specific_code_for(complement_code) or self.default

    def specific_code_for(self, complement_code: str | None) -> str | None:
        """The code of the longest matching prefix, or None when no prefix matches."""
        if complement_code:
            for length in range(len(complement_code), 1, -1):
                code = self.codes.get(complement_code[:length])
                if code:
                    return code
        return None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Patterns indexed by verb lemma, most specific first within each lemma,
    and the complement rules of governing verbs by lemma."""

    version: str
    by_verb: dict[str, tuple[Pattern, ...]]
    by_noun: dict[str, tuple[Pattern, ...]]
    complements: dict[str, ComplementRule]
    # Rules for complements with a subject of their own, by governor: "wants Putin
    # to attack" asks Putin (an appeal), where "wants to attack" is an intent.
    subject_complements: dict[str, ComplementRule] = field(default_factory=dict)
    # The rule that recodes future-tense events ("will visit" -> 036), if any.
    future: ComplementRule | None = None
    # The rule that recodes reported obligations ("X said Y must withdraw": X
    # demands of Y, 106), if any.
    obligation: ComplementRule | None = None

    def candidates(self, lemma: str, *, nominal: bool = False) -> tuple[Pattern, ...]:
        """Patterns for a lemma. A verb the lexicon lacks that is a known verb
        with "re-" before it ("reinstalled", "reblockaded") is read as that verb:
        doing it again is doing it. Verbs with patterns of their own keep only
        those ("recall" is no "call", "resign" no "sign")."""
        index = self.by_noun if nominal else self.by_verb
        found = index.get(lemma, ())
        if not found and not nominal and lemma.startswith("re") and len(lemma) > 5:
            found = index.get(lemma[2:].lstrip("-"), ())
        return found

    @property
    def nouns(self) -> frozenset[str]:
        """Lemmas of the event nouns that nominal patterns code."""
        return frozenset(self.by_noun)

    def complement_rule(self, governor: str, *, own_subject: bool = False) -> ComplementRule | None:
        """The rule for a governor's complement; ``own_subject`` when the
        complement names who is to act ("wants Putin to attack")."""
        if own_subject and governor in self.subject_complements:
            return self.subject_complements[governor]
        return self.complements.get(governor)

    def __len__(self) -> int:
        return sum(len(v) for v in (*self.by_verb.values(), *self.by_noun.values()))

    def codes(self) -> set[str]:
        groups = (*self.by_verb.values(), *self.by_noun.values())
        return {p.code for group in groups for p in group}


@functools.cache
def bundled_lexicon() -> Lexicon:
    """The lexicon shipped with kabar, parsed once per process."""
    source = resources.files("kabar.data").joinpath("verb_patterns.yaml")
    return _build([_parse(source.read_text(encoding="utf-8"), "kabar/data/verb_patterns.yaml")])


def load_lexicon(extra: Sequence[Path] = ()) -> Lexicon:
    """The bundled lexicon plus user files; a user pattern with a bundled id replaces it."""
    if not extra:
        return bundled_lexicon()
    docs = [
        _parse(
            resources.files("kabar.data")
            .joinpath("verb_patterns.yaml")
            .read_text(encoding="utf-8"),
            "kabar/data/verb_patterns.yaml",
        )
    ]
    for path in extra:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise LexiconError(f"{path}: cannot read lexicon file ({exc.strerror})") from exc
        docs.append(_parse(text, str(path)))
    return _build(docs)


@dataclass(frozen=True, slots=True)
class _Doc:
    origin: str
    version: str
    entries: list[dict[str, Any]]
    complements: list[dict[str, Any]]
    future: str
    obligation: str


def _parse(text: str, origin: str) -> _Doc:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"{origin}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        raise LexiconError(f"{origin}: expected a mapping with a 'patterns' list")
    unknown = set(data) - {"version", "patterns", "complements", "future", "obligation"}
    if unknown:
        raise LexiconError(
            f"{origin}: unknown top-level key(s) {sorted(unknown)}; "
            "allowed: version, patterns, complements, future, obligation"
        )
    complements = data.get("complements") or []
    if not isinstance(complements, list):
        raise LexiconError(f"{origin}: 'complements' must be a list")
    return _Doc(
        origin,
        str(data.get("version", "")),
        data["patterns"],
        complements,
        str(data.get("future") or ""),
        str(data.get("obligation") or ""),
    )


def _build(docs: Iterable[_Doc]) -> Lexicon:
    cameo = load_cameo()
    docs_list = list(docs)
    by_id: dict[str, list[Pattern]] = {}
    version = ""
    for doc in docs_list:
        version = version or doc.version
        seen: set[str] = set()
        for n, entry in enumerate(doc.entries, start=1):
            where = f"{doc.origin}: pattern {n}"
            entry = _mapping(entry, where, _KEYS)
            pid = str(entry.get("id", "")).strip()
            code = str(entry.get("code", "")).strip()
            if not pid or not code:
                raise LexiconError(f"{where}: every pattern needs an 'id' and a 'code'")
            if pid in seen:
                raise LexiconError(f"{where}: duplicate id '{pid}' in the same file")
            seen.add(pid)
            if code not in cameo:
                raise LexiconError(
                    f"{where} ({pid}): unknown CAMEO code '{code}'; "
                    "codes are listed in kabar/data/cameo_codes.tsv"
                )
            verbs = _strings(entry.get("verbs"), where, "verbs")
            nouns = _strings(entry.get("nouns"), where, "nouns")
            if bool(verbs) == bool(nouns):
                raise LexiconError(
                    f"{where} ({pid}): give either 'verbs' or 'nouns' (event nouns), "
                    "with at least one lemma"
                )
            objects = frozenset(s.lower() for s in _strings(entry.get("objects"), where, "objects"))
            if any(len(noun.split()) > 1 for noun in nouns):
                raise LexiconError(
                    f"{where} ({pid}): event nouns are single words (the head noun: "
                    "'airstrike', not 'air strike')"
                )
            if nouns and objects:
                raise LexiconError(f"{where} ({pid}): 'objects' applies to verbs, not 'nouns'")
            default: tuple[str, ...]
            if nouns:
                default = _NOMINAL_TARGETS
            elif objects:
                default = ("object.prep:*", "prep:*")
            else:
                # The doer of the object ("praised the work done by X") when the
                # object itself is no actor.
                default = ("object", "dative", "object.prep:by")
            targets = tuple(_strings(entry.get("targets"), where, "targets")) or default
            for slot in targets:
                if slot not in _SIMPLE_SLOTS and not slot.startswith(_SLOT_PREFIXES):
                    raise LexiconError(
                        f"{where} ({pid}): unknown target slot '{slot}'; use object, dative, "
                        "place, complement.subject, prep:P or object.prep:P"
                    )
            # A later file's pattern with the same id replaces the earlier one.
            by_id[pid] = [
                Pattern(
                    id=pid,
                    code=code,
                    lemma=word.split()[0].lower(),
                    particle=" ".join(word.split()[1:]).lower(),
                    objects=objects,
                    targets=targets,
                    reciprocal=bool(entry.get("reciprocal", False)),
                    needs_target=bool(entry.get("needs_target", False)),
                    received=bool(entry.get("received", False)),
                    nominal=bool(nouns),
                )
                for word in (verbs or nouns)
            ]
    complements: dict[str, ComplementRule] = {}
    subject_complements: dict[str, ComplementRule] = {}
    rules_by_id: dict[str, ComplementRule] = {}
    future_id = obligation_id = ""
    for doc in docs_list:
        for n, entry in enumerate(doc.complements, start=1):
            rule, governors, subject_governors = _complement(
                entry, f"{doc.origin}: complement {n}", cameo
            )
            rules_by_id[rule.id] = rule
            for governor in governors:
                complements[governor] = rule
            for governor in subject_governors:
                subject_complements[governor] = rule
        future_id = doc.future or future_id
        obligation_id = doc.obligation or obligation_id
    for key, rule_id in (("future", future_id), ("obligation", obligation_id)):
        if rule_id and rule_id not in rules_by_id:
            raise LexiconError(
                f"'{key}: {rule_id}' names no complement rule; "
                f"known rules: {', '.join(sorted(rules_by_id))}"
            )
    by_verb: dict[str, list[Pattern]] = {}
    by_noun: dict[str, list[Pattern]] = {}
    for patterns in by_id.values():
        for pattern in patterns:
            index = by_noun if pattern.nominal else by_verb
            index.setdefault(pattern.lemma, []).append(pattern)
    return Lexicon(
        version=version,
        by_verb=_ranked(by_verb),
        by_noun=_ranked(by_noun),
        complements=complements,
        subject_complements=subject_complements,
        future=rules_by_id.get(future_id),
        obligation=rules_by_id.get(obligation_id),
    )


def _ranked(index: dict[str, list[Pattern]]) -> dict[str, tuple[Pattern, ...]]:
    # Stable sort: among equally specific patterns the earlier entry wins.
    return {
        lemma: tuple(sorted(group, key=lambda p: -p.specificity)) for lemma, group in index.items()
    }


_COMPLEMENT_KEYS = frozenset(
    {"id", "governors", "subject_governors", "default", "codes", "modality"}
)


def _complement(
    entry: object, where: str, cameo: CameoCodebook
) -> tuple[ComplementRule, list[str], list[str]]:
    entry = _mapping(entry, where, _COMPLEMENT_KEYS)
    rid = str(entry.get("id", "")).strip()
    default = str(entry.get("default", "")).strip()
    governors = [g.lower() for g in _strings(entry.get("governors"), where, "governors")]
    subject_governors = [
        g.lower() for g in _strings(entry.get("subject_governors"), where, "subject_governors")
    ]
    if not rid or not default or not (governors or subject_governors):
        raise LexiconError(f"{where}: a complement rule needs 'id', 'governors' and 'default'")
    raw_codes = entry.get("codes") or {}
    if not isinstance(raw_codes, dict):
        raise LexiconError(f"{where} ({rid}): 'codes' must map code prefixes to codes")
    codes = {str(k): str(v) for k, v in raw_codes.items()}
    for code in (default, *codes.values()):
        if code not in cameo:
            raise LexiconError(
                f"{where} ({rid}): unknown CAMEO code '{code}'; "
                "codes are listed in kabar/data/cameo_codes.tsv"
            )
    modality = str(entry.get("modality", "asserted"))
    if modality not in ("intent", "asserted"):
        raise LexiconError(f"{where} ({rid}): 'modality' is intent or asserted, not {modality!r}")
    rule = ComplementRule(rid, default, codes, "intent" if modality == "intent" else "asserted")
    return rule, governors, subject_governors


def _mapping(entry: object, where: str, allowed: frozenset[str]) -> dict[str, Any]:
    """An entry of the file as a mapping with only ``allowed`` keys, else LexiconError."""
    if not isinstance(entry, dict):
        raise LexiconError(f"{where}: expected a mapping, got {type(entry).__name__}")
    unknown = set(entry) - allowed
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    return entry


def _strings(value: object, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise LexiconError(f"{where}: '{key}' must be a string or a list of strings")
