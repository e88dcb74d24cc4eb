"""Quality gate: accuracy on gold data may not fall below the pinned floors.

Floors are set a little under what was measured when they were last raised;
raise them when the coder improves. A floor may only be lowered when the
metric itself changes meaning, and the comment must say so.

History: 2026-11-28 the PLOVER "source country, coded only" floor went from
0.85 to 0.80 because country-less group actors ("the rebels", "police") began to
be coded: records they make coded count in the denominator without a country.
"""

from __future__ import annotations

import pytest

from conftest import shared_path
from kabar.eval import conflibert, petrarch2_gsr, plover_gsr
from kabar.pipeline import Pipeline

# Measured 2026-11-28 (third session, coder and actor work): type accuracy 0.764
# (246/322), coverage 0.894, macro-F1 0.771, source country (coded) 0.913,
# target country (coded) 0.696, source sector (coded) 0.832. Sides are read from
# the event's CAMEO-style dyads (a reciprocal event has every party on both sides).
PLOVER_FLOORS = {
    "type_accuracy": 0.74,
    "coverage": 0.87,
    "source_accuracy_coded": 0.89,
    "target_accuracy_coded": 0.67,
    "source_sector_accuracy_coded": 0.80,
}
PLOVER_MACRO_F1_FLOOR = 0.75

# Measured 2026-11-28 (third session), all events: root accuracy on matched dyads
# 0.800 (36/45), triple F1 0.496 (tp 35, fp 26, fn 45; IGO sides count since this
# session), noevent sentences with an asserted event 2/12 (both state an accusation
# outright: "France accused Rwanda of ...", coded as CAMEO codes such statements;
# the gold leaves them to other sentences of the story).
PETRARCH2_ROOT_ACCURACY_FLOOR = 0.75
PETRARCH2_TRIPLE_F1_FLOOR = 0.46
PETRARCH2_MAX_NOEVENT_SENTENCES = 2
# Third session: "The USA tanks might want Obama to head back" gives a hypothetical
# appeal (kept, marked hypothetical, as every hypothetical event is); no asserted
# event was added on a noevent sentence.
PETRARCH2_MAX_NOEVENT_SENTENCES_ANY_MODALITY = 3

# Measured 2026-11-28 (third session): penta accuracy on coded sentences 0.731
# (732/1002), share left uncoded 0.257.
CONFLIBERT_CODED_ACCURACY_FLOOR = 0.71
CONFLIBERT_MAX_UNCODED = 0.28


def test_plover_gsr_floors(pipeline: Pipeline) -> None:
    path = shared_path("eval", "plover_gsr", "PLOVER_GSR_CAMEO.jsonl")
    report = plover_gsr.evaluate(path, pipeline)
    print(plover_gsr.format_report(report))
    assert len(report.outcomes) == 322
    assert sum(s.support for s in report.scores) == 322
    for name, floor in PLOVER_FLOORS.items():
        value = getattr(report, name).value
        assert value >= floor, f"{name} fell to {value:.3f}, below its floor {floor}"
    assert report.macro_f1 >= PLOVER_MACRO_F1_FLOOR


def test_petrarch2_gsr_floors(pipeline: Pipeline) -> None:
    path = shared_path("eval", "petrarch2_gsr", "PETR2_GSR_validation.jsonl")
    report = petrarch2_gsr.evaluate(path, pipeline)
    scores = report.scores("all")
    assert scores.root_accuracy.value >= PETRARCH2_ROOT_ACCURACY_FLOOR, scores.root_accuracy
    assert scores.triples.f1 >= PETRARCH2_TRIPLE_F1_FLOOR, scores.triples
    noevent = scores.false_alarm_sentences.correct
    assert noevent <= PETRARCH2_MAX_NOEVENT_SENTENCES_ANY_MODALITY
    asserted = report.scores("asserted").false_alarm_sentences.correct
    assert asserted <= PETRARCH2_MAX_NOEVENT_SENTENCES


@pytest.mark.slow
def test_conflibert_floors(pipeline: Pipeline) -> None:
    path = shared_path("eval", "conflibert_cameo_train", "cameo_train.jsonl")
    report = conflibert.evaluate(path, pipeline)
    assert report.accuracy_coded.value >= CONFLIBERT_CODED_ACCURACY_FLOOR, report.accuracy_coded
    uncoded = 1 - report.coverage.value
    assert uncoded <= CONFLIBERT_MAX_UNCODED, f"{uncoded:.3f} of sentences left uncoded"
