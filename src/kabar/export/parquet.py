"""Events as Parquet: one row per event or per dyad, with a typed schema.

The columns are those of ``kabar.export.flat`` (documented there), typed: strings,
``int64``, ``float64``, ``bool``, ``date32`` for dates and ``list<string>`` for the
list columns; every column is nullable. Parquet needs pyarrow, an optional
dependency: ``pip install 'kabar[parquet]'``.

    write_parquet(events, out, clusters=None, unit="event")   # out: a binary stream
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from kabar.errors import ConfigError
from kabar.export.clusters import ClusterInfo
from kabar.export.flat import COLUMNS, Column, flat_rows
from kabar.export.jsonl import Unit
from kabar.model import Event

if TYPE_CHECKING:
    import pyarrow


def write_parquet(
    events: Iterable[Event],
    out: IO[bytes],
    clusters: Iterable[ClusterInfo] | None = None,
    *,
    unit: Unit = "event",
) -> int:
    """Write one Parquet file of events (or dyads) to ``out``; returns the rows written.

    Raises ConfigError naming the extra to install when pyarrow is missing.
    """
    pa, pq = _pyarrow()
    schema = parquet_schema()
    columns: dict[str, list[Any]] = {column.name: [] for column in COLUMNS}
    for row in flat_rows(events, clusters, unit):
        for name, value in row.items():
            columns[name].append(value)
    table = pa.Table.from_pydict(columns, schema=schema)
    pq.write_table(table, out)
    return int(table.num_rows)


def parquet_schema() -> pyarrow.Schema:
    """The typed schema of the Parquet file (needs pyarrow)."""
    pa, _ = _pyarrow()
    return pa.schema([pa.field(c.name, _type(pa, c), nullable=True) for c in COLUMNS])


def _type(pa: Any, column: Column) -> Any:
    return {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "list": pa.list_(pa.string()),
    }[column.type]


def _pyarrow() -> tuple[Any, Any]:
    # Imported here, not at the top: kabar runs without pyarrow unless Parquet is asked for.
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ConfigError(
            "writing Parquet needs pyarrow, which is not installed; "
            "install it with `pip install 'kabar[parquet]'` or choose another format"
        ) from exc
    return pa, pq
