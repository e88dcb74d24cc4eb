"""The embedded store: one SQLite file in WAL mode, full-text search with FTS5."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from kabar.errors import StoreError
from kabar.store.base import Row, Store
from kabar.store.schema import Dialect

# Rows fetched per round trip when streaming.
_CHUNK = 2000


class SQLiteStore(Store):
    """A kabar store in one SQLite file (``":memory:"`` for a throwaway one).

    ``create=False`` refuses a missing file instead of creating an empty store,
    so a mistyped ``--db`` for a query says so rather than answering "no events".
    """

    dialect: Dialect = "sqlite"

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        super().__init__(str(path))
        self.path = path
        memory = str(path) == ":memory:"
        if not memory and not create and not Path(path).exists():
            raise StoreError(
                f"no kabar store at {path}; run `kabar ingest PATH --db {path}` first, "
                "or point --db at an existing store"
            )
        if not memory and Path(path).is_dir():
            raise StoreError(
                f"{path} is a directory; give --db a file name such as {path}/kabar.db"
            )
        uri = "file::memory:" if memory else f"file:{Path(path).resolve()}?mode=rwc"
        try:
            # isolation_level=None: transactions are opened explicitly (BEGIN IMMEDIATE), so
            # a batch's statements commit together or not at all.
            self._db = sqlite3.connect(uri, uri=True, isolation_level=None)
            self._db.execute("PRAGMA foreign_keys = ON")
            # Reading the schema first: a file that is not a database fails here, before
            # the journal-mode change below could write anything to it.
            self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if not memory:
                self._db.execute("PRAGMA journal_mode = WAL")
            # With WAL, NORMAL loses nothing when the process is killed (only on power loss
            # may the last transactions go), and is several times faster than FULL.
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA busy_timeout = 10000")
        except sqlite3.Error as exc:
            raise self._error("cannot open", exc) from exc
        self.migrate()

    def _error(self, doing: str, exc: sqlite3.Error) -> StoreError:
        text = str(exc)
        if "not a database" in text or "malformed" in text:
            return StoreError(
                f"{self.label} is not a SQLite database ({text}); nothing was written to it. "
                "Point --db at a new file or an existing kabar store"
            )
        if "unable to open" in text or "readonly" in text or "read-only" in text:
            return StoreError(
                f"{doing} {self.label}: {text}; the path must be a writable file in an "
                "existing, writable directory: choose another --db"
            )
        return StoreError(f"{doing} {self.label}: {text}")

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._error("cannot read or write", exc) from exc

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        try:
            cursor = self._db.execute(sql, params)
            while chunk := cursor.fetchmany(_CHUNK):
                yield from chunk
        except sqlite3.Error as exc:
            raise self._error("cannot read", exc) from exc

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            self._db.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise self._error("cannot write", exc) from exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock at once: two writers wait (busy_timeout) rather
        # than fail half-way through a batch.
        self.rows("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.rollback()
            raise
        self.rows("COMMIT")

    def close(self) -> None:
        self._db.close()

    def table_names(self) -> set[str]:
        return {
            name
            for (name,) in self.rows("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith(("sqlite_", "articles_fts_"))
        }

    def size_bytes(self) -> int:
        if str(self.path) == ":memory:":
            ((pages,),) = self.rows("PRAGMA page_count")
            ((size,),) = self.rows("PRAGMA page_size")
            return int(pages) * int(size)
        base = Path(self.path)
        return sum(
            p.stat().st_size for p in (base, base.with_name(base.name + "-wal")) if p.exists()
        )

    def index_text(self, article_id: str, title: str, text: str, *, replacing: bool) -> None:
        if replacing:
            # article_id is not indexed in FTS5, so this scans the table: done only for
            # a new version (rare), never for a new article (it cost 1.6 ms per article).
            self.rows("DELETE FROM articles_fts WHERE article_id = ?", (article_id,))
        self.rows(
            "INSERT INTO articles_fts (title, text, article_id) VALUES (?, ?, ?)",
            (title, text, article_id),
        )

    def text_match(self) -> str:
        return "SELECT article_id FROM articles_fts WHERE articles_fts MATCH ?"

    def fts_query(self, words: str) -> str:
        # Each word quoted: FTS5 syntax characters in user text ('-', ':', '"') are
        # then plain text, never a syntax error.
        return " ".join('"' + w.replace('"', '""') + '"' for w in words.split())

    def week_start(self, column: str) -> str:
        # 'weekday 0' moves forward to Sunday (or stays on one); 6 days back is Monday.
        return f"date({column}, 'weekday 0', '-6 days')"
