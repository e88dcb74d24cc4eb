"""Plain text: the whole file is the body; the date comes from the caller."""

from __future__ import annotations

import datetime as dt

from kabar.errors import InputError
from kabar.model import Article
from kabar.readers.decode import Source
from kabar.readers.normalise import body


def parse_text(
    text: str, *, source: Source, warnings: tuple[str, ...], fallback_date: dt.date | None
) -> Article:
    """Build the article of a plain-text file's decoded ``text``.

    Plain text carries no metadata: ``title`` is empty and ``date`` is
    ``fallback_date`` (the CLI's ``--date``); without one it is ``None`` and a
    warning says how to give it. A text that normalises to nothing (only
    invisible characters) raises ``InputError``.
    """
    notes = list(warnings)
    if fallback_date is None:
        notes.append("plain text has no publication date; give one with date= (CLI: --date)")
    dateline, content = body(text)
    if not content:
        raise InputError(source.origin, "has no visible text; check how it was produced")
    return Article(
        id=source.stem,
        text=content,
        date=fallback_date,
        dateline=dateline,
        origin=source.origin,
        warnings=tuple(notes),
    )
