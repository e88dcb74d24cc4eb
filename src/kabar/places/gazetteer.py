"""The gazetteer: places by name, read once per process from ``kabar/data/gazetteer.tsv.gz``.

The file is built by ``tools/build_gazetteer.py`` from GeoNames (continents,
countries, first-level regions, populated places of 1,000 people or more), Natural
Earth (second-level units, named regions) and the US Census (counties), with
Latin-script alternate and historical names, every lookup key already folded with
:func:`kabar.actors.countries.normalise`. Country names and aliases ("U.S.",
"Britain") and capitals ("Frunze") come from kabar's country table instead, so the
two never disagree; nationality adjectives ("Kyrgyz") are no place and find nothing.

Tests build a :class:`Gazetteer` from a handful of entries (``Gazetteer(entries)``);
everything else uses :func:`load_gazetteer`.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from kabar.actors.countries import CountryTable, load_country_table, normalise
from kabar.errors import ResourceError

PlaceKind = Literal["continent", "country", "region", "admin1", "admin2", "city"]

_FILE = "gazetteer.tsv.gz"
_COLUMNS = (
    "id",
    "kind",
    "name",
    "country",
    "admin1",
    "lat",
    "lon",
    "population",
    "capital",
    "names",
    "keys",
)
_KINDS: dict[str, PlaceKind] = {
    "continent": "continent",
    "country": "country",
    "region": "region",
    "admin1": "admin1",
    "admin2": "admin2",
    "city": "city",
}
_FIX = "reinstall kabar; in a source checkout rebuild it with `python tools/build_gazetteer.py`"


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place. ``kind``: a continent, a country, a ``region`` (a named group of
    units, "Darfur", or of countries, "West Africa"), a GeoNames first-level region
    (``admin1``), a second-level unit (``admin2``: "Dorset", "Pangasinan") or a
    populated place (``city``). ``geonames_id`` is negative for a place GeoNames
    has no id for (regions, a few units). ``country`` is ISO3 (None for a continent
    or a group of countries); ``admin1`` the GeoNames admin-1 code (``"KG.01"``) of
    a region or of the region a city lies in, else None; ``lat``/``lon`` in degrees
    (a country's or unit's point is its Natural Earth area centroid, a group's the
    area-weighted mean of its members); ``population`` is 0 when unknown (a unit's
    is an estimate from its towns); ``capital``
    is True only for the capital city of ``country``. ``names`` counts the place's
    distinct names (its lookup keys less those a rule made, "New York State",
    "N.Y."): how widely it is known, a hint of prominence beyond population (Geneva
    has 24, each of the Genevas of the United States 3-6)."""

    geonames_id: int
    name: str
    kind: PlaceKind
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    capital: bool = False
    names: int = 1


class Gazetteer:
    """Places by folded name, plus the country table's names and capitals.

    Invariant: every key maps to at least one entry; lookups never raise. Rows of
    the bundled file stay unparsed text until a lookup reaches them: parsing all
    150k on load would double the load time for the few hundred an article needs.
    """

    __slots__ = ("_admin1_names", "_by_key", "_capitals", "_countries", "_country_rows", "_rows")

    def __init__(
        self,
        entries: Iterable[GazetteerEntry],
        keys: Iterable[tuple[str, GazetteerEntry]] = (),
        countries: CountryTable | None = None,
    ) -> None:
        """``entries`` are found by their own folded name; ``keys`` add (folded key,
        entry) pairs for other names. ``countries`` adds country names and capitals."""
        self._rows: list[GazetteerEntry | str] = []
        self._by_key: dict[str, int | list[int]] = {}
        self._country_rows: dict[str, GazetteerEntry] = {}
        self._capitals: dict[str, GazetteerEntry] = {}
        self._admin1_names: dict[str, str] = {}
        self._countries = countries
        row_of: dict[int, int] = {}
        for entry in entries:
            row_of[entry.geonames_id] = self._add(entry)
            self._index(normalise(entry.name), row_of[entry.geonames_id])
        for key, entry in keys:
            self._index(key, row_of.get(entry.geonames_id) or self._add(entry))

    def _add(self, entry: GazetteerEntry | str) -> int:
        """Store a row (parsed, or raw text parsed on first lookup); its row number."""
        self._rows.append(entry)
        if isinstance(entry, GazetteerEntry):
            if entry.kind == "country" and entry.country:
                self._country_rows[entry.country] = entry
            elif entry.kind == "admin1" and entry.admin1:
                self._admin1_names[entry.admin1] = entry.name
            elif entry.capital and entry.country:
                self._capitals[entry.country] = entry
        return len(self._rows) - 1

    def _index(self, key: str, row: int) -> None:
        # Most keys name one place: an int, not a one-item list, saves 40% of load time.
        found = self._by_key.get(key)
        if found is None:
            self._by_key[key] = row
        elif isinstance(found, int):
            if found != row:
                self._by_key[key] = [found, row]
        elif row not in found:
            found.append(row)

    def _entry(self, row: int) -> GazetteerEntry:
        stored = self._rows[row]
        if isinstance(stored, str):
            stored = _parse(stored, row)
            self._rows[row] = stored
        return stored

    def candidates(self, name: str) -> tuple[GazetteerEntry, ...]:
        """Every place ``name`` may refer to, without repeats; empty when none.

        Case-insensitive (recognition decides which spans are names at all); a
        possessive "'s" is tried without. A nationality adjective finds nothing.
        """
        key = normalise(name)
        rows = self._by_key.get(key)
        if rows is None and key.endswith("'s"):
            rows = self._by_key.get(key[:-2])
        found = (
            []
            if rows is None
            else [self._entry(r) for r in ([rows] if isinstance(rows, int) else rows)]
        )
        form = self._countries.lookup_form(name) if self._countries is not None else None
        if form is not None and form.kind == "name" and form.iso3 in self._country_rows:
            found.insert(0, self._country_rows[form.iso3])
        elif (
            form is not None
            and form.kind == "capital"
            and form.iso3 in self._capitals
            and not any(entry.country == form.iso3 for entry in found)
        ):
            # A capital's old name ("Frunze") that GeoNames lacks. A seat of
            # government the table also lists ("Dar es Salaam") is found as itself.
            found.insert(0, self._capitals[form.iso3])
        unique = {entry.geonames_id: entry for entry in found}
        return tuple(unique.values())

    def country(self, iso3: str) -> GazetteerEntry | None:
        """The country entry of an ISO3 code, or None."""
        return self._country_rows.get(iso3)

    def admin1_name(self, code: str | None) -> str | None:
        """The name of a GeoNames admin-1 code ("KG.01" -> "Bishkek"), or None."""
        return self._admin1_names.get(code) if code else None

    def __len__(self) -> int:
        return len(self._rows)


def _parse(line: str, row: int) -> GazetteerEntry:
    fields = line.split("\t")
    try:
        ident, kind, name, country, admin1, lat, lon, population, capital, names, _ = fields
        return GazetteerEntry(
            int(ident),
            name,
            _KINDS[kind],
            country or None,
            admin1 or None,
            float(lat),
            float(lon),
            int(population),
            capital == "1",
            int(names),
        )
    except (ValueError, KeyError) as exc:
        raise ResourceError(
            f"kabar/data/{_FILE}: data row {row + 1} is damaged ({exc}); {_FIX}"
        ) from exc


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The bundled gazetteer with the country table, read once per process.

    Raises ResourceError when the file is missing or damaged.
    """
    try:
        raw = (resources.files("kabar") / "data" / _FILE).read_bytes()
        text = gzip.decompress(raw).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise ResourceError(f"kabar/data/{_FILE} cannot be read ({exc}); {_FIX}") from exc
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    if not lines or tuple(lines[0].split("\t")) != _COLUMNS:
        raise ResourceError(f"kabar/data/{_FILE} has no header {'|'.join(_COLUMNS)}; {_FIX}")
    gazetteer = Gazetteer((), countries=load_country_table())
    # Rows come continents, countries, regions, capitals, other cities (the build
    # sorts them so): everything before the first non-capital city is parsed now,
    # since countries, region names and capitals are looked up by code.
    eager = True
    for line in lines[1:]:
        head, _, keys = line.rpartition("\t")
        # head ends "<capital>\t<names>".
        if eager and "\tcity\t" in head and not head.rpartition("\t")[0].endswith("\t1"):
            eager = False
        row = gazetteer._add(_parse(line, len(gazetteer)) if eager else line)
        for key in keys.split("|"):
            gazetteer._index(key, row)
    return gazetteer
