"""CSV and TSV with a header row, read as a stream.

Named ``tabular`` so that the standard library's ``csv`` stays unambiguous in
the package's imports. The columns are the record fields of the JSONL reader
(``id``, ``date``, ``title``, ``text`` or ``body``, ``url``, ``source``), renamed
through ``fields`` when the header uses other names.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Mapping

from kabar.errors import InputError
from kabar.model import Article
from kabar.readers.decode import Line, Source, iter_lines, too_large
from kabar.readers.jsonl import record_to_article


def read_csv(
    source: Source,
    *,
    max_bytes: int,
    fields: Mapping[str, str],
    fallback_date: dt.date | None,
    delimiter: str = ",",
) -> Iterator[Article | InputError]:
    """Yield an article per data row of ``source``, or the error that makes a row unusable.

    The first row must be the header and name a text column. Errors name the
    line where the row starts (``path:LINE``; the header is line 1). A row is
    at most ``max_bytes``: longer rows are reported and skipped, and a single
    line or field over the limit stops the file, since the parser cannot find
    the next row boundary reliably after it. Invariant on memory: one row at a
    time, never more than about ``max_bytes`` of it.
    """
    _allow_fields_of(max_bytes)
    with source.open() as stream:
        feed = _Feed(iter_lines(stream, source.origin, max_bytes), source.origin, max_bytes)
        reader = csv.reader(feed, delimiter=delimiter)
        header = _header(reader, source.origin, fields)
        feed.take_warnings()
        rows = 0
        while True:
            start = reader.line_num + 1
            origin = f"{source.origin}:{start}"
            size_before = feed.bytes_read
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                # Only a field over field_size_limit mentions the limit.
                problem = (
                    too_large(origin, 0, max_bytes, at_least=True).problem
                    if "field limit" in str(err)
                    else f"malformed CSV ({err})"
                )
                raise InputError(origin, f"{problem}; the rest of the file was not read") from err
            warnings = feed.take_warnings()
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            size = feed.bytes_read - size_before
            if size > max_bytes:
                yield too_large(origin, size, max_bytes)
                continue
            if len(row) != len(header):
                yield InputError(
                    origin,
                    f"has {len(row)} fields but the header has {len(header)}; check the "
                    "quoting and the delimiter",
                )
                continue
            yield record_to_article(
                dict(zip(header, row, strict=True)),
                fields=fields,
                origin=origin,
                default_id=f"{source.stem}:{start}",
                fallback_date=fallback_date,
                warnings=tuple(warnings),
            )
    if rows == 0:
        raise InputError(source.origin, "has a header row but no data rows")


def _header(reader: Iterator[list[str]], origin: str, fields: Mapping[str, str]) -> list[str]:
    """The stripped column names of the first non-blank row; it must name a text column."""
    for row in reader:
        if any(cell.strip() for cell in row):
            header = [cell.strip() for cell in row]
            break
    else:
        raise InputError(origin, "file is empty; remove it or check how it was produced")
    wanted = [fields["text"]] if "text" in fields else ["text", "body"]
    if not any(name in header for name in wanted):
        names = " or ".join(repr(name) for name in wanted)
        raise InputError(
            origin,
            f"the header row has no {names} column (columns: {', '.join(header[:20])}); the "
            "first row must name the columns, and fields={'text': NAME} maps another one",
        )
    return header


def _allow_fields_of(max_bytes: int) -> None:
    """Let the csv module parse fields as long as one article may be.

    The default limit (128 KB) refuses long article bodies. The limit is
    process-wide state of the csv module, so it is only ever raised, never
    lowered, to leave other users of the module unaffected.
    """
    if csv.field_size_limit() < max_bytes:
        csv.field_size_limit(max_bytes)


class _Feed:
    """The decoded lines of one input, fed to ``csv.reader``, with bookkeeping.

    Counts the bytes consumed (so a row's size is known) and collects decoding
    warnings until ``take_warnings``; an oversize line raises ``InputError``.
    """

    def __init__(self, lines: Iterator[Line], origin: str, max_bytes: int) -> None:
        self._lines = lines
        self._origin = origin
        self._max_bytes = max_bytes
        self._warnings: list[str] = []
        self.bytes_read = 0

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.bytes_read += line.size
        if line.oversize:
            error = too_large(f"{self._origin}:{line.number}", line.size, self._max_bytes)
            raise InputError(error.origin, f"{error.problem}; the rest of the file was not read")
        if line.warning:
            self._warnings.append(line.warning)
        return line.text

    def take_warnings(self) -> list[str]:
        """The decoding warnings collected since the last call."""
        taken, self._warnings = self._warnings, []
        return taken
