"""Events as PLOVER-shaped JSON lines: one PLOVER event record per line.

The record follows the field names of PLOVER's event records (as in its gold
standard file, ``PLOVER_GSR_CAMEO``); kabar's own fields that PLOVER has no
place for go under ``kabar``. The mapping:

==============  ==============================================================
PLOVER field    from kabar
==============  ==============================================================
id              the event id
date            the event's date (ISO), ``null`` when unknown
event           the PLOVER event type (``plover.event_type``)
mode            the PLOVER mode, ``""`` when none
context         the PLOVER contexts joined with ", " (PLOVER's own spelling:
                ``"diplomatic, military"``)
source          one object per source actor: ``actorText`` (the words that named
                it), ``code`` (ISO3 country; ``IGO`` for an international body),
                ``sector`` (its sectors joined with ","), plus kabar's ``actorId``
                and ``qid``
target          the same, per target actor (``[]`` when none)
eventText       the trigger words
eventLoc        ``name``, ``country code`` (ISO 3166 alpha-2, as PLOVER writes
                it), plus ``lat``, ``lon``, ``geonamesId``; absent when unknown
text            the evidence sentence
textInfo        the evidence's offsets in the article: ``articleId``,
                ``sentenceIndex``, ``trigger``/``source``/``target`` spans
language        ``en``
publication     the article's outlet, when ``articles`` are given and it is known
url             the article's URL, likewise
coder           ``kabar <version>``
version         the PLOVER version of the types: ``2021`` (16 types)
kabar           ``schema_version``, ``cameo`` (code, root, QuadClass, Goldstein),
                ``modality``, ``reciprocal``, ``date_precision``, ``confidence``,
                ``reasons`` and, with clusters, ``cluster`` (id and counts)
==============  ==============================================================

PLOVER records state what happened, and have no field for "did not happen" or
"will happen": negated, future, hypothetical and intended events are left out
unless ``asserted_only=False`` (then ``kabar.modality`` marks them). Events with
no PLOVER type (plain statements, which PLOVER does not code) are left out too.

    write_plover(events, out, clusters=None, articles=None, asserted_only=True)   # out: text
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from kabar.export.clusters import ClusterInfo, by_event
from kabar.export.country_codes import load_country_codes
from kabar.model import SCHEMA_VERSION, Article, Event, Mention, Span

PLOVER_VERSION = "2021"


def write_plover(
    events: Iterable[Event],
    out: IO[str],
    clusters: Iterable[ClusterInfo] | None = None,
    *,
    articles: Mapping[str, Article] | None = None,
    asserted_only: bool = True,
) -> int:
    """Write one PLOVER record per line; returns the records written (events left
    out, as the module docstring says, are not counted)."""
    index = by_event(clusters)
    count = 0
    for event in events:
        if event.plover is None or (asserted_only and event.modality != "asserted"):
            continue
        # `is not None`, not truthiness: a store-backed mapping would count its rows.
        article = articles.get(event.article_id) if articles is not None else None
        record = plover_record(event, index.get(event.id), article)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def plover_record(
    event: Event, cluster: ClusterInfo | None = None, article: Article | None = None
) -> dict[str, Any]:
    """The PLOVER record of one event that has a PLOVER type."""
    if event.plover is None:
        raise ValueError(f"event {event.id} has no PLOVER type (CAMEO {event.cameo.code})")
    from kabar import __version__  # here: kabar/__init__ imports the export package

    evidence = event.evidence
    record: dict[str, Any] = {
        "id": event.id,
        "date": event.date.isoformat() if event.date else None,
        "event": event.plover.event_type,
        "mode": event.plover.mode,
        "context": ", ".join(event.plover.contexts),
        "source": [_actor(m) for m in event.sources],
        "target": [_actor(m) for m in event.targets],
        "eventText": evidence.trigger.text,
    }
    place = event.location
    if place is not None:
        codes = load_country_codes().get(place.country) if place.country else None
        record["eventLoc"] = {
            "name": place.name,
            "country code": codes.iso2 if codes else None,
            "lat": place.lat,
            "lon": place.lon,
            "geonamesId": place.geonames_id,
        }
    record["text"] = evidence.sentence.text
    record["textInfo"] = {
        "articleId": evidence.article_id,
        "sentenceIndex": evidence.sentence_index,
        "trigger": _span(evidence.trigger),
        "source": [_span(s) for s in evidence.source],
        "target": [_span(s) for s in evidence.target],
    }
    record["language"] = "en"
    if article is not None and article.source:
        record["publication"] = article.source
    if article is not None and article.url:
        record["url"] = article.url
    record["coder"] = f"kabar {__version__}"
    record["version"] = PLOVER_VERSION
    extra: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "cameo": {
            "code": event.cameo.code,
            "root": event.cameo.root,
            "quad_class": event.cameo.quad_class,
            "goldstein": event.cameo.goldstein,
        },
        "modality": event.modality,
        "reciprocal": event.reciprocal,
        "date_precision": event.date_precision,
        "confidence": event.confidence,
        "reasons": list(event.reasons),
    }
    if cluster is not None:
        extra["cluster"] = {
            "id": cluster.id,
            "num_mentions": cluster.num_mentions,
            "num_sources": cluster.num_sources,
            "num_articles": cluster.num_articles,
            "first_seen": cluster.first_seen.isoformat() if cluster.first_seen else None,
            "last_seen": cluster.last_seen.isoformat() if cluster.last_seen else None,
        }
    record["kabar"] = extra
    return record


def _actor(mention: Mention) -> dict[str, Any]:
    actor = mention.actor
    code = actor.country or ("IGO" if actor.kind == "igo" else "")
    sectors = [s for s in actor.sectors if s != "IGO"] if code == "IGO" else list(actor.sectors)
    return {
        "actorText": mention.span.text,
        "code": code,
        "sector": ",".join(sectors) or None,
        "actorId": actor.id,
        "qid": actor.qid,
    }


def _span(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}
