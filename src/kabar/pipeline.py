"""The coding pipeline: articles in, parsed in batches, events out.

Stages declare what they need and what they give; ``Pipeline`` checks the
order once, when it is built, so a missing input fails before the first
article with a message naming the stage. Heavy resources (the spaCy model,
lexicon, actor tables) are loaded by ``Pipeline.default()`` on first use, never
at import.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kabar.errors import ConfigError, KabarError
from kabar.events.dating import EventDater
from kabar.model import Article, ArticleResult, Event

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kabar.events.coder import EventCoder

log = logging.getLogger("kabar.pipeline")

# Articles parsed per nlp.pipe call: large enough to amortise spaCy's batching,
# small enough that a batch of long articles stays within a few hundred MB.
DEFAULT_BATCH_SIZE = 64


@dataclass(frozen=True, slots=True)
class Analysis:
    """One article as it moves through the stages; each stage fills its fields."""

    article: Article
    doc: Doc | None = None
    events: tuple[Event, ...] = ()


class Stage(Protocol):
    """A unit of the pipeline. ``requires``/``provides`` name fields of ``Analysis``."""

    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, analysis: Analysis) -> Analysis: ...


class EventStage:
    """Codes events from the parse with the verb-pattern lexicon."""

    name = "events"
    requires = frozenset({"doc"})
    provides = frozenset({"events"})

    def __init__(self, coder: EventCoder) -> None:
        self._coder = coder

    def __call__(self, analysis: Analysis) -> Analysis:
        assert analysis.doc is not None  # guaranteed by Pipeline's order check
        return dataclasses.replace(
            analysis, events=self._coder.code(analysis.article, analysis.doc)
        )


class DateStage:
    """Dates each event from its clause's date expression, else the publication date.

    The event's id does not change: dating an event differently does not make it
    another event.
    """

    name = "dates"
    requires = frozenset({"doc", "events"})
    provides = frozenset({"event_dates"})

    def __call__(self, analysis: Analysis) -> Analysis:
        assert analysis.doc is not None  # guaranteed by Pipeline's order check
        if not analysis.events:
            return analysis  # most articles of a feed have none: skip the scan
        dater = EventDater(analysis.doc, analysis.article.date)
        events = []
        for event in analysis.events:
            found = dater.date(event)
            events.append(
                dataclasses.replace(
                    event, date=found.date, date_precision=found.precision, date_reason=found.reason
                )
            )
        return dataclasses.replace(analysis, events=tuple(events))


class Pipeline:
    """Parse articles in batches with spaCy, then run per-article stages in order."""

    # What the parse itself provides to the stages after it.
    _PARSE_PROVIDES = frozenset({"article", "doc"})

    def __init__(self, nlp: Language, stages: Sequence[Stage]) -> None:
        available = set(self._PARSE_PROVIDES)
        for stage in stages:
            missing = stage.requires - available
            if missing:
                raise ConfigError(
                    f"pipeline stage '{stage.name}' needs {sorted(missing)}, which no earlier "
                    "stage provides; put the stage that provides it first"
                )
            available |= stage.provides
        self.nlp = nlp
        self.stages = tuple(stages)

    @classmethod
    def default(
        cls,
        model: str | None = None,
        lexicons: Sequence[Path] = (),
        *,
        learn: bool = False,
        keep_unresolved: bool = False,
    ) -> Pipeline:
        """The standard pipeline: spaCy parse, event coding, places, dates.

        ``learn=True`` adds the stage that records office holders named in the text
        into the learned layer (a file under $KABAR_HOME); off by default, so that
        library calls write nothing to disk unless asked. `kabar code` turns it on.
        ``keep_unresolved=True`` keeps events whose source no rule resolves, with
        the phrase as an unresolved actor (rule ``unresolved``).
        """
        from kabar.actors.countries import load_country_table, load_roles
        from kabar.actors.kb import load_kb
        from kabar.events.coder import EventCoder
        from kabar.events.lexicon import load_lexicon
        from kabar.nlp import load_nlp
        from kabar.ontology import load_cameo
        from kabar.places.gazetteer import load_gazetteer
        from kabar.places.stage import PlaceStage

        gazetteer = load_gazetteer()
        coder = EventCoder(
            load_lexicon(lexicons),
            load_cameo(),
            load_country_table(),
            load_roles(),
            load_kb(),
            keep_unresolved=keep_unresolved,
            places=gazetteer,
        )
        stages: list[Stage] = [EventStage(coder), PlaceStage(gazetteer), DateStage()]
        if learn:
            from kabar.actors.learn_stage import LearnStage
            from kabar.actors.learned import ClaimReader
            from kabar.actors.learned_store import LearnedStore

            reader = ClaimReader(load_country_table(), load_roles())
            stages.append(LearnStage(reader, LearnedStore()))
        return cls(load_nlp(model), stages)

    def run(
        self, articles: Iterable[Article], batch_size: int = DEFAULT_BATCH_SIZE
    ) -> Iterator[ArticleResult]:
        """Code every article; one that fails gives a result with its error, never a stop."""
        if batch_size < 1:
            raise ConfigError(f"batch size must be at least 1, got {batch_size}")
        iterator = iter(articles)
        while batch := list(islice(iterator, batch_size)):
            yield from self._run_batch(batch)
        # Stages that buffer work (the learned layer) write it after the last result is
        # out, so an error they raise here can no longer cost any article its events.
        for stage in self.stages:
            finish = getattr(stage, "finish", None)
            if finish is not None:
                finish()

    def _run_batch(self, batch: list[Article]) -> Iterator[ArticleResult]:
        limit = int(self.nlp.max_length)
        parseable = [a for a in batch if len(a.text) <= limit]
        docs = iter(self.nlp.pipe((a.text for a in parseable), batch_size=len(parseable) or 1))
        for article in batch:
            if len(article.text) > limit:
                yield ArticleResult(
                    article,
                    error=f"{article.origin or article.id}: article has {len(article.text):,} "
                    f"characters, more than the parser's limit of {limit:,}; split it into "
                    "smaller articles",
                )
                continue
            yield self._run_stages(Analysis(article, doc=next(docs)))

    def _run_stages(self, analysis: Analysis) -> ArticleResult:
        article = analysis.article
        try:
            for stage in self.stages:
                analysis = stage(analysis)
        except KabarError as exc:
            return ArticleResult(article, error=f"{article.origin or article.id}: {exc}")
        except Exception as exc:
            log.exception("unexpected error coding %s", article.id)
            return ArticleResult(
                article,
                error=f"{article.origin or article.id}: internal error "
                f"({type(exc).__name__}: {exc}); please report it with this article",
            )
        sentences = sum(1 for _ in analysis.doc.sents) if analysis.doc is not None else 0
        return ArticleResult(article, events=analysis.events, sentences=sentences)
