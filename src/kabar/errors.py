"""The one exception hierarchy of kabar.

Every message says what went wrong *and* how to fix it::

    KabarError
    ├── ConfigError          a setting, option or argument is invalid
    ├── InputError           an input file or record cannot be used
    │   └── UnknownFormatError   no reader for a format name or file extension
    ├── ResourceError        a model or bundled data file is missing or damaged
    ├── LexiconError         a verb-pattern lexicon file is malformed
    ├── RemoteError          an online service is unreachable or gave an unusable answer
    ├── LearnedStoreError    the learned layer's file cannot be opened, read or written
    └── StoreError           the event store cannot be opened, migrated, read or written

The CLI turns these into a one-line message and an exit status; library callers
catch ``KabarError`` to handle all of them.
"""

from __future__ import annotations


class KabarError(Exception):
    """Base class of every error kabar raises on purpose."""


class ConfigError(KabarError):
    """A setting, command-line option or API argument is invalid."""


class InputError(KabarError):
    """An input file or one of its records cannot be read.

    ``origin`` names the file and, where there is one, the record
    (``news.jsonl:12``) so a user can find it.
    """

    def __init__(self, origin: str, problem: str) -> None:
        self.origin = origin
        self.problem = problem
        super().__init__(f"{origin}: {problem}")


class UnknownFormatError(InputError):
    """No reader exists for a format name or file extension."""


class ResourceError(KabarError):
    """A spaCy model or a bundled data file is missing, unreadable or altered."""


class LexiconError(KabarError):
    """A verb-pattern lexicon file does not follow the documented format."""


class RemoteError(KabarError):
    """An online service (the Wikidata query service) cannot be reached, refused the
    request or answered something unusable. The message names the endpoint."""


class LearnedStoreError(KabarError):
    """The learned layer (``learned.sqlite3``, claims read from the news) cannot be
    opened, read or written. The message names the file."""


class StoreError(KabarError):
    """The event store (a SQLite file or a PostgreSQL database) cannot be opened,
    is not a kabar store, has a schema from a newer kabar, or a read or write
    failed. The message names the database (never its password) and the fix."""
