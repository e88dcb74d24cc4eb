"""Flat rows of events: the columns the CSV and Parquet writers share.

One row per event (compound actors kept as lists) or per CAMEO-style dyad (one
source and one target, as GDELT and PETRARCH tools expect; see
``kabar.export.dyads``). Every value comes from ``event_record``/``dyad_record`` of
``kabar.export.jsonl``, so the flat formats say exactly what the JSON lines say.
The columns, in order (``list`` columns hold one entry per actor; in CSV they are
joined with ``;``):

====================  =======  ====================================================
column                type     meaning
====================  =======  ====================================================
id                    str      event id, or ``<event id>-<dyad index>`` for a dyad row
event_id              str      the event the row belongs to
dyad_index            int      the dyad's index within its event (empty for event rows)
article_id            str      the article the event was read from
date                  date     the event's date (ISO)
date_precision        str      day, week, month, year, publication or unknown
date_reason           str      the rule and date expression that dated it
source_ids            list     KB ids of the source actors
source_names          list     their names
source_codes          list     CAMEO-style codes (country + sectors: ``RUSGOV``)
source_countries      list     ISO3 countries ("" for an actor with none)
source_texts          list     the text that named each source
target_*              list     the same five for the targets
reciprocal            bool     the actors act on each other ("held talks")
modality              str      asserted, negated, future, hypothetical or intent
attributed_to         list     KB ids of whoever reports the event ("X said ...")
cameo_code            str      CAMEO event code
cameo_name            str      its name
cameo_root            str      its two-digit root
quad_class            int      GDELT QuadClass (1-4)
goldstein             float    Goldstein score
plover_type           str      PLOVER event type (empty for plain statements)
plover_mode           str      PLOVER mode
plover_contexts       list     PLOVER contexts
place_name            str      where it happened (GeoNames name)
place_country         str      ISO3 of the place
place_geonames_id     int      GeoNames id
place_admin1          str      first-level region
place_lat, place_lon  float    the point (country or region centroid when coarse)
place_precision       str      exact, admin1, country or unknown
place_reason          str      how the place was found
sentence_index        int      the evidence sentence's number in the article
sentence              str      the evidence sentence
trigger               str      the words that triggered the event code
confidence            float    the coder's confidence (0-1)
reasons               list     the machine-readable reasons of each decision
cluster_id            str      dedup cluster (when clusters are given)
num_mentions          int      mentions in the cluster (1 without clusters)
num_sources           int      distinct outlets reporting it
num_articles          int      distinct articles reporting it
first_seen            date     earliest publication of a report
last_seen             date     latest publication of a report
====================  =======  ====================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from kabar.export.clusters import ClusterInfo, by_event
from kabar.export.dyads import dyads
from kabar.export.jsonl import Unit, dyad_record, event_record
from kabar.model import Event

ColumnType = Literal["str", "int", "float", "bool", "date", "list"]
Value = str | int | float | bool | dt.date | list[str] | None


@dataclass(frozen=True, slots=True)
class Column:
    """One flat column: its name and type (the table in the module docstring)."""

    name: str
    type: ColumnType


def _columns() -> tuple[Column, ...]:
    actor = ("ids", "names", "codes", "countries", "texts")
    spec: list[tuple[str, ColumnType]] = [
        ("id", "str"), ("event_id", "str"), ("dyad_index", "int"), ("article_id", "str"),
        ("date", "date"), ("date_precision", "str"), ("date_reason", "str"),
        *[(f"source_{part}", "list") for part in actor],
        *[(f"target_{part}", "list") for part in actor],
        ("reciprocal", "bool"), ("modality", "str"), ("attributed_to", "list"),
        ("cameo_code", "str"), ("cameo_name", "str"), ("cameo_root", "str"),
        ("quad_class", "int"), ("goldstein", "float"),
        ("plover_type", "str"), ("plover_mode", "str"), ("plover_contexts", "list"),
        ("place_name", "str"), ("place_country", "str"), ("place_geonames_id", "int"),
        ("place_admin1", "str"), ("place_lat", "float"), ("place_lon", "float"),
        ("place_precision", "str"), ("place_reason", "str"),
        ("sentence_index", "int"), ("sentence", "str"), ("trigger", "str"),
        ("confidence", "float"), ("reasons", "list"),
        ("cluster_id", "str"), ("num_mentions", "int"), ("num_sources", "int"),
        ("num_articles", "int"), ("first_seen", "date"), ("last_seen", "date"),
    ]  # fmt: skip
    return tuple(Column(name, kind) for name, kind in spec)


COLUMNS: tuple[Column, ...] = _columns()


def flat_rows(
    events: Iterable[Event], clusters: Iterable[ClusterInfo] | None = None, unit: Unit = "event"
) -> Iterator[dict[str, Value]]:
    """One dict per event (or dyad) with exactly the keys of ``COLUMNS``, in order."""
    index = by_event(clusters)
    for event in events:
        if unit == "event":
            records = [event_record(event)]
        else:
            records = [dyad_record(d) for d in dyads(event)]
        for record in records:
            yield _row(event, record, index.get(event.id))


def _row(event: Event, record: dict[str, Any], cluster: ClusterInfo | None) -> dict[str, Value]:
    if "event_id" in record:  # a dyad record: one source, at most one target
        sources, targets = [record["source"]], [record["target"]] if record["target"] else []
        event_id, dyad_index = record["event_id"], record["dyad_index"]
    else:
        sources, targets = record["sources"], record["targets"]
        event_id, dyad_index = record["id"], None
    cameo, plover, place = record["cameo"], record["plover"] or {}, record["location"] or {}
    evidence = record["evidence"]
    row: dict[str, Value] = {
        "id": record["id"],
        "event_id": event_id,
        "dyad_index": dyad_index,
        "article_id": record["article_id"],
        "date": event.date,
        "date_precision": record["date_precision"],
        "date_reason": record["date_reason"],
    }
    for role, mentions in (("source", sources), ("target", targets)):
        row[f"{role}_ids"] = [m["actor_id"] for m in mentions]
        row[f"{role}_names"] = [m["name"] for m in mentions]
        row[f"{role}_codes"] = [m["code"] for m in mentions]
        row[f"{role}_countries"] = [m["country"] or "" for m in mentions]
        row[f"{role}_texts"] = [m["text"] for m in mentions]
    row |= {
        "reciprocal": record["reciprocal"],
        "modality": record["modality"],
        "attributed_to": [m["actor_id"] for m in record["attributed_to"]],
        "cameo_code": cameo["code"],
        "cameo_name": cameo["name"],
        "cameo_root": cameo["root"],
        "quad_class": cameo["quad_class"],
        "goldstein": cameo["goldstein"],
        "plover_type": plover.get("event"),
        "plover_mode": plover.get("mode"),
        "plover_contexts": list(plover.get("context", [])),
        "place_name": place.get("name"),
        "place_country": place.get("country"),
        "place_geonames_id": place.get("geonames_id"),
        "place_admin1": place.get("admin1"),
        "place_lat": place.get("lat"),
        "place_lon": place.get("lon"),
        "place_precision": place.get("precision"),
        "place_reason": place.get("reason"),
        "sentence_index": evidence["sentence_index"],
        "sentence": evidence["sentence"]["text"],
        "trigger": evidence["trigger"]["text"],
        "confidence": record["confidence"],
        "reasons": list(record["reasons"]),
        # Without clusters an event is what one article says once: 1, 1, 1.
        "cluster_id": cluster.id if cluster else None,
        "num_mentions": cluster.num_mentions if cluster else 1,
        "num_sources": cluster.num_sources if cluster else 1,
        "num_articles": cluster.num_articles if cluster else 1,
        "first_seen": cluster.first_seen if cluster else None,
        "last_seen": cluster.last_seen if cluster else None,
    }
    return row
