"""Events as JSON lines: one self-describing record per event.

Every record carries ``schema_version``. ``ontology`` selects the coding blocks:
``cameo``, ``plover`` or ``both``; the evidence and reasons are always there,
because an event without its evidence cannot be audited. ``unit`` selects one
record per event (compound actors kept as lists, with their CAMEO-style
``dyads`` listed) or one record per dyad (a single ``source`` and ``target``,
as GDELT and PETRARCH tools expect; see ``kabar.export.dyads``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any, Literal

from kabar.export.clusters import ClusterInfo, by_event
from kabar.export.dyads import Dyad, dyads
from kabar.model import SCHEMA_VERSION, Event, Mention, Span

Ontology = Literal["cameo", "plover", "both"]
ONTOLOGIES: tuple[Ontology, ...] = ("cameo", "plover", "both")
Unit = Literal["event", "dyad"]
UNITS: tuple[Unit, ...] = ("event", "dyad")


def event_record(event: Event, ontology: Ontology = "both") -> dict[str, Any]:
    """A JSON-ready dict for one event (plain types only, keys in a stable order)."""
    record: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": event.id,
        "article_id": event.article_id,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "date_reason": event.date_reason,
        "sources": [_mention(m) for m in event.sources],
        "targets": [_mention(m) for m in event.targets],
        "reciprocal": event.reciprocal,
        "modality": event.modality,
        "attributed_to": [_mention(m) for m in event.attributed_to],
        "dyads": [_dyad_codes(d) for d in dyads(event)],
    }
    if ontology in ("cameo", "both"):
        record["cameo"] = {
            "code": event.cameo.code,
            "name": event.cameo.name,
            "root": event.cameo.root,
            "quad_class": event.cameo.quad_class,
            "goldstein": event.cameo.goldstein,
        }
    if ontology in ("plover", "both"):
        record["plover"] = (
            {
                "event": event.plover.event_type,
                "mode": event.plover.mode or None,
                "context": list(event.plover.contexts),
            }
            if event.plover
            else None
        )
    place = event.location
    record["location"] = (
        {
            "name": place.name,
            "country": place.country,
            "geonames_id": place.geonames_id,
            "admin1": place.admin1,
            "lat": place.lat,
            "lon": place.lon,
            "feature": place.feature,
            "precision": place.precision,
            "reason": place.reason,
        }
        if place
        else None
    )
    ev = event.evidence
    record["evidence"] = {
        "article_id": ev.article_id,
        "sentence_index": ev.sentence_index,
        "sentence": _span(ev.sentence),
        "trigger": _span(ev.trigger),
        "source": [_span(s) for s in ev.source],
        "target": [_span(s) for s in ev.target],
        "place": _span(ev.place) if ev.place else None,
    }
    record["confidence"] = event.confidence
    record["reasons"] = list(event.reasons)
    return record


def dyad_record(dyad: Dyad, ontology: Ontology = "both") -> dict[str, Any]:
    """One CAMEO-style row: the event's record with a single source and target.

    ``id`` is the event id with the dyad's index (``"<event id>-0"``), and
    ``event_id`` links the row back to the compound event it came from.
    """
    event_fields = event_record(dyad.event, ontology)
    record: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": f"{dyad.event.id}-{dyad.index}",
        "event_id": dyad.event.id,
        "dyad_index": dyad.index,
        "source": _mention(dyad.source),
        "target": _mention(dyad.target) if dyad.target else None,
    }
    for key, value in event_fields.items():
        if key not in {"schema_version", "id", "sources", "targets", "dyads"}:
            record[key] = value
    return record


def write_events(
    events: Iterable[Event], out: IO[str], ontology: Ontology = "both", unit: Unit = "event"
) -> int:
    """Write events (or their dyads) as JSON lines; returns how many lines were written."""
    count = 0
    for event in events:
        records = (
            [event_record(event, ontology)]
            if unit == "event"
            else [dyad_record(d, ontology) for d in dyads(event)]
        )
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False))
            out.write("\n")
            count += 1
    return count


def write_jsonl(
    events: Iterable[Event],
    out: IO[str],
    clusters: Iterable[ClusterInfo] | None = None,
    *,
    ontology: Ontology = "both",
    unit: Unit = "event",
) -> int:
    """``write_events`` with each record's dedup ``cluster`` (id, counts, first and
    last seen; ``null`` for an event in no cluster), the signature the other writers
    share. Returns the lines written."""
    index = by_event(clusters)
    count = 0
    for event in events:
        found = index.get(event.id)
        block = (
            {
                "id": found.id,
                "num_mentions": found.num_mentions,
                "num_sources": found.num_sources,
                "num_articles": found.num_articles,
                "first_seen": found.first_seen.isoformat() if found.first_seen else None,
                "last_seen": found.last_seen.isoformat() if found.last_seen else None,
            }
            if found
            else None
        )
        records = (
            [event_record(event, ontology)]
            if unit == "event"
            else [dyad_record(d, ontology) for d in dyads(event)]
        )
        for record in records:
            out.write(json.dumps(record | {"cluster": block}, ensure_ascii=False) + "\n")
            count += 1
    return count


def _dyad_codes(dyad: Dyad) -> dict[str, Any]:
    target = dyad.target.actor if dyad.target else None
    return {
        "source": dyad.source.actor.code,
        "target": target.code if target else None,
        "source_actor_id": dyad.source.actor.id,
        "target_actor_id": target.id if target else None,
    }


def _span(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def _mention(mention: Mention) -> dict[str, Any]:
    actor = mention.actor
    return {
        "actor_id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "code": actor.code,
        "country": actor.country,
        "sectors": list(actor.sectors),
        "role": actor.role or None,
        "qid": actor.qid,
        "text": mention.span.text,
        "rule": mention.rule,
    }
