"""Read the store: filtered and paged events, counts, one event explained, failures.

Filters are one frozen record (``EventFilter``) shared by ``events`` and
``stats``; each becomes a clause in portable SQL with ``?`` parameters, never
text pasted into the query.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final, Literal

from kabar import dedup
from kabar.errors import ConfigError, StoreError
from kabar.store.base import IngestFailure, Row, Store, StoredEvent, StoredMention, iso
from kabar.store.clusters import key_from_json
from kabar.store.codec import event_from_json

Sort = Literal["-date", "date", "mentions"]
SORTS: Final[tuple[Sort, ...]] = ("-date", "date", "mentions")
# Undated events count as the oldest, in both dialects; these orders are the ones the
# event indexes are built in (store/schema.py), read forwards or backwards.
_ORDER: Final[dict[Sort, str]] = {
    "-date": "e.date DESC NULLS LAST, e.event_id DESC",
    "date": "e.date ASC NULLS FIRST, e.event_id ASC",
    "mentions": "e.num_mentions DESC, e.date DESC NULLS LAST, e.event_id DESC",
}
Period = Literal["day", "week", "month", "year", "all"]
PERIODS: Final[tuple[Period, ...]] = ("day", "week", "month", "year", "all")
Group = Literal["type", "root", "dyad", "country"]
GROUPS: Final[tuple[Group, ...]] = ("type", "root", "dyad", "country")

_EVENT_COLUMNS: Final = (
    "e.event_id, e.representative, e.date, e.date_precision, e.cameo_code, e.cameo_root, "
    "e.quad_class, e.goldstein, e.plover_type, e.modality, e.reciprocal, e.source_codes, "
    "e.target_codes, e.place_name, e.place_country, e.lat, e.lon, e.num_mentions, "
    "e.num_sources, e.num_articles, e.first_seen, e.last_seen, m.record"
)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to read; every field left ``None`` matches everything.

    ``actor``/``source``/``target`` take an actor id (``country:RUS``) or the
    start of a CAMEO-style actor code (``RUS``, ``RUSGOV``); ``actor`` matches
    either side. ``country`` (ISO3) matches the place's country or any actor's;
    ``sector`` any actor's sector (``MIL``); ``cameo`` the start of the event
    code, so a root (``04``) or a code (``042``); ``place`` the place name,
    case-insensitive. ``date_from``/``date_to`` bound the event date, both
    inclusive. ``text`` is words searched in the text of the reporting articles.
    """

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    country: str | None = None
    sector: str | None = None
    cameo: str | None = None
    plover: str | None = None
    modality: str | None = None
    place: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class StatRow:
    """Events of one group in one period (``period`` is ``"undated"`` for events
    with no date, ``"all"`` when not split by period)."""

    period: str
    key: str
    events: int


@dataclass(frozen=True, slots=True)
class Explanation:
    """One event, its mentions with provenance, and the matches that joined them."""

    event: StoredEvent
    mentions: tuple[StoredMention, ...]
    links: tuple[dedup.Link, ...]


def filter_sql(store: Store, f: EventFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []

    def actor(role: str | None, value: str) -> None:
        side = "" if role is None else "a.role = ? AND "
        clauses.append(
            "EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id AND "
            f"{side}(a.actor_id = ? OR a.code LIKE ?))"
        )
        params.extend([*([role] if role else []), value, value.upper() + "%"])

    if f.actor:
        actor(None, f.actor)
    if f.source:
        actor("source", f.source)
    if f.target:
        actor("target", f.target)
    if f.country:
        clauses.append("e.countries LIKE ?")
        params.append(f"% {f.country.upper()} %")
    if f.sector:
        clauses.append("e.sectors LIKE ?")
        params.append(f"% {f.sector.upper()} %")
    if f.cameo and len(f.cameo) == 2:
        clauses.append("e.cameo_root = ?")  # indexed with the date
        params.append(f.cameo)
    elif f.cameo:
        # A range, not LIKE: an index serves it in both dialects. '~' sorts after digits.
        clauses.append("e.cameo_code >= ? AND e.cameo_code < ?")
        params += [f.cameo, f.cameo + "~"]
    if f.plover:
        clauses.append("e.plover_type = ?")
        params.append(f.plover.upper())
    if f.modality:
        clauses.append("e.modality = ?")
        params.append(f.modality)
    if f.place:
        clauses.append("LOWER(e.place_name) = ?")
        params.append(f.place.lower())
    if f.date_from:
        clauses.append("e.date >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to:
        clauses.append("e.date <= ?")
        params.append(f.date_to.isoformat())
    if f.text:
        clauses.append(
            "e.event_id IN (SELECT t.event_id FROM mentions t WHERE t.article_id IN "
            f"({store.text_match()}))"
        )
        params.append(store.fts_query(f.text))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def events(
    store: Store,
    where: EventFilter | None = None,
    *,
    sort: Sort = "-date",
    limit: int | None = 100,
    offset: int = 0,
) -> Iterator[StoredEvent]:
    """Events matching ``where``, sorted, one page (``limit=None``: all, streamed)."""
    if sort not in _ORDER:
        raise ConfigError(f"unknown sort {sort!r}; use one of: {', '.join(SORTS)}")
    if (limit is not None and limit < 0) or offset < 0:
        raise ConfigError("--limit and --offset must be 0 or more")
    store.check_schema()
    sql_where, params = filter_sql(store, where or EventFilter())
    sql = (
        f"SELECT {_EVENT_COLUMNS} FROM events e JOIN mentions m "
        f"ON m.mention_id = e.representative{sql_where} ORDER BY {_ORDER[sort]}"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    elif offset:
        raise ConfigError("--offset needs --limit")
    for row in store.stream(sql, params):
        yield _event(row)


def count_events(store: Store, where: EventFilter | None = None) -> int:
    """How many events match ``where``."""
    store.check_schema()
    sql_where, params = filter_sql(store, where or EventFilter())
    ((n,),) = store.rows(f"SELECT COUNT(*) FROM events e{sql_where}", params)
    return int(n)


def _event(row: Row) -> StoredEvent:
    return StoredEvent(
        event_id=row[0],
        representative=row[1],
        date=iso(row[2]),
        date_precision=row[3],
        cameo_code=row[4],
        cameo_root=row[5],
        quad_class=int(row[6]),
        goldstein=float(row[7]),
        plover_type=row[8],
        modality=row[9],
        reciprocal=bool(row[10]),
        source_codes=tuple(c for c in row[11].split(";") if c),
        target_codes=tuple(c for c in row[12].split(";") if c),
        place_name=row[13],
        place_country=row[14],
        lat=row[15],
        lon=row[16],
        num_mentions=int(row[17]),
        num_sources=int(row[18]),
        num_articles=int(row[19]),
        first_seen=iso(row[20]),
        last_seen=iso(row[21]),
        event=event_from_json(row[22]),
    )


def stats(
    store: Store,
    by: Group = "type",
    period: Period = "month",
    where: EventFilter | None = None,
) -> list[StatRow]:
    """Event counts per period and group, sorted by period then by count, descending.

    ``dyad`` counts each CAMEO-style (source, target) pair of an event, as actor
    codes (``RUSGOV>UKR``; ``-`` for no target); ``country`` is the place's country.
    """
    if by not in GROUPS:
        raise ConfigError(f"unknown grouping {by!r}; use one of: {', '.join(GROUPS)}")
    if period not in PERIODS:
        raise ConfigError(f"unknown period {period!r}; use one of: {', '.join(PERIODS)}")
    store.check_schema()
    when = {
        "day": "e.date",
        "week": store.week_start("e.date"),
        "month": "substr(e.date, 1, 7)",
        "year": "substr(e.date, 1, 4)",
        "all": "'all'",
    }[period]
    sql_where, params = filter_sql(store, where or EventFilter())
    joins = ""
    key = {
        "type": "COALESCE(e.plover_type, '-')",
        "root": "e.cameo_root",
        "country": "COALESCE(e.place_country, '-')",
        "dyad": "s.code || '>' || COALESCE(t.code, '-')",
    }[by]
    if by == "dyad":
        joins = (
            " JOIN event_actors s ON s.event_id = e.event_id AND s.role = 'source'"
            " LEFT JOIN event_actors t ON t.event_id = e.event_id AND t.role = 'target'"
        )
    sql = (
        f"SELECT COALESCE({when}, 'undated') AS p, {key} AS k, COUNT(*) AS n "
        f"FROM events e{joins}{sql_where} GROUP BY p, k ORDER BY p, n DESC, k"
    )
    return [StatRow(str(p), str(k), int(n)) for p, k, n in store.rows(sql, params)]


def explain(store: Store, event_id: str) -> Explanation:
    """An event (or the event of a mention id) with its mentions and why they merged."""
    store.check_schema()
    rows = store.rows("SELECT event_id FROM mentions WHERE mention_id = ?", (event_id,))
    wanted = rows[0][0] if rows else event_id
    found = store.rows(
        f"SELECT {_EVENT_COLUMNS} FROM events e JOIN mentions m "
        "ON m.mention_id = e.representative WHERE e.event_id = ?",
        (wanted,),
    )
    if not found:
        raise StoreError(
            f"no event or mention {event_id!r} in {store.label}; list event ids with `kabar events`"
        )
    mentions = tuple(
        StoredMention(
            mention_id=r[0],
            event_id=r[1],
            article_id=r[2],
            article_version=int(r[3]),
            outlet=r[4],
            published=iso(r[5]),
            origin=r[6],
            url=r[7],
            cameo_code=r[8],
            plover_type=r[9],
            modality=r[10],
            sentence=r[11],
            trigger=r[12],
            dedup_key=json.loads(r[13]),
            confidence=float(r[14]),
            reasons=tuple(json.loads(r[15]).get("reasons", ())),
        )
        for r in store.rows(
            "SELECT m.mention_id, m.event_id, m.article_id, m.article_version, a.outlet, a.date, "
            "a.origin, a.url, m.cameo_code, m.plover_type, m.modality, v.sentence, v.trigger, "
            "m.dedup_key, m.confidence, m.record FROM mentions m "
            "JOIN articles a ON a.article_id = m.article_id AND a.version = m.article_version "
            "JOIN evidence v ON v.mention_id = m.mention_id "
            "WHERE m.event_id = ? ORDER BY a.date, m.article_id, m.mention_id",
            (wanted,),
        )
    )
    keys = [key_from_json(json.dumps(m.dedup_key)) for m in mentions]
    links = tuple(link for group in dedup.cluster(keys) for link in group.links)
    return Explanation(_event(found[0]), mentions, links)


def failures(store: Store) -> list[IngestFailure]:
    """Inputs and articles that could not be stored, most recent run first."""
    store.check_schema()
    return [
        IngestFailure(origin, article_id, reason, int(run_id))
        for origin, article_id, reason, run_id in store.rows(
            "SELECT origin, article_id, reason, run_id FROM ingest_errors "
            "ORDER BY run_id DESC, origin, article_id"
        )
    ]


@dataclass(frozen=True, slots=True)
class StoreSummary:
    """Totals of a store, for reports and benchmarks."""

    articles: int
    article_versions: int
    mentions: int
    events: int
    failures: int
    size_bytes: int


def summary(store: Store) -> StoreSummary:
    store.check_schema()

    def one(sql: str) -> int:
        ((n,),) = store.rows(sql)
        return int(n)

    return StoreSummary(
        articles=one("SELECT COUNT(*) FROM articles WHERE is_current = 1"),
        article_versions=one("SELECT COUNT(*) FROM articles"),
        mentions=one("SELECT COUNT(*) FROM mentions"),
        events=one("SELECT COUNT(*) FROM events"),
        failures=one("SELECT COUNT(*) FROM ingest_errors"),
        size_bytes=store.size_bytes(),
    )
