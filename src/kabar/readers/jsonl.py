"""JSON Lines: one JSON object per line, read as a stream.

Also home of the record mapping shared with the CSV reader: a record is a
mapping of input field names to values, and ``record_to_article`` turns it
into an ``Article`` using kabar's field names (``FIELDS``), renamed through a
``fields`` mapping when the input uses other names.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from typing import Final

from kabar.errors import InputError
from kabar.model import Article
from kabar.readers.decode import Source, iter_lines, too_large
from kabar.readers.normalise import body, normalise_line, parse_date

# kabar's names for the fields a record may have.
FIELDS: Final = ("id", "date", "title", "text", "url", "source")
# Accepted in place of "text" when the caller maps no text field.
_BODY_ALIAS: Final = "body"


def read_jsonl(
    source: Source,
    *,
    max_bytes: int,
    fields: Mapping[str, str],
    fallback_date: dt.date | None,
) -> Iterator[Article | InputError]:
    """Yield an article per line of ``source``, or the error that makes a line unusable.

    Only one line is in memory at a time, and never more than ``max_bytes + 1``
    bytes of it. Blank lines are skipped. Errors name the line (``path:LINE``);
    an input with no record at all raises ``InputError``.
    """
    records = 0
    with source.open() as stream:
        for line in iter_lines(stream, source.origin, max_bytes):
            origin = f"{source.origin}:{line.number}"
            if line.oversize:
                yield too_large(origin, line.size, max_bytes)
                continue
            if not line.text.strip():
                continue
            records += 1
            try:
                record = json.loads(line.text)
            except json.JSONDecodeError as err:
                yield InputError(
                    origin, f"not valid JSON ({err.msg} at column {err.colno}); fix or remove it"
                )
                continue
            if not isinstance(record, dict):
                yield InputError(
                    origin, f"is a JSON {_json_type(record)}, not an object with a 'text' field"
                )
                continue
            yield record_to_article(
                record,
                fields=fields,
                origin=origin,
                default_id=f"{source.stem}:{line.number}",
                fallback_date=fallback_date,
                warnings=(line.warning,) if line.warning else (),
            )
    if records == 0:
        raise InputError(source.origin, "file is empty; remove it or check how it was produced")


def record_to_article(
    record: Mapping[str, object],
    *,
    fields: Mapping[str, str],
    origin: str,
    default_id: str,
    fallback_date: dt.date | None,
    warnings: tuple[str, ...] = (),
) -> Article | InputError:
    """The article of one record, or the error saying why it has none.

    ``fields`` maps kabar field names to the record's names; unmapped fields are
    looked up by their kabar name (``text`` also as ``body``). A record needs a
    non-empty text; the rest is optional: a missing id becomes ``default_id``,
    a missing or unreadable date becomes ``fallback_date`` (an unreadable one
    with a warning naming the value).
    """
    text_value = _lookup(record, fields, "text")
    if text_value is None and "text" not in fields:
        text_value = record.get(_BODY_ALIAS)
    if not isinstance(text_value, str) or not text_value.strip():
        return _no_text(origin, fields, text_value)
    notes = list(warnings)
    date = fallback_date
    raw_date = _lookup(record, fields, "date")
    if raw_date is not None and raw_date != "":
        parsed = parse_date(str(raw_date)) if isinstance(raw_date, str | int) else None
        if parsed is None:
            then = (
                f"using the given date {fallback_date.isoformat()}"
                if fallback_date
                else "publication date unknown"
            )
            notes.append(
                f"unreadable date {raw_date!r} (expected YYYY-MM-DD, YYYYMMDD or an ISO "
                f"datetime); {then}"
            )
        else:
            date = parsed
    dateline, content = body(text_value)
    if not content:
        return _no_text(origin, fields, "")
    return Article(
        id=_scalar(_lookup(record, fields, "id")) or default_id,
        text=content,
        date=date,
        title=normalise_line(_scalar(_lookup(record, fields, "title"))),
        url=_scalar(_lookup(record, fields, "url")).strip(),
        source=normalise_line(_scalar(_lookup(record, fields, "source"))),
        dateline=dateline,
        origin=origin,
        warnings=tuple(notes),
    )


def _no_text(origin: str, fields: Mapping[str, str], value: object) -> InputError:
    """The error for a record without usable text."""
    name = fields.get("text", "text' or 'body")
    if value is None:
        problem = "is missing"
    elif isinstance(value, str):
        problem = "is empty"
    else:
        problem = f"is a JSON {_json_type(value)}, not a string"
    return InputError(
        origin,
        f"field '{name}' {problem}; a record needs the article text (if another field holds "
        "it, map it with fields={'text': NAME})",
    )


def _lookup(record: Mapping[str, object], fields: Mapping[str, str], name: str) -> object:
    """The value of kabar field ``name`` in ``record`` (``None`` when absent)."""
    return record.get(fields.get(name, name))


def _scalar(value: object) -> str:
    """A string, or a number written as one; anything else (null, lists) is ``""``."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, str | int | float):
        return str(value)
    return ""


def _json_type(value: object) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "null"
