"""The plain Python API that the CLI and every other surface wrap."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator

from kabar.errors import KabarError
from kabar.model import Article, ArticleResult, Event
from kabar.pipeline import DEFAULT_BATCH_SIZE, Pipeline


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
        id=article_id,
        text=normalised,
        date=date,
        title=title,
        dateline=dateline,
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
