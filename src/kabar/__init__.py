"""kabar: political event data (CAMEO and PLOVER) from dated news articles.

The public API is what ``__all__`` lists; everything else is private and may
change. A typical use::

    import kabar
    events = kabar.code(text, date=datetime.date(2023, 10, 19))
    for result in kabar.code_articles(kabar.read_articles(["news/"])):
        ...
"""

from __future__ import annotations

from kabar.api import code, code_articles
from kabar.errors import (
    ConfigError,
    InputError,
    KabarError,
    LexiconError,
    RemoteError,
    ResourceError,
    UnknownFormatError,
)
from kabar.export.dyads import Dyad, dyads
from kabar.model import (
    SCHEMA_VERSION,
    Actor,
    Article,
    ArticleResult,
    CameoCode,
    Event,
    Evidence,
    Mention,
    Place,
    PloverCoding,
    Span,
)
from kabar.pipeline import DEFAULT_BATCH_SIZE, Pipeline
from kabar.readers import FORMATS, read_articles

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "FORMATS",
    "SCHEMA_VERSION",
    "Actor",
    "Article",
    "ArticleResult",
    "CameoCode",
    "ConfigError",
    "Dyad",
    "Event",
    "Evidence",
    "InputError",
    "KabarError",
    "LexiconError",
    "Mention",
    "Pipeline",
    "Place",
    "PloverCoding",
    "RemoteError",
    "ResourceError",
    "Span",
    "UnknownFormatError",
    "__version__",
    "code",
    "code_articles",
    "dyads",
    "read_articles",
]
