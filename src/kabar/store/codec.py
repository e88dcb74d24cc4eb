"""An ``Event`` as JSON and back, exactly: every field of every record kept, so
what the store gives back is the event the coder made (the export writers and
``event_record`` then see no difference from a fresh run)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from kabar.model import Actor, CameoCode, Event, Evidence, Mention, Place, PloverCoding, Span


def event_to_json(event: Event) -> str:
    """JSON text of an event (dates ISO; keys sorted, so equal events give equal text)."""
    return json.dumps(_plain(event), ensure_ascii=False, sort_keys=True)


def _plain(value: Any) -> Any:
    # dataclasses.asdict deep-copies every leaf, which made it most of the cost of storing.
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def event_from_json(text: str) -> Event:
    """The event ``event_to_json`` wrote."""
    raw: dict[str, Any] = json.loads(text)
    return Event(
        id=raw["id"],
        article_id=raw["article_id"],
        date=dt.date.fromisoformat(raw["date"]) if raw["date"] else None,
        date_precision=raw["date_precision"],
        sources=tuple(_mention(m) for m in raw["sources"]),
        targets=tuple(_mention(m) for m in raw["targets"]),
        cameo=CameoCode(**raw["cameo"]),
        plover=_plover(raw["plover"]),
        evidence=_evidence(raw["evidence"]),
        modality=raw["modality"],
        reciprocal=raw["reciprocal"],
        location=Place(**raw["location"]) if raw["location"] else None,
        confidence=raw["confidence"],
        reasons=tuple(raw["reasons"]),
        attributed_to=tuple(_mention(m) for m in raw["attributed_to"]),
        date_reason=raw["date_reason"],
    )


def _span(raw: dict[str, Any]) -> Span:
    return Span(raw["start"], raw["end"], raw["text"])


def _mention(raw: dict[str, Any]) -> Mention:
    actor = dict(raw["actor"], sectors=tuple(raw["actor"]["sectors"]))
    return Mention(_span(raw["span"]), raw["sentence"], Actor(**actor), raw["rule"])


def _plover(raw: dict[str, Any] | None) -> PloverCoding | None:
    if raw is None:
        return None
    return PloverCoding(raw["event_type"], raw["mode"], tuple(raw["contexts"]))


def _evidence(raw: dict[str, Any]) -> Evidence:
    return Evidence(
        article_id=raw["article_id"],
        sentence_index=raw["sentence_index"],
        sentence=_span(raw["sentence"]),
        trigger=_span(raw["trigger"]),
        source=tuple(_span(s) for s in raw["source"]),
        target=tuple(_span(s) for s in raw["target"]),
        place=_span(raw["place"]) if raw["place"] else None,
    )
