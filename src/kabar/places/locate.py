"""Where each event happened: the first of these that gives a place.

1. ``clause``: the place of the event's own clause ("talks in Bishkek"), which the
   coder records as ``Evidence.place``;
2. ``sentence``: a place in a phrase of place ("in", "at", "near" ...) of the
   event's sentence, also inside an actor's words ("Albanians in south Serbia");
3. ``previous-sentence``: a place phrase of the sentence just before, when the
   event's own sentence names none ("Protesters rallied in Tbilisi. Police used
   water cannon": in Tbilisi), unless the event is between two other countries;
4. ``dateline``: the article's dateline ("BISHKEK:"), where the reporter was,
   unless the event is between two or more other countries: in a roundup
   datelined Bamako, "China summoned Japan's ambassador" did not happen in Mali
   (one foreign actor may well be visiting: "Putin's visit", datelined Bishkek);
5. ``sentence-to``, ``sentence-from`` ...: a place the event's sentence names as
   where something goes or comes from ("extradited X to Britain", "evacuated the
   wounded from Gorazde"): a weaker sign than the dateline, since most events
   with such a phrase are not movements ("took over the presidency from Kyrgyzstan");
6. ``host``: for a visit (CAMEO 042 make a visit, 043 host one), the host's
   country: the visited target of 042, the hosting source of 043;
7. else no location.

Continents and groups of countries are never an event's location: "in Africa" or
"in West Africa" says less than any of the fallbacks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from kabar.model import Event, Mention, Place, PlacePrecision, Span
from kabar.places.gazetteer import Gazetteer, GazetteerEntry
from kabar.places.resolve import ResolvedToponym

_PRECISION: dict[str, PlacePrecision] = {
    "city": "exact",
    "admin1": "admin1",
    # A second-level unit or a region of one country locates no better than to a
    # part of the country; the output's precision codes stop at admin1.
    "admin2": "admin1",
    "region": "admin1",
    "country": "country",
    "continent": "unknown",
}
_FEATURE = {"region": "RGN", "admin1": "ADM1", "admin2": "ADM2", "country": "PCLI",
            "continent": "CONT"}  # fmt: skip


def to_place(entry: GazetteerEntry, gazetteer: Gazetteer, reason: str) -> Place:
    """The output record of a gazetteer entry."""
    city = "PPLC" if entry.capital else "PPL"
    feature = city if entry.kind == "city" else _FEATURE[entry.kind]
    return Place(
        name=entry.name,
        country=entry.country,
        # Negative ids are the gazetteer's own, for places GeoNames has no id for.
        geonames_id=entry.geonames_id if entry.geonames_id > 0 else None,
        admin1=gazetteer.admin1_name(entry.admin1),
        lat=entry.lat,
        lon=entry.lon,
        feature=feature,
        precision=_PRECISION[entry.kind],
        reason=reason,
    )


def locate_events(
    events: Sequence[Event],
    toponyms: Sequence[ResolvedToponym],
    dateline: GazetteerEntry | None,
    gazetteer: Gazetteer,
) -> tuple[Event, ...]:
    """The events with ``location`` set by the rules above; ids unchanged."""
    placed = [t for t in toponyms if t.entry is not None and t.entry.country is not None]
    return tuple(
        dataclasses.replace(event, location=_locate(event, placed, dateline, gazetteer))
        for event in events
    )


def _locate(
    event: Event,
    toponyms: Sequence[ResolvedToponym],
    dateline: GazetteerEntry | None,
    gazetteer: Gazetteer,
) -> Place | None:
    evidence = event.evidence
    if evidence.place is not None:
        for toponym in toponyms:
            if _overlaps(toponym.toponym.span, evidence.place):
                assert toponym.entry is not None  # filtered by locate_events
                return to_place(toponym.entry, gazetteer, f"clause:{toponym.reason}")
        country = event.location.country if event.location else None
        entry = gazetteer.country(country) if country else None
        if entry is not None:
            # The coder read a country off the actor tables; the gazetteer had no
            # better reading of the phrase.
            return to_place(entry, gazetteer, "clause:country-table")
    actor_spans = [m.span for m in (*event.sources, *event.targets, *event.attributed_to)]
    in_sentence = [
        t
        for t in toponyms
        if t.toponym.prep
        and t.toponym.sentence == evidence.sentence_index
        # An actor named by a place ("extradited him to Britain") is no location;
        # a place phrase inside an actor's words is ("Albanians in south Serbia
        # demanded", "a truce with forces in east Bosnia").
        and (t.toponym.locative or not any(_overlaps(t.toponym.span, a) for a in actor_spans))
    ]
    for toponym in in_sentence:
        if toponym.toponym.locative:
            assert toponym.entry is not None  # filtered by locate_events
            return to_place(toponym.entry, gazetteer, f"sentence:{toponym.reason}")
    if not in_sentence:
        before = [
            t
            for t in toponyms
            if t.toponym.locative and t.toponym.sentence == evidence.sentence_index - 1
        ]
        if before:
            entry = before[0].entry
            assert entry is not None  # filtered by locate_events
            if _may_be_here(event, entry):
                return to_place(entry, gazetteer, f"previous-sentence:{before[0].reason}")
    if dateline is not None and dateline.country is not None and _may_be_here(event, dateline):
        return to_place(dateline, gazetteer, "dateline")
    for toponym in in_sentence:
        assert toponym.entry is not None
        step = f"sentence-{toponym.toponym.prep}"
        return to_place(toponym.entry, gazetteer, f"{step}:{toponym.reason}")
    host = _host_country(event)
    entry = gazetteer.country(host) if host else None
    return to_place(entry, gazetteer, "host") if entry is not None else None


def _may_be_here(event: Event, place: GazetteerEntry) -> bool:
    """Whether a place from outside the event's sentence (the dateline, the sentence
    before) can be its place: unless the event is between two or more countries,
    none of them the place's."""
    countries = {m.actor.country for m in (*event.sources, *event.targets) if m.actor.country}
    return len(countries) < 2 or place.country in countries


def _host_country(event: Event) -> str | None:
    """The country hosting a visit: the target of 042, the source of 043."""
    hosts: tuple[Mention, ...] = ()
    if event.cameo.code.startswith("042"):
        hosts = event.targets
    elif event.cameo.code.startswith("043"):
        hosts = event.sources
    return next((m.actor.country for m in hosts if m.actor.country), None)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
