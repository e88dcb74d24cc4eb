"""Events as JSON lines: one self-describing record per event.

Every record carries ``schema_version``. ``ontology`` selects the coding blocks:
``cameo``, ``plover`` or ``both``; the evidence and reasons are always there,
because an event without its evidence cannot be audited.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any, Literal

from kabar.model import SCHEMA_VERSION, Event, Mention, Span

Ontology = Literal["cameo", "plover", "both"]
ONTOLOGIES: tuple[Ontology, ...] = ("cameo", "plover", "both")


def event_record(event: Event, ontology: Ontology = "both") -> dict[str, Any]:
    """A JSON-ready dict for one event (plain types only, keys in a stable order)."""
    record: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": event.id,
        "article_id": event.article_id,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "sources": [_mention(m) for m in event.sources],
        "targets": [_mention(m) for m in event.targets],
        "reciprocal": event.reciprocal,
        "modality": event.modality,
        "attributed_to": [_mention(m) for m in event.attributed_to],
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


def write_events(events: Iterable[Event], out: IO[str], ontology: Ontology = "both") -> int:
    """Write events as JSON lines; returns how many were written."""
    count = 0
    for event in events:
        out.write(json.dumps(event_record(event, ontology), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


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
