"""The store interface both databases implement, and the records it returns.

``Store`` owns a connection and speaks SQL through four primitives (``rows``,
``stream``, ``run_many``, ``transaction``); everything above them (ingest,
deduplication, queries) is written once, in portable SQL with ``?``
placeholders, in the modules beside this one. ``SQLiteStore`` and
``PostgresStore`` supply the primitives, full-text search and the few
expressions that differ (a week's Monday).
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from kabar.errors import StoreError
from kabar.model import Event
from kabar.store.schema import MIGRATIONS, MIGRATIONS_TABLE, SCHEMA_VERSION, Dialect

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One deduplicated event: the reading of its representative mention, with
    the counts over all its mentions.

    ``num_mentions >= num_articles >= num_sources >= 1`` (an article with no known
    outlet counts as its own source).
    ``first_seen <= last_seen`` are publication dates, ``None`` when no article
    had one. ``event`` is the representative's coded event, every field as the
    coder made it (``kabar.export.jsonl.event_record(event)`` gives its JSON record).
    """

    event_id: str
    representative: str
    date: dt.date | None
    date_precision: str
    cameo_code: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    modality: str
    reciprocal: bool
    source_codes: tuple[str, ...]
    target_codes: tuple[str, ...]
    place_name: str | None
    place_country: str | None
    lat: float | None
    lon: float | None
    num_mentions: int
    num_sources: int
    num_articles: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    event: Event


@dataclass(frozen=True, slots=True)
class StoredMention:
    """One event mention with its provenance: the article (id, version, outlet,
    publication date, origin), the sentence and trigger it was read from, and the
    coder's confidence and reasons."""

    mention_id: str
    event_id: str
    article_id: str
    article_version: int
    outlet: str
    published: dt.date | None
    origin: str
    url: str
    cameo_code: str
    plover_type: str | None
    modality: str
    sentence: str
    trigger: str
    dedup_key: dict[str, Any]
    # Why the coder coded it: its score and reasons (pattern, actor rules, modality).
    confidence: float = 0.0
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """An input or article that could not be stored, with the reason; listed by
    ``kabar errors``. ``article_id`` is ``""`` when the input itself was unreadable."""

    origin: str
    article_id: str
    reason: str
    run_id: int


def iso(value: object) -> dt.date | None:
    """A stored ISO date back as a date (``None`` stays ``None``)."""
    return dt.date.fromisoformat(str(value)) if value else None


class Store(ABC):
    """An open event store. Use as a context manager, or call ``close()``.

    Opening checks the schema: an empty database is migrated to
    ``SCHEMA_VERSION``; a database of another program, or one migrated by a
    newer kabar, raises ``StoreError`` before anything is written.
    """

    dialect: Dialect

    def __init__(self, label: str) -> None:
        # label names the database in messages: a path, or a URL without its password.
        self.label = label
        self._migrated = False  # set once this connection saw the schema up to date

    # -- primitives each dialect supplies -------------------------------------

    @abstractmethod
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one statement (``?`` placeholders); its rows, ``[]`` for none."""

    @abstractmethod
    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        """Rows of a query fetched in chunks, so a million events never sit in memory."""

    @abstractmethod
    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each parameter row."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """All statements inside commit together, or none do (on error or kill)."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def table_names(self) -> set[str]: ...

    @abstractmethod
    def size_bytes(self) -> int:
        """Bytes the database takes on disk (files, or the PostgreSQL database)."""

    @abstractmethod
    def index_text(self, article_id: str, title: str, text: str, *, replacing: bool) -> None:
        """Make the current version of an article findable by full-text search;
        ``replacing`` when an older version of it is indexed."""

    @abstractmethod
    def text_match(self) -> str:
        """SQL yielding the ``article_id`` of current articles matching one ``?`` query."""

    @abstractmethod
    def week_start(self, column: str) -> str:
        """SQL for the ISO date of the Monday of the week of a date column."""

    def fts_query(self, words: str) -> str:
        """The user's search words as the ``text_match`` parameter."""
        return words

    # -- shared -----------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        """The newest migration recorded, 0 for an empty database."""
        if "kabar_migrations" not in self.table_names():
            return 0
        ((version,),) = self.rows("SELECT COALESCE(MAX(version), 0) FROM kabar_migrations")
        return int(version)

    def migrate(self) -> list[int]:
        """Apply the migrations this database lacks, each in its own transaction;
        returns the versions applied."""
        tables = self.table_names()
        if tables and "kabar_migrations" not in tables:
            raise StoreError(
                f"{self.label} holds tables ({', '.join(sorted(tables)[:5])}) but is not a kabar "
                "store; point --db at a new file or an empty database"
            )
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.label} has kabar store schema version {current}, newer than this "
                f"kabar understands ({SCHEMA_VERSION}); upgrade kabar (pip install -U kabar) "
                "or use another --db"
            )
        applied = []
        for migration in MIGRATIONS:
            if migration.version <= current:
                continue
            with self.transaction():
                self.rows(MIGRATIONS_TABLE)
                for statement in migration.statements(self.dialect):
                    self.rows(statement)
                self.rows(
                    "INSERT INTO kabar_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, now()),
                )
            applied.append(migration.version)
        self._migrated = True
        return applied

    def check_schema(self) -> None:
        """Raise ``StoreError`` unless the database is a kabar store of this version."""
        if self._migrated:
            return  # checked when the store was opened: no query per call
        current = self.schema_version()
        if current == 0:
            raise StoreError(
                f"{self.label} is not a kabar store yet; run `kabar ingest PATH --db ...` first"
            )
        if current != SCHEMA_VERSION:
            self.migrate()  # older: bring it up to date; newer: refused with the fix


def now() -> str:
    """UTC timestamp text as the store records it."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
