"""Build ``tools/us_counties.tsv``: a point for every county of the United States.

News names American counties ("Dallas County", "Scott County, Indiana") as often
as towns, and neither GeoNames' extracts reachable here nor Natural Earth's
first-level layer has them. The US Census Bureau's cartographic county boundaries
(2017, public domain as a work of the US government) do, as packed in the npm
package ``us-atlas`` 3.0.1 (ISC licence, (c) Michael Bostock)::

    npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python tools/build_us_counties.py package/counties-10m.json

The point is the area centroid by the rule of ``tools/build_country_centroids.py``.
Kept: the counties of the 50 states (Louisiana's parishes as "X Parish"); left
out: Alaska's boroughs and census areas, the District of Columbia, Puerto Rico's
municipios and the territories (GeoNames has them as places or countries), and
independent cities (Virginia's, Baltimore, St. Louis, Carson City: GeoNames has
them as towns, and "Richmond County" is another unit).

Columns: ``fips`` (5 digits), ``state`` (its name, as GeoNames' admin-1 names it),
``name`` ("Scott County"), ``lat``, ``lon``. Rows sorted by ``fips``; coordinates
rounded to 2 decimals: the same input gives a byte-identical file, committed so
that the gazetteer build needs no npm.
"""

from __future__ import annotations

import json
from pathlib import Path

from build_country_centroids import country_point, decode_arcs, run_build

OUT = Path(__file__).resolve().parent / "us_counties.tsv"
HEADER = (
    "# US counties: US Census Bureau cartographic boundaries 2017 (public domain), via "
    "npm us-atlas 3.0.1 (ISC). Built by tools/build_us_counties.py: do not edit by hand.\n"
    "fips\tstate\tname\tlat\tlon\n"
)
# State FIPS codes left out (module docstring): Alaska, DC, Puerto Rico, territories.
_SKIPPED_STATES = frozenset({"02", "11", "60", "66", "69", "72", "78"})
# Independent cities, which the Census file lists among counties.
_INDEPENDENT_CITIES = frozenset({"24510", "29510", "32510"})


def is_county(fips: str) -> bool:
    """Whether a Census county code names a county of a state we keep."""
    state, county = fips[:2], int(fips[2:])
    if state in _SKIPPED_STATES or fips in _INDEPENDENT_CITIES:
        return False
    return not (state == "51" and county >= 500)  # Virginia's cities are 510-840


def build(topology_path: Path) -> str:
    topology = json.loads(topology_path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    states = {
        str(g["id"]): g["properties"]["name"] for g in topology["objects"]["states"]["geometries"]
    }
    rows = []
    for geometry in topology["objects"]["counties"]["geometries"]:
        fips = str(geometry["id"])
        point = country_point(geometry, arcs)
        if point is None or not is_county(fips):
            continue
        kind = "Parish" if fips.startswith("22") else "County"
        name = f"{geometry['properties']['name']} {kind}"
        rows.append((fips, states[fips[:2]], name, point[1], point[2]))
    lines = [f"{f}\t{s}\t{n}\t{lat:.2f}\t{lon:.2f}\n" for f, s, n, lat, lon in sorted(rows)]
    return HEADER + "".join(lines)


def main(argv: list[str] | None = None) -> int:
    return run_build(build, __doc__, "counties-10m.json from npm us-atlas", OUT, argv)


if __name__ == "__main__":
    raise SystemExit(main())
