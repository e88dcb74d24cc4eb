"""The event store, on SQLite and on PostgreSQL: ingest, versions, dedup, queries,
export and the errors a user meets. Every test runs once per store (``store_url``)."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from kabar.errors import InputError, StoreError
from kabar.model import Article
from kabar.pipeline import Pipeline
from kabar.readers import read_articles
from kabar.store import (
    EventFilter,
    Ingester,
    Store,
    count_events,
    events,
    explain,
    failures,
    open_store,
    stats,
    summary,
)
from kabar.store.codec import event_from_json, event_to_json
from kabar.store.export import export

DAY = dt.date(2024, 3, 5)  # a Tuesday
PUTIN_XI = Article(
    "reuters-1", "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing "
    "on Tuesday. The two leaders discussed trade.", DAY, "Putin meets Xi", source="Reuters",
)  # fmt: skip
XI_PUTIN = Article(
    "ap-7", "Chinese President Xi Jinping held talks with Russian President Vladimir Putin in "
    "Beijing on Tuesday, state media said.", DAY + dt.timedelta(days=1), "Xi hosts Putin",
    source="AP",
)  # fmt: skip
CLASH = Article(
    "afp-3", "Kyrgyz troops attacked Tajik border guards near Batken on Monday. Kazakhstan did "
    "not condemn the attack.", DAY, "Border clash", source="AFP",
)  # fmt: skip


def ingest(store: Store, pipeline: Pipeline, articles: Iterable[Article], **options: Any) -> Any:
    ingester = Ingester(store, pipeline, **options)
    return ingester.run(articles)


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Everything the store holds, except which run stored it."""
    tables = {
        "articles": "article_id, version, content_hash, is_current, outlet, date, title, url, "
        "dateline, origin, text, sentences",
        "mentions": "*",
        "evidence": "*",
        "mention_blocks": "*",
        "events": "*",
        "event_actors": "*",
        "ingest_errors": "origin, article_id, content_hash, reason",
    }
    return {
        name: sorted(store.rows(f"SELECT {columns} FROM {name}"), key=repr)
        for name, columns in tables.items()
    }


def test_ingest_stores_articles_mentions_evidence_and_is_idempotent(
    store_url: str, pipeline: Pipeline
) -> None:
    with open_store(store_url) as store:
        first = ingest(store, pipeline, [PUTIN_XI, CLASH], commit_every=1)
        assert (first.articles_stored, first.articles_unchanged, first.articles_failed) == (2, 0, 0)
        assert first.mentions_stored >= 3
        before = dump(store)
        again = ingest(store, pipeline, [PUTIN_XI, CLASH])
        assert (again.articles_stored, again.articles_unchanged, again.mentions_stored) == (0, 2, 0)
        assert dump(store) == before
        assert len(before["mentions"]) == first.mentions_stored == len(before["evidence"])
        ((sentence, trigger),) = store.rows(
            "SELECT v.sentence, v.trigger FROM evidence v JOIN mentions m "
            "ON m.mention_id = v.mention_id WHERE m.cameo_code LIKE '19%'"
        )
        assert trigger == "attacked" and sentence.startswith("Kyrgyz troops attacked")
        runs = store.rows("SELECT run_id, articles_stored, articles_unchanged FROM ingest_runs")
        assert sorted(runs) == [(1, 2, 0), (2, 0, 2)]


def test_a_changed_text_is_a_new_version_that_replaces_the_old_mentions(
    store_url: str, pipeline: Pipeline
) -> None:
    with open_store(store_url) as store:
        ingest(store, pipeline, [PUTIN_XI, XI_PUTIN])
        assert summary(store).events == 1  # the two reports merged
        corrected = dataclasses.replace(
            XI_PUTIN, text="Chinese President Xi Jinping criticised Japan on Tuesday."
        )
        report = ingest(store, pipeline, [corrected])
        assert report.articles_stored == 1
        versions = store.rows(
            "SELECT version, is_current FROM articles WHERE article_id = 'ap-7' ORDER BY version"
        )
        assert versions == [(1, 0), (2, 1)]
        # The old version's meeting mention is gone, so the merged event is split again.
        meeting = next(events(store, EventFilter(cameo="04")))
        assert (meeting.num_mentions, meeting.num_articles) == (1, 1)
        article_ids = {r[0] for r in store.rows("SELECT article_id FROM mentions")}
        assert article_ids == {"reuters-1", "ap-7"}
        versions_used = store.rows("SELECT article_version FROM mentions WHERE article_id = 'ap-7'")
        assert {v for (v,) in versions_used} == {2}


def test_reports_of_one_event_merge_with_counts_provenance_and_reasons(
    store_url: str, pipeline: Pipeline
) -> None:
    with open_store(store_url) as store:
        ingest(store, pipeline, [PUTIN_XI, CLASH, XI_PUTIN], commit_every=1)
        (meeting,) = events(store, EventFilter(cameo="04", country="CHN"))
        assert (meeting.num_mentions, meeting.num_sources, meeting.num_articles) == (2, 2, 2)
        assert (meeting.first_seen, meeting.last_seen) == (DAY, DAY + dt.timedelta(days=1))
        assert meeting.place_name == "Beijing" and meeting.event.article_id == "reuters-1"
        why = explain(store, meeting.event_id)
        assert [m.outlet for m in why.mentions] == ["Reuters", "AP"]
        assert {m.article_id for m in why.mentions} == {"reuters-1", "ap-7"}
        # Each mention says why it was coded: the pattern and the actor rules.
        assert all(any(r.startswith("pattern:04") for r in m.reasons) for m in why.mentions)
        assert all(0 < m.confidence <= 1 for m in why.mentions)
        (link,) = why.links
        assert "dyad:unordered CHN+RUS" in link.reasons
        assert explain(store, why.mentions[1].mention_id).event.event_id == meeting.event_id
        with pytest.raises(StoreError, match="kabar events"):
            explain(store, "no-such-event")


def test_dedup_does_not_depend_on_the_order_articles_arrive(
    store_url: str, pipeline: Pipeline, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    with open_store(store_url) as store, open_store(other) as reverse:
        ingest(store, pipeline, [PUTIN_XI, CLASH, XI_PUTIN], commit_every=1)
        ingest(reverse, pipeline, [XI_PUTIN], commit_every=1)
        ingest(reverse, pipeline, [CLASH, PUTIN_XI], commit_every=2)
        ids = [(e.event_id, e.num_mentions) for e in events(store, sort="date")]
        assert ids == [(e.event_id, e.num_mentions) for e in events(reverse, sort="date")]


def test_failures_are_recorded_listed_and_cleared_once_stored(
    store_url: str, pipeline: Pipeline
) -> None:
    huge = Article("huge", "x " * (pipeline.nlp.max_length // 2 + 1), DAY, origin="feed.jsonl:9")
    with open_store(store_url) as store:
        ingester = Ingester(store, pipeline, inputs=["missing.jsonl"])
        ingester.on_read_error(InputError("missing.jsonl", "no such file"))
        report = ingester.run([PUTIN_XI, huge])
        assert (report.articles_stored, report.articles_failed, report.stopped) == (1, 2, None)
        found = {(f.origin, f.article_id): f.reason for f in failures(store)}
        assert found[("missing.jsonl", "")] == "no such file"
        assert "parser's limit" in found[("feed.jsonl:9", "huge")]
        fixed = dataclasses.replace(huge, text="Japan criticised China on Tuesday.")
        ingest(store, pipeline, [fixed])
        assert [f.origin for f in failures(store)] == ["missing.jsonl"]


def test_the_error_budget_stops_a_run_that_fails_wholesale(
    store_url: str, pipeline: Pipeline, tmp_path: Path
) -> None:
    missing = [str(tmp_path / f"gone{i}.txt") for i in range(3)]
    with open_store(store_url) as store:
        ingester = Ingester(store, pipeline, max_errors=1, commit_every=1)
        inputs = [*missing, str(REPO / "examples")]
        articles = read_articles(inputs, on_error=ingester.on_read_error)
        report = ingester.run(articles)
        assert report.stopped and "--max-errors 1" in report.stopped
        assert report.articles_failed >= 2 and report.articles_stored < 4
        assert len(failures(store)) == report.articles_failed


def test_filters_sorting_paging_and_text_search(store_url: str, pipeline: Pipeline) -> None:
    with open_store(store_url) as store:
        ingest(store, pipeline, [PUTIN_XI, XI_PUTIN, CLASH])
        every = list(events(store, limit=None))
        assert len(every) == count_events(store) >= 2

        def ids(**where: Any) -> set[str]:
            return {e.event_id for e in events(store, EventFilter(**where), limit=None)}

        assault = ids(plover="assault")
        assert assault and assault == ids(cameo="19") == ids(source="KGZ") == ids(sector="mil")
        assert ids(target="TJK") >= assault and ids(actor="country:KGZ") == set()
        assert ids(source="RUS") | ids(target="RUS") == ids(actor="RUS")
        assert ids(place="beijing") == ids(cameo="04") and len(ids(cameo="04")) == 1
        assert ids(country="kgz") >= assault
        assert ids(date_from=DAY, date_to=DAY) | ids(date_to=DAY - dt.timedelta(days=1)) == {
            e.event_id for e in every if e.date and e.date <= DAY
        }
        by_article = {
            a: {e.event_id for e in every if e.event.article_id in a}
            for a in ("afp-3", "reuters-1 ap-7")
        }
        assert ids(text="Batken border") == by_article["afp-3"]
        assert ids(text='Xi: "Jinping"') == by_article["reuters-1 ap-7"]
        assert ids(text="Batken Jinping") == set()
        newest = [e.date for e in events(store, limit=None)]
        assert newest == sorted(newest, reverse=True)
        page1 = [e.event_id for e in events(store, sort="date", limit=1)]
        page2 = [e.event_id for e in events(store, sort="date", limit=1, offset=1)]
        assert page1 + page2 == [e.event_id for e in events(store, sort="date", limit=2)]
        assert next(events(store, sort="mentions")).num_mentions == 2


def test_stats_by_period_type_dyad_and_country(store_url: str, pipeline: Pipeline) -> None:
    with open_store(store_url) as store:
        ingest(store, pipeline, [PUTIN_XI, XI_PUTIN, CLASH])
        total = count_events(store)
        by_type = stats(store, by="type", period="month")
        assert {r.period for r in by_type} == {"2024-03"}
        assert sum(r.events for r in by_type) == total
        weeks = stats(store, by="root", period="week")
        assert {r.period for r in weeks} == {"2024-03-04"}  # the Monday of DAY's week
        assert ("2024-03-05", "CONSULT", 1) in {
            (r.period, r.key, r.events) for r in stats(store, by="type", period="day")
        }
        dyads = {r.key: r.events for r in stats(store, by="dyad", period="all")}
        assert dyads["RUSGOV>CHNGOV"] == 1 and dyads["KGZMIL>TJKCOP"] == 1
        countries = {r.key for r in stats(store, by="country", period="year")}
        assert "CHN" in countries and "KGZ" in countries
        assert stats(store, by="type", period="all", where=EventFilter(plover="ASSAULT")) == [
            stats(store, by="type", period="all", where=EventFilter(cameo="19"))[0]
        ]


def test_stored_events_come_back_exactly_and_export_in_every_format(
    store_url: str, pipeline: Pipeline, tmp_path: Path
) -> None:
    coded = {e.id: e for r in pipeline.run([PUTIN_XI, XI_PUTIN, CLASH]) for e in r.events}
    assert all(event_from_json(event_to_json(e)) == e for e in coded.values())
    with open_store(store_url) as store:
        ingest(store, pipeline, [PUTIN_XI, XI_PUTIN, CLASH])
        stored = list(events(store, limit=None))
        assert all(e.event == coded[e.representative] for e in stored)
        n = len(stored)
        assert export(store, tmp_path / "e.csv", "csv") == n
        with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == n and {r["num_mentions"] for r in rows} == {"1", "2"}
        assert export(store, tmp_path / "e.parquet", "parquet") == n
        import pyarrow.parquet as pq

        assert pq.read_table(tmp_path / "e.parquet").num_rows == n
        gdelt = export(store, tmp_path / "e.tsv", "gdelt")
        lines = (tmp_path / "e.tsv").read_text(encoding="utf-8").splitlines()
        assert gdelt == len(lines) >= n and all(len(x.split("\t")) == 61 for x in lines)
        written = export(store, tmp_path / "e.jsonl", "jsonl", EventFilter(cameo="04"))
        (record,) = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text().splitlines()]
        assert written == 1 and record["event"] == "CONSULT"
        assert record["kabar"]["cluster"]["num_mentions"] == 2


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"not a SQLite database.*nothing was written"):
        open_store(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_database_of_another_program_is_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(StoreError, match="not a kabar store"):
        open_store(path)
    with sqlite3.connect(path) as db:
        tables = db.execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("recipes",)]


def test_an_unwritable_path_says_to_choose_another(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="choose another --db"):
        open_store(blocker / "kabar.db")  # a directory that is a file
    if Path("/proc/self").exists():
        with pytest.raises(StoreError, match="choose another --db"):
            open_store("/proc/kabar-test.db")  # read-only even for root
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path)


def test_a_query_on_a_missing_store_does_not_create_one(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    with pytest.raises(StoreError, match="kabar ingest"):
        open_store(path, create=False)
    assert not path.exists()


def test_an_unreachable_postgres_url_is_a_clear_error() -> None:
    pytest.importorskip("psycopg")
    url = "postgresql://kabar:secret@127.0.0.1:1/nowhere"  # port 1: nothing listens
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as caught:
        open_store(url)
    assert "secret" not in str(caught.value) and "***" in str(caught.value)


def test_a_store_from_a_newer_kabar_is_refused_untouched(store_url: str) -> None:
    with open_store(store_url) as store:
        with store.transaction():
            store.rows(
                "INSERT INTO kabar_migrations (version, name, applied_at) VALUES (99, 'future', '')"
            )
        tables = store.table_names()
    with pytest.raises(StoreError, match=r"newer than this kabar.*upgrade kabar"):
        open_store(store_url)
    with pytest.raises(StoreError, match="newer than this kabar"):
        open_store(store_url, create=False)
    versions = raw_rows(store_url, "SELECT version FROM kabar_migrations ORDER BY version")
    assert versions == [(1,), (99,)]
    assert len(raw_rows(store_url, "SELECT * FROM articles")) == 0
    assert tables >= {"articles", "events", "mentions"}


def raw_rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    """Rows read without kabar, to see what a refused open left behind."""
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url) as db:
            return db.execute(sql).fetchall()
    import sqlite3

    with contextlib.closing(sqlite3.connect(url)) as db:
        return db.execute(sql).fetchall()


def test_migrations_are_recorded(store_url: str) -> None:
    with open_store(store_url) as store:
        rows = store.rows("SELECT version, name FROM kabar_migrations")
        assert [r[0] for r in rows] == [1] and rows[0][1]
        assert store.migrate() == []  # nothing left to apply
