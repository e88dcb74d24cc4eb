"""Getting bytes out of an input and turning them into text.

Every reader goes through here, so the checks are the same for all formats:

* an input is refused before it is read when its size is over the per-article
  limit (files are ``stat``-ed first; streams are read at most one byte past
  the limit), so a huge file never sits in memory just to be rejected;
* an input whose first 8 KB look binary, or that is empty, is refused;
* text is UTF-8 (a BOM is dropped). Invalid bytes do not refuse the input: they
  are decoded as U+FFFD and a warning names the input, the byte offset of the
  first invalid byte and how many invalid sequences there were.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final

from kabar.errors import InputError

# The longest real news articles (long-form features, full speech transcripts)
# are around 100-300 KB of text. An "article" of 10 MB is almost always a whole
# dump concatenated into one file or a wrong file, and would cost minutes and
# gigabytes in the parser, so it is refused unless the user raises the limit.
MAX_ARTICLE_BYTES: Final = 10 * 1024 * 1024

# How much of an input the binary check looks at: enough to see a file header
# and a few paragraphs, small enough to cost nothing.
SNIFF_BYTES: Final = 8192

# Share of control bytes (other than tab, newlines, form feed, ESC) above which
# the head of a file is taken for binary. Real text has practically none; 10%
# leaves room for a few stray control characters in scraped text.
_CONTROL_SHARE: Final = 0.10
_TEXT_CONTROLS: Final = frozenset(b"\t\n\v\f\r\x1b")
_CONTROL_BYTES: Final = frozenset(range(32)) - _TEXT_CONTROLS | {0x7F}

_UTF8_BOM: Final = b"\xef\xbb\xbf"
_UTF16_BOMS: Final = (b"\xff\xfe", b"\xfe\xff")
_LIMIT_HINT: Final = (
    "raise the limit with max_article_bytes= (CLI: --max-article-bytes) if this really is "
    "one article"
)


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file, or standard input when ``path`` is ``None``.

    ``origin`` is what messages and ``Article.origin`` call it (the path as
    given, or ``"<stdin>"``); ``stem`` is the base for derived article ids and
    is unique among the sources of one run.
    """

    origin: str
    stem: str
    path: Path | None = None

    @contextmanager
    def open(self) -> Iterator[BinaryIO]:
        """Yield a binary stream of the input; standard input is left open."""
        if self.path is None:
            yield _stdin_bytes()
            return
        with self.path.open("rb") as stream:
            yield stream


def _stdin_bytes() -> BinaryIO:
    """The byte stream under ``sys.stdin`` (looked up now, so tests can replace it)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        # A text-only stand-in (io.StringIO) has no bytes below it: re-encode.
        return io.BytesIO(sys.stdin.read().encode("utf-8"))
    stream: BinaryIO = buffer
    return stream


def too_large(origin: str, size: int, max_bytes: int, *, at_least: bool = False) -> InputError:
    """The error for an article over the size limit, saying the limit and how to raise it."""
    amount = f"more than {max_bytes:,}" if at_least else f"{size:,}"
    return InputError(
        origin, f"article is {amount} bytes, over the limit of {max_bytes:,} bytes; {_LIMIT_HINT}"
    )


def check_head(head: bytes, origin: str) -> None:
    """Refuse an input whose first bytes show it is not UTF-8 text.

    ``head`` is the first ``SNIFF_BYTES`` (or fewer) bytes of the input.
    """
    if head.startswith(_UTF16_BOMS):
        raise InputError(
            origin,
            "is UTF-16 text, not UTF-8; convert it first (iconv -f UTF-16 -t UTF-8)",
        )
    sample = head[:SNIFF_BYTES]
    if b"\x00" in sample:
        raise InputError(
            origin,
            "looks like a binary file, not text (it has NUL bytes); pass text, JSONL, CSV "
            "or HTML files (decompress .gz/.zip files first)",
        )
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if sample and controls / len(sample) > _CONTROL_SHARE:
        raise InputError(
            origin,
            f"looks like a binary file, not text ({controls} control bytes in the first "
            f"{len(sample):,}); pass text, JSONL, CSV or HTML files",
        )


def read_bytes(source: Source, max_bytes: int) -> bytes:
    """All bytes of ``source``, checked: at most ``max_bytes``, not binary, not empty.

    The size of a file is checked before it is opened; a stream (stdin, a pipe)
    is read at most one byte past the limit.
    """
    if source.path is not None:
        try:
            size = source.path.stat().st_size
        except OSError as err:
            raise InputError(source.origin, f"cannot be read: {err.strerror or err}") from err
        if size > max_bytes:
            raise too_large(source.origin, size, max_bytes)
    with source.open() as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        # Only possible for streams, or a file that grew since it was stat-ed.
        raise too_large(source.origin, len(data), max_bytes, at_least=True)
    check_head(data[:SNIFF_BYTES], source.origin)
    if not data.strip():
        raise InputError(source.origin, "file is empty; remove it or check how it was produced")
    return data


def decode(data: bytes, origin: str, *, offset: int = 0) -> tuple[str, str | None]:
    """Decode UTF-8 ``data`` (dropping a leading BOM) into text and an optional warning.

    Never fails: invalid bytes become U+FFFD and the warning names ``origin``,
    the byte offset of the first invalid byte (``offset`` is added, for data
    that starts inside a file) and how many invalid sequences were replaced.
    """
    bom = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    try:
        return data[bom:].decode("utf-8"), None
    except UnicodeDecodeError as err:
        first = offset + bom + err.start
    text = data[bom:].decode("utf-8", errors="replace")
    # Each replaced sequence adds one U+FFFD; any U+FFFD already in the input
    # was encoded as EF BF BD, so subtracting those counts the replacements.
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    return text, (
        f"{origin}: not valid UTF-8: {replaced} invalid byte sequence(s), the first at byte "
        f"offset {first:,}; they were replaced by U+FFFD (re-encode the file as UTF-8 to fix)"
    )


def read_text(source: Source, max_bytes: int) -> tuple[str, tuple[str, ...]]:
    """The whole text of ``source`` and its decoding warnings (see ``read_bytes``).

    The text is never blank: a file holding only a BOM or whitespace is empty.
    """
    text, warning = decode(read_bytes(source, max_bytes), source.origin)
    if not text.strip():
        raise InputError(source.origin, "file is empty; remove it or check how it was produced")
    return text, (warning,) if warning else ()


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line of a streamed input.

    ``number`` counts from 1; ``size`` is its length in bytes with the line
    ending. ``oversize`` lines were longer than the limit: their ``text`` is
    ``""`` and they were skipped without being held in memory.
    """

    number: int
    text: str
    size: int
    warning: str | None = None
    oversize: bool = False


def iter_lines(stream: BinaryIO, origin: str, max_bytes: int) -> Iterator[Line]:
    """Stream ``stream`` line by line, decoding each line as UTF-8.

    At most ``max_bytes + 1`` bytes of one line are ever held; a longer line is
    skipped to its end and yielded with ``oversize=True``. The first bytes are
    checked by ``check_head`` before anything is yielded.
    """
    number = 0
    offset = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        if number == 0:
            check_head(raw[:SNIFF_BYTES] + _peek(stream), origin)
            if raw.startswith(_UTF8_BOM):
                offset += len(_UTF8_BOM)
                raw = raw[len(_UTF8_BOM) :]
        number += 1
        start = offset
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw) + _skip_line(stream, max_bytes)
            offset += size
            yield Line(number, "", size, oversize=True)
            continue
        offset += len(raw)
        text, warning = decode(raw, origin, offset=start)
        yield Line(number, text, len(raw), warning)


def _peek(stream: BinaryIO) -> bytes:
    """Up to ``SNIFF_BYTES`` bytes that follow in ``stream``, without consuming them."""
    if stream.seekable():
        position = stream.tell()
        ahead = stream.read(SNIFF_BYTES)
        stream.seek(position, os.SEEK_SET)
        return ahead
    peek = getattr(stream, "peek", None)
    if peek is None:
        return b""
    peeked: bytes = peek(SNIFF_BYTES)
    return peeked[:SNIFF_BYTES]


def _skip_line(stream: BinaryIO, chunk: int) -> int:
    """Consume ``stream`` up to and including the next newline; return the bytes skipped."""
    skipped = 0
    while True:
        part = stream.readline(chunk)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped
