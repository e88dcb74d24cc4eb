"""Countries, their names, nationality adjectives and capitals; and country-typed roles.

Two bundled tables, read once per process on first use:

* ``kabar/data/countries.tsv``, built by ``tools/build_countries.py`` from rigour,
  countrynames, Phoenix and GeoNames (see DATA_NOTICE.md): one row per country;
* ``kabar/data/actor_roles.tsv``, written by hand: role nouns and titles ("prime
  minister", "troops") that, next to a country, make a country-typed actor;
* ``kabar/data/peoples.tsv``, written by hand: peoples ("Yoruba", "Kurds") and the
  country most of them live in, when one does.

Lookups are case-insensitive on normalised text (:func:`normalise`): diacritics,
dots, hyphens, a leading "the" and a final "'s" do not matter, so "the U.S.",
"US" and "U.S.'s" all find the United States. Matchers over running text should
use :meth:`CountryTable.surface_forms`, which keeps each form's exact spelling and
case: "US" is the country, "us" is a pronoun.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from kabar._datafiles import damaged, read_rows
from kabar.actors.spelling import edit_distance

SurfaceKind = Literal["name", "adjective", "capital"]
RoleKind = Literal["person", "organisation", "group"]

_COUNTRIES = "countries.tsv"
_COUNTRY_COLUMNS = ("iso3", "cameo", "name", "qid", "names", "adjectives", "capitals")
_ROLES = "actor_roles.tsv"
_ROLE_COLUMNS = ("phrase", "sector", "role", "kind", "title")
_ROLE_KINDS: tuple[RoleKind, ...] = ("person", "organisation", "group")
_PEOPLES = "peoples.tsv"
_PEOPLE_COLUMNS = ("people", "country", "note")
_ISO3 = re.compile(r"[A-Z]{3}")
_QID = re.compile(r"Q[1-9][0-9]*")
_SECTOR = re.compile(r"[A-Z]{3}")
_LETTER_RUN = re.compile(r"\b(?:\w )+\w\b")
# Shortest form misspelt() corrects: shorter country forms are too close to each other.
_MISSPELT_MIN = 6


def normalise(text: str) -> str:
    """The lookup key of a country form: lower case, no diacritics, no leading "the",
    dots and hyphens as spaces, straight apostrophes, single spaces, and runs of single
    letters joined ("U.S.A." -> "usa", the same key as "USA").

    The build script applies the same function (``tools/build_countries.py: fold``);
    a test checks that every bundled form finds its own country.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("-", " ").replace(".", " ").casefold()
    text = " ".join(text.split())
    if text.startswith("the "):
        text = text[4:]
    return _LETTER_RUN.sub(lambda m: m.group(0).replace(" ", ""), text)


@dataclass(frozen=True, slots=True)
class Country:
    """A country with the English surface forms that name it in news text.

    ``iso3`` is ISO 3166 alpha-3 (Kosovo: the user-assigned ``XKX``); ``cameo`` is
    the CAMEO country code, equal to ``iso3`` except ROU/ROM, MNE/MTN, TLS/TMP and
    XKX/KSV. ``qid`` is the Wikidata id. ``names`` (never empty), ``adjectives``
    (demonyms and people nouns: "Afghan", "Afghans") and ``capitals`` (with seats of
    government and historical names: "Bishkek", "Frunze") are sorted, and no form of
    one country normalises to a form of another.
    """

    iso3: str
    name: str
    qid: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]
    cameo: str


@dataclass(frozen=True, slots=True)
class SurfaceForm:
    """One exact spelling that refers to a country, and what kind of form it is."""

    text: str
    iso3: str
    kind: SurfaceKind


class CountryTable:
    """All bundled countries, by ISO3 and by normalised surface form.

    Invariant: every normalised form belongs to exactly one country.
    """

    __slots__ = ("_by_initial", "_by_iso3", "_by_key", "_forms")

    def __init__(self, countries: tuple[Country, ...]) -> None:
        self._by_iso3 = {country.iso3: country for country in countries}
        forms: list[SurfaceForm] = []
        by_key: dict[str, list[SurfaceForm]] = {}
        for country in countries:
            kinds: tuple[tuple[SurfaceKind, tuple[str, ...]], ...] = (
                ("name", country.names),
                ("adjective", country.adjectives),
                ("capital", country.capitals),
            )
            for kind, texts in kinds:
                for text in texts:
                    form = SurfaceForm(text, country.iso3, kind)
                    same_key = by_key.setdefault(normalise(text), [])
                    if same_key and same_key[0].iso3 != country.iso3:
                        raise ValueError(
                            f"{text!r} names both {same_key[0].iso3} and {country.iso3}"
                        )
                    same_key.append(form)
                    forms.append(form)
        self._by_key = {key: tuple(found) for key, found in by_key.items()}
        self._forms = tuple(forms)
        # Keys of long forms by first letter, for misspelt(); built on first use.
        self._by_initial: dict[str, list[tuple[str, SurfaceForm]]] | None = None

    def get(self, iso3: str) -> Country | None:
        """The country with this ISO 3166 alpha-3 code, or None."""
        return self._by_iso3.get(iso3)

    def lookup(self, text: str) -> Country | None:
        """The country a name, adjective or capital refers to, or None.

        Case-insensitive on :func:`normalise`d text; a possessive "'s" is tried
        without when the text as given is not known ("Kyrgyzstan's").
        """
        form = self.lookup_form(text)
        return None if form is None else self._by_iso3[form.iso3]

    def lookup_form(self, text: str) -> SurfaceForm | None:
        """Like :meth:`lookup`, but the matched form with its kind: the one spelled
        as ``text`` when several forms share its normalised key ("UK", "U.K.")."""
        key = normalise(text)
        found = self._by_key.get(key)
        if found is None and key.endswith("'s"):
            found = self._by_key.get(key[:-2])  # "Kyrgyzstan's"
        elif found is None and key.endswith("s'"):
            found = self._by_key.get(key[:-1])  # "the Philippines'"
        if not found:
            return None
        return next((form for form in found if form.text == text), found[0])

    def misspelt(self, text: str) -> SurfaceForm | None:
        """The name or adjective a mistyped form meant ("Ethopia", "Phillippines"), or None.

        One edit away (an adjacent swap counts as one), the first letter right, and
        at least ``_MISSPELT_MIN`` letters, since short forms are one edit from each
        other ("Iran", "Oman"); when forms of two countries are that close, None.
        Callers check first that the text is no place of its own ("Indiana").
        """
        key = normalise(text)
        if len(key) < _MISSPELT_MIN:
            return None
        if self._by_initial is None:
            self._by_initial = {}
            for form in self._forms:
                form_key = normalise(form.text)
                if len(form_key) >= _MISSPELT_MIN - 1:
                    self._by_initial.setdefault(form_key[0], []).append((form_key, form))
        hits = {
            form.iso3: form
            for form_key, form in self._by_initial.get(key[0], ())
            if abs(len(form_key) - len(key)) <= 1 and edit_distance(key, form_key, 1) <= 1
        }
        return next(iter(hits.values())) if len(hits) == 1 else None

    def surface_forms(self) -> tuple[SurfaceForm, ...]:
        """Every form of every country, in table order (by ISO3; names, adjectives,
        capitals), with its exact spelling, for building a matcher."""
        return self._forms

    def countries(self) -> tuple[Country, ...]:
        """All countries, ordered by ISO3."""
        return tuple(self._by_iso3.values())

    def __iter__(self) -> Iterator[Country]:
        return iter(self._by_iso3.values())

    def __len__(self) -> int:
        return len(self._by_iso3)


@functools.cache
def load_country_table() -> CountryTable:
    """The bundled country table, read and checked once per process.

    Raises ResourceError when ``kabar/data/countries.tsv`` is missing or breaks an
    invariant of :class:`Country` or :class:`CountryTable`.
    """
    countries: list[Country] = []
    for number, (iso3, cameo, name, qid, names, adjectives, capitals) in read_rows(
        _COUNTRIES, _COUNTRY_COLUMNS
    ):
        if not (_ISO3.fullmatch(iso3) and _ISO3.fullmatch(cameo) and _QID.fullmatch(qid)):
            raise damaged(_COUNTRIES, number, f"bad iso3 {iso3!r}, cameo {cameo!r} or qid {qid!r}")
        if not names or not name:
            raise damaged(_COUNTRIES, number, f"{iso3} has no name")
        countries.append(
            Country(iso3, name, qid, _split(names), _split(adjectives), _split(capitals), cameo)
        )
    if len({country.iso3 for country in countries}) != len(countries):
        raise damaged(_COUNTRIES, None, "an ISO3 code is listed twice")
    try:
        return CountryTable(tuple(sorted(countries, key=lambda c: c.iso3)))
    except ValueError as exc:
        raise damaged(_COUNTRIES, None, str(exc)) from exc


def _split(field: str) -> tuple[str, ...]:
    return tuple(part for part in field.split("|") if part)


@dataclass(frozen=True, slots=True)
class Role:
    """A role noun or title that a country makes into an actor ("Kyrgyz troops").

    ``phrase`` is lower case, one or more words ("prime minister"); ``sector`` a
    CAMEO/PLOVER sector code (GOV, MIL, COP ...); ``role`` a free-text office ("head
    of state"); ``kind`` the kind of actor it names (a plural of a person noun is a
    ``group``); ``title`` is True when the phrase can stand before a personal name
    ("President Vladimir Putin"), which only ``person`` roles do.
    """

    phrase: str
    sector: str
    role: str
    kind: RoleKind
    title: bool


class RoleTable:
    """Role nouns and titles by phrase. Invariant: phrases are unique and lower case."""

    __slots__ = ("_by_phrase",)

    def __init__(self, roles: tuple[Role, ...]) -> None:
        self._by_phrase = {role.phrase: role for role in roles}

    def lookup(self, phrase: str) -> Role | None:
        """The role named by ``phrase`` (any case, spaces collapsed), or None."""
        return self._by_phrase.get(" ".join(phrase.lower().split()))

    def roles(self) -> tuple[Role, ...]:
        """All roles, ordered by phrase."""
        return tuple(self._by_phrase.values())

    def __iter__(self) -> Iterator[Role]:
        return iter(self._by_phrase.values())

    def __len__(self) -> int:
        return len(self._by_phrase)


@functools.cache
def load_roles() -> RoleTable:
    """The bundled role table, read and checked once per process.

    Raises ResourceError when ``kabar/data/actor_roles.tsv`` is missing or breaks an
    invariant of :class:`Role` or :class:`RoleTable`.
    """
    roles: dict[str, Role] = {}
    for number, (phrase, sector, role, kind, title) in read_rows(_ROLES, _ROLE_COLUMNS):
        if phrase != " ".join(phrase.lower().split()) or not phrase:
            raise damaged(_ROLES, number, f"phrase {phrase!r} is not lower case, single-spaced")
        if phrase in roles:
            raise damaged(_ROLES, number, f"phrase {phrase!r} listed twice")
        if not _SECTOR.fullmatch(sector) or not role:
            raise damaged(_ROLES, number, f"bad sector {sector!r} or empty role")
        if kind not in _ROLE_KINDS:
            raise damaged(_ROLES, number, f"kind {kind!r} is not one of {', '.join(_ROLE_KINDS)}")
        if title not in ("yes", "no") or (title == "yes" and kind != "person"):
            raise damaged(_ROLES, number, f"title {title!r}: yes (person roles only) or no")
        roles[phrase] = Role(phrase, sector, role, _role_kind(kind), title == "yes")
    return RoleTable(tuple(roles[phrase] for phrase in sorted(roles)))


def _role_kind(kind: str) -> RoleKind:
    # Checked against _ROLE_KINDS above; this narrows str to the Literal for mypy.
    for known in _ROLE_KINDS:
        if kind == known:
            return known
    raise AssertionError(kind)


@dataclass(frozen=True, slots=True)
class People:
    """A people (ethnic group) as news names it: "Yoruba", "Kurds".

    ``name`` is the form as written in the table (capitalised); ``country`` the ISO3
    code of the one country most of them live in, or None when several countries
    share them (Kurds, Hutu): their country then comes from the text.
    """

    name: str
    country: str | None


class PeopleTable:
    """Peoples by form, case-sensitive: "Karen" is a people, "karen" is not.

    Invariant: no form is also a country name, adjective or capital.
    """

    __slots__ = ("_by_form",)

    def __init__(self, peoples: tuple[People, ...]) -> None:
        self._by_form = {people.name: people for people in peoples}

    def lookup(self, text: str) -> People | None:
        """The people named exactly ``text``, or None."""
        return self._by_form.get(text)

    def __len__(self) -> int:
        return len(self._by_form)


@functools.cache
def load_peoples() -> PeopleTable:
    """The bundled table of peoples, read and checked once per process.

    Raises ResourceError when ``kabar/data/peoples.tsv`` is missing, names an
    unknown country, lists a form twice or claims a form of the country table.
    """
    countries = load_country_table()
    peoples: dict[str, People] = {}
    for number, (name, country, _note) in read_rows(_PEOPLES, _PEOPLE_COLUMNS):
        if not name[:1].isupper() or name in peoples:
            raise damaged(
                _PEOPLES, number, f"people {name!r} is not capitalised or is listed twice"
            )
        if country and countries.get(country) is None:
            raise damaged(_PEOPLES, number, f"country {country!r} is not in countries.tsv")
        if countries.lookup(name) is not None:
            raise damaged(_PEOPLES, number, f"{name!r} already names a country")
        peoples[name] = People(name, country or None)
    return PeopleTable(tuple(peoples.values()))
