"""Events as CSV: one row per event or per dyad, flat columns.

The columns and their meaning are listed in ``kabar.export.flat``. Lists (actors,
contexts, reasons) are joined with ``;``, booleans are ``true``/``false``, dates
ISO, and a missing value is an empty field. The first line is the header.

    write_csv(events, out, clusters=None, unit="event")   # out: a text stream
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from typing import IO

from kabar.export.clusters import ClusterInfo
from kabar.export.flat import COLUMNS, Value, flat_rows
from kabar.export.jsonl import Unit
from kabar.model import Event

LIST_SEPARATOR = ";"


def write_csv(
    events: Iterable[Event],
    out: IO[str],
    clusters: Iterable[ClusterInfo] | None = None,
    *,
    unit: Unit = "event",
) -> int:
    """Write the header and one row per event (or dyad); returns the rows written.

    Open ``out`` with ``newline=""`` (as the csv module asks) so that line breaks
    inside a quoted sentence survive on every platform.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([column.name for column in COLUMNS])
    count = 0
    for row in flat_rows(events, clusters, unit):
        writer.writerow([_cell(row[column.name]) for column in COLUMNS])
        count += 1
    return count


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)
