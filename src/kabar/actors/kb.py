"""The actor knowledge base (KB): people, organisations, IGOs and groups with dated roles.

Bundled data, read once per process on first use (:func:`load_kb`), nothing at import:

* ``kabar/data/kb/actors.tsv`` and ``kabar/data/kb/roles.tsv``, built by
  ``tools/build_kb.py`` from the Phoenix/PETRARCH2 actor dictionaries, the Wikidata
  world-leader dumps and CAMEO's known groups (see DATA_NOTICE.md);
* ``kabar/data/kb/curated.yaml`` when present: hand-reviewed entries layered *above*
  the built data (format in :func:`parse_curated`). An entry replaces the built actor
  with the same id, merged id (``also``) or Wikidata QID: its name, kind, QID and
  members win, its aliases are added, and its roles, when it lists any, replace the
  built ones from its first role's start on (built roles before that stay, ended
  there: the history the entry does not list).

One real-world actor is one entry: the build merges the entries its sources (and the
curated layer) hold for the same actor, and the ids it merged stay the surviving
entry's ``also`` ids, so :meth:`KnowledgeBase.get` still finds an actor by an id an
older KB gave it (``cameo:ALQ`` is ``kabar:al-qaeda``).

The resolver asks :meth:`KnowledgeBase.get_candidates` for a name and a date and gets
every actor the name may mean, ranked, each with the roles valid on that date and a
short reason. Matching goes from strict to loose, and every tier is reported:

1. ``alias``: the :func:`name_key` of the name equals that of the actor's name or an
   alias (case, accents, dots, hyphens, apostrophes and a leading "the" ignored);
2. ``variant``: the :func:`variant_key` (transliteration rules: zh/j/dzh, kh/h,
   -ov/-ow/-off, y/i, ou/u, ck/k, doubled letters ...) of both sides is equal:
   "Zhaparov", "Japarov" and "Dzhaparov" meet;
3. ``surname``: a one-word name equals the last word of a person's name or alias
   (also by variant key), scored lower;
4. ``within`` and ``near``: only when no tier above found anyone, a name of two or
   more words whose other words are all among a person's names and whose surname is
   the person's and no one else's (``within``: "Carlos Menem" for "Carlos Saul
   Menem"), or is shared with others or one typing
   slip from it, two from 7 letters on (``near``: "Laurent Gbago", "Juvenal
   Habyariman"). ``near`` scores lowest; callers accept it only with other
   evidence (a title).

A name several actors share returns all of them: the caller decides, never this module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from kabar._datafiles import damaged, read_rows
from kabar.actors.spelling import edit_distance
from kabar.errors import ResourceError

__all__ = [
    "ACTOR_COLUMNS",
    "ROLE_COLUMNS",
    "Candidate",
    "KbActor",
    "KnowledgeBase",
    "Tenure",
    "load_kb",
    "name_key",
    "parse_curated",
    "read_kb",
    "variant_key",
]

KbKind = Literal["person", "organisation", "igo", "group"]
Precision = Literal["day", "year"]
MatchKind = Literal["alias", "variant", "surname", "within", "near"]

KB_KINDS: tuple[KbKind, ...] = ("person", "organisation", "igo", "group")
ACTOR_COLUMNS = ("id", "kind", "name", "qid", "aliases", "members", "also")
ROLE_COLUMNS = (
    "actor", "country", "sector", "code", "office", "start", "end", "precision", "source",
    "confidence",
)  # fmt: skip

_ACTORS = "kb/actors.tsv"
_ROLES = "kb/roles.tsv"
_CURATED = "curated.yaml"
_BUILDER = "tools/build_kb.py"

_ID = re.compile(r"[a-z]+:[^\s|]+")
_QID = re.compile(r"Q[1-9][0-9]*")
_CODE3 = re.compile(r"[A-Z]{3}")
_CAMEO_CODE = re.compile(r"(?:[A-Z]{3})*")

# Scores of the match tiers, and how a date moves them. A valid role adds up to 0.1 (its
# confidence x 0.1), so among equal names the actor in office wins; an actor whose every
# role lies outside the date loses 0.3, which keeps an exact alias of a former office
# holder (0.7) above a surname guess at someone in office (0.6 + 0.1).
_SCORE = {"alias": 1.0, "variant": 0.85, "surname": 0.6, "within": 0.7, "near": 0.5}
# A "near" surname may differ by one edit, or by two from 7 letters on ("Habyariman",
# "Gbago", "Sontas"): typos of wire copy; shorter names are too close to each other.
_NEAR_MIN = 5
_NEAR_TWO_EDITS = 6
_SURNAME_VARIANT = 0.55
_VALID_BONUS = 0.1
_NO_VALID_ROLE = 0.3
# Shorter one-word names are initials or particles, never a useful surname.
_MIN_SURNAME = 3
# Name suffixes that are not a surname ("Martin Luther King Jr").
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Name particles dropped by the variant key: "al-Assad", "el Sisi" and "Assad" meet.
_PARTICLES = frozenset({"al", "el"})

# Letters NFKD does not decompose into a base letter and a mark.
_FOLD = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
        "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "\u0131": "i", "þ": "th",
        "Þ": "Th", "ħ": "h", "Ħ": "H",
    }
)  # fmt: skip
# Apostrophes and modifier letters vanish ("O'Brien" -> "obrien", Samoan okina).
_APOSTROPHES = str.maketrans(dict.fromkeys("'\u2019\u2018`\u00b4\u02bb\u02bc\u02be\u02bf", ""))
_NON_WORD = re.compile(r"[\W_]+")
_LETTER_RUN = re.compile(r"\b(?:[^\W\d_] )+[^\W\d_]\b")

# Transliteration rules of variant_key, applied in this order to each word. Longer
# spellings go first so "dzh" is not read as "d" + "zh".
_VARIANT_RULES = (
    ("dzh", "j"), ("dsch", "j"), ("tsch", "ch"), ("sch", "sh"), ("zh", "j"), ("dj", "j"),
    ("kh", "h"), ("ph", "f"), ("ck", "k"), ("ou", "u"), ("w", "v"), ("y", "i"), ("q", "k"),
)  # fmt: skip
_DOUBLE = re.compile(r"(.)\1+")

# One-word forms that are common English words or generic nouns: a sentence-initial
# "Army" or "Party" is no actor. Checked in surface_forms(), case-insensitively.
_COMMON_WORDS = frozenset(
    {
        "a", "an", "and", "the", "of", "for", "in", "on", "at", "to", "by", "with", "from",
        "he", "she", "it", "we", "they", "us", "his", "her", "its", "our", "their", "who",
        "army", "navy", "police", "party", "government", "cabinet", "court", "union",
        "council", "congress", "senate", "parliament", "assembly", "ministry", "bank",
        "fund", "front", "movement", "forces", "force", "rebels", "militants", "guerrillas",
        "troops", "soldiers", "people", "president", "minister", "premier", "king",
        "queen", "prince", "emperor", "chancellor", "pope", "general", "leader", "chief",
        "state", "states", "republic", "kingdom", "national", "international", "united",
        "islamic", "democratic", "popular", "liberation", "revolutionary", "socialist",
        "communist", "federal", "central", "north", "south", "east", "west", "new", "free",
        "justice", "freedom", "unity", "peace", "hope", "liberty", "victory", "mercy",
        "grace", "will", "may", "june", "april", "august", "art", "bill", "mark", "rose",
        "black", "white", "green", "brown", "young", "long", "little", "good", "best",
        "said", "says", "also", "more", "most", "other", "all", "one", "two", "three",
        "group", "agency", "office", "commission", "committee", "authority", "service",
        "opposition", "media", "press", "church", "mosque", "university", "school",
        "organization", "organisation", "association", "alliance", "coalition", "league",
        "forum", "network", "brigade", "brigades", "battalion", "faction",
    }
)  # fmt: skip


def name_key(text: str) -> str:
    """The exact-match key of a name: lower case, no accents, apostrophes removed, other
    punctuation as spaces, single spaces, a leading "the" dropped, and runs of single
    letters joined ("U.N." -> "un", "R. K. Pachauri" -> "rk pachauri").

    ``tools/build_kb.py`` imports this function, so the built files and the lookups agree.
    """
    if text.isascii():
        text = text.lower()  # the same result, without NFKD: most names are ASCII
    else:
        text = unicodedata.normalize("NFKD", text.translate(_FOLD))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _NON_WORD.sub(" ", text.translate(_APOSTROPHES)).strip()
    if text.startswith("the ") and len(text) > 4:
        text = text[4:]
    return _LETTER_RUN.sub(lambda m: m.group(0).replace(" ", ""), text)


@functools.cache
def _variant_word(word: str) -> str:
    # Cached: given names and surnames repeat across thousands of actors, and loading
    # the KB computes every name's variant key (a pure function of the word).
    for old, new in _VARIANT_RULES:
        word = word.replace(old, new)
    word = _DOUBLE.sub(r"\1", word)  # "Abdullah"/"Abdulah", "iy" -> "ii" -> "i"
    if word.endswith("of") and len(word) > 4:
        word = word[:-2] + "ov"  # "-off" (doubles already collapsed) and "-ow" (w -> v)
    return word


@functools.lru_cache(maxsize=65536)
def _name_words(names: tuple[str, ...]) -> frozenset[str]:
    """The variant-key words of all of an actor's names. Cached: a near-spelling
    lookup reads the names of every actor sharing a surname, again and again."""
    return frozenset(w for name in names for w in variant_key(name_key(name)).split())


def variant_key(key: str) -> str:
    """The transliteration-insensitive key of a :func:`name_key`: the rules in
    ``_VARIANT_RULES`` per word, doubled letters collapsed, "-of"/"-off"/"-ow" endings
    read as "-ov", and the particles "al"/"el" dropped. "Zhaparov", "Japarov",
    "Dzhaparov" and "Dschaparow" all give "japarov"; "Zelenskyy" and "Zelensky" meet.
    """
    words = [_variant_word(word) for word in key.split() if word not in _PARTICLES]
    return " ".join(words) if words else key


def _surname(key: str) -> str | None:
    """The last word of a multi-word name key, suffixes ("jr") skipped, or None."""
    words = key.split()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    if len(words) > 1 and len(words[-1]) >= _MIN_SURNAME:
        return words[-1]
    return None


@dataclass(frozen=True, slots=True)
class Tenure:
    """One dated role of an actor: a country, a CAMEO sector and an office, for a time.

    Invariants: ``country`` is an ISO 3166 alpha-3 code or ``""`` (IGOs, stateless
    actors); ``sector`` is a three-letter CAMEO actor type (``GOV``, ``MIL``, ``ELI``,
    ``IGO`` ...) or ``""``; ``code`` is the full CAMEO actor code the source gave
    (``RUSGOV``, ``IGOWSTNAT``) or ``""``. ``start`` is the first day the role holds and
    ``end`` the first day it no longer does (exclusive), either ``None`` when open, and
    ``start < end`` when both are set. ``precision`` is ``"year"`` when the source gave
    years only: ``start`` is then 1 January of the first year and ``end`` 1 January
    after the last, so a role is valid all through its boundary years. ``source`` names
    the source (``phoenix``, ``wikidata-2021``, ``wikidata-2026``, ``cameo``,
    ``curated``), and ``0 < confidence <= 1`` says how far it is trusted.
    """

    country: str
    sector: str
    office: str
    start: dt.date | None
    end: dt.date | None
    source: str
    confidence: float
    code: str = ""
    precision: Precision = "day"

    def valid_on(self, date: dt.date) -> bool:
        """Whether the role holds on ``date``: ``start <= date < end``, open ends valid."""
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)

    def span(self) -> str:
        """The dates as text: ``2012-05-07..``, ``..1999-08-10``, ``2000..2008`` (years)."""

        def show(day: dt.date | None, end: bool) -> str:
            if day is None:
                return ""
            if self.precision == "year":
                return str(day.year - 1 if end else day.year)
            return day.isoformat()

        if self.start is None and self.end is None:
            return "undated"
        return f"{show(self.start, False)}..{show(self.end, True)}"

    def label(self) -> str:
        """A short description for reasons: office or code, and the dates."""
        what = self.office or self.code or f"{self.country}{self.sector}" or "role"
        return f"{what} {self.span()}"


def _role_order(role: Tenure) -> tuple[float, int, bool, str]:
    # Best first: the most trusted, then the most recent start (an undated role
    # last), then one that names a country (an actor merged from two Phoenix
    # entries, PHLREB and IMGSEAMUSASF, is Philippine first).
    start = 1 if role.start is None else -role.start.toordinal()
    return (-role.confidence, start, not role.country, role.code)


@dataclass(frozen=True, slots=True)
class KbActor:
    """A named actor of the KB.

    Invariants: ``id`` is unique in the KB and stable across rebuilds (``wd:Q7747`` when
    the Wikidata QID is known, else ``phx:<name-key-slug>`` or ``cameo:<group code>``,
    or the curated entry's id, ``kabar:<slug>``, that the build merged it into);
    ``qid`` is ``None`` or ``Q<digits>`` and equals the id's QID for ``wd:`` ids;
    ``name`` is the display name, never empty, and not repeated in ``aliases``;
    ``members`` are ISO3 codes of member states (IGOs only, may be empty); ``also`` are
    the ids of entries merged into this one (no other actor's id, nor another's
    ``also``), under which :meth:`KnowledgeBase.get` finds it too.
    """

    id: str
    name: str
    kind: KbKind
    qid: str | None
    aliases: tuple[str, ...]
    roles: tuple[Tenure, ...]
    members: tuple[str, ...] = ()
    also: tuple[str, ...] = ()

    def roles_on(self, date: dt.date | None) -> tuple[Tenure, ...]:
        """The roles valid on ``date`` (all roles when ``date`` is None), best first."""
        roles = self.roles if date is None else [r for r in self.roles if r.valid_on(date)]
        return tuple(sorted(roles, key=_role_order))

    def names(self) -> tuple[str, ...]:
        """The display name followed by the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One actor a name may refer to on a date.

    ``roles`` are the actor's roles valid on the date, best first (all of them when no
    date was given; empty when none is valid). ``score`` ranks candidates of one call
    (higher is better, roughly 0..1.1); ``match`` is the tier that found the actor;
    ``reason`` says why in a few words ("alias exact 'Putin'; RUSGOV 2008-05-08..").
    """

    actor: KbActor
    roles: tuple[Tenure, ...]
    score: float
    match: MatchKind
    reason: str


_Hit = tuple[int, str]  # (actor index, the name form that matched)


class KnowledgeBase:
    """All KB actors, by id, by QID and by name keys.

    Invariants: ids and QIDs are unique, and so are merged (``also``) ids, none of
    which is an actor's own id; every name and alias of every actor is in the
    exact index under its :func:`name_key`, and in the variant index under its
    :func:`variant_key`; persons' surnames are in the surname index. The variant and
    surname indexes are built on the first lookup that needs them, not in the
    constructor: they cost about a third of the load time, and get()/by_qid() and
    exact matches do without them.
    """

    __slots__ = (
        "_actors",
        "_by_id",
        "_by_qid",
        "_exact",
        "_keyed",
        "_surname",
        "_surnames_by_initial",
        "_variant",
    )

    def __init__(self, actors: Iterable[KbActor]) -> None:
        self._actors = tuple(sorted(actors, key=lambda a: a.id))
        self._by_id: dict[str, int] = {}
        self._by_qid: dict[str, int] = {}
        self._exact: dict[str, list[_Hit]] = {}
        # (actor index, name key, form) of every name, kept until the fuzzy indexes exist.
        self._keyed: list[tuple[int, str, str]] | None = []
        self._variant: dict[str, list[_Hit]] = {}
        self._surname: dict[str, list[_Hit]] = {}
        # Surname keys by first letter: a near-spelling lookup only compares those.
        self._surnames_by_initial: dict[str, list[str]] = {}
        merged: dict[str, str] = {}  # merged id -> the id of the actor that holds it
        for index, actor in enumerate(self._actors):
            if actor.id in self._by_id:
                raise ValueError(f"actor id {actor.id} is listed twice")
            self._by_id[actor.id] = index
            for old in actor.also:
                if old in merged:
                    raise ValueError(f"merged id {old} belongs to {merged[old]} and {actor.id}")
                merged[old] = actor.id
            if actor.qid:
                if actor.qid in self._by_qid:
                    other = self._actors[self._by_qid[actor.qid]].id
                    raise ValueError(f"QID {actor.qid} belongs to both {other} and {actor.id}")
                self._by_qid[actor.qid] = index
            seen: set[str] = set()
            for form in actor.names():
                key = name_key(form)
                if key and key not in seen:
                    seen.add(key)
                    self._exact.setdefault(key, []).append((index, form))
                    self._keyed.append((index, key, form))
        for old, actor_id in merged.items():
            if old in self._by_id:
                raise ValueError(f"{old} is an actor and a merged id of {actor_id}")
            self._by_id[old] = self._by_id[actor_id]

    def _fuzzy(self) -> tuple[dict[str, list[_Hit]], dict[str, list[_Hit]]]:
        """The variant and surname indexes, built on first use."""
        keyed = self._keyed
        if keyed is not None:
            surnames: dict[int, set[str]] = {}
            for index, key, form in keyed:
                self._variant.setdefault(variant_key(key), []).append((index, form))
                if self._actors[index].kind == "person":
                    surname = _surname(key)
                    if surname is not None:
                        surnames.setdefault(index, set()).add(variant_key(surname))
            for index, keys in surnames.items():
                for surname in sorted(keys):
                    self._surname.setdefault(surname, []).append((index, self._actors[index].name))
            for surname in self._surname:
                self._surnames_by_initial.setdefault(surname[0], []).append(surname)
            self._keyed = None
        return self._variant, self._surname

    def get(self, actor_id: str) -> KbActor | None:
        """The actor with this id or merged (``also``) id, or None: an event stored with
        an id an older KB gave (``cameo:ALQ``) finds the actor it was merged into."""
        index = self._by_id.get(actor_id)
        return None if index is None else self._actors[index]

    def by_qid(self, qid: str) -> KbActor | None:
        """The actor with this Wikidata QID, or None."""
        index = self._by_qid.get(qid)
        return None if index is None else self._actors[index]

    def actors(self) -> tuple[KbActor, ...]:
        """All actors, ordered by id."""
        return self._actors

    def __iter__(self) -> Iterator[KbActor]:
        return iter(self._actors)

    def __len__(self) -> int:
        return len(self._actors)

    def get_candidates(self, name: str, date: dt.date | None) -> list[Candidate]:
        """Every actor ``name`` may refer to on ``date``, best first; [] when none.

        Tiers (alias, variant, surname) are described in the module docstring; an actor
        found by several tiers keeps its best. With a date, an actor with a valid role
        gains up to 0.1 and one whose roles all lie outside the date loses 0.3 (and its
        reason says "no role valid on ..."). Ties go to the actor with more valid roles,
        then one with a QID, then by id, so the order is deterministic.
        """
        text = re.sub(r"['\u2019]s?$", "", name.strip())  # "Putin's", "the Philippines'"
        key = name_key(text)
        if not key:
            return []
        found: dict[int, tuple[float, MatchKind, str]] = {}

        def note(index: int, score: float, match: MatchKind, reason: str) -> None:
            if index not in found or found[index][0] < score:
                found[index] = (score, match, reason)

        for index, form in self._exact.get(key, ()):
            note(index, _SCORE["alias"], "alias", f"alias exact {form!r}")
        variant_index, surname_index = self._fuzzy()
        variant = variant_key(key)
        for index, form in variant_index.get(variant, ()):
            note(index, _SCORE["variant"], "variant", f"spelling variant of {form!r}")
        if " " not in key and len(key) >= _MIN_SURNAME:
            for index, full in surname_index.get(variant, ()):
                names = self._actors[index].names()
                exact = key in {name_key(f).split()[-1] for f in names if name_key(f)}
                score = _SCORE["surname"] if exact else _SURNAME_VARIANT
                how = "surname" if exact else "surname variant"
                note(index, score, "surname", f"{how} of {full!r}")
        if not found and " " in key:
            for index, tier, reason in self._near(variant, surname_index):
                note(index, _SCORE[tier], tier, reason)
        candidates = [
            self._candidate(self._actors[index], score, match, reason, date)
            for index, (score, match, reason) in found.items()
        ]
        candidates.sort(key=lambda c: (-c.score, -len(c.roles), c.actor.qid is None, c.actor.id))
        return candidates

    def _near(
        self, variant: str, surname_index: dict[str, list[_Hit]]
    ) -> list[tuple[int, MatchKind, str]]:
        """Persons whose names hold the other words, with the same surname (``within``)
        or one a slip away (``near``)."""
        *given, surname = variant.split()
        if len(surname) < _NEAR_MIN or not given:
            return []
        allowed = 2 if len(surname) > _NEAR_TWO_EDITS else 1
        found: list[tuple[int, MatchKind, str]] = []
        for other in self._surnames_by_initial.get(surname[0], ()):
            if abs(len(other) - len(surname)) > allowed:
                continue
            hits = surname_index[other]
            edits = edit_distance(surname, other, allowed)
            if edits > allowed:
                continue
            # A shared surname ("Smith") with a partial name is as weak as a slip:
            # "John Smith" is not the one John Hilary Smith the KB happens to hold.
            common = len(hits) > 1
            for index, full in hits:
                words = _name_words(self._actors[index].names())
                if set(given) <= words:
                    if edits:
                        found.append((index, "near", f"near spelling of {full!r}"))
                    elif common:
                        found.append((index, "near", f"names within {full!r}, a shared surname"))
                    else:
                        found.append((index, "within", f"names within {full!r}"))
        return found

    @staticmethod
    def _candidate(
        actor: KbActor, score: float, match: MatchKind, reason: str, date: dt.date | None
    ) -> Candidate:
        roles = actor.roles_on(date)
        if date is None:
            reason += "; no date given, all roles"
        elif roles:
            score += _VALID_BONUS * roles[0].confidence
            reason += f"; {roles[0].label()} valid on {date.isoformat()}"
        elif actor.roles:
            score -= _NO_VALID_ROLE
            reason += f"; no role valid on {date.isoformat()}"
        else:
            reason += "; no roles known"
        return Candidate(actor, roles, round(score, 4), match, reason)

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(text, actor id) for every name and alias as news writes it, for phrase
        patterns of an entity ruler (exact spelling and case).

        Left out: one-word forms that are common words (``_COMMON_WORDS``), forms with
        fewer than two letters, one-word forms under three letters that are not
        capitals-only acronyms ("UN" stays), and forms with no capital or digit at the
        start of the form or of a later word ("al-Qaeda" stays).
        A one-word capitals-only organisation name also yields its capitalised spelling
        ("NATO", "Nato"), as British papers write it. Pairs come in actor-id order,
        each once.
        """
        for actor in self._actors:
            seen: set[str] = set()
            for form in actor.names():
                for text in _spellings(form, actor.kind):
                    if text not in seen and _usable_form(text):
                        seen.add(text)
                        yield text, actor.id


def _spellings(form: str, kind: KbKind) -> tuple[str, ...]:
    if kind != "person" and " " not in form and form.isupper() and form.isalpha():
        return (form, form.capitalize())
    return (form,)


def _usable_form(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    # "al-Qaeda", "al Shabaab", "de Klerk": a lower-case particle before a
    # capitalised name is still a name; a form with no capital at all is not.
    named = (
        text[0].isupper()
        or text[0].isdigit()
        or any(word[:1].isupper() for word in text.replace("-", " ").split()[1:])
    )
    if letters < 2 or not named:
        return False
    if " " not in text:
        if text.casefold() in _COMMON_WORDS:
            return False
        if letters < 3 and not text.replace(".", "").isupper():
            return False
    return True


# ---------------------------------------------------------------------------- loading


def _kb_file(name: str) -> str:
    return f"kabar/data/kb/{name}"


def _bad_row(name: str, number: int, problem: str) -> ResourceError:
    return damaged(
        name, number, f"{problem}; in a source checkout rebuild it with `python {_BUILDER}`"
    )


def _parse_day(name: str, number: int, text: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _bad_row(name, number, f"date {text!r} is not YYYY-MM-DD") from None


def _read_roles() -> dict[str, list[Tenure]]:
    roles: dict[str, list[Tenure]] = {}
    for number, row in read_rows(_ROLES, ROLE_COLUMNS):
        actor, country, sector, code, office, start, end, precision, source, conf = row
        if country and not _CODE3.fullmatch(country):
            raise _bad_row(_ROLES, number, f"country {country!r} is not an ISO3 code")
        if (sector and not _CODE3.fullmatch(sector)) or not _CAMEO_CODE.fullmatch(code):
            raise _bad_row(_ROLES, number, f"bad sector {sector!r} or code {code!r}")
        if precision not in ("day", "year") or not source:
            raise _bad_row(_ROLES, number, f"precision {precision!r}: day or year; source set")
        try:
            confidence = float(conf)
        except ValueError:
            confidence = -1.0
        if not 0 < confidence <= 1:
            raise _bad_row(_ROLES, number, f"confidence {conf!r} is not in (0, 1]")
        first, last = _parse_day(_ROLES, number, start), _parse_day(_ROLES, number, end)
        if first is not None and last is not None and first >= last:
            raise _bad_row(_ROLES, number, f"start {start} is not before end {end}")
        tenure = Tenure(
            country, sector, office, first, last, source, confidence, code,
            "day" if precision == "day" else "year",
        )  # fmt: skip
        roles.setdefault(actor, []).append(tenure)
    return roles


@functools.cache
def _built_actors() -> tuple[KbActor, ...]:
    """The built actors with their roles, read and checked once per process."""
    roles = _read_roles()
    actors: list[KbActor] = []
    for number, row in read_rows(_ACTORS, ACTOR_COLUMNS):
        actor_id, kind, name, qid, aliases, members, also = row
        if not _ID.fullmatch(actor_id) or not name:
            raise _bad_row(_ACTORS, number, f"bad id {actor_id!r} or empty name")
        bad_qid = bool(qid) and not _QID.fullmatch(qid)
        if bad_qid or (actor_id.startswith("wd:") and actor_id != f"wd:{qid}"):
            raise _bad_row(_ACTORS, number, f"qid {qid!r} does not fit id {actor_id}")
        kind_ = _kind(kind)
        if kind_ is None:
            raise _bad_row(_ACTORS, number, f"kind {kind!r} is not one of {', '.join(KB_KINDS)}")
        merged = _split(also)
        if not all(_ID.fullmatch(old) for old in merged):
            raise _bad_row(_ACTORS, number, f"bad merged id in {also!r}")
        actors.append(
            KbActor(
                actor_id, name, kind_, qid or None, _split(aliases),
                tuple(roles.pop(actor_id, ())), _split(members), merged,
            )
        )  # fmt: skip
    if roles:
        orphan = sorted(roles)[0]
        raise damaged(_ROLES, None, f"roles of unknown actor {orphan} ({len(roles)} unknown ids)")
    return tuple(actors)


def _kind(text: str) -> KbKind | None:
    # Narrows str to the Literal for mypy.
    for kind in KB_KINDS:
        if text == kind:
            return kind
    return None


def _split(field: str) -> tuple[str, ...]:
    return tuple(part for part in field.split("|") if part)


def read_kb(curated: Sequence[Path] | None = None) -> KnowledgeBase:
    """The bundled built KB with curated layers on top, read now (not cached).

    ``curated=None`` layers the bundled ``kabar/data/kb/curated.yaml`` when it exists,
    then the user's dictionaries (:func:`user_dictionaries`); a sequence layers
    exactly those files, in order (later ones win). Raises
    ResourceError for a damaged bundled file or a malformed curated file.
    """
    layers: list[tuple[list[tuple[KbActor, bool]], str]] = []
    if curated is None:
        bundled = resources.files("kabar") / "data" / "kb" / _CURATED
        if bundled.is_file():
            origin = _kb_file(_CURATED)
            layers.append((parse_curated(bundled.read_text(encoding="utf-8"), origin), origin))
        # A user's own dictionaries (`kabar kb add`) come last, so they win.
        curated = user_dictionaries()
    if curated:
        for path in curated:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ResourceError(f"{path}: cannot read curated KB file ({exc})") from exc
            layers.append((parse_curated(text, str(path)), str(path)))
    actors = list(_built_actors())
    for entries, origin in layers:
        actors = overlay(actors, entries, origin)
    try:
        return KnowledgeBase(actors)
    except ValueError as exc:
        raise ResourceError(f"the KB is inconsistent: {exc}; fix the curated file") from exc


def user_kb_dir() -> Path:
    """Where `kabar kb add` keeps user dictionaries: ``$KABAR_HOME/kb``, else
    ``$XDG_DATA_HOME/kabar/kb``, else ``~/.local/share/kabar/kb``."""
    home = os.environ.get("KABAR_HOME")
    if home:
        return Path(home) / "kb"
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "kabar" / "kb"


def user_dictionaries() -> list[Path]:
    """The user's dictionary files, in name order (a later file wins on a shared id)."""
    folder = user_kb_dir()
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def add_user_dictionary(path: Path, name: str | None = None) -> tuple[Path, int]:
    """Check a dictionary in the curated format and install it for every later run.

    Returns the installed path and the number of actors it holds. Raises
    ResourceError naming the file, entry and problem when it is malformed;
    nothing is installed then.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"{path}: cannot read the dictionary ({exc})") from exc
    entries = parse_curated(text, str(path))
    target = user_kb_dir() / f"{name or path.stem}.yaml"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".yaml.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)  # atomic: a half-written dictionary is never loaded
    except OSError as exc:
        raise ResourceError(
            f"cannot install {path} into {target.parent} ({exc.strerror}); "
            "set KABAR_HOME to a writable folder"
        ) from exc
    return target, len(entries)


@functools.cache
def load_kb() -> KnowledgeBase:
    """The bundled KB (built data plus ``curated.yaml``) and the user's dictionaries,
    once per process.

    About 0.6 s and 80 MB on a developer machine; the first fuzzy lookup adds about
    0.2 s (see :class:`KnowledgeBase`). Raises ResourceError when a bundled file is
    missing, damaged or malformed.
    """
    return read_kb()


# ---------------------------------------------------------------------------- curated

# libyaml's safe loader when PyYAML has it (its wheels do): five times faster than the
# pure-Python one on a curated file of a thousand entries (0.14 s against 0.7 s), which
# keeps load_kb() under a second. Same safe subset of YAML either way.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ENTRY_KEYS = frozenset({"id", "name", "kind", "qid", "aliases", "roles", "members"})
_ROLE_KEYS = frozenset(
    {"country", "sector", "office", "start", "end", "code", "source", "confidence"}
)
_CURATED_HELP = "see the format in the docstring of kabar.actors.kb.parse_curated"


def parse_curated(text: str, origin: str) -> list[tuple[KbActor, bool]]:
    """The entries of a curated KB file, each with whether it lists ``roles``.

    The format (YAML)::

        version: "2026.11"
        actors:
          - id: wd:Q7747
            name: Vladimir Putin
            kind: person                # person | organisation | igo | group
            qid: Q7747                  # optional; a wd: id implies it
            aliases: [Putin, V. Putin]
            roles:                      # optional; when given, replaces built roles
                                        # from its earliest start on
              - {country: RUS, sector: GOV, office: President of Russia,
                 start: 2012-05-07, end: null}
            members: []                 # igo: ISO3 codes of member states

    A role may also give ``code`` (CAMEO actor code; default country + sector),
    ``source`` (default ``curated``) and ``confidence`` (default 1.0). ``end`` is
    exclusive: the first day the role no longer holds. Unknown keys are errors.
    Raises ResourceError naming ``origin``, the entry and the problem.
    """
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)
    except (yaml.YAMLError, ValueError) as exc:
        # PyYAML raises ValueError for an unquoted date that is no date (2012-13-01).
        raise ResourceError(f"{origin}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise ResourceError(f"{origin}: expected a mapping with an 'actors' list; {_CURATED_HELP}")
    unknown = sorted(set(data) - {"version", "actors"})
    if unknown:
        raise ResourceError(f"{origin}: unknown top-level keys {unknown}; {_CURATED_HELP}")
    entries: list[tuple[KbActor, bool]] = []
    seen: set[str] = set()
    for number, raw in enumerate(data["actors"], start=1):
        entry = _curated_entry(raw, f"{origin}: entry {number}")
        if entry[0].id in seen:
            raise ResourceError(f"{origin}: entry {number}: id {entry[0].id} is listed twice")
        seen.add(entry[0].id)
        entries.append(entry)
    return entries


def _curated_entry(raw: Any, where: str) -> tuple[KbActor, bool]:
    if not isinstance(raw, dict):
        raise ResourceError(f"{where}: expected a mapping with id, name, kind; {_CURATED_HELP}")
    actor_id = raw.get("id")
    if isinstance(actor_id, str):
        where = f"{where} ({actor_id})"

    def fail(problem: str) -> ResourceError:
        return ResourceError(f"{where}: {problem}; {_CURATED_HELP}")

    unknown = sorted(set(raw) - _ENTRY_KEYS)
    if unknown:
        raise fail(f"unknown keys {unknown} (allowed: {', '.join(sorted(_ENTRY_KEYS))})")
    if not isinstance(actor_id, str) or not _ID.fullmatch(actor_id):
        raise fail(f"id {actor_id!r} must look like 'wd:Q7747' or 'phx:name'")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("name is missing or empty")
    kind = _kind(str(raw.get("kind")))
    if kind is None:
        raise fail(f"kind {raw.get('kind')!r} is not one of {', '.join(KB_KINDS)}")
    qid = raw.get("qid")
    if qid is None and actor_id.startswith("wd:"):
        qid = actor_id[3:]
    if qid is not None and (not isinstance(qid, str) or not _QID.fullmatch(qid)):
        raise fail(f"qid {qid!r} is not a Wikidata id like Q7747")
    if actor_id.startswith("wd:") and actor_id != f"wd:{qid}":
        raise fail(f"qid {qid} does not match id {actor_id}")
    aliases = _string_list(raw.get("aliases"), "aliases", fail)
    members = _string_list(raw.get("members"), "members", fail)
    for member in members:
        if not _CODE3.fullmatch(member):
            raise fail(f"member {member!r} is not an ISO3 code")
    roles_raw = raw.get("roles")
    if roles_raw is not None and not isinstance(roles_raw, list):
        raise fail("roles must be a list of mappings")
    roles = tuple(
        _curated_role(role, f"role {number}", fail)
        for number, role in enumerate(roles_raw or (), start=1)
    )
    name = name.strip()
    alias_tuple = tuple(dict.fromkeys(a.strip() for a in aliases if a.strip() and a != name))
    actor = KbActor(actor_id, name, kind, qid, alias_tuple, roles, tuple(members))
    return actor, roles_raw is not None


def _string_list(value: Any, key: str, fail: Callable[[str], ResourceError]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise fail(f"{key} must be a list of strings")
    return list(value)


def _curated_role(raw: Any, what: str, fail: Callable[[str], ResourceError]) -> Tenure:
    if not isinstance(raw, dict):
        raise fail(f"{what}: expected a mapping with country, sector, office, start, end")
    unknown = sorted(set(raw) - _ROLE_KEYS)
    if unknown:
        raise fail(f"{what}: unknown keys {unknown} (allowed: {', '.join(sorted(_ROLE_KEYS))})")
    country = raw.get("country") or ""
    sector = raw.get("sector") or ""
    if not isinstance(country, str) or (country and not _CODE3.fullmatch(country)):
        raise fail(f"{what}: country {country!r} is not an ISO3 code or empty")
    if not isinstance(sector, str) or (sector and not _CODE3.fullmatch(sector)):
        raise fail(f"{what}: sector {sector!r} is not a CAMEO type code like GOV")
    code = raw.get("code") or f"{country}{sector}"
    if not isinstance(code, str) or not _CAMEO_CODE.fullmatch(code):
        raise fail(f"{what}: code {code!r} is not a CAMEO actor code like RUSGOV")
    office = raw.get("office") or ""
    source = raw.get("source") or "curated"
    if not isinstance(office, str) or not isinstance(source, str):
        raise fail(f"{what}: office and source must be text")
    start = _curated_day(raw.get("start"), f"{what}: start", fail)
    end = _curated_day(raw.get("end"), f"{what}: end", fail)
    if start is not None and end is not None and start >= end:
        raise fail(f"{what}: start {start} is not before end {end}")
    confidence = raw.get("confidence", 1.0)
    if not isinstance(confidence, int | float) or not 0 < confidence <= 1:
        raise fail(f"{what}: confidence {confidence!r} is not a number in (0, 1]")
    return Tenure(country, sector, office, start, end, source, float(confidence), code)


def _curated_day(value: Any, what: str, fail: Callable[[str], ResourceError]) -> dt.date | None:
    # YAML reads an unquoted 2012-05-07 as a date already; quoted, it is text.
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise fail(f"{what} {value!r} is not a date YYYY-MM-DD or null")


def _earlier(built: Iterable[Tenure], entry: Sequence[Tenure]) -> list[Tenure]:
    """The built roles that start before an entry's first dated role, ended when it
    starts: the entry's record of offices is authoritative from there on, and the
    history before it stays ("Ahmet Davutoglu" is Turkey's foreign minister from 2009
    in Phoenix before the curated prime ministership from 2014-08-28)."""
    starts = [role.start for role in entry]
    if not starts or None in starts:
        return []  # the entry's record reaches back to the beginning
    first = min(start for start in starts if start is not None)
    kept = []
    for role in built:
        if role.start is not None and role.start >= first:
            continue
        end = first if role.end is None or role.end > first else role.end
        if role.precision == "year" and end == first and first.timetuple().tm_yday != 1:
            continue  # a year-exact term cut mid-year is no longer exact to the year
        kept.append(dataclasses.replace(role, end=end))
    return [role for role in kept if role not in entry]


def overlay(
    built: Sequence[KbActor], entries: Sequence[tuple[KbActor, bool]], origin: str
) -> list[KbActor]:
    """``built`` with each curated entry layered on top (see the module docstring).

    An entry replaces every built actor with its id, a merged (``also``) id or its QID
    (merging them when several exist): its name, kind and members win, and its QID, else
    the one a replaced actor had; built names and aliases stay as aliases, and the
    replaced ids as merged ids; its roles replace theirs when the entry lists roles
    (but for the history before its first role, :func:`_earlier`), else theirs stay.
    """
    by_id = {actor.id: actor for actor in built}
    by_qid = {actor.qid: actor.id for actor in built if actor.qid}
    by_also = {old: actor.id for actor in built for old in actor.also}
    for entry, has_roles in entries:
        owners = [entry.id, by_also.get(entry.id), by_qid.get(entry.qid) if entry.qid else None]
        replaced = [by_id[i] for i in dict.fromkeys(owners) if i is not None and i in by_id]
        names = [*entry.aliases]
        roles = list(entry.roles)
        qid = entry.qid
        also: list[str] = []
        for old in replaced:
            del by_id[old.id]
            if old.qid:
                by_qid.pop(old.qid, None)
                qid = qid or old.qid
            names.extend(old.names())
            also.extend(i for i in (old.id, *old.also) if i != entry.id)
            roles.extend(old.roles if not has_roles else _earlier(old.roles, entry.roles))
        aliases = tuple(dict.fromkeys(n for n in names if n != entry.name))
        merged = KbActor(
            entry.id, entry.name, entry.kind, qid, aliases, tuple(roles), entry.members,
            tuple(dict.fromkeys(also)),
        )  # fmt: skip
        if qid and qid in by_qid and by_qid[qid] != entry.id:
            raise ResourceError(f"{origin}: {entry.id}: QID {qid} is taken")
        by_id[entry.id] = merged
        for merged_id in merged.also:
            by_also[merged_id] = entry.id
        by_also.pop(entry.id, None)
        if qid:
            by_qid[qid] = entry.id
    return list(by_id.values())
