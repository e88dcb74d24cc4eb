"""What every evaluation shares: finding and reading gold files, and the scores.

Scores: per-label precision, recall and F1 (from paired labels, or from items
matched as multisets), accuracy with a Wilson interval, and confusion matrices.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from kabar.errors import InputError

NONE_LABEL = "(none)"

T = TypeVar("T")
H = TypeVar("H", bound=Hashable)

# z for a two-sided 95% interval.
_Z95 = 1.959964


def find_shared(*parts: str) -> Path | None:
    """A file under ../shared, seen from the working directory or the source tree."""
    here = Path(__file__).resolve()
    for base in (Path.cwd().parent, here.parents[3].parent):
        path = base.joinpath("shared", *parts)
        if path.is_file():
            return path
    return None


def read_jsonl_gold(path: Path, parse: Callable[[Any], T], what: str) -> list[T]:
    """One record per non-blank line of a JSONL gold file, each made by ``parse``.

    ``parse`` gets the decoded JSON value and raises ValueError, KeyError,
    TypeError or AttributeError when it is not a record; that, or a line that is
    not JSON, becomes an InputError naming ``path:line`` and ``what`` was expected.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read gold file ({exc.strerror})") from exc
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            records.append(parse(json.loads(line)))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"{path}:{number}", f"not a {what} ({exc})") from exc
    return records


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

    def interval(self) -> tuple[float, float]:
        """The Wilson score 95% interval; (0, 1) for an empty total.

        Wilson rather than the normal approximation because gold sets here are
        small (tens of items) and values sit near 0 or 1, where the latter breaks.
        """
        if not self.total:
            return 0.0, 1.0
        n, p, z2 = self.total, self.value, _Z95 * _Z95
        centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        half = _Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
        return max(0.0, centre - half), min(1.0, centre + half)

    def with_interval(self) -> str:
        """``str(self)`` followed by the 95% interval: ``0.500 (5/10) [0.237-0.763]``."""
        low, high = self.interval()
        return f"{self} [{low:.3f}-{high:.3f}]"


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


def multiset_score(label: str, units: Iterable[tuple[Iterable[H], Iterable[H]]]) -> LabelScore:
    """Scores of items matched within units, each unit a (gold items, predicted items) pair.

    Within a unit items match as multisets: an item found twice in gold and
    once in the prediction is one true positive and one false negative, so
    ``tp + fn`` is the number of gold items and ``tp + fp`` of predicted ones.
    Items never match across units (a sentence's events only match its own).
    """
    tp = fp = fn = 0
    for gold_items, predicted_items in units:
        gold, predicted = Counter(gold_items), Counter(predicted_items)
        matched = sum((gold & predicted).values())
        tp += matched
        fn += sum(gold.values()) - matched
        fp += sum(predicted.values()) - matched
    return LabelScore(label, tp, fp, fn)


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


@dataclass(frozen=True, slots=True)
class Confusion:
    """Counts of (gold, predicted) label pairs: ``counts[i][j]`` pairs had gold label
    ``gold_labels[i]`` and predicted label ``predicted_labels[j]``.

    Invariant: one row per gold label, one column per predicted label.
    """

    gold_labels: tuple[str, ...]
    predicted_labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def total(self) -> int:
        return sum(map(sum, self.counts))


def confusion(
    pairs: Iterable[tuple[str, str]],
    gold_labels: Sequence[str],
    predicted_labels: Sequence[str],
) -> Confusion:
    """The confusion matrix of (gold, predicted) pairs over the given labels, in order.

    Raises ValueError for a label outside them: a pair silently dropped would make
    the matrix disagree with the other figures of a report.
    """
    rows = {label: i for i, label in enumerate(gold_labels)}
    columns = {label: j for j, label in enumerate(predicted_labels)}
    counts = [[0] * len(columns) for _ in rows]
    for gold, predicted in pairs:
        if gold not in rows or predicted not in columns:
            raise ValueError(f"pair ({gold!r}, {predicted!r}) has a label outside the matrix")
        counts[rows[gold]][columns[predicted]] += 1
    return Confusion(tuple(gold_labels), tuple(predicted_labels), tuple(map(tuple, counts)))


def format_confusion(matrix: Confusion) -> str:
    """Rows are gold labels, columns predicted labels, with row totals."""
    width = max([7, *(len(label) + 1 for label in matrix.predicted_labels)])
    corner = "gold \\ predicted"
    head = f"{corner:<16}" + "".join(f"{label:>{width}}" for label in matrix.predicted_labels)
    lines = [head + f"{'total':>{width}}"]
    for label, row in zip(matrix.gold_labels, matrix.counts, strict=True):
        lines.append(
            f"{label:<16}" + "".join(f"{n:>{width}}" for n in row) + f"{sum(row):>{width}}"
        )
    return "\n".join(lines)
