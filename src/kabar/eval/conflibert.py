"""`kabar eval conflibert`: ConfliBERT's CAMEO sentences, labelled with a penta class.

The gold file ``cameo_train.jsonl`` (ConfliBERT's CAMEO training data, 1,349
English news sentences) gives each sentence a ``penta_label``: 0 statement,
1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict. (``cameo_class_train.tsv`` holds the same labels as bare TSV; the
JSONL names its field, so it is the one read.)

kabar codes each sentence as one article; its *chosen* event is the one
``plover_gsr.choose_event`` picks among all events, plain statements included
(most confident, earliest on ties), whatever its modality. Its penta class is
0 for CAMEO root 01 (make public statement), else the event's QuadClass 1-4:
so roots 02-05 are verbal cooperation, 06-09 material cooperation, 10-14
verbal conflict, 15-20 material conflict.

Reported: accuracy over the sentences kabar coded, and over all sentences (an
uncoded sentence counts as wrong); the share left uncoded; the confusion matrix
(gold rows, kabar columns, "(none)" for uncoded); per-class precision, recall
and F1 over all sentences (uncoded is a miss for recall, no false positive).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kabar.eval.metrics import (
    NONE_LABEL,
    Accuracy,
    Confusion,
    LabelScore,
    confusion,
    find_shared,
    format_confusion,
    format_label_table,
    label_scores,
    macro_f1,
    read_jsonl_gold,
)
from kabar.eval.plover_gsr import choose_event
from kabar.model import Article, CameoCode
from kabar.pipeline import Pipeline

GOLD_NAME = "cameo_train.jsonl"
# Names of the penta classes, index = class number; the number leads so that
# label tables sort in class order.
PENTA_LABELS = ("0 statement", "1 verb-coop", "2 mat-coop", "3 verb-confl", "4 mat-confl")
_STATEMENT_ROOT = "01"


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One gold sentence; ``number`` is its 1-based record number, ``label`` 0-4."""

    number: int
    text: str
    label: int


@dataclass(frozen=True, slots=True)
class SentenceOutcome:
    """A gold sentence and kabar's reading: ``predicted`` is None when it coded nothing.

    ``code`` is the CAMEO code of the chosen event ("" when none); ``events``
    how many events kabar coded in the sentence.
    """

    gold: GoldSentence
    predicted: int | None
    code: str
    events: int

    @property
    def predicted_label(self) -> str:
        return NONE_LABEL if self.predicted is None else PENTA_LABELS[self.predicted]


@dataclass(frozen=True, slots=True)
class ConfliBertReport:
    """Invariants: ``accuracy_coded.total == coverage.correct``; ``accuracy.total``,
    ``coverage.total`` and ``confusion.total()`` are the number of sentences."""

    path: Path
    outcomes: tuple[SentenceOutcome, ...]
    accuracy_coded: Accuracy
    accuracy: Accuracy
    coverage: Accuracy
    confusion: Confusion
    scores: tuple[LabelScore, ...]
    macro_f1: float


def default_path() -> Path | None:
    """The gold file in ../shared, seen from the working directory or the source tree."""
    return find_shared("eval", "conflibert_cameo_train", GOLD_NAME)


def penta_class(cameo: CameoCode) -> int:
    """0 for a public statement (root 01), else the code's QuadClass (1-4)."""
    return 0 if cameo.root == _STATEMENT_ROOT else cameo.quad_class


def load_gold(path: Path) -> list[GoldSentence]:
    """Read the JSONL gold file; a malformed line is an InputError naming ``path:line``."""
    raw_records = read_jsonl_gold(path, _gold_fields, "ConfliBERT CAMEO record")
    return [GoldSentence(n, text, label) for n, (text, label) in enumerate(raw_records, start=1)]


def _gold_fields(raw: Any) -> tuple[str, int]:
    text, label = raw["text"], raw["penta_label"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("text must be a non-empty string")
    # bool is an int in Python; true/false is no class.
    if isinstance(label, bool) or not isinstance(label, int) or not 0 <= label < len(PENTA_LABELS):
        raise ValueError(f"penta_label must be 0-4, got {label!r}")
    return text, label


def evaluate(path: Path, pipeline: Pipeline | None = None) -> ConfliBertReport:
    """Code every gold sentence with ``pipeline`` (default: the standard one) and score it."""
    gold = load_gold(path)
    pipeline = pipeline or Pipeline.default()
    articles = [Article(id=str(g.number), text=g.text, origin=f"record {g.number}") for g in gold]
    outcomes = []
    for sentence, result in zip(gold, pipeline.run(articles), strict=True):
        chosen = choose_event(result.events, plover_only=False)
        outcomes.append(
            SentenceOutcome(
                gold=sentence,
                predicted=penta_class(chosen.cameo) if chosen else None,
                code=chosen.cameo.code if chosen else "",
                events=len(result.events),
            )
        )
    return score(path, outcomes)


def score(path: Path, outcomes: Sequence[SentenceOutcome]) -> ConfliBertReport:
    """The report of coded sentences; separate from coding so tests can give fakes."""
    coded = [o for o in outcomes if o.predicted is not None]
    pairs = [(PENTA_LABELS[o.gold.label], o.predicted_label) for o in outcomes]
    scores = label_scores(pairs)
    return ConfliBertReport(
        path=path,
        outcomes=tuple(outcomes),
        accuracy_coded=Accuracy(sum(o.predicted == o.gold.label for o in coded), len(coded)),
        accuracy=Accuracy(sum(o.predicted == o.gold.label for o in outcomes), len(outcomes)),
        coverage=Accuracy(len(coded), len(outcomes)),
        confusion=confusion(pairs, PENTA_LABELS, (*PENTA_LABELS, NONE_LABEL)),
        scores=tuple(scores),
        macro_f1=macro_f1(scores),
    )


def format_report(report: ConfliBertReport, show_errors: int = 0) -> str:
    uncoded = Accuracy(report.coverage.total - report.coverage.correct, report.coverage.total)
    lines = [
        f"ConfliBERT CAMEO: {report.path}",
        f"sentences: {len(report.outcomes)}",
        "intervals are Wilson 95%",
        f"penta accuracy, coded sentences:  {report.accuracy_coded.with_interval()}",
        f"penta accuracy, all sentences:    {report.accuracy.with_interval()}",
        f"left uncoded:                     {uncoded.with_interval()}",
        f"macro-F1 over gold classes:       {report.macro_f1:.3f}",
        "",
        format_confusion(report.confusion),
        "",
        format_label_table(report.scores),
    ]
    wrong = [o for o in report.outcomes if o.predicted is not None and o.predicted != o.gold.label][
        :show_errors
    ]
    if wrong:
        lines += ["", f"first {len(wrong)} misclassified coded sentences:"]
        for outcome in wrong:
            lines.append(
                f"  {outcome.gold.number}: gold {PENTA_LABELS[outcome.gold.label]}, got "
                f"{outcome.predicted_label} ({outcome.code}; {outcome.events} events): "
                f"{outcome.gold.text}"
            )
    return "\n".join(lines)
