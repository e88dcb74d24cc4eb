"""HTML pages: main text and metadata extracted by trafilatura, offline.

The page is given to trafilatura as a string, so it never fetches anything:
``bare_extraction`` only downloads when handed a URL to fetch, which this
module never does (the page's own URL is read from its ``<link
rel=canonical>`` or ``og:url`` by trafilatura's metadata extraction).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from typing import Final

from kabar.errors import InputError
from kabar.model import Article
from kabar.readers.decode import Source, decode, read_bytes
from kabar.readers.normalise import body, normalise_line, parse_date

# Pages declare a legacy encoding (windows-1251, gb2312 ...) near the top; 2 KB
# covers the <head> up to the charset declaration on real pages.
_CHARSET_WINDOW: Final = 2048
_CHARSET: Final = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def read_html(source: Source, *, max_bytes: int, fallback_date: dt.date | None) -> Article:
    """The article of one HTML page.

    ``text`` is the page's main text (navigation, comments and boilerplate
    left out), one paragraph per block; ``title``, ``date``, ``url`` and
    ``source`` (the site name) come from the page's metadata when it has them.
    A page with no extractable text raises ``InputError``.
    """
    page, warnings = _decode_page(read_bytes(source, max_bytes), source.origin)
    # Imported here: trafilatura pulls in lxml, htmldate and more (~0.3 s),
    # which users of the other formats should not pay for.
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            page, with_metadata=True, include_comments=False, include_images=False
        )
    # trafilatura can fail in many ways (lxml, htmldate) on a malformed page; any
    # of them only means this page is unusable, so it becomes an InputError.
    except Exception as err:
        raise InputError(
            source.origin, f"the HTML could not be parsed ({type(err).__name__}: {err})"
        ) from err
    raw_text = getattr(document, "text", None) if document is not None else None
    if not isinstance(raw_text, str) or not raw_text.strip():
        raise InputError(
            source.origin,
            "no article text could be extracted from the page; check that it is a saved "
            "article page (not a script-rendered shell or an index page)",
        )
    title = normalise_line(_field(document, "title"))
    # trafilatura writes one block element per line; each is a paragraph.
    paragraphs = [line for line in raw_text.split("\n") if line.strip()]
    if len(paragraphs) > 1 and normalise_line(paragraphs[0]).casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the headline repeated from <h1>
    dateline, content = body("\n\n".join(paragraphs))
    notes = list(warnings)
    date = parse_date(_field(document, "date"))
    if date is None:
        notes.append(
            "the page gives no publication date; "
            + (
                f"using the given date {fallback_date.isoformat()}"
                if fallback_date
                else "publication date unknown (give one with date=, CLI: --date)"
            )
        )
    return Article(
        id=source.stem,
        text=content,
        date=date or fallback_date,
        title=title,
        url=_field(document, "url").strip(),
        source=normalise_line(_field(document, "sitename")),
        dateline=dateline,
        origin=source.origin,
        warnings=tuple(notes),
    )


def _decode_page(data: bytes, origin: str) -> tuple[str, tuple[str, ...]]:
    """Decode a page: by its declared charset if that is a known non-UTF-8 one, else UTF-8."""
    declared = _CHARSET.search(data[:_CHARSET_WINDOW])
    if declared is not None:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            codec = "utf-8"
        if codec != "utf-8":
            try:
                return data.decode(codec), ()
            except UnicodeDecodeError as err:
                return data.decode(codec, errors="replace"), (
                    f"{origin}: not valid {codec} (its declared charset) from byte offset "
                    f"{err.start:,}; bad bytes were replaced by U+FFFD",
                )
    text, warning = decode(data, origin)
    return text, (warning,) if warning else ()


def _field(document: object, name: str) -> str:
    """A metadata field of trafilatura's document as text (``""`` when missing or not text)."""
    value = getattr(document, name, None)
    return value if isinstance(value, str) else ""
