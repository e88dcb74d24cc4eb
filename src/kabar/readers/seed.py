"""The seed format: a date line, a blank line, then the body.

::

     date 2023-10-19 In rare visit abroad, Putin holds talks with Kyrgyzstan president

    BISHKEK: President of Kyrgyzstan Sadyr Zhaparov ...

The leading space is optional and ``date`` may be in any case. The date is
whatever ``parse_date`` accepts (``YYYY-MM-DD`` by convention).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from kabar.errors import InputError
from kabar.model import Article
from kabar.readers.decode import Source
from kabar.readers.normalise import body, normalise_line, parse_date

# The shape of a date line, whatever its date says: "date", then a date-like
# token of 6+ characters starting with a digit, so that text starting "Date 5
# was chosen" or "Date palms grow" is not taken for one.
_DATE_LINE: Final = re.compile(
    r"[ \t]*date:?[ \t]+(?P<value>\d[\w:+./-]{5,})(?:[ \t]+(?P<title>.*))?", re.IGNORECASE
)
_EXPECTED: Final = "' date YYYY-MM-DD title'"


def is_date_line(line: str) -> bool:
    """Whether ``line`` has the shape of a seed date line (its date may still be invalid)."""
    return _DATE_LINE.fullmatch(line.rstrip("\r\n")) is not None


def parse_seed(
    text: str, *, source: Source, warnings: tuple[str, ...], fallback_date: dt.date | None
) -> Article:
    """Build the article of a seed file's decoded ``text``.

    The article is kept whenever it has a body: without a date line the whole
    text is the body, with a garbled one the title is kept; either way ``date``
    is ``fallback_date`` (``None`` without one) and a warning says why.
    """
    first, _, rest = text.partition("\n")
    match = _DATE_LINE.fullmatch(first.strip("\r\ufeff").rstrip())
    notes = list(warnings)
    title = ""
    date: dt.date | None = None
    if match is None:
        rest = text
        notes.append(f"no {_EXPECTED} first line; {_unknown(fallback_date)}")
    else:
        title = normalise_line(match["title"] or "")
        date = parse_date(match["value"])
        if date is None:
            notes.append(
                f"date line has an impossible or unreadable date {match['value']!r} "
                f"(expected {_EXPECTED}); {_unknown(fallback_date)}"
            )
    dateline, content = body(rest)
    if not content:
        raise InputError(source.origin, "has a date line but no body text after it")
    return Article(
        id=source.stem,
        text=content,
        date=date or fallback_date,
        title=title,
        dateline=dateline,
        origin=source.origin,
        warnings=tuple(notes),
    )


def _unknown(fallback_date: dt.date | None) -> str:
    """The end of a date warning: what date the article gets instead."""
    if fallback_date is None:
        return "publication date unknown"
    return f"using the given date {fallback_date.isoformat()}"
