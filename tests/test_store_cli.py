"""The store commands end to end, in real subprocesses, on SQLite and PostgreSQL;
and the crash test: SIGKILL an ingest mid-run, run it again, and the store is the
one an uninterrupted run gives."""

from __future__ import annotations

import datetime as dt
import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kabar.cli import main
from kabar.pipeline import Pipeline
from kabar.store import open_store, summary
from test_store import dump

KABAR = [sys.executable, "-m", "kabar"]

_PAIRS = (
    ("Kyrgyz", "Tajik"), ("Russian", "Ukrainian"), ("Indian", "Pakistani"),
    ("Armenian", "Azerbaijani"), ("Israeli", "Lebanese"),
)  # fmt: skip
_OUTLETS = ("Reuters", "AP", "AFP")


def write_feed(path: Path, n: int) -> Path:
    """n short dated reports; the same clash reported by several outlets merges."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            side, other = _PAIRS[i % len(_PAIRS)]
            day = dt.date(2024, 3, 4) + dt.timedelta(days=(i // 15) * 7)  # Mondays
            record = {
                "id": f"story-{i:03d}",
                "date": day.isoformat(),
                "source": _OUTLETS[i % len(_OUTLETS)],
                "title": f"{side} clash",
                "text": f"{side} troops attacked {other} border guards on Monday. "
                f"The {other} foreign ministry condemned the attack on Monday.",
            }
            out.write(json.dumps(record) + "\n")
    return path


def kabar(*args: str) -> None:
    """`kabar` in a real subprocess."""
    done = subprocess.run([*KABAR, *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]


def cli(capsys: pytest.CaptureFixture[str], *args: str, status: int = 0) -> tuple[str, str]:
    """Run `kabar` in this process (the model is cached there); its stdout and stderr."""
    capsys.readouterr()
    assert main(list(args)) == status
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_ingest_then_query_explain_errors_and_export(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], pipeline: Pipeline
) -> None:
    assert pipeline  # the session's model, so the commands below do not load their own
    feed = write_feed(tmp_path / "feed.jsonl", 6)
    _, err = cli(capsys, "ingest", str(feed), str(tmp_path / "missing.jsonl"), "--db", store_url)
    assert "6 articles read, 6 stored, 0 unchanged, 1 failed" in err
    _, err = cli(capsys, "ingest", str(feed), "--db", store_url, "--quiet")
    assert err == ""
    out, _ = cli(capsys, "events", "--db", store_url, "--sort", "mentions", "--json", "--limit=3")
    top = [json.loads(line) for line in out.splitlines()]
    assert len(top) == 3 and top[0]["num_mentions"] >= top[-1]["num_mentions"]
    assert top[0]["representative"]["cameo"]["code"]
    out, _ = cli(capsys, "events", "--db", store_url, "--plover", "ASSAULT", "--from", "2024-03-04")
    assert out and all("ASSAULT" in line for line in out.splitlines())
    out, _ = cli(capsys, "stats", "--db", store_url, "--by", "dyad", "--period", "week", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert {"period": "2024-03-04", "dyad": "KGZMIL>TJKCOP", "events": 1} in rows
    out, _ = cli(capsys, "explain", top[0]["event_id"], "--db", store_url)
    assert f"event {top[0]['event_id']}" in out and "merged" in out
    assert "why: pattern:" in out
    out, _ = cli(capsys, "errors", "--db", store_url, "--json")
    (failure,) = [json.loads(line) for line in out.splitlines()]
    assert failure["origin"].endswith("missing.jsonl") and failure["article_id"] is None
    csv_file = tmp_path / "events.csv"
    _, err = cli(capsys, "export", "--format", "csv", "--db", store_url, "-o", str(csv_file))
    assert "rows written" in err and len(csv_file.read_text().splitlines()) > 1


def test_store_errors_are_one_line_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, err = cli(capsys, "events", "--db", str(tmp_path / "typo.db"), status=1)
    assert "kabar ingest" in err and not (tmp_path / "typo.db").exists()
    junk = tmp_path / "junk.db"
    junk.write_text("not a database at all\n" * 100)
    _, err = cli(capsys, "ingest", str(tmp_path), "--db", str(junk), status=1)
    assert "not a SQLite database" in err and err.count("\n") == 1
    _, err = cli(capsys, "stats", "--db", "postgresql://u:pw@127.0.0.1:1/x", status=1)
    assert "cannot connect to PostgreSQL" in err and "pw" not in err


def _dump_at(url: str) -> dict[str, list[tuple[Any, ...]]]:
    with open_store(url) as store:
        return dump(store)


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_equals_an_uninterrupted_run(
    store_url: str, tmp_path: Path
) -> None:
    n = 60
    feed = write_feed(tmp_path / "feed.jsonl", n)
    reference = tmp_path / "reference.db" if store_url.endswith(".db") else None
    with open_store(store_url) as store:
        pass  # create the schema now, so polling below can count rows
    process = subprocess.Popen(
        [*KABAR, "ingest", str(feed), "--db", store_url, "--commit-every", "2", "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stored = 0
    deadline = time.monotonic() + 300
    with open_store(store_url) as store:
        while time.monotonic() < deadline and process.poll() is None:
            stored = summary(store).articles
            if stored >= 6:
                break
            time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    assert 6 <= stored < n
    kabar("ingest", str(feed), "--db", store_url, "--quiet")
    resumed = _dump_at(store_url)
    # The uninterrupted run, into a fresh store of the same kind.
    if reference is None:
        with open_store(store_url) as store, store.transaction():
            for table in ("event_actors", "events", "mention_blocks", "evidence",
                          "mentions", "articles", "ingest_errors", "ingest_runs"):  # fmt: skip
                store.rows(f"DELETE FROM {table}")
        target = store_url
    else:
        target = str(reference)
    kabar("ingest", str(feed), "--db", target, "--quiet")
    uninterrupted = _dump_at(target)
    assert len(resumed["articles"]) == n
    assert {t: len(rows) for t, rows in resumed.items()} == {
        t: len(rows) for t, rows in uninterrupted.items()
    }
    assert resumed == uninterrupted
    with open_store(target) as store:
        ((runs,),) = store.rows("SELECT COUNT(*) FROM ingest_runs")
        merged = store.rows("SELECT COUNT(*) FROM events WHERE num_mentions > 1")
    assert merged[0][0] > 0  # the feed's reports of one clash did merge
    assert runs >= 1


@pytest.mark.slow
def test_two_ingests_at_once_give_the_store_one_ingest_gives(
    store_url: str, tmp_path: Path
) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 30)
    lines = feed.read_text(encoding="utf-8").splitlines(keepends=True)
    halves = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    halves[0].write_text("".join(lines[0::2]), encoding="utf-8")
    halves[1].write_text("".join(lines[1::2]), encoding="utf-8")
    with open_store(store_url):
        pass  # create the schema first: two processes must not both create it
    processes = [
        subprocess.Popen(
            [*KABAR, "ingest", str(half), "--db", store_url, "--commit-every", "1", "--quiet"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for half in halves
    ]
    for process in processes:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err[-2000:]
    alone = tmp_path / "alone.db"
    kabar("ingest", str(feed), "--db", str(alone), "--quiet")
    together, single = _dump_at(store_url), _dump_at(str(alone))
    # Only where each article was read from differs (a.jsonl:1 against feed.jsonl:1).
    origin = 9  # the articles column list in test_store.dump
    for rows in (together["articles"], single["articles"]):
        rows[:] = [row[:origin] + row[origin + 1 :] for row in rows]
    assert together == single
    with open_store(store_url) as store:
        runs = store.rows("SELECT run_id FROM ingest_runs ORDER BY run_id")
    assert [r[0] for r in runs] == [1, 2]
