"""The `kabar` command end to end, in a real subprocess with the real model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

KABAR = [sys.executable, "-m", "kabar"]


def run(
    *args: str,
    stdin: str | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*KABAR, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env=env,
    )


@pytest.fixture(scope="module")
def examples_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], list[dict[str, object]]]:
    out = tmp_path_factory.mktemp("cli") / "events.jsonl"
    done = run("code", str(REPO / "examples"), "-o", str(out))
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return done, events


def test_code_examples_writes_events_and_summary(examples_run) -> None:  # type: ignore[no-untyped-def]
    done, events = examples_run
    assert done.returncode == 0, done.stderr
    assert "kabar: 4 articles," in done.stderr
    assert "0 articles with errors" in done.stderr
    assert events, "the bundled examples report events"
    for event in events:
        assert event["schema_version"] == "1.0"
        sentence = event["evidence"]["sentence"]["text"]
        assert event["evidence"]["trigger"]["text"] in sentence


def test_markets_example_has_no_event(examples_run) -> None:  # type: ignore[no-untyped-def]
    _, events = examples_run
    assert not [e for e in events if e["article_id"] == "1987-03-02_markets"]


def test_ontology_option_selects_blocks(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(" date 2024-01-02 t\n\nFrance condemned Russia.\n", encoding="utf-8")
    cameo_only = run("code", str(article), "--ontology", "cameo", "--quiet")
    plover_only = run("code", str(article), "--ontology", "plover", "--quiet")
    (c,) = [json.loads(x) for x in cameo_only.stdout.splitlines()]
    (p,) = [json.loads(x) for x in plover_only.stdout.splitlines()]
    assert "cameo" in c and "plover" not in c
    assert "plover" in p and "cameo" not in p
    assert p["plover"]["event"] == "ACCUSE"


def test_stdin_and_text_with_date() -> None:
    done = run(
        "code",
        "-",
        "--format",
        "text",
        "--date",
        "2024-02-03",
        "--quiet",
        stdin="The United States imposed sanctions on Iran.\n",
    )
    assert done.returncode == 0, done.stderr
    (event,) = [json.loads(x) for x in done.stdout.splitlines()]
    assert event["date"] == "2024-02-03"
    assert event["cameo"]["code"] == "163"


def test_bad_file_among_good_ones_is_reported_and_others_coded(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(" date 2024-01-02 t\n\nTurkey condemned Israel.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    done = run("code", str(tmp_path))
    assert done.returncode == 0
    assert "empty.txt" in done.stderr and "binary.txt" in done.stderr
    assert "2 articles with errors" in done.stderr
    assert len(done.stdout.splitlines()) == 1


def test_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    done = run("code", str(tmp_path / "empty.txt"))
    assert done.returncode == 1
    assert "empty" in done.stderr


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    done = run("code", str(tmp_path), "--format", "docx")
    assert done.returncode == 2
    assert "invalid choice" in done.stderr


def test_malformed_field_option() -> None:
    done = run("code", "-", "--field", "text", stdin="x")
    assert done.returncode == 2
    assert "NAME=FIELD" in done.stderr


def test_check_reports_every_component() -> None:
    done = run("check")
    assert done.returncode == 0, done.stdout
    for name in ("spaCy model", "CAMEO codebook", "verb-pattern lexicon", "country table"):
        assert f"ok     {name}" in done.stdout
    assert "match the official en_core_web_sm 3.8.0 sha256" in done.stdout


def test_actors_lookup_shows_roles_valid_on_the_date() -> None:
    done = run("actors", "lookup", "Vladimir Putin", "--date", "2009-06-01", "--limit", "1")
    assert done.returncode == 0, done.stderr
    assert "wd:Q7747" in done.stdout
    assert "Prime Minister of Russia" in done.stdout
    missing = run("actors", "lookup", "Nobody Inparticular-Xyz")
    assert missing.returncode == 1
    assert "no actor named" in missing.stdout


def test_kb_add_installs_a_user_dictionary_used_by_later_runs(tmp_path: Path) -> None:
    env = {**os.environ, "KABAR_HOME": str(tmp_path / "home")}
    dictionary = tmp_path / "mine.yaml"
    dictionary.write_text(
        "version: '1'\n"
        "actors:\n"
        "  - id: kabar:aidos-temirkhanov\n"
        "    name: Aidos Temirkhanov\n"
        "    kind: person\n"
        "    aliases: [Temirkhanov]\n"
        "    roles:\n"
        "      - {country: KAZ, sector: GOV, office: Governor of Almaty, start: 2020-01-01,"
        " end: null}\n",
        encoding="utf-8",
    )
    added = run("kb", "add", str(dictionary), env=env)
    assert added.returncode == 0, added.stderr
    assert "installed 1 actors" in added.stdout
    coded = run(
        "code",
        "-",
        "--format",
        "text",
        "--date",
        "2024-01-02",
        "--quiet",
        stdin="Aidos Temirkhanov praised Uzbekistan.\n",
        env=env,
    )
    (event,) = [json.loads(x) for x in coded.stdout.splitlines()]
    assert event["sources"][0]["actor_id"] == "kabar:aidos-temirkhanov"
    assert event["sources"][0]["code"] == "KAZGOV"


def test_kb_add_refuses_a_malformed_dictionary(tmp_path: Path) -> None:
    env = {**os.environ, "KABAR_HOME": str(tmp_path / "home")}
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - {id: x, name: X, kind: planet}\n", encoding="utf-8")
    done = run("kb", "add", str(bad), env=env)
    assert done.returncode == 1
    assert "bad.yaml" in done.stderr
    assert not (tmp_path / "home" / "kb" / "bad.yaml").exists()
