"""Choose, for each toponym of an article, the place it names.

Every candidate of a name gets a score::

    log10(population + 1)                 bigger places are named more often
    + PROMINENCE * log10(1 + names)       so are places known by many names
    + a kind bonus                        a country or capital over a namesake town
    + PLACE_WEIGHT * place share          the article's places are in this country
    + ACTOR_WEIGHT * actor share          the article's actors are of this country
    + REGION_WEIGHT * region share        (regions only) the article names other
                                          regions of this country

A country's *place share* is its count over the largest count among the
dateline's country (counted twice) and the countries of the names that have one
country whatever they resolve to ("Kyrgyzstan", "Bishkek"); its *actor share*
the same over the countries of the resolved actors and nationality adjectives
("Kyrgyz"). Places say where an article is more surely than actors, who travel:
"talks in Geneva" between American and Russian negotiators are in Switzerland.
"Kant" in an article about Kyrgyzstan is the Kyrgyz town of 22,617 people, not
the Indian town of 24,430; alone, the larger wins.

A country's *region share* counts the other names whose best sense alone is a
region (admin-1 or admin-2) of that country, over the largest such count: a list
of American states makes its "Georgia" the state, not the country.

A name qualified by the next one ("Atlanta, Georgia", "Paris, Texas") names a
place inside it: the pair of senses, one inside the other, with the highest joint
score is taken for both names ("ranked:qualified").

One sense per name per article: every mention of a name (folded) resolves to the
same place, chosen once with the whole article's context.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kabar.actors.countries import normalise
from kabar.places.distance import distance_km
from kabar.places.gazetteer import Gazetteer, GazetteerEntry
from kabar.places.recognise import Toponym

PLACE_WEIGHT = 3.0
ACTOR_WEIGHT = 1.5
PROMINENCE = 1.5
REGION_WEIGHT = 1.5
_REGION_KINDS = frozenset({"admin1", "admin2"})
# Most second-level units are under 200 km across: their towns lie within 100 km
# of the middle.
_UNIT_RADIUS_KM = 100.0
# Countries and continents outrank namesake towns ("Georgia", "Chad" the town in
# Nigeria...); a capital outranks a region of the same name ("Washington" is the
# city in the news); regions a little over towns ("Texas" over "Texas City"), and
# named groups of regions ("Darfur", "West Africa") like them.
_KIND_BONUS = {"continent": 3.0, "country": 2.0, "region": 0.5, "admin1": 0.5, "admin2": 0.5,
               "city": 0.0}  # fmt: skip
_CAPITAL_BONUS = 1.5
_SHORTENED_REGION_PENALTY = 1.5
_ALIAS_PENALTY = 1.0
# The gazetteer lists a country or continent under its own name only (the country
# table holds its aliases): they count as known by many names, or a capital with
# 60 spellings would outrank its country ("Mexico").
_WELL_KNOWN = {"country": 100, "continent": 100}


@dataclass(frozen=True, slots=True)
class ResolvedToponym:
    """A toponym and the place chosen for it (None when the gazetteer has no such
    name), with ``reason``: how it was chosen: "only-candidate", "ranked" (first by
    the score without context), "ranked:context" (the article's countries or regions
    changed the choice), "ranked:qualified" (the next name said where it lies: "Atlanta,
    Georgia") or "unknown-name"."""

    toponym: Toponym
    entry: GazetteerEntry | None
    reason: str


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What an article says about where it is: its dateline text ("" when none) and
    the ISO3 codes of its actors and nationality adjectives, repeats counted."""

    dateline: str = ""
    actor_countries: tuple[str, ...] = ()


def resolve_toponyms(
    toponyms: Sequence[Toponym], gazetteer: Gazetteer, context: ArticleContext, text: str = ""
) -> tuple[tuple[ResolvedToponym, ...], GazetteerEntry | None]:
    """Each toponym with its place, in the given order, and the dateline's place.
    ``text`` is the text the toponyms' spans point into; with it, "A, B" pairs
    are read as a place and the place it lies in."""
    names = {normalise(t.span.text): t.span.text for t in toponyms}
    candidates = {key: gazetteer.candidates(name) for key, name in names.items()}
    dateline_candidates = _dateline_candidates(context.dateline, gazetteer)
    countries: Counter[str] = Counter()
    for toponym in toponyms:
        found = candidates[normalise(toponym.span.text)]
        single = {e.country for e in found if e.country}
        if len(single) == 1:
            countries[single.pop()] += 1
    dateline_countries = {e.country for e in dateline_candidates if e.country}
    if len(dateline_countries) == 1:
        # The dateline is where the reporter is: worth two mentions.
        countries[dateline_countries.pop()] += 2
    bonus = _combine(_shares(countries), _shares(Counter(context.actor_countries)))
    alone = {key: _choose(found, {}, key)[0] for key, found in candidates.items()}
    regions = Counter(
        e.country for e in alone.values() if e is not None and e.kind in _REGION_KINDS and e.country
    )
    chosen = {
        key: _choose(found, bonus, key, _region_bonus(regions, alone[key]))
        for key, found in candidates.items()
    }
    chosen.update(_qualified_pairs(toponyms, candidates, alone, bonus, text))
    resolved = tuple(ResolvedToponym(t, *chosen[normalise(t.span.text)]) for t in toponyms)
    dateline = (
        _choose(dateline_candidates, bonus, normalise(context.dateline))[0]
        if dateline_candidates
        else None
    )
    return resolved, dateline


def _region_bonus(regions: Counter[str], own: GazetteerEntry | None) -> dict[str, float]:
    """REGION_WEIGHT times each country's region share, not counting the name itself."""
    counts = regions.copy()
    if own is not None and own.kind in _REGION_KINDS and own.country:
        counts[own.country] -= 1
    top = max(regions.values(), default=0)
    return {c: REGION_WEIGHT * n / top for c, n in counts.items() if n > 0}


def _qualified_pairs(
    toponyms: Sequence[Toponym],
    candidates: dict[str, tuple[GazetteerEntry, ...]],
    alone: dict[str, GazetteerEntry | None],
    bonus: dict[str, float],
    text: str,
) -> dict[str, tuple[GazetteerEntry, str]]:
    """Senses fixed by "A, B" pairs (the first pair of a name in the text wins).

    A name that alone is a region or country ("Illinois, Missouri, Ohio") is a list
    item, not a place qualified by the next one."""
    fixed: dict[str, tuple[GazetteerEntry, str]] = {}
    for inner, outer in itertools.pairwise(toponyms):
        if not text or text[inner.span.end : outer.span.start] != ", ":
            continue
        inner_key, outer_key = normalise(inner.span.text), normalise(outer.span.text)
        own = alone[inner_key]
        if inner_key == outer_key or inner_key in fixed or outer_key in fixed:
            continue
        if own is not None and own.kind not in {"city", "admin2"}:
            continue
        pairs = [
            (_score(a, bonus, inner_key) + _score(b, bonus, outer_key), -a.geonames_id, a, b)
            for a in candidates[inner_key]
            for b in candidates[outer_key]
            if _inside(a, b)
        ]
        if pairs:
            _, _, a, b = max(pairs, key=lambda p: (p[0], p[1]))
            fixed[inner_key] = (a, "ranked:qualified")
            if len(candidates[outer_key]) > 1:
                fixed[outer_key] = (b, "ranked:qualified")
    return fixed


def _inside(place: GazetteerEntry, area: GazetteerEntry) -> bool:
    """Whether ``place`` lies in ``area``: a town or unit in its country or GeoNames
    region, a town near the middle of a county or province ("Stroud, Gloucestershire":
    the gazetteer has no second-level code for towns)."""
    if place.kind in {"continent", "country", "region"} or place.country != area.country:
        return False
    if area.kind == "country":
        return True
    if area.kind == "admin2":
        near = distance_km(place.lat, place.lon, area.lat, area.lon) < _UNIT_RADIUS_KM
        return place.kind == "city" and near
    return area.kind == "admin1" and place.kind != "admin1" and place.admin1 == area.admin1


def resolve_name(
    name: str, gazetteer: Gazetteer, context: ArticleContext = ArticleContext()
) -> GazetteerEntry | None:
    """The place one name most likely refers to in ``context``, or None."""
    bonus = _combine({}, _shares(Counter(context.actor_countries)))
    return _choose(gazetteer.candidates(name), bonus, normalise(name))[0]


def _shares(countries: Counter[str]) -> dict[str, float]:
    top = max(countries.values(), default=0)
    return {iso3: count / top for iso3, count in countries.items()} if top else {}


def _combine(places: dict[str, float], actors: dict[str, float]) -> dict[str, float]:
    """The context bonus of each country: weighted place and actor bonus."""
    return {
        iso3: PLACE_WEIGHT * places.get(iso3, 0.0) + ACTOR_WEIGHT * actors.get(iso3, 0.0)
        for iso3 in places.keys() | actors.keys()
    }


def _dateline_candidates(dateline: str, gazetteer: Gazetteer) -> tuple[GazetteerEntry, ...]:
    """Places of a dateline: the whole text, else its first comma-separated part
    ("WASHINGTON, D.C." -> "WASHINGTON")."""
    for text in (dateline, dateline.split(",")[0]):
        if text.strip():
            found = gazetteer.candidates(text.strip())
            if found:
                return found
    return ()


def _choose(
    found: Iterable[GazetteerEntry],
    bonus: dict[str, float],
    key: str,
    region_bonus: dict[str, float] | None = None,
) -> tuple[GazetteerEntry | None, str]:
    options = list(found)
    if not options:
        return None, "unknown-name"
    if len(options) == 1:
        return options[0], "only-candidate"
    # A namesake a hundred times smaller than the largest gets no context bonus:
    # an American article's "Toronto" is still the Canadian city, not the Ohio town
    # of 5,000. Within that range context decides ("Kant").
    floor = max(e.population for e in options) / 100

    def context_score(entry: GazetteerEntry) -> float:
        if entry.population < floor:
            return _score(entry, {}, key)
        extra = (region_bonus or {}).get(entry.country or "", 0.0)
        return _score(entry, bonus, key) + (extra if entry.kind in _REGION_KINDS else 0.0)

    best = min(options, key=lambda e: (-context_score(e), e.geonames_id))
    alone = min(options, key=lambda e: (-_score(e, {}, key), e.geonames_id))
    return best, "ranked" if best == alone else "ranked:context"


def _score(entry: GazetteerEntry, bonus: dict[str, float], key: str) -> float:
    score = (
        math.log10(entry.population + 1)
        + PROMINENCE * math.log10(1 + _WELL_KNOWN.get(entry.kind, entry.names))
        + _KIND_BONUS[entry.kind]
    )
    name = normalise(entry.name)
    if entry.kind in {"admin1", "admin2"} and name != key and name.startswith(key):
        # "Krasnodar" is the city; the region is "Krasnodar Krai", found only by
        # the suffix-less key the build adds.
        score -= _SHORTENED_REGION_PENALTY
    elif entry.kind == "city" and name != key:
        # A place called so is meant before one once or also called so ("Liverpool"
        # is not East Liverpool, Ohio, whose alternate names include it).
        score -= _ALIAS_PENALTY
    if entry.capital:
        score += _CAPITAL_BONUS
    return score + bonus.get(entry.country or "", 0.0)
