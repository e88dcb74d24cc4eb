"""Normalisation shared by every reader: body text, titles and date values.

The normalised body is what ``Article.text`` holds and what all character
offsets downstream refer to, so every reader must build it with ``body()``.
Its invariants: newlines are ``\\n``; paragraphs are separated by exactly one
blank line (``\\n\\n``) and contain no newline; no paragraph has leading or
trailing spaces or runs of spaces; the text is NFC and has no leading or
trailing whitespace.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Final

from kabar.readers.dateline import split_dateline

# Line and paragraph separators other than "\n". "\r\n" is replaced first so it
# does not count as two line breaks.
_LINE_BREAKS: Final = re.compile(r"\r\n?|[\v\f\x85\u2028]")
_PARAGRAPH_SEPARATOR: Final = "\u2029"
# Horizontal whitespace, including no-break and typographic spaces, which
# scraped news text is full of; all become one ordinary space.
_SPACES: Final = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Invisible characters that only get in the way of matching (a BOM in the
# middle of concatenated text, zero-width spaces from CMS editors).
_INVISIBLE: Final = re.compile(r"[\ufeff\u200b]")
# A line ending in a hyphen glued to a word ("Kyrgyz-" + "Russian") is joined
# without a space, keeping the hyphen: dropping it would break real compounds.
_HYPHEN_END: Final = re.compile(r"\w-$")

_COMPACT_DATE: Final = re.compile(r"\d{8}")
# Extra indentation (in columns) that opens a paragraph. Reuters indents by 4;
# requiring 2 keeps a stray single leading space from splitting a paragraph.
_PARAGRAPH_INDENT: Final = 2


def normalise_text(raw: str) -> str:
    """Normalise a body: unify newlines, join hard-wrapped lines, keep paragraphs.

    A paragraph ends at a blank line, and also where a line is indented (by 2
    columns or more) beyond the text's common indentation: Reuters bodies are wrapped at about 70
    characters and start each paragraph with a newline and four spaces. See the
    module docstring for the invariants of the result.
    """
    text = _LINE_BREAKS.sub("\n", raw).replace(_PARAGRAPH_SEPARATOR, "\n\n")
    text = _INVISIBLE.sub("", text)
    lines = text.split("\n")
    indents = [_indent(line) for line in lines if line.strip()]
    if not indents:
        return ""
    common = min(indents)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        stripped = _SPACES.sub(" ", line).strip()
        if not stripped or (current and _indent(line) >= common + _PARAGRAPH_INDENT):
            if current:
                paragraphs.append(_join(current))
            current = [stripped] if stripped else []
            continue
        current.append(stripped)
    if current:
        paragraphs.append(_join(current))
    return unicodedata.normalize("NFC", "\n\n".join(paragraphs))


def normalise_line(raw: str) -> str:
    """Normalise a one-line value (a title): all whitespace runs become one space."""
    text = _INVISIBLE.sub("", raw)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def body(raw: str) -> tuple[str, str]:
    """Normalise ``raw`` and remove a dateline from its start: ``(dateline, text)``.

    ``text`` satisfies the module's invariants; ``dateline`` is the place text of
    the removed dateline, or ``""``.
    """
    return split_dateline(normalise_text(raw))


def parse_date(value: str) -> dt.date | None:
    """A date from ``YYYY-MM-DD``, ``YYYYMMDD`` or an ISO 8601 datetime; ``None`` otherwise.

    A datetime keeps the calendar date as written, without converting its time
    zone: a story published at 23:30 in Bishkek is dated by Bishkek's day.
    """
    text = value.strip()
    try:
        if _COMPACT_DATE.fullmatch(text):
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _indent(line: str) -> int:
    """Width of the leading spaces and tabs of ``line`` (a tab counts as 4)."""
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4
        else:
            break
    return width


def _join(lines: list[str]) -> str:
    """Join the stripped lines of one paragraph into one line."""
    joined = lines[0]
    for line in lines[1:]:
        if _HYPHEN_END.search(joined) and line[:1].isalpha():
            joined += line
        else:
            joined += " " + line
    return joined
