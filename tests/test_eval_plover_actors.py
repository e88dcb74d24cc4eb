"""`kabar eval plover-actors`: actor resolution scored on gold actor spans.

The gate runs the real PLOVER gold of ../shared (skipped with a reason when it is
absent) and pins floors just under the figures measured when they were set. The
mechanics (span location, code and sector conventions, places, unresolved spans)
are tested on a small gold file of sentences written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_path
from kabar.cli import main
from kabar.eval import plover_actors
from kabar.pipeline import Pipeline

# Measured 2026-11-28: source 0.904 (309/342), target 0.906 (279/308), sector 0.796
# (305/383; source 0.844, target 0.733), unresolved 0.042 (27/650).
FLOORS = {
    ("source", "country"): 0.895,
    ("target", "country"): 0.895,
    ("all", "sector"): 0.785,
    ("source", "sector"): 0.835,
    ("target", "sector"): 0.72,
}
MAX_UNRESOLVED = 0.05


@pytest.fixture(scope="module")
def gold_report(pipeline: Pipeline) -> plover_actors.ActorReport:
    path = shared_path("eval", "plover_gsr", plover_actors.GOLD_NAME)
    return plover_actors.evaluate(path, pipeline)


@pytest.mark.parametrize(("side", "measure"), sorted(FLOORS))
def test_gold_floors(gold_report: plover_actors.ActorReport, side: str, measure: str) -> None:
    score = getattr(gold_report.side(side), measure)
    assert score.value >= FLOORS[(side, measure)], f"{side} {measure}: {score}"


def test_gold_spans_are_nearly_all_resolved(gold_report: plover_actors.ActorReport) -> None:
    scores = gold_report.side("all")
    assert scores.country.total == len(gold_report.outcomes) == 650
    assert scores.unresolved.value <= MAX_UNRESOLVED, scores.unresolved


# ------------------------------------------------------------------ a gold of our own


def _record(rid: str, text: str, markup: str, source: list[dict[str, object]],
            target: list[dict[str, object]]) -> dict[str, object]:  # fmt: skip
    return {"id": rid, "text": text, "markup": markup, "source": source, "target": target}


RECORDS = [
    # A CAMEO code that is not ISO3 (JAP), a sector with an ethnic suffix (CVLxyz).
    _record(
        "T-1",
        "Japanese diplomats criticised the arrest of Kenyans in Nairobi.",
        "(SRC: Japanese) diplomats criticised the arrest of (TAR: Kenyans) in Nairobi.",
        [{"text": "Japanese", "code": "JAP", "sector": "GOV"}],
        [{"text": "Kenyans", "code": "KEN", "sector": "CVLxyz"}],
    ),
    # The second "Uganda" is the tagged one.
    _record(
        "T-2",
        "Kenya criticised Uganda after Uganda closed the border.",
        "(SRC: Kenya) criticised Uganda after (TAR: Uganda) closed the border.",
        [{"text": "Kenya", "code": "KEN", "sector": None}],
        [{"text": "Uganda", "code": "UGA", "sector": None}],
    ),
    # An IGO, and a town the gazetteer places; an unknown name; a span not in the text.
    _record(
        "T-3",
        "The United Nations condemned the shelling of Mombasa by Zorblax.",
        "",
        [
            {"text": "United Nations", "code": "IGO", "sector": "GOV"},
            {"text": "Zorblax", "code": "KEN", "sector": "REB"},
            {"text": "Martians", "code": "USA", "sector": "***"},
        ],
        [{"text": "Mombasa", "code": "KEN", "sector": None}],
    ),
]


@pytest.fixture(scope="module")
def small_gold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gold") / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def small_report(small_gold: Path, pipeline: Pipeline) -> plover_actors.ActorReport:
    return plover_actors.evaluate(small_gold, pipeline)


def _outcome(report: plover_actors.ActorReport, text: str) -> plover_actors.ActorOutcome:
    return next(o for o in report.outcomes if o.gold.text == text)


def test_gold_codes_and_sectors_are_read_as_cameo_means_them(small_gold: Path) -> None:
    gold = {g.text: g for g in plover_actors.load_gold(small_gold)}
    assert (gold["Japanese"].code, gold["Japanese"].sector) == ("JPN", "GOV")
    assert (gold["Kenyans"].code, gold["Kenyans"].sector) == ("KEN", "CVL")
    assert gold["Martians"].sector == "" and gold["Martians"].parts == ()


def test_a_repeated_span_is_the_occurrence_the_markup_tags(small_gold: Path) -> None:
    uganda = next(g for g in plover_actors.load_gold(small_gold) if g.text == "Uganda")
    text = uganda.sentence
    assert uganda.parts == ((text.rindex("Uganda"), text.rindex("Uganda") + len("Uganda")),)


def test_each_span_is_scored_on_the_resolved_mention(
    small_report: plover_actors.ActorReport,
) -> None:
    japanese = _outcome(small_report, "Japanese")
    assert japanese.country_right and japanese.sector_right  # "Japanese diplomats": JPN GOV
    assert japanese.mention is not None and japanese.mention.span.text == "Japanese diplomats"
    kenyans = _outcome(small_report, "Kenyans")
    assert (kenyans.country, kenyans.sectors, kenyans.sector_right) == ("KEN", ("CVL",), True)
    un = _outcome(small_report, "United Nations")
    assert (un.country, un.country_right, un.sector_right) == ("IGO", True, True)
    mombasa = _outcome(small_report, "Mombasa")
    assert (mombasa.via, mombasa.country, mombasa.country_right) == ("place:gazetteer", "KEN", True)


def test_unresolved_and_missing_spans_count_as_wrong(
    small_report: plover_actors.ActorReport,
) -> None:
    zorblax = _outcome(small_report, "Zorblax")
    assert (zorblax.via, zorblax.country_right, zorblax.sector_right) == (
        "unresolved", False, False,
    )  # fmt: skip
    martians = _outcome(small_report, "Martians")
    assert (martians.via, martians.country_right, martians.sector_right) == (
        "span-not-found", False, None,
    )  # fmt: skip
    scores = small_report.side("all")
    assert (scores.unresolved.correct, scores.unresolved.total) == (2, 8)
    assert scores.placed == 1
    source, target = small_report.side("source"), small_report.side("target")
    assert source.country.total + target.country.total == scores.country.total == 8


def test_report_lists_confusions_and_wrong_spans(small_report: plover_actors.ActorReport) -> None:
    text = plover_actors.format_report(small_report, show_errors=5)
    assert "source " in text and "target " in text and "unresolved share" in text
    assert "confusions (gold -> got), 2 wrong spans:" in text
    assert "KEN REB -> - -" in text
    assert "T-3 source 'Zorblax': gold KEN REB, got - - [unresolved]" in text


def test_cli_runs_the_set_on_a_given_file(
    small_gold: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "plover-actors", str(small_gold), "--errors", "1"]) == 0
    out = capsys.readouterr().out
    assert "PLOVER GSR actor spans:" in out
    assert "first 1 wrong spans:" in out
