"""`kabar eval petrarch2-gsr` and `kabar eval conflibert`: the real gold files when
../shared is there, and small hand-made gold files for the matching logic."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from conftest import shared_path
from kabar.cli import main
from kabar.errors import InputError
from kabar.eval import conflibert, petrarch2_gsr, plover_gsr
from kabar.eval.metrics import (
    NONE_LABEL,
    Accuracy,
    confusion,
    format_confusion,
    multiset_score,
)
from kabar.eval.petrarch2_gsr import GoldEvent, GoldSentence, SentenceOutcome, event_dyads
from kabar.model import Actor, Event, Evidence, Mention, Modality, Span
from kabar.ontology import load_cameo
from kabar.pipeline import Pipeline

# ---------------------------------------------------------------- helpers


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def mention(country: str | None, name: str = "") -> Mention:
    actor_id = f"country:{country}" if country and not name else f"group:{country or ''}:{name}"
    actor = Actor(id=actor_id, name=name or str(country), kind="country", country=country)
    return Mention(Span(0, 1, "x"), 0, actor, "test")


def event(
    code: str,
    sources: Sequence[Mention],
    targets: Sequence[Mention] = (),
    *,
    reciprocal: bool = False,
    modality: Modality = "asserted",
    confidence: float = 0.5,
    start: int = 0,
) -> Event:
    """An event as the coder would give it, for scoring without the parser."""
    trigger = Span(start, start + 1, "x")
    return Event(
        id=f"{code}-{start}",
        article_id="a",
        date=None,
        date_precision="unknown",
        sources=tuple(sources),
        targets=tuple(targets),
        cameo=load_cameo().get(code),
        plover=None,
        evidence=Evidence("a", 0, Span(0, 1, "x"), trigger, (), ()),
        modality=modality,
        reciprocal=reciprocal,
        confidence=confidence,
    )


def gold_event(source: str | None, target: str | None, code: str) -> GoldEvent:
    return GoldEvent(source or "---", target or "---", code, source, target)


def sentence(*events: GoldEvent, noevents: bool = False) -> GoldSentence:
    return GoldSentence("s", "text", None, events, noevents)


# ---------------------------------------------------------------- metrics


def test_multiset_score_matches_within_units_only() -> None:
    score = multiset_score("all", [(["a", "a", "b"], ["a", "c"]), (["c"], ["a"])])
    assert (score.tp, score.fp, score.fn) == (1, 2, 3)
    assert score.support == 4


def test_confusion_counts_and_rejects_unknown_labels() -> None:
    matrix = confusion([("x", "x"), ("x", NONE_LABEL), ("y", "x")], ["x", "y"], ["x", NONE_LABEL])
    assert matrix.counts == ((1, 1), (1, 0))
    assert matrix.total() == 3
    assert "(none)" in format_confusion(matrix)
    with pytest.raises(ValueError, match="outside"):
        confusion([("z", "x")], ["x"], ["x"])


def test_wilson_interval_brackets_the_value() -> None:
    low, high = Accuracy(5, 10).interval()
    assert low < 0.5 < high
    assert round(low, 3) == 0.237 and round(high, 3) == 0.763
    assert Accuracy(0, 0).interval() == (0.0, 1.0)
    assert Accuracy(10, 10).interval()[1] == pytest.approx(1.0)


# ---------------------------------------------------------------- petrarch2-gsr: matching


def test_dyads_expand_compounds_and_skip_actors_without_country() -> None:
    usa, rus, igo = mention("USA"), mention("RUS"), mention(None, "un")
    assert event_dyads(event("111", [usa, igo], [rus])) == (("USA", "RUS"),)
    assert event_dyads(event("111", [usa], [])) == ()
    met = event("040", [usa, rus, mention("CHE")], reciprocal=True)
    assert len(event_dyads(met)) == 6
    assert set(event_dyads(event("040", [usa], [rus], reciprocal=True))) == {
        ("USA", "RUS"),
        ("RUS", "USA"),
    }
    # Two actors of one country make one pair, counted once.
    assert event_dyads(event("173", [usa, mention("USA", "court")], [rus])) == (("USA", "RUS"),)


def test_gold_country_reads_cameo_country_codes() -> None:
    countries = {"USA": "USA", "ROM": "ROU"}
    assert petrarch2_gsr.gold_country("USAGOV", countries) == "USA"
    assert petrarch2_gsr.gold_country("ROMMIL", countries) == "ROU"
    # An international body is the pseudo-country "IGO", as in the PLOVER evaluation.
    assert petrarch2_gsr.gold_country("IGOUNO", countries) == "IGO"
    assert petrarch2_gsr.gold_country("---GOV", countries) is None


def test_scores_on_hand_made_outcomes() -> None:
    usa, rus, fra = mention("USA"), mention("RUS"), mention("FRA")
    outcomes = [
        # Right root on the dyad: a true triple.
        SentenceOutcome(sentence(gold_event("USA", "RUS", "112")), (event("112", [usa], [rus]),)),
        # Dyad found, wrong root; the most confident candidate is the match.
        SentenceOutcome(
            sentence(gold_event("FRA", "RUS", "042")),
            (
                event("111", [fra], [rus], confidence=0.9),
                event("043", [fra], [rus], confidence=0.4, start=5),
            ),
        ),
        # An unknown target: no dyad, a miss in (b), but its root counts in the
        # record-level figure.
        SentenceOutcome(
            sentence(gold_event("USA", None, "190")), (event("190", [usa], [], modality="future"),)
        ),
        # Nothing should be coded here.
        SentenceOutcome(sentence(noevents=True), (event("010", [fra], [usa]),)),
    ]
    report = petrarch2_gsr.score(Path("gold.jsonl"), outcomes)
    assert report.gold_events == 3 and report.gold_events_with_dyad == 2
    every = report.scores("all")
    assert every.dyad_found == Accuracy(2, 2)
    assert every.root_accuracy == Accuracy(1, 2)  # 111 chosen over 043 by confidence
    assert every.root_in_sentence == Accuracy(3, 3)  # 04 via 043, 19 via the future event
    t = every.triples
    assert (t.tp, t.fp, t.fn) == (2, 2, 1)  # FRA>RUS 04 matches through the 043 event
    assert every.false_alarm_sentences == Accuracy(1, 1) and every.false_alarm_events == 1
    asserted = report.scores("asserted")
    assert asserted.root_in_sentence == Accuracy(2, 3)  # the future 190 is left out
    assert asserted.events == every.events - 1
    text = petrarch2_gsr.format_report(report, show_errors=5)
    assert "(b) triples" in text and "FRA>RUS 042" in text


# ---------------------------------------------------------------- petrarch2-gsr: files


def petrarch_record(
    ident: str, text: str, events: list[dict[str, str]], **extra: object
) -> dict[str, object]:
    return {
        "id": ident,
        "date": "20150609",
        "text": text,
        "events": events,
        "noevents": not events,
        **extra,
    }


def test_petrarch2_hand_made_gold_end_to_end(tmp_path: Path, pipeline: Pipeline) -> None:
    path = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            petrarch_record(
                "sanctions",
                "The United States imposed sanctions on Iran.",
                [{"source": "USAGOV", "target": "IRN", "code": "163"}],
            ),
            petrarch_record("weather", "The weather was mild on Tuesday.", []),
            petrarch_record(
                "igo",
                "The United Nations inspectors want to re-examine the refineries in Iran.",
                [{"source": "IGOUNO", "target": "IRN", "code": "090"}],
            ),
        ],
    )
    report = petrarch2_gsr.evaluate(path, pipeline)
    assert len(report.outcomes) == 3
    assert report.gold_events == 2 and report.gold_events_with_dyad == 2
    every = report.scores("all")
    assert every.triples.tp == 1  # USA>IRN 16
    assert every.triples.tp + every.triples.fn == 2
    assert every.false_alarm_sentences.total == 1


_EVENT = {"source": "USA", "target": "RUS", "code": "040"}


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "PETRARCH-2 gold sentence"),
        (json.dumps(petrarch_record("x", "t", [_EVENT | {"code": "4x"}])), "not a CAMEO code"),
        (json.dumps(petrarch_record("x", "t", [_EVENT], noevents=True)), "noevents is true"),
        (json.dumps(petrarch_record("x", "t", [_EVENT | {"source": None}])), "source must be"),
        (json.dumps({"id": "x", "text": "t", "events": []}), "noevents"),
    ],
)
def test_petrarch2_malformed_line_names_file_and_line(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = tmp_path / "gold.jsonl"
    good = json.dumps(petrarch_record("ok", "Fine.", []))
    path.write_text(f"{good}\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=problem) as caught:
        petrarch2_gsr.load_gold(path)
    assert caught.value.origin == f"{path}:2"


def test_petrarch2_real_gold(pipeline: Pipeline) -> None:
    report = petrarch2_gsr.evaluate(
        shared_path("eval", "petrarch2_gsr", petrarch2_gsr.GOLD_NAME), pipeline
    )
    print(petrarch2_gsr.format_report(report))
    assert len(report.outcomes) == 78
    assert sum(o.gold.noevents for o in report.outcomes) == 12
    assert report.gold_events == 80
    for scores in report.pools:
        t = scores.triples
        assert t.tp + t.fn == report.gold_events
        assert t.tp + t.fp == sum(
            len(petrarch2_gsr.event_triples(o.pool(scores.pool))) for o in report.outcomes
        )
        assert sum(s.tp for s in scores.triples_by_root) == t.tp
        assert sum(s.fp for s in scores.triples_by_root) == t.fp
        assert sum(s.fn for s in scores.triples_by_root) == t.fn
        assert scores.dyad_found.total == report.gold_events_with_dyad
        assert scores.root_accuracy.total == scores.dyad_found.correct
        assert scores.root_in_sentence.total == report.gold_events
        assert scores.false_alarm_sentences.total == 12
    assert report.scores("asserted").events <= report.scores("all").events


# ---------------------------------------------------------------- conflibert


@pytest.mark.parametrize(
    ("code", "penta"),
    [
        *(("010", 0), ("016", 0), ("020", 1), ("040", 1), ("057", 1), ("070", 2), ("090", 2)),
        *(("100", 3), ("111", 3), ("141", 3), ("163", 4), ("190", 4), ("204", 4)),
    ],
)
def test_penta_class_is_statement_or_quad_class(code: str, penta: int) -> None:
    assert conflibert.penta_class(load_cameo().get(code)) == penta


def test_conflibert_hand_made_gold_end_to_end(tmp_path: Path, pipeline: Pipeline) -> None:
    path = write_jsonl(
        tmp_path / "cameo.jsonl",
        [
            {"text": "The United States imposed sanctions on Iran.", "penta_label": 4},
            {"text": "France condemned Russia.", "penta_label": 0},
            {"text": "The weather was mild on Tuesday.", "penta_label": 1},
        ],
    )
    report = conflibert.evaluate(path, pipeline)
    assert [o.predicted for o in report.outcomes] == [4, 3, None]
    assert report.accuracy_coded == Accuracy(1, 2)
    assert report.accuracy == Accuracy(1, 3)
    assert report.coverage == Accuracy(2, 3)
    rows = dict(zip(report.confusion.gold_labels, report.confusion.counts, strict=True))
    assert rows["4 mat-confl"][4] == 1
    assert rows["0 statement"][3] == 1
    assert rows["1 verb-coop"][-1] == 1  # uncoded
    assert report.confusion.total() == 3
    assert sum(s.support for s in report.scores) == 3
    assert "misclassified" in conflibert.format_report(report, show_errors=3)


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ({"text": "x", "penta_label": 7}, "penta_label must be 0-4"),
        ({"text": "x", "penta_label": True}, "penta_label must be 0-4"),
        ({"text": "", "penta_label": 1}, "text must be"),
        ({"penta_label": 1}, "text"),
    ],
)
def test_conflibert_malformed_line_names_file_and_line(
    tmp_path: Path, record: object, problem: str
) -> None:
    path = write_jsonl(tmp_path / "cameo.jsonl", [{"text": "Fine.", "penta_label": 0}, record])
    with pytest.raises(InputError, match=problem) as caught:
        conflibert.load_gold(path)
    assert caught.value.origin == f"{path}:2"


def test_conflibert_real_gold(pipeline: Pipeline) -> None:
    report = conflibert.evaluate(
        shared_path("eval", "conflibert_cameo_train", conflibert.GOLD_NAME), pipeline
    )
    print(conflibert.format_report(report))
    assert len(report.outcomes) == 1349
    assert report.coverage.total == report.accuracy.total == report.confusion.total() == 1349
    assert report.accuracy_coded.total == report.coverage.correct
    # Gold class sizes, as the rows of the matrix.
    assert [sum(row) for row in report.confusion.counts] == [240, 248, 303, 337, 221]
    assert sum(s.support for s in report.scores) == 1349
    uncoded = [row[-1] for row in report.confusion.counts]
    assert sum(uncoded) == report.coverage.total - report.coverage.correct


# ---------------------------------------------------------------- CLI


def test_cli_eval_reports_a_malformed_gold_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "penta_label": 9}\n', encoding="utf-8")
    assert main(["eval", "conflibert", str(bad)]) == 1
    assert f"{bad}:1" in capsys.readouterr().err
    assert main(["eval", "petrarch2-gsr", str(tmp_path / "missing.jsonl")]) == 1
    assert "cannot read gold file" in capsys.readouterr().err


# ---------------------------------------------------------------- plover-gsr: calibration


def test_calibration_bins_type_accuracy_by_confidence() -> None:
    def outcome(confidence: float | None, right: bool) -> plover_gsr.RecordOutcome:
        gold = plover_gsr.GoldRecord("r", "text", "AGREE", (), ())
        predicted = "AGREE" if right else "REJECT"
        return plover_gsr.RecordOutcome(gold, predicted, (), (), 1, confidence=confidence)

    outcomes = [
        outcome(0.85, True),
        outcome(0.9, True),
        outcome(0.82, False),
        outcome(0.55, True),
        outcome(0.55, False),
        outcome(None, False),  # nothing coded: not in any bin
    ]
    bins = plover_gsr.calibration(outcomes)
    assert [(b.low, b.accuracy) for b in bins] == [
        (0.5, Accuracy(1, 2)),
        (0.8, Accuracy(2, 3)),
    ]
    assert bins[1].high == 1.0 and abs(bins[1].mean_confidence - 0.8567) < 1e-3
    # |0.5 - 0.55| * 2 + |0.667 - 0.857| * 3, over 5 records.
    ece = plover_gsr.expected_calibration_error(bins)
    assert abs(ece - (0.05 * 2 + (0.8567 - 2 / 3) * 3) / 5) < 1e-3
    assert plover_gsr.expected_calibration_error(()) == 0.0
