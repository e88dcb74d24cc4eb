"""Argument pieces shared by the ``kabar`` commands: exit statuses, dates, and the
options that say how to read input (``kabar code`` and ``kabar ingest`` read alike).

A module of its own because ``kabar.cli`` imports ``kabar.cli_store``: both use
these, and neither can import the other at load time.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence

from kabar.errors import ConfigError

EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE = 0, 1, 2


def date_arg(value: str) -> dt.date:
    """An ISO date given on the command line."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date; use YYYY-MM-DD") from None


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """PATH... with --format, --date and --field, as every command that reads articles has."""
    from kabar.readers import FORMATS

    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--format", choices=FORMATS, help="input format (default: by extension)")
    parser.add_argument("--date", type=date_arg, help="publication date for plain-text input")
    parser.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="NAME=FIELD",
        help="map a kabar field (id, date, title, text, url, source) to a JSONL/CSV field name",
    )


def field_map(pairs: Sequence[str]) -> dict[str, str]:
    """``--field NAME=FIELD`` options as a mapping; a malformed one is a ConfigError."""
    fields: dict[str, str] = {}
    for pair in pairs:
        name, sep, field = pair.partition("=")
        if not sep or not name or not field:
            raise ConfigError(f"--field '{pair}' must look like NAME=FIELD, e.g. text=content")
        fields[name.strip()] = field.strip()
    return fields
