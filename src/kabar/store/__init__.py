"""The event store: articles, coded mentions with their evidence, and the
deduplicated events they report, in SQLite (embedded, the default) or
PostgreSQL (``kabar[postgres]``).

``open_store(db)`` picks the implementation from ``db``: a ``postgresql://``
(or ``postgres://``) URL, else a file path (``sqlite:///path`` also works).
"""

from __future__ import annotations

import os
from pathlib import Path

from kabar.store.base import IngestFailure, Store, StoredEvent, StoredMention
from kabar.store.ingest import DEFAULT_COMMIT_EVERY, DEFAULT_MAX_ERRORS, Ingester, IngestReport
from kabar.store.query import (
    GROUPS,
    PERIODS,
    SORTS,
    EventFilter,
    Explanation,
    StatRow,
    StoreSummary,
    count_events,
    events,
    explain,
    failures,
    stats,
    summary,
)
from kabar.store.schema import SCHEMA_VERSION

__all__ = [
    "DEFAULT_COMMIT_EVERY",
    "DEFAULT_DB",
    "DEFAULT_MAX_ERRORS",
    "GROUPS",
    "PERIODS",
    "SCHEMA_VERSION",
    "SORTS",
    "EventFilter",
    "Explanation",
    "IngestFailure",
    "IngestReport",
    "Ingester",
    "StatRow",
    "Store",
    "StoreSummary",
    "StoredEvent",
    "StoredMention",
    "count_events",
    "default_db",
    "events",
    "explain",
    "failures",
    "open_store",
    "stats",
    "summary",
]

# The store a command uses when --db is not given and $KABAR_DB is unset.
DEFAULT_DB = "kabar.db"


def default_db() -> str:
    """``$KABAR_DB`` when set, else ``kabar.db`` in the current directory."""
    return os.environ.get("KABAR_DB") or DEFAULT_DB


def open_store(db: str | os.PathLike[str] | None = None, *, create: bool = True) -> Store:
    """Open (and, when needed, create and migrate) the store at ``db``.

    ``create=False`` refuses a SQLite file that does not exist yet, for commands
    that only read. Raises ``StoreError`` with the fix when the database cannot be
    opened, is not a kabar store, or comes from a newer kabar.
    """
    target = os.fspath(db) if db is not None else default_db()
    if target.startswith(("postgresql://", "postgres://")):
        from kabar.store.postgres import PostgresStore

        return PostgresStore(target)
    from kabar.store.sqlite import SQLiteStore

    path = target.removeprefix("sqlite:///") if target.startswith("sqlite:///") else target
    return SQLiteStore(path if path == ":memory:" else Path(path), create=create)
