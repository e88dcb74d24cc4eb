"""kabar: political event data (CAMEO and PLOVER) from dated news articles.

The public API is what ``__all__`` lists; everything else is private and may
change. A typical use::

    import kabar
    events = kabar.code(text, date=datetime.date(2023, 10, 19))
    for result in kabar.code_articles(kabar.read_articles(["news/"])):
        ...
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator

from kabar.errors import (
    ConfigError,
    InputError,
    KabarError,
    LexiconError,
    ResourceError,
    UnknownFormatError,
)
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
    "Event",
    "Evidence",
    "InputError",
    "KabarError",
    "LexiconError",
    "Mention",
    "Pipeline",
    "Place",
    "PloverCoding",
    "ResourceError",
    "Span",
    "UnknownFormatError",
    "__version__",
    "code",
    "code_articles",
    "read_articles",
]


@functools.cache
def _default_pipeline() -> Pipeline:
    # Built on first use so that importing kabar stays instant and model-free.
    return Pipeline.default()


def code(
    text: str,
    date: dt.date | None = None,
    title: str = "",
    *,
    article_id: str = "text",
    pipeline: Pipeline | None = None,
) -> list[Event]:
    """Code the events of one article body.

    The body is normalised as the readers do it (line wraps joined, a leading
    dateline removed), so evidence offsets refer to ``Article.text`` of the same
    body as a reader would give it. Raises ``KabarError`` if it cannot be coded.
    """
    from kabar.readers.normalise import body

    dateline, normalised = body(text)
    article = Article(
        id=article_id, text=normalised, date=date, title=title, dateline=dateline,
        origin=article_id,
    )
    (result,) = list(code_articles([article], pipeline=pipeline))
    if result.error:
        raise KabarError(result.error)
    return list(result.events)


def code_articles(
    articles: Iterable[Article],
    *,
    pipeline: Pipeline | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[ArticleResult]:
    """Code many articles, parsing them in batches; yields one result per article, in order."""
    return (pipeline or _default_pipeline()).run(articles, batch_size=batch_size)
