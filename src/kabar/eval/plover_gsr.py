"""`kabar eval plover-gsr`: PLOVER gold-standard records, one event per sentence.

Each of the 322 records is a sentence with one gold event: a PLOVER 2021 type
and source/target actors with country codes. kabar codes the sentence; its
*chosen* event is the one with a PLOVER type and the highest confidence (the
first in text order on ties). Reported: event-type accuracy over all records
(an uncoded record counts as wrong), per-type precision/recall/F1 with counts,
macro-F1, coverage, and source/target country accuracy.

Country accuracy counts a record right when a country of the chosen event's
sources (targets) is among the gold source (target) codes (an international
organisation counts as the gold's "IGO", an international NGO as its "IGO" or
"NGO"). Sources and targets are read from
the event's CAMEO-style dyads, as the export writes them: a reciprocal event
("X and Y met") has every party on both sides. It is computed over
records whose gold side has a code, both over all of them (uncoded = wrong)
and over the coded ones only. Sector accuracy is the same over the records whose
gold side has a sector (GOV, MIL, REB ...; "CVLalb" read as CVL): right when a
sector of the event's actors on that side is among the gold's, a state named
alone counting as its government.

Event location is scored over the records whose gold names a place (48): right
when the chosen event's location is in the gold place's country. The gold gives a
name only ("Gorazde", "town of Rafah"); its country is the gazetteer's reading of
that name with the gold actors' countries as context (so "Tripoli" with Lebanese
actors is in Lebanon). A gold name the gazetteer does not know is left out, and
counted.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kabar.eval.metrics import (
    NONE_LABEL,
    Accuracy,
    LabelScore,
    find_shared,
    format_label_table,
    label_scores,
    macro_f1,
    read_jsonl_gold,
)
from kabar.export.dyads import dyads
from kabar.model import Article, Event, Mention
from kabar.pipeline import Pipeline

GOLD_NAME = "PLOVER_GSR_CAMEO.jsonl"
# The gold records carry a placeholder date; any fixed date keeps runs comparable.
_PLACEHOLDER_DATE = dt.date(2000, 1, 1)


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    event_type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    location: str = ""
    source_sectors: tuple[str, ...] = ()
    target_sectors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RecordOutcome:
    gold: GoldRecord
    predicted: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    events: int
    location_country: str | None = None
    source_sectors: tuple[str, ...] = ()
    target_sectors: tuple[str, ...] = ()
    # The chosen event's confidence (None when nothing was coded).
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    """Coded records whose chosen event's confidence is in [low, high)."""

    low: float
    high: float
    accuracy: Accuracy
    mean_confidence: float


@dataclass(frozen=True, slots=True)
class PloverReport:
    path: Path
    outcomes: tuple[RecordOutcome, ...]
    type_accuracy: Accuracy
    coverage: Accuracy
    scores: tuple[LabelScore, ...]
    macro_f1: float
    source_accuracy: Accuracy
    source_accuracy_coded: Accuracy
    target_accuracy: Accuracy
    target_accuracy_coded: Accuracy
    source_sector_accuracy: Accuracy
    source_sector_accuracy_coded: Accuracy
    target_sector_accuracy: Accuracy
    target_sector_accuracy_coded: Accuracy
    location_accuracy: Accuracy
    location_accuracy_coded: Accuracy
    location_unknown_gold: int


def default_path() -> Path | None:
    """The gold file in ../shared, seen from the working directory or the source tree."""
    return find_shared("eval", "plover_gsr", GOLD_NAME)


def load_gold(path: Path) -> list[GoldRecord]:
    """Read the flattened JSONL gold file; a malformed line is an InputError naming it."""
    from kabar.actors.countries import load_country_table

    cameo = {c.cameo: c.iso3 for c in load_country_table()}
    return read_jsonl_gold(path, lambda raw: _gold_record(raw, cameo), "PLOVER gold record")


# Country codes of the gold that are neither ISO3 nor CAMEO's current ones: old
# CAMEO spellings and the gold's own variants.
_LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def gold_country_code(code: str, cameo_to_iso3: dict[str, str]) -> str:
    """The gold's country code as ISO3 ("JAP" -> JPN, "ROM" -> ROU); other codes
    ("IGO", "NGO", ISO3 already) unchanged."""
    return _LEGACY_CODES.get(code) or cameo_to_iso3.get(code) or code


def _gold_record(raw: Any, cameo: dict[str, str]) -> GoldRecord:
    return GoldRecord(
        id=str(raw["id"]),
        text=str(raw["text"]),
        event_type=str(raw["event_plover2021"]),
        sources=tuple(
            gold_country_code(str(a["code"]), cameo)
            for a in raw.get("source") or []
            if a.get("code")
        ),
        targets=tuple(
            gold_country_code(str(a["code"]), cameo)
            for a in raw.get("target") or []
            if a.get("code")
        ),
        location=str((raw.get("event_loc") or {}).get("name") or ""),
        source_sectors=_gold_sectors(raw.get("source")),
        target_sectors=_gold_sectors(raw.get("target")),
    )


def _gold_sectors(actors: Any) -> tuple[str, ...]:
    """Gold sectors as CAMEO sector codes: "CVLalb" (civilians, Albanian) is CVL;
    the placeholder "***" is no sector."""
    codes = (str(a.get("sector") or "")[:3].upper() for a in actors or [])
    return tuple(code for code in codes if code.isalpha() and len(code) == 3)


def choose_event(events: Sequence[Event], *, plover_only: bool = True) -> Event | None:
    """The event that stands for the sentence: the most confident, earliest on ties.

    With ``plover_only`` (the PLOVER evaluation) only events with a PLOVER type
    compete; without it every event does, plain CAMEO statements included.
    """
    typed = [e for e in events if e.plover is not None or not plover_only]
    if not typed:
        return None
    return max(typed, key=lambda e: (e.confidence, -e.evidence.trigger.start))


def evaluate(path: Path, pipeline: Pipeline | None = None) -> PloverReport:
    gold = load_gold(path)
    pipeline = pipeline or Pipeline.default()
    articles = [Article(id=g.id, text=g.text, date=_PLACEHOLDER_DATE, origin=g.id) for g in gold]
    outcomes = []
    for record, result in zip(gold, pipeline.run(articles), strict=True):
        chosen = choose_event(result.events)
        sides = dyads(chosen) if chosen else ()
        outcomes.append(
            RecordOutcome(
                gold=record,
                predicted=chosen.plover.event_type if chosen and chosen.plover else NONE_LABEL,
                sources=_countries([d.source for d in sides]),
                targets=_countries([d.target for d in sides if d.target]),
                source_sectors=tuple(s for d in sides for s in _sectors(d.source)),
                target_sectors=tuple(s for d in sides if d.target for s in _sectors(d.target)),
                events=len(result.events),
                location_country=chosen.location.country if chosen and chosen.location else None,
                confidence=chosen.confidence if chosen else None,
            )
        )
    scores = label_scores((o.gold.event_type, o.predicted) for o in outcomes)
    location = _location_accuracy(outcomes)
    return PloverReport(
        path=path,
        outcomes=tuple(outcomes),
        type_accuracy=Accuracy(
            sum(o.predicted == o.gold.event_type for o in outcomes), len(outcomes)
        ),
        coverage=Accuracy(sum(o.predicted != NONE_LABEL for o in outcomes), len(outcomes)),
        scores=tuple(scores),
        macro_f1=macro_f1(scores),
        source_accuracy=_side_accuracy(outcomes, "sources", coded_only=False),
        source_accuracy_coded=_side_accuracy(outcomes, "sources", coded_only=True),
        target_accuracy=_side_accuracy(outcomes, "targets", coded_only=False),
        target_accuracy_coded=_side_accuracy(outcomes, "targets", coded_only=True),
        source_sector_accuracy=_side_accuracy(outcomes, "source_sectors", coded_only=False),
        source_sector_accuracy_coded=_side_accuracy(
            outcomes, "source_sectors", coded_only=True
        ),
        target_sector_accuracy=_side_accuracy(outcomes, "target_sectors", coded_only=False),
        target_sector_accuracy_coded=_side_accuracy(
            outcomes, "target_sectors", coded_only=True
        ),
        location_accuracy=location[0],
        location_accuracy_coded=location[1],
        location_unknown_gold=location[2],
    )


def _countries(mentions: Sequence[Mention]) -> tuple[str, ...]:
    """Country codes as the gold writes them: ISO3, or "IGO" for an international
    body. An international non-governmental body (no country; an NGO or human
    rights sector) is either: the gold writes "IGO" for Amnesty International and
    the Red Cross, and "NGO" for others."""
    codes = []
    for mention in mentions:
        actor = mention.actor
        if actor.country:
            codes.append(actor.country)
        elif actor.kind == "igo" or "IGO" in actor.sectors:
            # An international body, or one of its officials ("IGOGOV").
            codes.append("IGO")
        elif set(actor.sectors) & _NON_GOVERNMENTAL_SECTORS:
            codes += ["NGO", "IGO"]
    return tuple(codes)


_NON_GOVERNMENTAL_SECTORS = frozenset({"NGO", "HRI"})


def _location_accuracy(outcomes: Sequence[RecordOutcome]) -> tuple[Accuracy, Accuracy, int]:
    """Country accuracy of event locations over all records with a gold place and
    over the coded ones, and how many gold places the gazetteer does not know."""
    from kabar.places.gazetteer import load_gazetteer
    from kabar.places.resolve import ArticleContext, resolve_name

    gazetteer = load_gazetteer()
    correct = total = unknown = correct_coded = coded = 0
    for outcome in outcomes:
        gold = outcome.gold
        if not gold.location:
            continue
        context = ArticleContext(actor_countries=gold.sources + gold.targets)
        entry = resolve_name(_place_name(gold.location), gazetteer, context)
        if entry is None or entry.country is None:
            unknown += 1
            continue
        right = outcome.location_country == entry.country
        total += 1
        correct += right
        if outcome.predicted != NONE_LABEL:
            coded += 1
            correct_coded += right
    return Accuracy(correct, total), Accuracy(correct_coded, coded), unknown


def _place_name(text: str) -> str:
    """The name in a gold place description: "town of Rafah" -> "Rafah"."""
    for lead in ("town of ", "city of ", "province of ", "village of "):
        if text.lower().startswith(lead):
            return text[len(lead) :]
    return text.removesuffix(" peninsula")


def _sectors(mention: Mention) -> tuple[str, ...]:
    """An actor's sectors as the gold writes them: a country acting as such ("Israel
    attacked") is its government, as PLOVER and ICEWS code a state named alone."""
    if mention.actor.kind == "country" and not mention.actor.sectors:
        return ("GOV",)
    return mention.actor.sectors


def _side_accuracy(outcomes: Sequence[RecordOutcome], side: str, *, coded_only: bool) -> Accuracy:
    correct = total = 0
    for outcome in outcomes:
        gold: tuple[str, ...] = getattr(outcome.gold, side)
        if not gold or (coded_only and outcome.predicted == NONE_LABEL):
            continue
        total += 1
        predicted: tuple[str, ...] = getattr(outcome, side)
        correct += bool(set(predicted) & set(gold))
    return Accuracy(correct, total)


# Edges of the confidence bins of the calibration table.
_CALIBRATION_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 1.01)


def calibration(outcomes: Sequence[RecordOutcome]) -> tuple[CalibrationBin, ...]:
    """Event-type accuracy of coded records by the chosen event's confidence: how far
    the score can be read as a probability of being right."""
    bins = []
    for low, high in itertools.pairwise(_CALIBRATION_EDGES):
        inside = [
            o for o in outcomes if o.confidence is not None and low <= o.confidence < high
        ]
        if not inside:
            continue
        right = sum(o.predicted == o.gold.event_type for o in inside)
        mean = sum(o.confidence or 0.0 for o in inside) / len(inside)
        bins.append(CalibrationBin(low, min(high, 1.0), Accuracy(right, len(inside)), mean))
    return tuple(bins)


def expected_calibration_error(bins: Sequence[CalibrationBin]) -> float:
    """Mean |accuracy - confidence| over the bins, weighted by their sizes."""
    total = sum(b.accuracy.total for b in bins)
    if not total:
        return 0.0
    return sum(b.accuracy.total * abs(b.accuracy.value - b.mean_confidence) for b in bins) / total


def format_report(report: PloverReport, show_errors: int = 0) -> str:
    lines = [
        f"PLOVER GSR: {report.path}",
        f"records: {len(report.outcomes)}",
        f"event-type accuracy:        {report.type_accuracy}",
        f"coverage (records coded):   {report.coverage}",
        f"macro-F1 over gold types:   {report.macro_f1:.3f}",
        f"source country accuracy:    {report.source_accuracy}   "
        f"coded only: {report.source_accuracy_coded}",
        f"target country accuracy:    {report.target_accuracy}   "
        f"coded only: {report.target_accuracy_coded}",
        f"source sector accuracy:     {report.source_sector_accuracy}   "
        f"coded only: {report.source_sector_accuracy_coded}",
        f"target sector accuracy:     {report.target_sector_accuracy}   "
        f"coded only: {report.target_sector_accuracy_coded}",
        f"event location country:     {report.location_accuracy}   "
        f"coded only: {report.location_accuracy_coded}   "
        f"(gold places not in the gazetteer: {report.location_unknown_gold})",
        "",
        format_label_table(report.scores),
    ]
    bins = calibration(report.outcomes)
    lines += ["", "calibration (coded records; type accuracy by the chosen event's confidence):"]
    lines += [
        f"  {b.low:.1f}-{b.high:.1f}  mean {b.mean_confidence:.2f}  accuracy {b.accuracy}"
        for b in bins
    ]
    lines.append(f"  expected calibration error: {expected_calibration_error(bins):.3f}")
    wrong = [o for o in report.outcomes if o.predicted != o.gold.event_type][:show_errors]
    if wrong:
        lines += ["", f"first {len(wrong)} misclassified records:"]
        for outcome in wrong:
            lines.append(
                f"  {outcome.gold.id}: gold {outcome.gold.event_type}, got {outcome.predicted}"
                f" ({outcome.events} events): {outcome.gold.text}"
            )
    return "\n".join(lines)
