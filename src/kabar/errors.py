"""The one exception hierarchy of kabar.

Every message says what went wrong *and* how to fix it::

    KabarError
    ├── ConfigError          a setting, option or argument is invalid
    ├── InputError           an input file or record cannot be used
    │   └── UnknownFormatError   no reader for a format name or file extension
    ├── ResourceError        a model or bundled data file is missing or damaged
    └── LexiconError         a verb-pattern lexicon file is malformed

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
