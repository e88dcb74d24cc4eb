"""The pipeline: stage order checked at build, batches, and per-article failures."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kabar.errors import ConfigError, KabarError
from kabar.model import Article
from kabar.pipeline import Analysis, Pipeline

DAY = dt.date(2024, 1, 10)


class NeedsPlaces:
    name = "geo"
    requires = frozenset({"doc", "places"})
    provides = frozenset({"located"})

    def __call__(self, analysis: Analysis) -> Analysis:
        return analysis


class Fails:
    name = "fails"
    requires = frozenset({"doc"})
    provides = frozenset()

    def __init__(self, error: Exception) -> None:
        self.error = error

    def __call__(self, analysis: Analysis) -> Analysis:
        if "boom" in analysis.article.text:
            raise self.error
        return analysis


def test_missing_input_fails_at_build_naming_the_stage(pipeline: Pipeline) -> None:
    with pytest.raises(ConfigError, match=r"stage 'geo' needs \['places'\]"):
        Pipeline(pipeline.nlp, [*pipeline.stages, NeedsPlaces()])


def test_results_come_in_input_order_across_batches(pipeline: Pipeline) -> None:
    articles = [
        Article(id=f"a{i}", text=f"Country number {i} is quiet. France condemned Russia.", date=DAY)
        for i in range(7)
    ]
    results = list(pipeline.run(articles, batch_size=3))
    assert [r.article.id for r in results] == [a.id for a in articles]
    assert all(r.sentences == 2 and len(r.events) == 1 for r in results)


@pytest.mark.parametrize("error", [KabarError("bad data"), RuntimeError("bug")])
def test_one_failing_article_does_not_stop_the_batch(pipeline: Pipeline, error: Exception) -> None:
    failing = Pipeline(pipeline.nlp, [*pipeline.stages, Fails(error)])
    articles = [
        Article(id="ok1", text="France condemned Russia.", date=DAY, origin="in.jsonl:1"),
        Article(id="bad", text="boom", date=DAY, origin="in.jsonl:2"),
        Article(id="ok2", text="Turkey condemned Israel.", date=DAY, origin="in.jsonl:3"),
    ]
    results = list(failing.run(articles))
    assert [r.error is None for r in results] == [True, False, True]
    assert results[1].error is not None and results[1].error.startswith("in.jsonl:2: ")
    assert str(error) in results[1].error
    assert len(results[2].events) == 1


def test_article_longer_than_the_parser_limit_is_reported(pipeline: Pipeline) -> None:
    limit = int(pipeline.nlp.max_length)
    long_text = "word " * (limit // 5 + 10)
    articles = [
        Article(id="long", text=long_text, origin="big.txt"),
        Article(id="short", text="France condemned Russia.", date=DAY),
    ]
    long_result, short_result = pipeline.run(articles)
    assert long_result.error is not None
    assert "big.txt" in long_result.error and "split it" in long_result.error
    assert len(short_result.events) == 1


def test_batch_size_must_be_positive(pipeline: Pipeline) -> None:
    with pytest.raises(ConfigError, match="batch size"):
        list(pipeline.run([], batch_size=0))


def test_analysis_is_frozen() -> None:
    analysis = Analysis(Article(id="x", text="t"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        analysis.events = ()  # type: ignore[misc]
