"""Read news articles from files, directories, glob patterns or stdin.

``read_articles`` is the one entry point; it picks a reader per input, by the
``format`` argument when given, else by extension:

* ``seed`` (``.txt``, ``.text``): ``" date YYYY-MM-DD title"``, a blank line,
  the body; one article per file.
* ``text`` (``.txt``, ``.text``): a body only; one article per file.
* ``jsonl`` (``.jsonl``, ``.ndjson``): one JSON object per line, streamed.
* ``csv`` (``.csv``, ``.tsv`` tab-delimited): a header row, then one article per
  row, streamed.
* ``html`` (``.html``, ``.htm``): one saved article page.

A ``.txt``/``.text`` file, and stdin (``"-"``), is read as ``seed`` when its
first line has the shape of a date line, else as ``text``.

Directories are walked recursively in sorted order. Hidden files and
directories (names starting with ".") are skipped, and so are files whose
extension is not one of the above: a news folder routinely holds README files,
archives and images, and reporting each would bury real errors. A directory
with no readable file at all is reported. A file named explicitly (or matched
by a glob pattern) is always read or reported, never skipped silently.

Errors: an unknown ``format`` name, bad ``fields`` or a bad limit raise at once,
before anything is read. Everything about the inputs themselves (a missing
file, a binary file, a broken JSONL line) is an ``InputError`` passed to
``on_error``, and reading goes on with the next record or file.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import logging
import os
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Final, TypeAlias

from kabar.errors import ConfigError, InputError, UnknownFormatError
from kabar.model import Article
from kabar.readers.decode import MAX_ARTICLE_BYTES, Source, read_text
from kabar.readers.html import read_html
from kabar.readers.jsonl import FIELDS, read_jsonl
from kabar.readers.seed import is_date_line, parse_seed
from kabar.readers.tabular import read_csv
from kabar.readers.text import parse_text

__all__ = ["FIELDS", "FORMATS", "MAX_ARTICLE_BYTES", "ErrorHandler", "read_articles"]

FORMATS: Final = ("seed", "text", "jsonl", "csv", "html")

# Extension -> format; ".txt" is "seed" or "text" depending on its first line.
_SNIFFED: Final = "seed-or-text"
_EXTENSIONS: Final[Mapping[str, str]] = MappingProxyType(
    {
        ".txt": _SNIFFED,
        ".text": _SNIFFED,
        ".jsonl": "jsonl",
        ".ndjson": "jsonl",
        ".csv": "csv",
        ".tsv": "csv",
        ".html": "html",
        ".htm": "html",
    }
)
_COMPRESSED: Final = frozenset({".gz", ".bz2", ".xz", ".zip", ".zst", ".7z", ".tgz"})
_GLOB_CHARS: Final = frozenset("*?[")
_STDIN: Final = "-"
_STDIN_ORIGIN: Final = "<stdin>"

ErrorHandler: TypeAlias = Callable[[InputError], None]
"""Called with every file or record that cannot be used; may raise to stop reading."""


def read_articles(
    paths: Sequence[str | os.PathLike[str]],
    *,
    format: str | None = None,  # shadows the builtin on purpose: it is the CLI option's name
    date: dt.date | None = None,
    fields: Mapping[str, str] | None = None,
    on_error: ErrorHandler | None = None,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
) -> Iterator[Article]:
    """Yield the articles of ``paths``, in order, reporting unusable inputs to ``on_error``.

    ``paths`` holds files, directories, glob patterns (``news/*.jsonl``) and
    ``"-"`` for stdin. ``format`` (one of ``FORMATS``) overrides the choice by
    extension. ``date`` is the publication date of articles whose input gives
    none (plain text has none). ``fields`` maps kabar field names (``FIELDS``)
    to the names a JSONL/CSV input uses, e.g. ``{"text": "content"}``.
    ``on_error`` gets an ``InputError`` for each file or record skipped; without
    it they are logged as warnings on the ``kabar.readers`` logger.

    Invariants: article ids are unique within the call; each article's
    ``origin`` is its path (``path:LINE`` for JSONL/CSV records); one bad
    record or file never stops the others; no article over
    ``max_article_bytes`` is read into memory.

    Raises ``UnknownFormatError`` for an unknown ``format`` and ``ConfigError``
    for bad ``fields``, ``date`` or ``max_article_bytes``, immediately.
    """
    if format is not None and format not in FORMATS:
        raise UnknownFormatError(
            f"format {format!r}", f"no such input format; use one of: {', '.join(FORMATS)}"
        )
    if isinstance(paths, str | os.PathLike):
        # A lone string is a Sequence of characters: reading "n", "e", "w", "s"
        # would be a confusing way to fail.
        raise ConfigError(
            f"paths must be a list of paths, not the single path {paths!r}; pass [path]"
        )
    if date is not None and not isinstance(date, dt.date):
        raise ConfigError(f"date must be a datetime.date such as date(2023, 10, 19), not {date!r}")
    if isinstance(date, dt.datetime):
        date = date.date()  # Article.date is a calendar day, never a datetime
    field_map = _check_fields(fields or {})
    if isinstance(max_article_bytes, bool) or not isinstance(max_article_bytes, int):
        raise ConfigError(f"max_article_bytes must be an integer, not {max_article_bytes!r}")
    if max_article_bytes < 1:
        raise ConfigError(f"max_article_bytes must be at least 1, not {max_article_bytes}")
    options = _Options(format, date, field_map, max_article_bytes)
    return _read_all([os.fspath(path) for path in paths], options, on_error or _log_error)


@dataclass(frozen=True, slots=True)
class _Options:
    """The validated options of one ``read_articles`` call."""

    format: str | None
    date: dt.date | None
    fields: Mapping[str, str]
    max_bytes: int


def _check_fields(fields: Mapping[str, str]) -> dict[str, str]:
    """``fields`` checked: kabar field names mapped to non-empty input names."""
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise ConfigError(
            f"fields has unknown kabar field name(s) {', '.join(map(repr, unknown))}; "
            f"map any of: {', '.join(FIELDS)}"
        )
    for name, source_name in fields.items():
        if not isinstance(source_name, str) or not source_name.strip():
            raise ConfigError(f"fields[{name!r}] must name an input field, not {source_name!r}")
    return dict(fields)


def _log_error(error: InputError) -> None:
    """The default ``on_error``: a warning on the ``kabar.readers`` logger."""
    logging.getLogger(__name__).warning("%s", error)


def _read_all(paths: list[str], options: _Options, on_error: ErrorHandler) -> Iterator[Article]:
    """Expand ``paths``, then read each input in turn (see ``read_articles``)."""
    inputs = _with_unique_stems(_expand(paths))
    used: dict[str, str] = {}
    for item in inputs:
        if isinstance(item, InputError):
            on_error(item)
            continue
        results = _read_source(item, options)
        try:
            while True:
                # Only the reader's own failures are caught here: an exception
                # raised by on_error or by the consumer must propagate.
                try:
                    result = next(results)
                except StopIteration:
                    break
                except InputError as err:
                    on_error(err)
                    break
                except OSError as err:
                    on_error(InputError(item.origin, f"cannot be read: {err.strerror or err}"))
                    break
                if isinstance(result, InputError):
                    on_error(result)
                else:
                    yield _unique(result, used)
        finally:
            results.close()


def _read_source(source: Source, options: _Options) -> Generator[Article | InputError, None, None]:
    """Everything one input gives: articles and record errors; raises for the whole input."""
    fmt = _format_of(source, options.format)
    if fmt == "jsonl":
        yield from read_jsonl(
            source, max_bytes=options.max_bytes, fields=options.fields, fallback_date=options.date
        )
    elif fmt == "csv":
        tab = source.path is not None and source.path.suffix.lower() == ".tsv"
        yield from read_csv(
            source,
            max_bytes=options.max_bytes,
            fields=options.fields,
            fallback_date=options.date,
            delimiter="\t" if tab else ",",
        )
    elif fmt == "html":
        yield read_html(source, max_bytes=options.max_bytes, fallback_date=options.date)
    else:
        text, warnings = read_text(source, options.max_bytes)
        if fmt == _SNIFFED:
            fmt = "seed" if is_date_line(text.partition("\n")[0]) else "text"
        parse = parse_seed if fmt == "seed" else parse_text
        yield parse(text, source=source, warnings=warnings, fallback_date=options.date)


def _format_of(source: Source, requested: str | None) -> str:
    """The format to read ``source`` with: ``requested``, else by extension."""
    if requested is not None:
        return requested
    if source.path is None:
        return _SNIFFED
    suffix = source.path.suffix.lower()
    fmt = _EXTENSIONS.get(suffix)
    if fmt is not None:
        return fmt
    hint = " (decompress it first)" if suffix in _COMPRESSED else ""
    raise UnknownFormatError(
        source.origin,
        f"no reader for the extension {suffix or '(none)'!r}{hint}; known extensions are "
        f"{', '.join(_EXTENSIONS)}, or choose a reader with format= (one of {', '.join(FORMATS)})",
    )


def _expand(paths: list[str]) -> list[Path | InputError | None]:
    """The inputs named by ``paths``, in order: a file path, ``None`` for stdin, or an error.

    A file reached twice (named, and again inside a directory) is read once.
    """
    found: list[Path | InputError | None] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for name in paths:
        path = Path(name)
        if name == _STDIN:
            found.append(None)
        elif path.is_dir():
            files = _walk(path)
            if not files:
                found.append(_nothing_in(name))
            for file in files:
                add(file)
        elif path.exists():
            add(path)  # a file, or a pipe such as /dev/fd/63 from "<(...)"
        elif _GLOB_CHARS & set(name):
            # Path.glob takes no absolute patterns ("/data/news/*.jsonl"); glob does.
            matches = sorted(glob.glob(name, recursive=True))  # noqa: PTH207
            if not matches:
                found.append(InputError(name, "the pattern matches no file"))
            for match in matches:
                if Path(match).is_dir():
                    for file in _walk(Path(match)):
                        add(file)
                else:
                    add(Path(match))
        else:
            found.append(InputError(name, "no such file or directory"))
    return found


def _walk(directory: Path) -> list[Path]:
    """The readable files under ``directory``: sorted, hidden and unknown kinds skipped."""
    files: list[Path] = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        files.extend(
            Path(root, name)
            for name in sorted(names)
            if not name.startswith(".") and Path(name).suffix.lower() in _EXTENSIONS
        )
    return files


def _nothing_in(directory: str) -> InputError:
    """The error for a directory in which ``_walk`` found nothing to read."""
    return InputError(
        directory,
        f"the directory has no file with a known extension ({', '.join(_EXTENSIONS)}); "
        "name the files explicitly with format= to read others",
    )


def _with_unique_stems(inputs: list[Path | InputError | None]) -> list[Source | InputError]:
    """Turn paths into sources whose stems are unique in the run.

    A stem shared by several files gets a short hash of each file's absolute
    path appended (``report-3f2a9c1e``): the same in every run over the same
    files (hashlib, not ``hash()``), and only added when needed so ids stay
    readable.
    """
    counts = Counter(item.stem for item in inputs if isinstance(item, Path))
    sources: list[Source | InputError] = []
    for item in inputs:
        if isinstance(item, InputError):
            sources.append(item)
        elif item is None:
            sources.append(Source(_STDIN_ORIGIN, "stdin"))
        else:
            stem = item.stem
            if counts[stem] > 1:
                digest = hashlib.sha256(str(item.absolute()).encode()).hexdigest()
                stem = f"{stem}-{digest[:8]}"
            sources.append(Source(str(item), stem, item))
    return sources


def _unique(article: Article, used: dict[str, str]) -> Article:
    """``article`` with an id not yet ``used`` in this run (``used`` maps id -> origin).

    Ids given by the input are kept when free; a repeated one gets ``~2``,
    ``~3`` ... appended and a warning naming the first holder.
    """
    if article.id not in used:
        used[article.id] = article.origin
        return article
    number = 2
    while f"{article.id}~{number}" in used:
        number += 1
    new_id = f"{article.id}~{number}"
    used[new_id] = article.origin
    note = f"id {article.id!r} is already used by {used[article.id]}; renamed to {new_id!r}"
    return replace(article, id=new_id, warnings=(*article.warnings, note))
