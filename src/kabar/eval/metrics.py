"""Counts and scores shared by every evaluation: per-label precision, recall, F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

NONE_LABEL = "(none)"


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Scores of one label; ``support`` is the number of gold items with that label."""

    label: str
    tp: int
    fp: int
    fn: int

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Accuracy:
    """``correct`` out of ``total``; ``value`` is 0 for an empty total."""

    correct: int
    total: int

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.correct}/{self.total})"


def label_scores(pairs: Iterable[tuple[str, str]]) -> list[LabelScore]:
    """Per-label scores from (gold, predicted) pairs; ``NONE_LABEL`` is never scored.

    A prediction of ``NONE_LABEL`` (nothing coded) counts as a miss for the gold
    label and as no false positive for any label.
    """
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, predicted in pairs:
        if gold == predicted:
            tp[gold] += 1
            continue
        if gold != NONE_LABEL:
            fn[gold] += 1
        if predicted != NONE_LABEL:
            fp[predicted] += 1
    labels = sorted((set(tp) | set(fp) | set(fn)) - {NONE_LABEL})
    return [LabelScore(label, tp[label], fp[label], fn[label]) for label in labels]


def macro_f1(scores: Iterable[LabelScore]) -> float:
    """Mean F1 over labels that occur in the gold data."""
    present = [s.f1 for s in scores if s.support]
    return sum(present) / len(present) if present else 0.0


def format_label_table(scores: Iterable[LabelScore]) -> str:
    lines = [f"{'label':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}{'gold':>6}"]
    for s in scores:
        lines.append(
            f"{s.label:<14}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
            f"{s.tp:>6}{s.fp:>6}{s.fn:>6}{s.support:>6}"
        )
    return "\n".join(lines)
