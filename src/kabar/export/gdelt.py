"""Events as GDELT 2.0 event-table rows: 61 tab-separated columns, one row per dyad.

Tools built for GDELT read this without change. Rows are CAMEO-style dyads
(``kabar.export.dyads``): each source with each target, both directions for a
reciprocal event, as GDELT has one Actor1 and one Actor2 per row. A column is
filled where kabar has the value and left empty otherwise. The columns, in the
codebook's order:

- ``GLOBALEVENTID``: an integer made from the event id and the dyad index: the
  first 8 bytes of SHA-256 of ``"<event id>:<dyad index>"``, big-endian, kept to
  their low 53 bits, so the same dyad of the same event always gets the same id
  and it survives tools that read numbers as doubles (JavaScript, spreadsheets).
- ``SQLDATE`` (YYYYMMDD), ``MonthYear`` (YYYYMM), ``Year``, ``FractionDate``
  (year plus the fraction of it elapsed by that day, 4 decimals): the event's
  date; empty when it has none.
- ``Actor1Code``, ``Actor1Name``, ``Actor1CountryCode``, ``Actor1KnownGroupCode``,
  ``Actor1EthnicCode``, ``Actor1Religion1Code``, ``Actor1Religion2Code``,
  ``Actor1Type1Code``, ``Actor1Type2Code``, ``Actor1Type3Code``: the source. The
  code is the CAMEO country code (CAMEO spells a few countries unlike ISO:
  Romania ``ROM``, Kosovo ``KSV``) followed by the actor's sectors; the three
  type codes are its first three sectors; the known-group code is filled for
  actors from CAMEO's known-group list. kabar codes no ethnicity or religion:
  those columns stay empty.
- ``Actor2Code`` ... ``Actor2Type3Code``: the target, the same way; all empty
  when the event has none.
- ``IsRootEvent``: 1 when the event was read from the article's first sentence
  (GDELT's test is the lead paragraph, which kabar's evidence does not record).
- ``EventCode``, ``EventBaseCode`` (the first three digits), ``EventRootCode``,
  ``QuadClass``, ``GoldsteinScale``: from the CAMEO code.
- ``NumMentions``, ``NumSources``, ``NumArticles``: from the event's dedup
  cluster when clusters are given, else 1 (one mention in one article). Every
  event of a cluster carries the cluster's counts, so for GDELT's one row per
  event write one event per cluster (the store exports its representative).
- ``AvgTone``: empty (kabar measures no tone).
- ``Actor1Geo_*`` and ``Actor2Geo_*`` (``Type``, ``FullName``, ``CountryCode``,
  ``ADM1Code``, ``ADM2Code``, ``Lat``, ``Long``, ``FeatureID``): empty, as kabar
  places the event, not its actors.
- ``ActionGeo_*``: the event's location. ``Type`` follows GDELT: 1 a country,
  2 a US state, 3 a US city, 4 a city elsewhere, 5 a first-level region elsewhere;
  ``FullName`` is "place, region, country"; ``CountryCode`` is the FIPS 10-4 code
  (from GeoNames' country table, ``kabar/data/country_codes.tsv``); ``Lat`` and
  ``Long``. ``ADM1Code``, ``ADM2Code`` and ``FeatureID`` stay empty: GDELT fills
  them with FIPS region codes and GNS/GNIS feature ids, which kabar does not have
  (its places are GeoNames ids, another numbering).
- ``DATEADDED`` (YYYYMMDDHHMMSS) and ``SOURCEURL``: the article's publication date
  (at 00:00:00) and URL, when ``articles`` are given.

GDELT's own files have no header line, and neither has this one unless
``header=True``; ``GDELT_COLUMNS`` holds the names for readers.

    write_gdelt(events, out, clusters=None, articles=None, header=False)   # out: text
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from typing import IO

from kabar.actors.countries import load_country_table
from kabar.export.clusters import ClusterInfo, by_event
from kabar.export.country_codes import load_country_codes
from kabar.export.dyads import Dyad, dyads
from kabar.model import Actor, Article, Event, Place


def _actor_columns(n: int) -> list[str]:
    fields = (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
        "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
    )  # fmt: skip
    return [f"Actor{n}{field}" for field in fields]


def _geo_columns(prefix: str) -> list[str]:
    fields = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    return [f"{prefix}_{field}" for field in fields]


GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *_actor_columns(1),
    *_actor_columns(2),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *_geo_columns("Actor1Geo"),
    *_geo_columns("Actor2Geo"),
    *_geo_columns("ActionGeo"),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# A value kabar cannot honestly fill.
_EMPTY = ""


def write_gdelt(
    events: Iterable[Event],
    out: IO[str],
    clusters: Iterable[ClusterInfo] | None = None,
    *,
    articles: Mapping[str, Article] | None = None,
    header: bool = False,
) -> int:
    """Write one GDELT row per dyad of each event; returns the rows written."""
    index = by_event(clusters)
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    count = 0
    for event in events:
        # `is not None`, not truthiness: a store-backed mapping would count its rows.
        article = articles.get(event.article_id) if articles is not None else None
        for dyad in dyads(event):
            row = gdelt_row(dyad, index.get(event.id), article)
            out.write("\t".join(row) + "\n")
            count += 1
    return count


def global_event_id(event_id: str, dyad_index: int) -> int:
    """The integer GLOBALEVENTID of one dyad (see the module docstring)."""
    digest = hashlib.sha256(f"{event_id}:{dyad_index}".encode()).digest()
    return int.from_bytes(digest[:8], "big") & ((1 << 53) - 1)


def gdelt_row(
    dyad: Dyad, cluster: ClusterInfo | None = None, article: Article | None = None
) -> tuple[str, ...]:
    """The 61 fields of one dyad, as strings (empty where kabar has no value)."""
    event = dyad.event
    cameo = event.cameo
    row = (
        str(global_event_id(event.id, dyad.index)),
        *_date_fields(event.date),
        *_actor_fields(dyad.source.actor),
        *_actor_fields(dyad.target.actor if dyad.target else None),
        "1" if event.evidence.sentence_index == 0 else "0",
        cameo.code,
        cameo.code[:3],
        cameo.root,
        str(cameo.quad_class),
        str(cameo.goldstein),
        str(cluster.num_mentions if cluster else 1),
        str(cluster.num_sources if cluster else 1),
        str(cluster.num_articles if cluster else 1),
        _EMPTY,  # AvgTone
        *([_EMPTY] * 16),  # Actor1Geo_*, Actor2Geo_*
        *_geo_fields(event.location),
        article.date.strftime("%Y%m%d000000") if article and article.date else _EMPTY,
        article.url if article else _EMPTY,
    )
    # Tabs or line breaks inside a field would shift every later column.
    return tuple(" ".join(field.split()) if _needs_clean(field) else field for field in row)


def _needs_clean(field: str) -> bool:
    return "\t" in field or "\n" in field or "\r" in field


def _date_fields(date: dt.date | None) -> tuple[str, str, str, str]:
    if date is None:
        return (_EMPTY,) * 4
    days = 366 if calendar.isleap(date.year) else 365
    fraction = date.year + date.timetuple().tm_yday / days
    return date.strftime("%Y%m%d"), date.strftime("%Y%m"), str(date.year), f"{fraction:.4f}"


def _cameo_country(iso3: str | None) -> str:
    if not iso3:
        return _EMPTY
    country = load_country_table().get(iso3)
    return country.cameo if country else iso3


def _actor_fields(actor: Actor | None) -> tuple[str, ...]:
    if actor is None:
        return (_EMPTY,) * 10
    country = _cameo_country(actor.country)
    # KB ids "cameo:<group code>" are CAMEO's known groups (tools/build_kb.py).
    known_group = actor.id.removeprefix("cameo:") if actor.id.startswith("cameo:") else _EMPTY
    types = [*actor.sectors[:3], _EMPTY, _EMPTY, _EMPTY][:3]
    code = country + known_group + "".join(actor.sectors)
    return (code, actor.name, country, known_group, _EMPTY, _EMPTY, _EMPTY, *types)


def _geo_fields(place: Place | None) -> tuple[str, ...]:
    if place is None or place.precision == "unknown" or not place.country:
        return (_EMPTY,) * 8
    us = place.country == "USA"
    geo_type = {"country": 1, "admin1": 2 if us else 5, "exact": 3 if us else 4}[place.precision]
    country = load_country_table().get(place.country)
    country_name = country.name if country else place.country
    parts = [place.name]
    if place.precision == "exact" and place.admin1:
        parts.append(place.admin1)
    if place.precision != "country":
        parts.append(country_name)
    codes = load_country_codes().get(place.country)
    return (
        str(geo_type),
        ", ".join(parts),
        (codes.fips or _EMPTY) if codes else _EMPTY,
        _EMPTY,
        _EMPTY,
        _EMPTY if place.lat is None else str(place.lat),
        _EMPTY if place.lon is None else str(place.lon),
        _EMPTY,
    )
