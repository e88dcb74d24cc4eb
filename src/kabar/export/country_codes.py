"""ISO 3166 alpha-2 and FIPS 10-4 codes of each country, for formats that use them.

kabar keeps countries as ISO alpha-3 codes; GDELT's geography columns use FIPS 10-4
(Germany is ``GM``, not ``DE``) and PLOVER's ``eventLoc`` uses alpha-2. The table is
bundled as ``kabar/data/country_codes.tsv`` (GeoNames, built by
``tools/build_country_codes.py``) and read once per process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kabar._datafiles import damaged, read_rows

_FILE = "country_codes.tsv"
_COLUMNS = ("iso3", "iso2", "fips")


@dataclass(frozen=True, slots=True)
class CountryCodes:
    """One country's codes; ``fips`` is ``None`` where GeoNames has none."""

    iso3: str
    iso2: str
    fips: str | None


@functools.cache
def load_country_codes() -> dict[str, CountryCodes]:
    """ISO3 -> codes. Raises ResourceError when the bundled table is missing or damaged."""
    table: dict[str, CountryCodes] = {}
    for number, (iso3, iso2, fips) in read_rows(_FILE, _COLUMNS):
        if len(iso3) != 3 or len(iso2) != 2 or len(fips) not in (0, 2) or iso3 in table:
            raise damaged(_FILE, number, f"bad or repeated row {iso3!r} {iso2!r} {fips!r}")
        table[iso3] = CountryCodes(iso3, iso2, fips or None)
    return table
