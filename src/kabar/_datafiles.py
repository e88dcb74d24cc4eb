"""Read kabar's bundled TSV data files (``kabar/data/*.tsv``) through importlib.resources.

Every bundled table has the same shape: ``#`` lines naming source and licence, one
header line of column names, then one tab-separated row per line. A file that is
missing, unreadable or not of that shape raises :class:`ResourceError` naming the
file, the line and the fix, so a damaged install is reported, not half-loaded.
"""

from __future__ import annotations

from importlib import resources

from kabar.errors import ResourceError

# Where each bundled table comes from, for the "how to fix" half of error messages.
_BUILDERS = {
    "cameo_codes.tsv": "tools/build_cameo.py",
    "plover_crosswalk.tsv": "tools/build_plover_crosswalk.py",
    "countries.tsv": "tools/build_countries.py",
    "kb/actors.tsv": "tools/build_kb.py",
    "kb/roles.tsv": "tools/build_kb.py",
    "country_codes.tsv": "tools/build_country_codes.py",
}


def _fix_hint(name: str) -> str:
    builder = _BUILDERS.get(name)
    rebuild = f"; in a source checkout rebuild it with `python {builder}`" if builder else ""
    return f"reinstall kabar (`pip install --force-reinstall kabar`){rebuild}"


def read_rows(name: str, columns: tuple[str, ...]) -> list[tuple[int, tuple[str, ...]]]:
    """(line number, fields) of every row of bundled ``kabar/data/<name>``.

    Invariant of the result: each fields tuple has exactly ``len(columns)`` strings,
    and the file's header line equals ``columns``. Empty lines are skipped.
    """
    try:
        text = (resources.files("kabar") / "data" / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(
            f"bundled data file kabar/data/{name} cannot be read ({exc}); {_fix_hint(name)}"
        ) from exc
    rows: list[tuple[int, tuple[str, ...]]] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        fields = tuple(line.split("\t"))
        if not header_seen:
            if fields != columns:
                raise ResourceError(
                    f"kabar/data/{name}:{number}: header is {'|'.join(fields)!r}, expected "
                    f"{'|'.join(columns)!r}; {_fix_hint(name)}"
                )
            header_seen = True
            continue
        if len(fields) != len(columns):
            raise ResourceError(
                f"kabar/data/{name}:{number}: {len(fields)} fields, expected {len(columns)}; "
                f"{_fix_hint(name)}"
            )
        rows.append((number, fields))
    if not header_seen:
        raise ResourceError(f"kabar/data/{name} has no header line; {_fix_hint(name)}")
    return rows


def damaged(name: str, number: int | None, problem: str) -> ResourceError:
    """The error for a row (or, with ``number=None``, the whole) of ``kabar/data/<name>``
    that breaks the table's invariants."""
    where = f"kabar/data/{name}" + (f":{number}" if number is not None else "")
    return ResourceError(f"{where}: {problem}; {_fix_hint(name)}")
