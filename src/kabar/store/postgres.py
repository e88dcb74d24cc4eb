"""The server store: PostgreSQL through psycopg 3 (the ``kabar[postgres]`` extra).

Tables live in the connection's current schema, so a URL with
``?options=-csearch_path%3Dmyschema`` keeps several stores in one database.
Full-text search is a GIN index over ``to_tsvector('english', title || text)``.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from kabar.errors import StoreError
from kabar.store.base import Row, Store
from kabar.store.schema import Dialect

if TYPE_CHECKING:
    import psycopg

_CHUNK = 2000
_cursor_names = itertools.count()


def redact(url: str) -> str:
    """The URL with any password replaced by ``***``, for messages and logs."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


def _sql(sql: str) -> str:
    # The shared SQL uses ? placeholders, psycopg wants %s and a literal % doubled.
    # No statement has a literal ?: values, patterns included, always go as parameters.
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresStore(Store):
    """A kabar store in a PostgreSQL database given by a ``postgresql://`` URL."""

    dialect: Dialect = "postgres"

    def __init__(self, url: str, *, connect_timeout: int = 10) -> None:
        super().__init__(redact(url))
        try:
            import psycopg
        except ImportError:
            raise StoreError(
                "a PostgreSQL store needs psycopg 3; install it with "
                "`pip install 'kabar[postgres]'` (or use a SQLite file path for --db)"
            ) from None
        self._psycopg = psycopg
        try:
            self._conn: psycopg.Connection[Any] = psycopg.connect(
                url, autocommit=True, connect_timeout=connect_timeout
            )
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(
                f"cannot connect to PostgreSQL at {self.label}: {first}; start the server, "
                "check the host, port, user, password and database name in --db, or use a "
                "SQLite file path instead"
            ) from None
        self.migrate()

    def _error(self, exc: Exception) -> StoreError:
        return StoreError(f"PostgreSQL at {self.label}: {str(exc).strip()}")

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        try:
            cursor = self._conn.execute(_sql(sql), params)
            return cursor.fetchall() if cursor.description else []
        except self._psycopg.Error as exc:
            raise self._error(exc) from exc

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        try:
            # A named (server-side) cursor streams; it needs a transaction around it.
            with (
                self._conn.transaction(),
                self._conn.cursor(name=f"kabar_stream_{next(_cursor_names)}") as cursor,
            ):
                cursor.execute(_sql(sql), params)
                while chunk := cursor.fetchmany(_CHUNK):
                    yield from chunk
        except self._psycopg.Error as exc:
            raise self._error(exc) from exc

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            with self._conn.cursor() as cursor:
                cursor.executemany(_sql(sql), rows)
        except self._psycopg.Error as exc:
            raise self._error(exc) from exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self._conn.transaction():
                # One writer at a time per store, as SQLite's BEGIN IMMEDIATE gives:
                # a batch regroups clusters from what earlier batches stored, and a
                # run id is the last one plus one. Two ingests into one store then
                # interleave whole batches instead of racing (readers do not wait).
                self._conn.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
                yield
        except self._psycopg.Error as exc:
            raise self._error(exc) from exc

    def close(self) -> None:
        self._conn.close()

    def table_names(self) -> set[str]:
        return {
            name
            for (name,) in self.rows(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()"
            )
        }

    def size_bytes(self) -> int:
        # The store's own tables with their indexes and TOAST, not the whole database,
        # which may hold other schemas (and always holds the system catalogs).
        ((size,),) = self.rows(
            "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')"
        )
        return int(size)

    def index_text(self, article_id: str, title: str, text: str, *, replacing: bool) -> None:
        pass  # the GIN expression index follows the articles table by itself

    def text_match(self) -> str:
        return (
            "SELECT article_id FROM articles WHERE is_current = 1 AND "
            "to_tsvector('english', title || ' ' || text) @@ plainto_tsquery('english', ?)"
        )

    def week_start(self, column: str) -> str:
        return f"to_char(date_trunc('week', CAST({column} AS date)), 'YYYY-MM-DD')"


@contextlib.contextmanager
def scratch_schema(base_url: str, prefix: str = "scratch") -> Iterator[str]:
    """A store URL pointing at a new, empty schema of the database at ``base_url``,
    dropped with everything in it on exit: for tests and benchmarks that must not
    touch each other's tables."""
    import uuid

    import psycopg

    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base_url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{base_url}{'&' if '?' in base_url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(base_url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
