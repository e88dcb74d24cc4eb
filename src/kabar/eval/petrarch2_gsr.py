"""`kabar eval petrarch2-gsr`: PETRARCH-2 validation sentences, CAMEO events with dyads.

The gold file (UniversalPetrarch's ``PETR2_GSR_validation``, converted to JSONL)
has 78 sentences, each with zero or more gold events ``{source, target, code}``:
CAMEO actor codes in the Phoenix style ("USA", "GUYJUD", "IGOEUREEC", "---GOV")
and a CAMEO event code. 12 sentences are marked ``noevents``: nothing should be
coded there. kabar codes every sentence as one article.

Countries. A gold actor's country is its first three letters when they are a
CAMEO country code of kabar's country table, as ISO3 (so "ROM..." is ROU);
an international body ("IGO...") counts as the pseudo-country "IGO", as in the
PLOVER evaluation; unknown countries ("---") and other non-state codes
("IMG...") have none. A kabar actor's country is ``Actor.country``, or "IGO"
for an intergovernmental organisation.

Dyads of a kabar event: every source country x every target country. A
reciprocal event ("X and Y met", "X met Y") says its actors act on each other,
so it gives every ordered pair of two different actors among its sources and
targets together; with no targets, every ordered pair of its sources. Pairs
with an actor without a country are skipped; each pair counts once per event.
Two actors of one country give a pair (GEO, GEO), as gold has them.

Pools. Every figure is given twice: over all kabar events, and over asserted
ones only (negated, future, hypothetical and intended events left out). The
gold, from PETRARCH, codes future and intended events too ("will meet").

Reported:

(a) CAMEO roots. *Dyad-matched*: for each gold event whose source and target
    both have a country, the kabar events of its sentence having that directed
    dyad are its candidates; when there are any, the one ``choose_event`` picks
    (most confident, earliest) is its match, and it is right when its root is
    the gold root. Reported: how many gold events found a match, and root
    accuracy over those. *Record-level*: over all gold events, the share for
    which some kabar event of the sentence has the gold root, whatever its actors.
(b) Triples (source country, target country, root), matched as multisets
    within each sentence, over all sentences and all gold events: a gold event
    without a country on one side can never match and counts as a miss, so
    ``tp + fn`` is the number of gold events and ``tp + fp`` the number of kabar
    triples. Precision, recall and F1, overall and by gold/kabar root.
(c) False events: among the ``noevents`` sentences, how many got any kabar
    event, and how many events they got.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from kabar.eval.metrics import (
    Accuracy,
    LabelScore,
    find_shared,
    format_label_table,
    multiset_score,
    read_jsonl_gold,
)
from kabar.eval.plover_gsr import choose_event
from kabar.export.dyads import dyads
from kabar.model import Article, Event, Mention
from kabar.pipeline import Pipeline

GOLD_NAME = "PETR2_GSR_validation.jsonl"
IGO_PREFIX = "IGO"

Pool = Literal["all", "asserted"]
POOLS: tuple[Pool, ...] = ("all", "asserted")
# (source country, target country, CAMEO root); gold countries may be None.
Triple = tuple[str | None, str | None, str]
Dyad = tuple[str, str]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event.

    ``source``/``target`` are the gold CAMEO actor codes as given ("GUYJUD");
    ``source_country``/``target_country`` the ISO3 code of their country, None
    when the code names none (see the module docstring). ``code`` is a CAMEO
    event code of 2-4 digits whose root, its first two digits, is 01-20.
    """

    source: str
    target: str
    code: str
    source_country: str | None
    target_country: str | None

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def triple(self) -> Triple:
        return self.source_country, self.target_country, self.root

    @property
    def dyad(self) -> Dyad | None:
        """The directed country pair, None unless both sides have a country."""
        if self.source_country is None or self.target_country is None:
            return None
        return self.source_country, self.target_country


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """A gold sentence. Invariant: ``noevents`` implies no ``events``."""

    id: str
    text: str
    date: dt.date | None
    events: tuple[GoldEvent, ...]
    noevents: bool


@dataclass(frozen=True, slots=True)
class SentenceOutcome:
    """A gold sentence and every event kabar coded in it, in text order."""

    gold: GoldSentence
    events: tuple[Event, ...]

    def pool(self, pool: Pool) -> tuple[Event, ...]:
        if pool == "all":
            return self.events
        return tuple(e for e in self.events if e.modality == "asserted")


@dataclass(frozen=True, slots=True)
class PoolScores:
    """The figures (a)-(c) of the module docstring over one pool of kabar events.

    Invariants: ``dyad_found.total`` is the number of gold events with a country
    on both sides and ``root_accuracy.total == dyad_found.correct``;
    ``root_in_sentence.total`` and ``triples.tp + triples.fn`` are the number of
    gold events; ``false_alarm_sentences.total`` the number of noevent sentences.
    """

    pool: Pool
    events: int
    dyad_found: Accuracy
    root_accuracy: Accuracy
    root_in_sentence: Accuracy
    triples: LabelScore
    triples_by_root: tuple[LabelScore, ...]
    false_alarm_sentences: Accuracy
    false_alarm_events: int


@dataclass(frozen=True, slots=True)
class Petrarch2Report:
    path: Path
    outcomes: tuple[SentenceOutcome, ...]
    gold_events: int
    gold_events_with_dyad: int
    pools: tuple[PoolScores, ...]

    def scores(self, pool: Pool) -> PoolScores:
        return next(p for p in self.pools if p.pool == pool)


def default_path() -> Path | None:
    """The gold file in ../shared, seen from the working directory or the source tree."""
    return find_shared("eval", "petrarch2_gsr", GOLD_NAME)


def load_gold(path: Path) -> list[GoldSentence]:
    """Read the JSONL gold file; a malformed line is an InputError naming ``path:line``."""
    from kabar.actors.countries import load_country_table

    countries = {c.cameo: c.iso3 for c in load_country_table()}
    return read_jsonl_gold(
        path, lambda raw: _gold_sentence(raw, countries), "PETRARCH-2 gold sentence"
    )


def gold_country(actor_code: str, countries: Mapping[str, str]) -> str | None:
    """ISO3 of the country of a CAMEO actor code, given CAMEO country code -> ISO3;
    "IGO" for an international body."""
    if actor_code.startswith(IGO_PREFIX):
        return IGO_PREFIX
    return countries.get(actor_code[:3])


def _gold_sentence(raw: Any, countries: Mapping[str, str]) -> GoldSentence:
    events = tuple(_gold_event(event, countries) for event in raw["events"])
    noevents = raw["noevents"]
    if not isinstance(noevents, bool):
        raise TypeError(f"noevents must be true or false, got {noevents!r}")
    if noevents and events:
        raise ValueError("noevents is true but events are listed")
    return GoldSentence(
        id=_string(raw, "id"),
        text=_string(raw, "text"),
        date=_gold_date(raw.get("date")),
        events=events,
        noevents=noevents,
    )


def _gold_date(value: object) -> dt.date | None:
    """A YYYYMMDD date, else None: one record has "121108", which could be 2012 or
    2008 (YYMMDD, DDMMYY); dates only date kabar's events, they change no code."""
    if isinstance(value, str) and len(value) == 8:
        try:
            return dt.datetime.strptime(value, "%Y%m%d").date()
        except ValueError:
            return None
    return None


def _gold_event(raw: Any, countries: Mapping[str, str]) -> GoldEvent:
    source, target, code = _string(raw, "source"), _string(raw, "target"), _string(raw, "code")
    if not (code.isdigit() and 2 <= len(code) <= 4 and 1 <= int(code[:2]) <= 20):
        raise ValueError(f"event code {code!r} is not a CAMEO code (2-4 digits, root 01-20)")
    return GoldEvent(
        source, target, code, gold_country(source, countries), gold_country(target, countries)
    )


def _string(raw: Any, key: str) -> str:
    value = raw[key]
    if not isinstance(value, str):
        raise TypeError(f"{key} must be a string, got {value!r}")
    return value


def event_dyads(event: Event) -> tuple[Dyad, ...]:
    """The directed country pairs of the event's CAMEO-style dyads, each once, in order.

    The dyads are the export's (``kabar.dyads``): sources x targets; for a
    reciprocal event every ordered pair of two different actors.
    """
    countries = (
        (_country(d.source), _country(d.target)) for d in dyads(event) if d.target is not None
    )
    return tuple(dict.fromkeys((s, t) for s, t in countries if s is not None and t is not None))


def _country(mention: Mention) -> str | None:
    """The actor's country, or "IGO" for an intergovernmental organisation."""
    if mention.actor.country:
        return mention.actor.country
    return IGO_PREFIX if mention.actor.kind == "igo" else None


def event_triples(events: Sequence[Event]) -> list[Triple]:
    """Every (source country, target country, root) of the events; a multiset."""
    return [(s, t, e.cameo.root) for e in events for s, t in event_dyads(e)]


def evaluate(path: Path, pipeline: Pipeline | None = None) -> Petrarch2Report:
    """Code every gold sentence with ``pipeline`` (default: the standard one) and score it."""
    gold = load_gold(path)
    pipeline = pipeline or Pipeline.default()
    articles = [Article(id=g.id, text=g.text, date=g.date, origin=g.id) for g in gold]
    outcomes = [
        SentenceOutcome(sentence, result.events)
        for sentence, result in zip(gold, pipeline.run(articles), strict=True)
    ]
    return score(path, outcomes)


def score(path: Path, outcomes: Sequence[SentenceOutcome]) -> Petrarch2Report:
    """The report of coded sentences; separate from coding so tests can give fakes."""
    gold_events = [g for o in outcomes for g in o.gold.events]
    return Petrarch2Report(
        path=path,
        outcomes=tuple(outcomes),
        gold_events=len(gold_events),
        gold_events_with_dyad=sum(g.dyad is not None for g in gold_events),
        pools=tuple(_pool_scores(outcomes, pool) for pool in POOLS),
    )


def _pool_scores(outcomes: Sequence[SentenceOutcome], pool: Pool) -> PoolScores:
    found = right = in_sentence = with_dyad = total = 0
    for outcome in outcomes:
        events = outcome.pool(pool)
        coded_roots = {e.cameo.root for e in events}
        for gold in outcome.gold.events:
            total += 1
            in_sentence += gold.root in coded_roots
            if gold.dyad is None:
                continue
            with_dyad += 1
            match = choose_event(
                [e for e in events if gold.dyad in event_dyads(e)], plover_only=False
            )
            if match is not None:
                found += 1
                right += match.cameo.root == gold.root
    units = [([g.triple for g in o.gold.events], event_triples(o.pool(pool))) for o in outcomes]
    roots = sorted({t[2] for gold, coded in units for t in (*gold, *coded)})
    noevent = [o for o in outcomes if o.gold.noevents]
    return PoolScores(
        pool=pool,
        events=sum(len(o.pool(pool)) for o in outcomes),
        dyad_found=Accuracy(found, with_dyad),
        root_accuracy=Accuracy(right, found),
        root_in_sentence=Accuracy(in_sentence, total),
        triples=multiset_score("all", units),
        triples_by_root=tuple(
            multiset_score(
                root,
                (
                    ([t for t in g if t[2] == root], [t for t in c if t[2] == root])
                    for g, c in units
                ),
            )
            for root in roots
        ),
        false_alarm_sentences=Accuracy(sum(bool(o.pool(pool)) for o in noevent), len(noevent)),
        false_alarm_events=sum(len(o.pool(pool)) for o in noevent),
    )


def format_report(report: Petrarch2Report, show_errors: int = 0) -> str:
    """The report as text; ``show_errors`` sentences whose triples differ are listed."""
    noevent = sum(o.gold.noevents for o in report.outcomes)
    lines = [
        f"PETRARCH-2 GSR: {report.path}",
        f"sentences: {len(report.outcomes)} ({noevent} marked noevents)",
        f"gold events: {report.gold_events}, {report.gold_events_with_dyad} with a country on "
        f"both sides ({report.gold_events - report.gold_events_with_dyad} with an unknown "
        "or non-state actor: they count in (b) as misses)",
        "intervals are Wilson 95%",
    ]
    for scores in report.pools:
        t = scores.triples
        lines += [
            "",
            f"kabar events: {scores.pool} ({scores.events})",
            f"(a) gold dyads kabar coded:         {scores.dyad_found.with_interval()}",
            f"    root accuracy on those:         {scores.root_accuracy.with_interval()}",
            f"    root coded in the sentence:     {scores.root_in_sentence.with_interval()}",
            f"(b) triples P {t.precision:.3f}  R {t.recall:.3f}  F1 {t.f1:.3f}"
            f"   (tp {t.tp}, fp {t.fp}, fn {t.fn}; gold {t.support}, kabar {t.tp + t.fp})",
            f"(c) noevent sentences with events:  {scores.false_alarm_sentences.with_interval()}"
            f", {scores.false_alarm_events} events",
        ]
    lines += ["", "triples by CAMEO root (all kabar events):"]
    lines.append(format_label_table(report.scores("all").triples_by_root))
    wrong = [
        o
        for o in report.outcomes
        if Counter(g.triple for g in o.gold.events) != Counter(event_triples(o.events))
    ][:show_errors]
    if wrong:
        lines += ["", f"first {len(wrong)} sentences whose triples differ (all kabar events):"]
        for outcome in wrong:
            gold = ", ".join(f"{g.source}>{g.target} {g.code}" for g in outcome.gold.events)
            lines.append(f"  {outcome.gold.id}: {outcome.gold.text}")
            lines.append(f"      gold:  {gold or '(no event)'}")
            for event in outcome.events:
                lines.append(f"      kabar: {_describe(event)}")
            if not outcome.events:
                lines.append("      kabar: (no event)")
    return "\n".join(lines)


def _describe(event: Event) -> str:
    def side(mentions: Sequence[Mention]) -> str:
        # Written like the gold codes: "---" for no country, as in "---REB".
        codes = ((m.actor.country or "---") + "".join(m.actor.sectors) for m in mentions)
        return "+".join(codes) or "-"

    mark = " reciprocal" if event.reciprocal else ""
    return (
        f"{side(event.sources)}>{side(event.targets)} {event.cameo.code} "
        f"({event.modality}{mark}) '{event.evidence.trigger.text}'"
    )
