"""Event dates: the pure resolver on its own, then through the real pipeline."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import kabar
from conftest import shared_path
from kabar.dates import TENSES, Tense, resolve_date
from kabar.export.jsonl import event_record
from kabar.model import Article
from kabar.pipeline import Pipeline
from kabar.readers import read_articles

D = dt.date
MON_2024_01_01 = D(2024, 1, 1)  # a Monday, first day of a year
WED_2024_01_03 = D(2024, 1, 3)
THU_2023_10_19 = D(2023, 10, 19)  # the seed article's publication date

# (publication date, expression, tense, expected date, expected precision)
RESOLVED: list[tuple[D | None, str, Tense, D, str]] = [
    # Weekdays, across year and month boundaries; the publication weekday is that day.
    (MON_2024_01_01, "on Friday", "past", D(2023, 12, 29), "day"),
    (MON_2024_01_01, "Sunday", "past", D(2023, 12, 31), "day"),
    (MON_2024_01_01, "on Monday", "past", D(2024, 1, 1), "day"),
    (MON_2024_01_01, "on Monday", "present", D(2024, 1, 1), "day"),
    (MON_2024_01_01, "on Monday", "future", D(2024, 1, 8), "day"),
    (MON_2024_01_01, "on Friday", "future", D(2024, 1, 5), "day"),
    (D(2023, 3, 1), "on Tuesday", "past", D(2023, 2, 28), "day"),
    (D(2024, 3, 1), "Thursday night", "past", D(2024, 2, 29), "day"),
    (WED_2024_01_03, "last Wednesday", "past", D(2023, 12, 27), "day"),
    (WED_2024_01_03, "next Tuesday", "future", D(2024, 1, 9), "day"),
    # Named periods: a week is dated by its Monday, a month by its first day.
    (MON_2024_01_01, "last week", "past", D(2023, 12, 25), "week"),
    (D(2024, 1, 10), "earlier this week", "past", D(2024, 1, 8), "week"),
    (WED_2024_01_03, "late last month", "past", D(2023, 12, 1), "month"),
    (THU_2023_10_19, "earlier this month", "past", D(2023, 10, 1), "month"),
    (WED_2024_01_03, "last year", "past", D(2023, 1, 1), "year"),
    (MON_2024_01_01, "next week", "future", D(2024, 1, 8), "week"),
    (D(2024, 1, 6), "over the weekend", "past", D(2024, 1, 1), "week"),
    (D(2024, 1, 6), "last weekend", "past", D(2023, 12, 25), "week"),
    # Explicit dates, with and without a year.
    (WED_2024_01_03, "on Dec. 28", "past", D(2023, 12, 28), "day"),
    (D(2023, 12, 30), "on Jan. 2", "future", D(2024, 1, 2), "day"),
    (THU_2023_10_19, "on Oct. 12", "past", D(2023, 10, 12), "day"),
    (THU_2023_10_19, "12 October", "past", D(2023, 10, 12), "day"),
    (THU_2023_10_19, "the 12th of October", "past", D(2023, 10, 12), "day"),
    (THU_2023_10_19, "on Nov. 25", "past", D(2022, 11, 25), "day"),
    (None, "October 12, 2023", "past", D(2023, 10, 12), "day"),
    (None, "2023-10-12", "past", D(2023, 10, 12), "day"),
    (THU_2023_10_19, "Tuesday, Oct. 17, 2023", "past", D(2023, 10, 17), "day"),
    (THU_2023_10_19, "on Oct. 25, 2023", "future", D(2023, 10, 25), "day"),
    (THU_2023_10_19, "on the 12th", "past", D(2023, 10, 12), "day"),
    (WED_2024_01_03, "on the 28th", "past", D(2023, 12, 28), "day"),
    (D(2024, 3, 15), "on the 31st", "past", D(2024, 1, 31), "day"),
    (D(2024, 3, 4), "on Feb. 29", "past", D(2024, 2, 29), "day"),
    # Months and years alone.
    (THU_2023_10_19, "in March", "past", D(2023, 3, 1), "month"),
    (D(2023, 3, 10), "in March", "past", D(2023, 3, 1), "month"),
    (THU_2023_10_19, "in March", "future", D(2024, 3, 1), "month"),
    (D(2023, 3, 10), "last March", "past", D(2022, 3, 1), "month"),
    (THU_2023_10_19, "in early March 2021", "past", D(2021, 3, 1), "month"),
    (WED_2024_01_03, "in 2019", "past", D(2019, 1, 1), "year"),
    (THU_2023_10_19, "in 2024", "future", D(2024, 1, 1), "year"),
    # Days counted from publication.
    (MON_2024_01_01, "yesterday", "past", D(2023, 12, 31), "day"),
    (MON_2024_01_01, "the day before yesterday", "past", D(2023, 12, 30), "day"),
    (MON_2024_01_01, "last night", "past", D(2023, 12, 31), "day"),
    (MON_2024_01_01, "this morning", "past", D(2024, 1, 1), "day"),
    (MON_2024_01_01, "tonight", "future", D(2024, 1, 1), "day"),
    (MON_2024_01_01, "tomorrow", "future", D(2024, 1, 2), "day"),
    (D(2024, 1, 2), "three days ago", "past", D(2023, 12, 30), "day"),
    (WED_2024_01_03, "two weeks ago", "past", D(2023, 12, 18), "week"),
    (WED_2024_01_03, "a year ago", "past", D(2023, 1, 1), "year"),
    (MON_2024_01_01, "in two weeks", "future", D(2024, 1, 15), "week"),
]


@pytest.mark.parametrize(("published", "text", "tense", "date", "precision"), RESOLVED)
def test_resolves(published: D | None, text: str, tense: Tense, date: D, precision: str) -> None:
    resolved = resolve_date(text, published, tense)
    assert resolved is not None, text
    assert (resolved.date, resolved.precision) == (date, precision)
    assert resolved.span.text == text and resolved.rule


# What must not resolve: each would be a guess, or put a past event after publication.
UNRESOLVED: list[tuple[D | None, str, Tense]] = [
    (MON_2024_01_01, "tomorrow", "past"),
    (MON_2024_01_01, "next week", "past"),
    (WED_2024_01_03, "next Tuesday", "past"),
    (THU_2023_10_19, "in 2024", "past"),
    (THU_2023_10_19, "on Oct. 25, 2023", "past"),
    (THU_2023_10_19, "Oct. 20", "past"),  # next week's, tense misread: not last year's
    (MON_2024_01_01, "in two weeks", "past"),
    (D(2023, 3, 4), "Feb. 29, 2023", "past"),
    (THU_2023_10_19, "Monday, Oct. 17, 2023", "past"),
    (MON_2024_01_01, "for two weeks", "past"),
    (MON_2024_01_01, "since March", "past"),
    (MON_2024_01_01, "by Friday", "future"),
    (MON_2024_01_01, "10/12/2023", "past"),
    (MON_2024_01_01, "a few days ago", "past"),
    (MON_2024_01_01, "the 20th anniversary", "past"),
    (MON_2024_01_01, "blue cheese", "past"),
    (MON_2024_01_01, "", "past"),
    (None, "on Friday", "past"),
    (None, "Oct. 12", "past"),
]


@pytest.mark.parametrize(("published", "text", "tense"), UNRESOLVED)
def test_does_not_guess(published: D | None, text: str, tense: Tense) -> None:
    assert resolve_date(text, published, tense) is None


def test_past_events_never_land_after_publication() -> None:
    # Ambiguous forms look back in the present too (news' historical present);
    # an explicit year is taken at its word unless the event is past.
    ambiguous = [
        "on Monday", "Tuesday", "on Saturday night", "on Dec. 31", "on Jan. 1", "12 October",
        "on the 30th", "on the 1st", "in December", "in January", "this week", "this month",
        "earlier this year", "over the weekend", "yesterday", "today",
    ]  # fmt: skip
    tenses: tuple[Tense, ...] = ("past", "present")
    cases = [(text, tense) for text in ambiguous for tense in tenses]
    cases += [(text, "past") for text in ("in 2024", "in 2023", "on Jan. 5, 2024")]
    published = D(2023, 12, 20)
    while published <= D(2024, 1, 12):
        for text, tense in cases:
            resolved = resolve_date(text, published, tense)
            assert resolved is None or resolved.date <= published, (text, tense, published)
        published += dt.timedelta(days=1)


def test_span_is_shifted_to_the_callers_offset() -> None:
    text = "Russia attacked Ukraine on Friday."
    resolved = resolve_date("on Friday", MON_2024_01_01, "past", start=24)
    assert resolved is not None
    assert text[resolved.span.start : resolved.span.end] == "on Friday"


def test_tenses_are_the_three_the_stage_uses() -> None:
    assert TENSES == ("past", "present", "future")


# --- through the real pipeline -------------------------------------------------


def dated(pipeline: Pipeline, text: str, date: D | None) -> list[tuple[str, D | None, str, str]]:
    return [
        (e.evidence.trigger.text, e.date, e.date_precision, e.date_reason)
        for e in kabar.code(text, date=date, pipeline=pipeline)
    ]


def test_weekday_in_the_clause_across_a_year_boundary(pipeline: Pipeline) -> None:
    ((trigger, date, precision, reason),) = dated(
        pipeline, "Russia attacked Ukraine on Friday.", MON_2024_01_01
    )
    assert (trigger, date, precision) == ("attacked", D(2023, 12, 29), "day")
    assert reason == "weekday:most-recent 'on Friday' (clause)"


def test_each_clause_keeps_its_own_date_and_tense(pipeline: Pipeline) -> None:
    events = dated(
        pipeline, "France met Germany last week and will meet Italy next month.", MON_2024_01_01
    )
    assert [(d, p) for _, d, p, _ in events] == [
        (D(2023, 12, 25), "week"),
        (D(2024, 2, 1), "month"),
    ]


def test_future_event_lands_after_publication(pipeline: Pipeline) -> None:
    ((_, date, precision, reason),) = dated(
        pipeline, "Iran will host Iraq on Monday.", MON_2024_01_01
    )
    assert (date, precision) == (D(2024, 1, 8), "day") and reason.startswith("weekday:next")


def test_intended_meeting_is_dated_ahead(pipeline: Pipeline) -> None:
    ((_, date, _, _),) = dated(pipeline, "Iran agreed to meet Iraq on Friday.", MON_2024_01_01)
    assert date == D(2024, 1, 5)


def test_a_date_of_another_clause_in_another_tense_is_left_alone(pipeline: Pipeline) -> None:
    # Monday dates the criticism; the sanctions that "could" come are not dated by it.
    events = dated(
        pipeline,
        "France criticized Belarus on Monday, and the minister said Paris could impose "
        "sanctions on Minsk.",
        MON_2024_01_01,
    )
    by_trigger = {trigger: (d, p, r) for trigger, d, p, r in events}
    assert by_trigger["criticized"][:2] == (MON_2024_01_01, "day")
    date, precision, reason = by_trigger["impose sanctions"]
    assert (date, precision) == (MON_2024_01_01, "publication")
    assert "'on Monday' dates another clause" in reason


def test_a_relative_day_survives_the_actor_ruler(pipeline: Pipeline) -> None:
    # The tagger reads "Kyiv last night" as one TIME entity; the actor ruler then
    # makes "Kyiv" a place, and "last night" must still date the attack.
    ((_, date, precision, reason),) = dated(
        pipeline, "Russia attacked Kyiv last night.", MON_2024_01_01
    )
    assert (date, precision) == (D(2023, 12, 31), "day")
    assert reason == "relative:last-night 'last night' (clause)"


def test_relative_clause_date_does_not_date_the_event(pipeline: Pipeline) -> None:
    ((_, date, precision, reason),) = dated(
        pipeline, "Russia, which invaded Ukraine in 2022, condemned France.", THU_2023_10_19
    )
    assert (date, precision) == (THU_2023_10_19, "publication")
    assert reason.startswith("publication: fallback")


@pytest.mark.parametrize(
    "text",
    [
        "Since the crisis began last November, Iran has condemned Iraq.",
        "China accused Japan of breaking the December accord.",
    ],
)
def test_dates_of_other_things_are_not_the_events(pipeline: Pipeline, text: str) -> None:
    ((_, date, precision, _),) = dated(pipeline, text, WED_2024_01_03)
    assert (date, precision) == (WED_2024_01_03, "publication")


def test_sentence_initial_date_misparsed_as_a_modifier_still_counts(pipeline: Pipeline) -> None:
    ((_, date, precision, _),) = dated(
        pipeline, "Last night Russian troops attacked Ukraine.", WED_2024_01_03
    )
    assert (date, precision) == (D(2024, 1, 2), "day")


def test_a_comma_ends_an_expression_unless_after_a_weekday(pipeline: Pipeline) -> None:
    ((_, date, _, reason),) = dated(
        pipeline, "Egypt hosted Israel on Oct. 12, two days after the attack.", WED_2024_01_03
    )
    assert date == D(2023, 10, 12) and "'on Oct. 12'" in reason
    ((_, date, _, _),) = dated(
        pipeline, "Egypt hosted Israel on Tuesday, Oct. 10, 2023.", WED_2024_01_03
    )
    assert date == D(2023, 10, 10)


def test_conjoined_verbs_share_a_trailing_date(pipeline: Pipeline) -> None:
    events = dated(
        pipeline, "France met Germany and signed a treaty with Italy on Friday.", MON_2024_01_01
    )
    assert [(d, r.split(" ")[-1]) for _, d, _, r in events] == [
        (D(2023, 12, 29), "(complement)"),
        (D(2023, 12, 29), "(clause)"),
    ]


def test_no_publication_date(pipeline: Pipeline) -> None:
    (fallback,) = dated(pipeline, "Turkey condemned Israel.", None)
    assert fallback[1:3] == (None, "unknown")
    (explicit,) = dated(pipeline, "On 12 October 2023 Iran accused Iraq.", None)
    assert explicit[1:3] == (D(2023, 10, 12), "day")


def test_dating_keeps_event_ids(pipeline: Pipeline) -> None:
    article = Article(id="a", text="Turkey condemned Israel on Dec. 28.", date=WED_2024_01_03)
    undated = Pipeline(pipeline.nlp, [s for s in pipeline.stages if s.name != "dates"])
    (plain,) = list(undated.run([article]))
    (full,) = list(pipeline.run([article]))
    assert [e.id for e in plain.events] == [e.id for e in full.events]
    assert plain.events[0].date_precision == "publication"
    assert full.events[0].date == D(2023, 12, 28)


def test_jsonl_record_carries_the_reason(pipeline: Pipeline) -> None:
    (event,) = kabar.code(
        "Turkey condemned Israel yesterday.", date=MON_2024_01_01, pipeline=pipeline
    )
    record = json.loads(json.dumps(event_record(event)))
    assert record["date"] == "2023-12-31"
    assert record["date_precision"] == "day"
    assert record["date_reason"] == "relative:yesterday 'yesterday' (clause)"


def test_seed_events_dated_on_or_before_publication(pipeline: Pipeline) -> None:
    (article,) = read_articles([shared_path("examples", "seed_article.txt")])
    (result,) = kabar.code_articles([article], pipeline=pipeline)
    assert result.error is None and result.events
    for event in result.events:
        assert event.date is not None and event.date <= D(2023, 10, 19)
        assert event.date_precision in ("day", "week", "month", "year", "publication")
        assert event.date_reason
    # The CIS presidency "in 2024" is Russia's future, not the date of what Putin said.
    said = [e for e in result.events if "in 2024" in e.evidence.sentence.text]
    assert said and all(e.date == D(2023, 10, 19) for e in said)
