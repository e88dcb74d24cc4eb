"""`kabar eval geovirus`: toponym recognition and resolution on GeoVirus.

GeoVirus (Gritta et al. 2018): 229 WikiNews articles on epidemics with 2,167 place
mentions, each with its span and the coordinates of its Wikipedia page. The
original offsets are one character off; the ``start_aligned``/``end_aligned``
fields of our copy are right and are the ones read.

Reported:

* recognition: precision, recall and F1 of kabar's toponyms against the gold
  spans, matched exactly (same start and end), with counts;
* resolution: over the gold toponyms recognised exactly, the share whose chosen
  place lies within 161 km (100 miles, the field's usual threshold) of the gold
  point; a name the gazetteer lacks counts as wrong. The median error is over the
  resolved ones. The misses are counted by the kind of place chosen (a country
  whose point is far from the gold's, a town of the same name ...).

Resolution uses only what the article itself gives (nationality adjectives and
the other names' countries); GeoVirus has no datelines and no events are coded.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kabar.eval.metrics import Accuracy, find_shared, read_jsonl_gold
from kabar.pipeline import Pipeline
from kabar.places.distance import distance_km

GOLD_NAME = "geovirus.jsonl"
THRESHOLD_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True, slots=True)
class ToponymOutcome:
    """A gold toponym: whether it was recognised, and the chosen place and its error."""

    article_id: str
    gold: GoldToponym
    recognised: bool
    place: str | None = None
    kind: str | None = None
    error_km: float | None = None


@dataclass(frozen=True, slots=True)
class GeoVirusReport:
    path: Path
    articles: int
    predicted: int
    outcomes: tuple[ToponymOutcome, ...]

    @property
    def matched(self) -> int:
        return sum(o.recognised for o in self.outcomes)

    @property
    def precision(self) -> Accuracy:
        return Accuracy(self.matched, self.predicted)

    @property
    def recall(self) -> Accuracy:
        return Accuracy(self.matched, len(self.outcomes))

    @property
    def f1(self) -> float:
        p, r = self.precision.value, self.recall.value
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def resolution(self) -> Accuracy:
        recognised = [o for o in self.outcomes if o.recognised]
        return Accuracy(
            sum(o.error_km is not None and o.error_km <= THRESHOLD_KM for o in recognised),
            len(recognised),
        )

    @property
    def median_error_km(self) -> float:
        errors = [o.error_km for o in self.outcomes if o.error_km is not None]
        return statistics.median(errors) if errors else 0.0


def default_path() -> Path | None:
    """The gold file in ../shared, seen from the working directory or the source tree."""
    return find_shared("eval", "geovirus", GOLD_NAME)


def load_gold(path: Path) -> list[GoldArticle]:
    """Read geovirus.jsonl; a malformed line is an InputError naming it."""
    return read_jsonl_gold(path, _gold_article, "GeoVirus article")


def _gold_article(raw: Any) -> GoldArticle:
    toponyms = tuple(
        GoldToponym(
            int(t["start_aligned"]),
            int(t["end_aligned"]),
            str(t["name"]),
            float(t["lat"]),
            float(t["lon"]),
        )
        for t in raw["toponyms"]
    )
    return GoldArticle(str(raw["doc_id"]), str(raw["text"]), toponyms)


def evaluate(path: Path, pipeline: Pipeline | None = None) -> GeoVirusReport:
    from kabar.places.gazetteer import load_gazetteer
    from kabar.places.recognise import recognise
    from kabar.places.resolve import resolve_toponyms
    from kabar.places.stage import article_context

    gold = load_gold(path)
    nlp = (pipeline or Pipeline.default()).nlp
    gazetteer = load_gazetteer()
    outcomes: list[ToponymOutcome] = []
    predicted = 0
    for article, doc in zip(gold, nlp.pipe(a.text for a in gold), strict=True):
        toponyms = recognise(doc, gazetteer)
        resolved, _ = resolve_toponyms(toponyms, gazetteer, article_context(doc, ""), doc.text)
        predicted += len(resolved)
        by_span = {(r.toponym.span.start, r.toponym.span.end): r for r in resolved}
        for toponym in article.toponyms:
            found = by_span.get((toponym.start, toponym.end))
            if found is None:
                outcomes.append(ToponymOutcome(article.id, toponym, recognised=False))
                continue
            entry = found.entry
            error = distance_km(toponym.lat, toponym.lon, entry.lat, entry.lon) if entry else None
            outcomes.append(
                ToponymOutcome(
                    article.id,
                    toponym,
                    recognised=True,
                    place=f"{entry.name} ({entry.kind}, {entry.country or '-'})" if entry else None,
                    kind=entry.kind if entry else None,
                    error_km=error,
                )
            )
    return GeoVirusReport(path, len(gold), predicted, tuple(outcomes))


def format_report(report: GeoVirusReport, show_errors: int = 0) -> str:
    lines = [
        f"GeoVirus: {report.path}",
        f"articles: {report.articles}   gold toponyms: {len(report.outcomes)}   "
        f"predicted: {report.predicted}",
        f"recognition precision:      {report.precision}",
        f"recognition recall:         {report.recall}",
        f"recognition F1:             {report.f1:.3f}",
        f"resolution within {THRESHOLD_KM:.0f} km:   {report.resolution}   "
        "(of the gold toponyms recognised)",
        f"median error:               {report.median_error_km:.1f} km",
    ]
    misses = Counter(o.kind or "no such name" for o in _wrong(report.outcomes) if o.recognised)
    if misses:
        lines.append(
            "resolution misses by kind:  "
            + ", ".join(f"{kind} {count}" for kind, count in misses.most_common())
        )
    wrong = _wrong(report.outcomes)[:show_errors]
    if wrong:
        lines += ["", f"first {len(wrong)} toponyms missed or resolved over {THRESHOLD_KM:.0f} km:"]
        for o in wrong:
            got = (
                "not recognised"
                if not o.recognised
                else f"{o.place or 'no such name'}"
                + (f", {o.error_km:.0f} km off" if o.error_km is not None else "")
            )
            lines.append(f"  {o.article_id} {o.gold.name!r} ({o.gold.lat}, {o.gold.lon}): {got}")
    return "\n".join(lines)


def _wrong(outcomes: Sequence[ToponymOutcome]) -> list[ToponymOutcome]:
    return [
        o for o in outcomes if not o.recognised or o.error_km is None or o.error_km > THRESHOLD_KM
    ]
