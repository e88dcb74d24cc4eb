"""The store side of dedup: keep the ``events`` table equal to the clusters
``kabar.dedup.cluster`` would form from every stored mention.

Clusters are connected components of ``dedup.match``, so the incremental rule is
exact: a new mention is compared with the stored mentions sharing one of its
blocking keys; the clusters it matches are pulled in with all their members,
and ``dedup.cluster`` regroups that set. Removing mentions (a new version of an
article) regroups what is left of their clusters, which may split. Either way
the result is the one a full re-clustering would give, whatever the order in
which articles arrived.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from kabar import dedup
from kabar.dedup import MentionKey
from kabar.store.base import Store
from kabar.store.codec import event_from_json

_DATE_FIELDS = frozenset({"date", "published"})


def key_to_json(key: MentionKey) -> str:
    """A mention key as JSON text (dates ISO, tuples as lists)."""
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(key):
        value = getattr(key, f.name)
        fields[f.name] = value.isoformat() if isinstance(value, dt.date) else value
    return json.dumps(fields, ensure_ascii=False, sort_keys=True)


def key_from_json(text: str) -> MentionKey:
    """Inverse of ``key_to_json``; unknown fields (from a newer kabar) are ignored."""
    raw = json.loads(text)
    known = {f.name for f in dataclasses.fields(MentionKey)}
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in known:
            continue
        if name in _DATE_FIELDS:
            value = dt.date.fromisoformat(value) if value else None
        elif isinstance(value, list):
            value = tuple(value)
        values[name] = value
    return MentionKey(**values)


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _keys_where(store: Store, column: str, values: Collection[str]) -> dict[str, MentionKey]:
    found: dict[str, MentionKey] = {}
    ordered = sorted(values)
    # Chunks keep the parameter count under SQLite's limit (32,766) with room to spare.
    for i in range(0, len(ordered), 500):
        chunk = ordered[i : i + 500]
        for mention_id, key in store.rows(
            f"SELECT mention_id, dedup_key FROM mentions WHERE {column} IN ({_marks(len(chunk))})",
            chunk,
        ):
            found[mention_id] = key_from_json(key)
    return found


def add_mentions(store: Store, new: Sequence[MentionKey]) -> None:
    """Join newly stored mentions (already in ``mentions`` and ``mention_blocks``)
    to the clusters they match, merging clusters a mention bridges."""
    if not new:
        return
    new_ids = {k.event_id for k in new}
    candidates: dict[str, set[str]] = {}
    for key in new:
        blocks = dedup.blocking_keys(key)
        if not blocks:
            continue
        rows = store.rows(
            f"SELECT DISTINCT mention_id FROM mention_blocks WHERE block_key IN "
            f"({_marks(len(blocks))})",
            blocks,
        )
        candidates[key.event_id] = {m for (m,) in rows} - {key.event_id}
    candidate_keys = _keys_where(store, "mention_id", set().union(*candidates.values()))
    cluster_of = _clusters_of(store, candidate_keys)
    matched: set[str] = set()
    for key in new:
        for other in sorted(candidates.get(key.event_id, ())):
            if other in new_ids:
                continue  # two new mentions: dedup.cluster compares them below
            if dedup.match(key, candidate_keys[other]).merged:
                matched.add(cluster_of[other])
    members = _keys_where(store, "event_id", matched) if matched else {}
    members.update({k.event_id: k for k in new})
    rebuild(store, members.values(), matched)


def remove_mentions(store: Store, mention_ids: Collection[str]) -> None:
    """Delete mentions (and their evidence and blocks); regroup what their
    clusters keep."""
    if not mention_ids:
        return
    ids = sorted(mention_ids)
    affected: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = _marks(len(chunk))
        affected |= {
            e
            for (e,) in store.rows(
                f"SELECT event_id FROM mentions WHERE mention_id IN ({marks})", chunk
            )
        }
        for table in ("evidence", "mention_blocks", "mentions"):
            store.rows(f"DELETE FROM {table} WHERE mention_id IN ({marks})", chunk)
    rebuild(store, _keys_where(store, "event_id", affected).values(), affected)


def _clusters_of(store: Store, keys: dict[str, MentionKey]) -> dict[str, str]:
    out: dict[str, str] = {}
    ids = sorted(keys)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out.update(
            store.rows(
                f"SELECT mention_id, event_id FROM mentions WHERE mention_id IN "
                f"({_marks(len(chunk))})",
                chunk,
            )
        )
    return out


def rebuild(store: Store, members: Iterable[MentionKey], old_events: Collection[str]) -> None:
    """Replace the events ``old_events`` by the clusters of ``members``."""
    for event_id in sorted(old_events):
        store.rows("DELETE FROM event_actors WHERE event_id = ?", (event_id,))
        store.rows("DELETE FROM events WHERE event_id = ?", (event_id,))
    for found in dedup.cluster(members):
        _write(store, found)


def _write(store: Store, found: dedup.Cluster) -> None:
    store.run_many(
        "UPDATE mentions SET event_id = ? WHERE mention_id = ?",
        [(found.id, m) for m in found.event_ids],
    )
    # The anchor (the earliest report) names the cluster and stands for the event.
    anchor = found.members[0].event_id
    ((text,),) = store.rows("SELECT record FROM mentions WHERE mention_id = ?", (anchor,))
    event = event_from_json(text)
    place, first, last = event.location, found.first_seen, found.last_seen
    actors = (*event.sources, *event.targets)
    countries = [m.actor.country for m in actors]
    store.rows(
        "INSERT INTO events (event_id, representative, date, date_precision, cameo_code, "
        "cameo_root, quad_class, goldstein, plover_type, modality, reciprocal, source_codes, "
        "target_codes, place_name, place_country, countries, sectors, lat, lon, num_mentions, "
        "num_sources, num_articles, first_seen, last_seen) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            found.id,
            anchor,
            event.date.isoformat() if event.date else None,
            event.date_precision,
            event.cameo.code,
            event.cameo.root,
            event.cameo.quad_class,
            event.cameo.goldstein,
            event.plover.event_type if event.plover else None,
            event.modality,
            int(event.reciprocal),
            ";".join(m.actor.code for m in event.sources),
            ";".join(m.actor.code for m in event.targets),
            place.name if place else None,
            place.country if place else None,
            _padded(sorted({c for c in (place.country if place else None, *countries) if c})),
            _padded(sorted({s for m in actors for s in m.actor.sectors})),
            place.lat if place else None,
            place.lon if place else None,
            found.num_mentions,
            found.num_sources,
            found.num_articles,
            first.isoformat() if first else None,
            last.isoformat() if last else None,
        ),
    )
    store.run_many(
        "INSERT INTO event_actors (event_id, role, actor_id, code, country, sectors) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [
            (found.id, role, m.actor.id, m.actor.code, m.actor.country, _padded(m.actor.sectors))
            for role, side in (("source", event.sources), ("target", event.targets))
            for m in side
        ],
    )


def _padded(codes: Iterable[str | None]) -> str:
    # ' GOV MIL ': a filter is then LIKE '% MIL %', which never matches a part of a code,
    # and is checked on each row an index scan reads (no join, no subquery).
    return f" {' '.join(c for c in codes if c)} "
