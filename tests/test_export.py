"""JSON-lines export: event records with their CAMEO-style dyads, and one row per dyad."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import kabar
from kabar.cli import main
from kabar.export.jsonl import event_record, write_events
from kabar.model import Event
from kabar.pipeline import Pipeline

DAY = dt.date(2024, 3, 5)


def only_event(pipeline: Pipeline, text: str, code_prefix: str) -> Event:
    (result,) = kabar.code_articles(
        [kabar.Article(id="a", text=text, date=DAY)], pipeline=pipeline
    )
    events = [e for e in result.events if e.cameo.code.startswith(code_prefix)]
    assert len(events) == 1, [(e.cameo.code, e.evidence.trigger.text) for e in result.events]
    return events[0]


def pairs(event: Event) -> list[tuple[str, str | None]]:
    return [
        (d.source.actor.code, d.target.actor.code if d.target else None)
        for d in kabar.dyads(event)
    ]


def test_reciprocal_event_gives_both_directions(pipeline: Pipeline) -> None:
    event = only_event(pipeline, "Russia and China held talks in Moscow on Monday.", "04")
    assert event.reciprocal
    assert pairs(event) == [("RUS", "CHN"), ("CHN", "RUS")]


def test_each_source_acts_on_each_target(pipeline: Pipeline) -> None:
    event = only_event(
        pipeline, "France and Germany condemned Iran and Syria for the attacks.", "11"
    )
    assert sorted(pairs(event)) == [
        ("DEU", "IRN"), ("DEU", "SYR"), ("FRA", "IRN"), ("FRA", "SYR"),
    ]  # fmt: skip


def test_event_without_target_gives_one_row_per_source(pipeline: Pipeline) -> None:
    event = only_event(pipeline, "Russia and China mobilised their armed forces.", "15")
    assert not event.targets
    assert pairs(event) == [("RUS", None), ("CHN", None)]


def test_event_record_lists_dyads_and_dyad_rows_link_back(pipeline: Pipeline) -> None:
    event = only_event(pipeline, "Russia and China held talks in Moscow on Monday.", "04")
    record = event_record(event)
    assert [(d["source"], d["target"]) for d in record["dyads"]] == [
        ("RUS", "CHN"),
        ("CHN", "RUS"),
    ]
    out = io.StringIO()
    assert write_events([event], out, unit="dyad") == 2
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [row["id"] for row in rows] == [f"{event.id}-0", f"{event.id}-1"]
    assert {row["event_id"] for row in rows} == {event.id}
    assert [(row["source"]["code"], row["target"]["code"]) for row in rows] == [
        ("RUS", "CHN"),
        ("CHN", "RUS"),
    ]
    assert all("sources" not in row and row["cameo"]["code"] == event.cameo.code for row in rows)


def test_cli_unit_dyad(tmp_path: Path, pipeline: Pipeline) -> None:  # noqa: ARG001 - warm model
    story = tmp_path / "story.txt"
    story.write_text("Russia and China held talks in Moscow on Monday.\n", encoding="utf-8")
    events, rows = tmp_path / "events.jsonl", tmp_path / "dyads.jsonl"
    common = [str(story), "--date", "2024-03-05", "--quiet"]
    assert main(["code", *common, "-o", str(events)]) == 0
    assert main(["code", *common, "--unit", "dyad", "-o", str(rows)]) == 0
    (event,) = [json.loads(line) for line in events.read_text().splitlines()]
    dyad_rows = [json.loads(line) for line in rows.read_text().splitlines()]
    assert len(dyad_rows) == len(event["dyads"]) == 2
    assert {row["event_id"] for row in dyad_rows} == {event["id"]}
