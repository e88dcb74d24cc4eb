"""Stream the store's deduplicated events into the export writers of ``kabar.export``.

Each exported event is its representative mention (the earliest report) with
the counts of its cluster (NumMentions, NumSources, NumArticles, first and last
seen). The writers index the clusters before the first row, so the counts are
read in a first pass over the events table and the events themselves are
streamed in a second.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from kabar.errors import ConfigError
from kabar.export.jsonl import Unit
from kabar.model import Article, Event
from kabar.store.base import Store, iso
from kabar.store.query import EventFilter, events, filter_sql

ExportFormat = Literal["jsonl", "csv", "parquet", "gdelt"]
EXPORT_FORMATS: Final[tuple[ExportFormat, ...]] = ("jsonl", "csv", "parquet", "gdelt")


@dataclass(frozen=True, slots=True)
class StoreCluster:
    """A stored event's cluster as the writers' ``ClusterInfo`` reads it:
    ``event_ids`` are the ids of all its mentions (the coded events)."""

    id: str
    event_ids: tuple[str, ...]
    num_mentions: int
    num_sources: int
    num_articles: int
    first_seen: dt.date | None
    last_seen: dt.date | None


class StoredArticles(Mapping[str, Article]):
    """The current version of each stored article, read on demand (the GDELT and
    PLOVER writers look up an event's article for its URL and outlet)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getitem__(self, article_id: str) -> Article:
        rows = self._store.rows(
            "SELECT article_id, text, date, title, url, outlet, dateline, origin FROM articles "
            "WHERE article_id = ? AND is_current = 1",
            (article_id,),
        )
        if not rows:
            raise KeyError(article_id)
        a_id, text, date, title, url, outlet, dateline, origin = rows[0]
        return Article(a_id, text, iso(date), title, url, outlet, dateline, origin)

    def __iter__(self) -> Iterator[str]:
        for (article_id,) in self._store.stream(
            "SELECT article_id FROM articles WHERE is_current = 1 ORDER BY article_id"
        ):
            yield article_id

    def __len__(self) -> int:
        ((n,),) = self._store.rows("SELECT COUNT(*) FROM articles WHERE is_current = 1")
        return int(n)


def clusters(store: Store, where: EventFilter | None = None) -> list[StoreCluster]:
    """The clusters of the events matching ``where``, with every member's id."""
    sql_where, params = filter_sql(store, where or EventFilter())
    members: dict[str, list[str]] = {}
    for event_id, mention_id in store.stream(
        f"SELECT m.event_id, m.mention_id FROM mentions m WHERE m.event_id IN "
        f"(SELECT e.event_id FROM events e{sql_where}) ORDER BY m.event_id, m.mention_id",
        params,
    ):
        members.setdefault(event_id, []).append(mention_id)
    return [
        StoreCluster(
            id=row[0],
            event_ids=tuple(members.get(row[0], ())),
            num_mentions=int(row[1]),
            num_sources=int(row[2]),
            num_articles=int(row[3]),
            first_seen=iso(row[4]),
            last_seen=iso(row[5]),
        )
        for row in store.stream(
            "SELECT e.event_id, e.num_mentions, e.num_sources, e.num_articles, e.first_seen, "
            f"e.last_seen FROM events e{sql_where}",
            params,
        )
    ]


def export(
    store: Store,
    output: Path,
    format: ExportFormat,  # shadows the builtin on purpose: it is the CLI option's name
    where: EventFilter | None = None,
    *,
    unit: Unit = "event",
) -> int:
    """Write the matching events to ``output`` in ``format``; returns the rows written.

    ``unit="dyad"`` writes one row per CAMEO-style dyad (CSV and Parquet; GDELT rows
    are always dyads, PLOVER records always events).
    """
    if format not in EXPORT_FORMATS:
        known = ", ".join(EXPORT_FORMATS)
        raise ConfigError(f"unknown export format {format!r}; use one of: {known}")
    if format == "parquet" and importlib.util.find_spec("pyarrow") is None:
        # Checked before the output is opened, so no empty file is left behind.
        raise ConfigError(
            "writing Parquet needs pyarrow, which is not installed; install it with "
            "`pip install 'kabar[parquet]'` or choose another --format"
        )
    store.check_schema()
    found = clusters(store, where)
    stream: Iterator[Event] = (e.event for e in events(store, where, sort="date", limit=None))
    try:
        if format == "parquet":
            from kabar.export.parquet import write_parquet

            with output.open("wb") as binary:
                return write_parquet(stream, binary, found, unit=unit)
        with output.open("w", encoding="utf-8", newline="") as out:
            if format == "csv":
                from kabar.export.csvfile import write_csv

                return write_csv(stream, out, found, unit=unit)
            if format == "gdelt":
                from kabar.export.gdelt import write_gdelt

                return write_gdelt(stream, out, found, articles=StoredArticles(store))
            from kabar.export.plover import write_plover

            return write_plover(stream, out, found, articles=StoredArticles(store))
    except OSError as exc:
        raise ConfigError(f"cannot write {output}: {exc.strerror}; choose another -o path") from exc
