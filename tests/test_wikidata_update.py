"""`kabar kb update --from-wikidata` against a real local HTTP server that replays a
recorded SPARQL answer (tests/data/wikidata_office_holders.json, described in the
.md file beside it).

The server is http.server on 127.0.0.1 in a thread; it records every request it gets.
KABAR_HOME points at a temporary folder, so the installed dictionary and the KB that
load_kb() layers are real files, read back by the real loader.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from kabar.actors.kb import KnowledgeBase, add_user_dictionary, load_kb, parse_curated
from kabar.actors.wikidata import (
    WIKIDATA_FILE,
    UpdateReport,
    WikidataRow,
    review_rows,
    update_from_wikidata,
)
from kabar.cli import main
from kabar.errors import ConfigError, RemoteError

RESPONSE = Path(__file__).resolve().parent / "data" / "wikidata_office_holders.json"
D = dt.date


@dataclass(frozen=True)
class Received:
    """One request the replay server got."""

    method: str
    headers: dict[str, str]
    query: str


@dataclass
class Replay:
    """What the replay server answers next, and the requests it received."""

    url: str = ""
    status: int = 200
    body: bytes = field(default_factory=RESPONSE.read_bytes)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    received: list[Received] = field(default_factory=list)


def _handler(replay: Replay) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
            replay.received.append(
                Received("POST", dict(self.headers.items()), form.get("query", [""])[0])
            )
            time.sleep(replay.delay)
            try:
                self.send_response(replay.status)
                self.send_header("Content-Type", "application/sparql-results+json")
                for name, value in replay.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(replay.body)))
                self.end_headers()
                self.wfile.write(replay.body)
            except OSError:
                pass  # the client gave up (the timeout test): nothing to answer

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep pytest's output clean

    return Handler


@contextlib.contextmanager
def _serving(replay: Replay) -> Iterator[Replay]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(replay))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    replay.url = f"http://127.0.0.1:{server.server_port}/sparql"
    try:
        yield replay
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def endpoint() -> Iterator[Replay]:
    """A replay server for one test."""
    with _serving(Replay()) as replay:
        yield replay


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty KABAR_HOME for one test; the user-dictionary folder is returned."""
    monkeypatch.setenv("KABAR_HOME", str(tmp_path))
    load_kb.cache_clear()
    yield tmp_path / "kb"
    load_kb.cache_clear()  # later tests load the KB of their own KABAR_HOME


@dataclass(frozen=True)
class Installed:
    """One update from the recorded answer, shared by the tests that only read it."""

    report: UpdateReport
    request: Received
    endpoint: str
    kb: KnowledgeBase
    text: str


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KABAR_HOME", str(tmp_path_factory.mktemp("home")))
        load_kb.cache_clear()
        with _serving(Replay()) as replay:
            report = update_from_wikidata(replay.url, timeout=30)
            yield Installed(
                report, replay.received[0], replay.url, load_kb(),
                report.path.read_text(encoding="utf-8"),
            )  # fmt: skip
    load_kb.cache_clear()


def _roles(kb: KnowledgeBase, qid: str, day: dt.date, source: str = "wikidata-live") -> set[str]:
    actor = kb.by_qid(qid)
    assert actor is not None, qid
    return {f"{r.country} {r.office}" for r in actor.roles_on(day) if r.source == source}


# ---------------------------------------------------------------------------- update


def test_the_request_asks_for_terms_and_names_kabar(installed: Installed) -> None:
    request = installed.request
    assert request.method == "POST"
    for needle in ("P39", "P580", "P582", "P1906", "P1313", "P298"):
        assert needle in request.query, needle
    assert request.headers["User-Agent"].startswith("kabar/")
    assert "application/sparql-results+json" in request.headers["Accept"]


def test_the_dictionary_is_installed_in_kabar_home_in_the_curated_format(
    installed: Installed,
) -> None:
    report = installed.report
    assert report.path.name == WIKIDATA_FILE and report.path.parent.name == "kb"
    entries = parse_curated(installed.text, str(report.path))
    assert {actor.qid for actor, _ in entries} >= {"Q4060344", "Q57641", "Q124488292"}
    assert (report.rows, report.terms, report.actors) == (21, 16, len(entries))
    assert not [p for p in report.path.parent.iterdir() if p.name != WIKIDATA_FILE]


def test_load_kb_gives_the_dated_role_inside_the_term_and_not_after_it(
    installed: Installed,
) -> None:
    kb = installed.kb
    (best, *_) = kb.get_candidates("Akylbek Japarov", D(2023, 6, 1))
    assert best.actor.qid == "Q4060344"
    assert any(r.source == "wikidata-live" and r.country == "KGZ" for r in best.roles)
    pm = {"KGZ Prime Minister of Kyrgyzstan"}
    assert _roles(kb, "Q4060344", D(2021, 10, 12)) == pm  # the first day
    assert _roles(kb, "Q4060344", D(2024, 12, 15)) == pm  # the last day
    assert _roles(kb, "Q4060344", D(2024, 12, 16)) == set()  # the successor's first day
    assert _roles(kb, "Q112703041", D(2024, 12, 16)) == pm
    assert _roles(kb, "Q4060344", D(2025, 3, 1)) == set()


def test_a_leader_the_kb_lacked_is_added_and_resolves(installed: Installed) -> None:
    assert ("wd:Q124488292", "Péter Magyar") in installed.report.actors_added
    (best, *_) = installed.kb.get_candidates("Peter Magyar", D(2026, 6, 1))
    assert best.actor.qid == "Q124488292"
    assert [f"{r.country}{r.sector}" for r in best.roles] == ["HUNGOV"]


def test_a_person_holding_two_offices_keeps_both(installed: Installed) -> None:
    assert _roles(installed.kb, "Q3052772", D(2020, 1, 1)) == {
        "FRA President of the French Republic",
        "AND French co-prince of Andorra",
    }


def test_roles_the_live_terms_do_not_cover_are_kept(installed: Installed) -> None:
    # Yeltsin is a Phoenix actor without a QID: the live term joins it, by name, and
    # his Phoenix roles (RUSELI before and after the presidency) stay.
    yeltsin = installed.kb.by_qid("Q34453")
    assert yeltsin is not None and yeltsin.id == "phx:boris-yeltsin"
    assert _roles(installed.kb, "Q34453", D(1995, 1, 1)) == {"RUS President of Russia"}
    assert {r.sector for r in yeltsin.roles_on(D(2003, 1, 1))} == {"ELI"}
    putin = installed.kb.by_qid("Q7747")
    assert putin is not None and {r.source for r in putin.roles} > {"wikidata-live"}


def test_an_open_term_ends_when_the_successor_starts(installed: Installed) -> None:
    # Margrethe II's term has no end qualifier in the answer; Frederik X starts 2024-01-14.
    assert _roles(installed.kb, "Q102139", D(2024, 1, 13)) == {"DNK Monarch of Denmark"}
    assert _roles(installed.kb, "Q102139", D(2024, 1, 14)) == set()
    assert any("Margrethe II" in note and "2024-01-14" in note for note in installed.report.notes)


def test_rejected_rows_are_reported_with_their_reason(installed: Installed) -> None:
    reasons = {row.row.split("'")[1]: row.reason for row in installed.report.rejected}
    assert reasons == {
        "Volodymyr Zelenskyy": "ends before it starts",
        "Q897790": "label is a bare QID",
        "Aslan Bzhania": "Republic of Abkhazia (Q31354462) has no ISO 3166 alpha-3 code (P298)",
        "Edeupa Yerimin": (
            "hand review: Eswatini's prime minister since 2023 is Russell Mmiso Dlamini"
        ),
        "Horik II": "starts before 1900 but has no end",
    }
    # The rejected rows are nowhere in the KB: the good Zelenskyy term is still open.
    assert _roles(installed.kb, "Q3874799", D(2026, 1, 1)) == {"UKR President of Ukraine"}
    assert installed.kb.by_qid("Q4086139") is None


def test_running_the_update_twice_changes_nothing(installed: Installed) -> None:
    assert installed.report.changed
    again = update_from_wikidata(installed.endpoint, timeout=30)
    assert again.path.read_text(encoding="utf-8") == installed.text
    assert not again.changed and not again.actors_added and not again.roles
    assert again.rejected == installed.report.rejected


@pytest.mark.usefixtures("home")
def test_a_leader_voted_out_is_reported_as_ended(endpoint: Replay) -> None:
    update_from_wikidata(endpoint.url, timeout=30)
    assert _roles(load_kb(), "Q112703041", D(2026, 11, 1)) == {"KGZ Prime Minister of Kyrgyzstan"}
    answer = json.loads(RESPONSE.read_bytes())
    for binding in answer["results"]["bindings"]:
        if binding["person"]["value"].endswith("/Q112703041"):
            binding["end"] = copy.deepcopy(binding["start"]) | {"value": "2026-10-01T00:00:00Z"}
            binding["endPrecision"] = copy.deepcopy(binding["startPrecision"])
    endpoint.body = json.dumps(answer).encode("utf-8")
    report = update_from_wikidata(endpoint.url, timeout=30)
    ended = report.changes("ended")
    assert [(c.actor, c.role.start, c.role.end) for c in ended] == [
        ("wd:Q112703041", D(2024, 12, 16), D(2026, 10, 1))
    ]
    assert not report.actors_added and not report.changes("added")
    kb = load_kb()  # the update cleared the cached KB
    assert _roles(kb, "Q112703041", D(2026, 9, 30)) == {"KGZ Prime Minister of Kyrgyzstan"}
    assert _roles(kb, "Q112703041", D(2026, 10, 1)) == set()


def test_the_users_own_dictionaries_still_win(endpoint: Replay, home: Path) -> None:
    mine = home.parent / "mine.yaml"
    mine.write_text(
        "actors:\n  - id: wd:Q112703041\n    name: Adylbek Kasymaliev\n    kind: person\n"
        "    roles:\n      - {country: KGZ, sector: GOV, office: Acting Prime Minister,"
        " start: 2024-12-16, end: null}\n",
        encoding="utf-8",
    )
    add_user_dictionary(mine)
    update_from_wikidata(endpoint.url, timeout=30)
    assert sorted(p.name for p in home.iterdir()) == [WIKIDATA_FILE, "mine.yaml"]
    kasymaliev = load_kb().by_qid("Q112703041")
    assert kasymaliev is not None
    assert {r.office for r in kasymaliev.roles} == {"Acting Prime Minister"}
    assert _roles(load_kb(), "Q4060344", D(2023, 1, 1)) == {"KGZ Prime Minister of Kyrgyzstan"}


# ---------------------------------------------------------------------------- errors

OLD = "version: mine\nactors: []\n"


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/sparql"


@pytest.mark.parametrize(
    ("status", "body", "headers", "delay", "expected"),
    [
        (None, b"", {}, 0.0, "cannot reach the Wikidata endpoint"),
        (200, b"", {}, 2.0, "did not answer within 0.3 s; try again later or raise --timeout"),
        (429, b"slow down", {"Retry-After": "30"}, 0.0, "HTTP 429 (Too Many Requests)"),
        (503, b"", {}, 0.0, "HTTP 503 (Service Unavailable): the query service failed"),
        (200, b"<html>Wikidata Query Service</html>", {}, 0.0, "did not answer SPARQL JSON"),
        (200, b'{"error": "no"}', {}, 0.0, "without head.vars and results.bindings"),
        (200, b'{"head": {"vars": []}, "results": {"bindings": []}}', {}, 0.0, "without ["),
        (
            200, b'{"head": {"vars": ["country", "position", "person", "start"]}, '
            b'"results": {"bindings": []}}', {}, 0.0, "none passed review",
        ),
    ],
    ids=["unreachable", "timeout", "429", "503", "html", "json", "vars", "empty"],
)  # fmt: skip
def test_a_failed_update_says_why_and_keeps_the_installed_file(
    endpoint: Replay,
    home: Path,
    status: int | None,
    body: bytes,
    headers: dict[str, str],
    delay: float,
    expected: str,
) -> None:
    home.mkdir(parents=True)
    (home / WIKIDATA_FILE).write_text(OLD, encoding="utf-8")
    url = _closed_port_url() if status is None else endpoint.url
    endpoint.status, endpoint.body, endpoint.headers, endpoint.delay = (
        status or 200, body, headers, delay,
    )  # fmt: skip
    with pytest.raises(RemoteError) as caught:
        update_from_wikidata(url, timeout=0.3)
    message = str(caught.value)
    assert expected in message and url in message, message
    assert "\n" not in message and message.endswith("the installed dictionary is unchanged")
    if status == 429:
        assert "wait 30 s" in message
    assert [p.name for p in home.iterdir()] == [WIKIDATA_FILE]
    assert (home / WIKIDATA_FILE).read_text(encoding="utf-8") == OLD


@pytest.mark.parametrize(
    ("url", "timeout"),
    [
        ("file:///etc/passwd", 5.0),
        ("http://", 5.0),
        ("http://[::1/sparql", 5.0),
        ("http://127.0.0.1:9/sparql", 0.0),
    ],
)
def test_an_endpoint_or_timeout_that_cannot_work_is_a_usage_error(url: str, timeout: float) -> None:
    with pytest.raises(ConfigError, match=r"--endpoint|--timeout"):
        update_from_wikidata(url, timeout=timeout)


# ---------------------------------------------------------------------------- review


def _row(start: str, start_precision: int, end: str = "", end_precision: int = 11) -> WikidataRow:
    return WikidataRow(
        "Q813", "Kyrgyzstan", "KGZ", "Q2333371", "Prime Minister of Kyrgyzstan", "Q4060344",
        "Akylbek Japarov", start, start_precision, end, end_precision,
    )  # fmt: skip


def test_dates_known_to_the_month_or_year_cover_the_whole_period() -> None:
    review = review_rows(
        [_row("2021-10-01T00:00:00Z", 10, "2024-12-01T00:00:00Z", 10),
         _row("2019-01-01T00:00:00Z", 9, "2020-01-01T00:00:00Z", 9)]
    )  # fmt: skip
    spans = sorted((term.start, term.end) for term in review.terms)
    assert spans == [(D(2019, 1, 1), D(2021, 1, 1)), (D(2021, 10, 1), D(2025, 1, 1))]


def test_undatable_rows_are_rejected_with_the_reason() -> None:
    review = review_rows(
        [_row("1990-01-01T00:00:00Z", 8), _row("-0044-03-15T00:00:00Z", 11),
         _row("2021-02-30T00:00:00Z", 11), _row("2021-01-01T00:00:00Z", 11,
         "2021-01-01T00:00:00Z", 11)]
    )  # fmt: skip
    assert not review.terms
    expected = [
        "start '1990-01-01T00:00:00Z' is only known to the decade or coarser (precision 8)",
        "start '-0044-03-15T00:00:00Z' is outside the years kabar can hold",
        "start '2021-02-30T00:00:00Z' is no calendar date",
        "ends the day it starts",
    ]
    assert [r.reason for r in review.rejected] == expected


# ---------------------------------------------------------------------------- CLI


def test_the_cli_installs_and_reports(
    endpoint: Replay, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["kb", "update", "--from-wikidata", "--endpoint", endpoint.url, "--timeout", "30"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "read 21 rows" in out and "5 rows rejected" in out
    assert "rejected  Q897790 'Q897790' President of East Timor" in out
    assert (home / WIKIDATA_FILE).is_file()
    assert main(argv) == 0
    assert "no change" in capsys.readouterr().out


def test_the_cli_turns_failures_into_one_line_and_usage_errors_into_2(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _closed_port_url()
    assert main(["kb", "update", "--from-wikidata", "--endpoint", url, "--timeout", "5"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kabar: error: cannot reach the Wikidata endpoint {url}")
    assert err.count("\n") == 1
    assert main(["kb", "update"]) == 2
    assert "--from-wikidata" in capsys.readouterr().err
    assert not home.exists()
