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
country whatever they resolve to, leaving out namesakes a hundred times smaller
("Bishkek", "Brazzaville", "in Kyrgyzstan"); its *actor share* the same over the
countries of the resolved actors, nationality adjectives ("Kyrgyz") and country
names that are not where something happens ("Kyrgyzstan said", "talks between the
United States and Russia"). Places say where an article is more surely than
actors, who travel: "talks in Geneva" between American and Russian negotiators
are in Switzerland; the weak actor share decides only between places of about
equal standing: "Kant" in an article about Kyrgyzstan is the Kyrgyz town of
22,617 people, not the Indian town of 24,430; alone, the larger wins.

Before ranking, the words around a name may narrow its senses: "the city of
Basra" is the city, not its governorate, "New York state" the state; a name the
tagger calls LOC (a sea, an island, a range) is no town under 100,000 people
("the Pacific" is not Pacific, Missouri).

A country's *region share* counts the other names whose best sense alone is a
region (admin-1 or admin-2) of that country, over the largest such count: a list
of American states makes its "Georgia" the state, not the country.

Within a country, the first-level regions the article names (whose best sense
alone is one) favour the places inside them by STATE_WEIGHT times their share:
"Crawford County" in an article on Pennsylvania is Pennsylvania's.

A name qualified by the next one ("Atlanta, Georgia", "Paris, Texas") names a
place inside it: the pair of senses, one inside the other, with the highest joint
score is taken for both names ("ranked:qualified"), unless the pair sits in a list
of regions ("Virginia, Washington, West Virginia"). A name listed next to a region
of one country is that country's region of the same kind when it has one
("Ontario and New Brunswick": the province, not the town of New Jersey;
"ranked:list").

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
STATE_WEIGHT = 1.5
_REGION_KINDS = frozenset({"admin1", "admin2"})
_TOWN = frozenset({"city"})
_UNIT = frozenset({"admin1", "admin2", "region"})
_HINTED_KINDS = {"city": _TOWN, "town": _TOWN, "village": _TOWN, "state": _UNIT,
                 "province": _UNIT, "region": _UNIT, "county": _UNIT}  # fmt: skip
# A town this small or smaller is not what a name tagged LOC stands for.
_LOC_TOWN = 100_000
_LIST_JOINS = frozenset({", ", " and ", ", and ", " or ", ", or "})
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
_OWNED_ALIAS_PENALTY = 1.5
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
    for key, kinds in _kind_hints(toponyms, text).items():
        fitting = tuple(e for e in candidates[key] if e.kind in kinds)
        if fitting:
            candidates[key] = fitting
    for key in _not_towns(toponyms):
        # The tagger's LOC is a place that is no town (a sea, a range, a region):
        # "the Pacific" is not Pacific, Missouri. A city stands only when large.
        candidates[key] = tuple(
            e for e in candidates[key] if e.kind != "city" or e.population >= _LOC_TOWN
        )
    dateline_candidates = _dateline_candidates(context.dateline, gazetteer)
    alone = {key: _choose(found, {}, key)[0] for key, found in candidates.items()}
    countries: Counter[str] = Counter()
    named: Counter[str] = Counter()
    previous: Toponym | None = None
    for toponym in toponyms:
        key = normalise(toponym.span.text)
        single = _sure_countries(candidates[key])
        if len(single) == 1:
            own = alone[key]
            if own is not None and own.kind == "country" and not _where(toponym, previous, text):
                # A country named as an actor ("talks between the United States and
                # Russia", "China said") is a party, and states act abroad: as weak
                # as an actor, not a sign of where the article is.
                named[single.pop()] += 1
            else:
                countries[single.pop()] += 1
        previous = toponym
    dateline_countries = {e.country for e in dateline_candidates if e.country}
    if len(dateline_countries) == 1:
        # The dateline is where the reporter is: worth two mentions.
        countries[dateline_countries.pop()] += 2
    bonus = _combine(_shares(countries), _shares(Counter(context.actor_countries) + named))
    regions = Counter(
        e.country for e in alone.values() if e is not None and e.kind in _REGION_KINDS and e.country
    )
    states = Counter(
        e.admin1 for e in alone.values() if e is not None and e.kind == "admin1" and e.admin1
    )
    top_state = max(states.values(), default=0)
    state_bonus = {code: STATE_WEIGHT * n / top_state for code, n in states.items()}
    chosen = {
        key: _choose(found, bonus, key, _region_bonus(regions, alone[key]), state_bonus)
        for key, found in candidates.items()
    }
    # A pair says more than a list: "Washington, D.C." is no list of two regions.
    chosen.update(_list_members(toponyms, candidates, alone, chosen, text))
    chosen.update(_qualified_pairs(toponyms, candidates, alone, bonus, text))
    resolved = tuple(ResolvedToponym(t, *chosen[normalise(t.span.text)]) for t in toponyms)
    dateline = (
        _choose(dateline_candidates, bonus, normalise(context.dateline))[0]
        if dateline_candidates
        else None
    )
    return resolved, dateline


def _kind_hints(toponyms: Sequence[Toponym], text: str) -> dict[str, frozenset[str]]:
    """Kinds of place the words around a name ask for: "the city of Basra" is the
    city, not its governorate; "New York state" and "the state of Washington" the
    state. One sense per name: a hint on any mention holds for all of them."""
    hints: dict[str, frozenset[str]] = {}
    for toponym in toponyms:
        before = text[max(toponym.span.start - 24, 0) : toponym.span.start].lower().split()
        after = text[toponym.span.end : toponym.span.end + 12].split()
        # "the (northern) city of X" names X; "a county of Taiwan" a part of it.
        definite = "the" in before[-5:-2] and not {"a", "an"} & set(before[-5:-2])
        noun = before[-2] if len(before) >= 3 and before[-1] == "of" and definite else ""
        if after and after[0] in {"state", "State", "province", "Province"}:
            noun = after[0].lower()
        kinds = _HINTED_KINDS.get(noun)
        if kinds:
            hints.setdefault(normalise(toponym.span.text), kinds)
    return hints


def _not_towns(toponyms: Sequence[Toponym]) -> set[str]:
    """The names every mention of which the tagger calls LOC."""
    loc: dict[str, bool] = {}
    for toponym in toponyms:
        key = normalise(toponym.span.text)
        loc[key] = loc.get(key, True) and toponym.rule == "ner:LOC"
    return {key for key, yes in loc.items() if yes}


def _sure_countries(found: Sequence[GazetteerEntry]) -> set[str]:
    """The countries of a name's senses that context may choose: namesakes a
    hundred times smaller than the largest are left out, as in :func:`_choose`
    ("Brazzaville" names the Congolese capital whatever village in Ivory Coast
    shares its name)."""
    floor = max((e.population for e in found), default=0) / 100
    return {e.country for e in found if e.country and e.population >= floor}


def _where(toponym: Toponym, previous: Toponym | None, text: str) -> bool:
    """Whether a name stands where a place does: the object of a preposition of
    place ("in Syria", "to Russia"), or the country of the name before it ("Lagos,
    Nigeria"); not a subject, object or "between" party."""
    if toponym.prep and toponym.prep != "between":
        return True
    return (
        previous is not None and bool(text) and text[previous.span.end : toponym.span.start] == ", "
    )


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
    for index, (inner, outer) in enumerate(itertools.pairwise(toponyms)):
        if not text or text[inner.span.end : outer.span.start] != ", ":
            continue
        inner_key, outer_key = normalise(inner.span.text), normalise(outer.span.text)
        own = alone[inner_key]
        if inner_key == outer_key or inner_key in fixed or outer_key in fixed:
            continue
        if own is not None and own.kind not in {"city", "admin2"}:
            continue
        if _in_list(toponyms, index, alone, text):
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


def _in_list(
    toponyms: Sequence[Toponym], index: int, alone: dict[str, GazetteerEntry | None], text: str
) -> bool:
    """Whether the pair at ``index`` (``toponyms[index]``, ``toponyms[index + 1]``)
    sits in a list of regions of one kind: "Virginia, Washington, West Virginia" or
    "Washington, Pennsylvania and California" name three states, not a town of
    West Virginia. "Stroud, Ontario, Canada" is a chain: its last item is a country."""
    outer = alone[normalise(toponyms[index + 1].span.text)]
    if outer is None or outer.kind == "city":
        return False
    neighbours = []
    if index > 0:
        before = toponyms[index - 1]
        if text[before.span.end : toponyms[index].span.start] == ", ":
            neighbours.append(before)
    if index + 2 < len(toponyms):
        after = toponyms[index + 2]
        if text[toponyms[index + 1].span.end : after.span.start] in _LIST_JOINS:
            neighbours.append(after)
    return any(
        (entry := alone[normalise(n.span.text)]) is not None and entry.kind == outer.kind
        for n in neighbours
    )


def _list_members(
    toponyms: Sequence[Toponym],
    candidates: dict[str, tuple[GazetteerEntry, ...]],
    alone: dict[str, GazetteerEntry | None],
    chosen: dict[str, tuple[GazetteerEntry | None, str]],
    text: str,
) -> dict[str, tuple[GazetteerEntry, str]]:
    """Senses fixed by lists of regions: a name listed next to a region of one
    country ("Manitoba, Ontario and New Brunswick") is that country's region of
    the same kind when it has one, not the town of New Jersey ("ranked:list")."""
    fixed: dict[str, tuple[GazetteerEntry, str]] = {}
    if not text:
        return fixed
    for index, toponym in enumerate(toponyms):
        key = normalise(toponym.span.text)
        neighbours = []
        if index > 0 and text[toponyms[index - 1].span.end : toponym.span.start] in _LIST_JOINS:
            neighbours.append(toponyms[index - 1])
        if index + 1 < len(toponyms):
            after = toponyms[index + 1]
            if text[toponym.span.end : after.span.start] in _LIST_JOINS:
                neighbours.append(after)
        for neighbour in neighbours:
            # An earlier member already read as a region counts as one (the chain
            # "Manitoba, Ontario and New Brunswick", whatever "Ontario" alone is).
            neighbour_key = normalise(neighbour.span.text)
            other = fixed[neighbour_key][0] if neighbour_key in fixed else alone[neighbour_key]
            if other is None or other.kind not in _REGION_KINDS or normalise(other.name) == key:
                continue
            same = [
                e for e in candidates[key] if (e.kind, e.country) == (other.kind, other.country)
            ]
            if same:
                best = max(same, key=lambda e: (_score(e, {}, key), -e.geonames_id))
                if chosen[key][0] != best:
                    fixed[key] = (best, "ranked:list")
                break
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
    state_bonus: dict[str, float] | None = None,
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
    # A town's other name is meant for a place that bears it as its own, when one
    # of some size does and the town is not inside it: "Victoria" is the Australian
    # state, not Hong Kong; "New York" may be New York City, in New York state.
    owners = [e for e in options if normalise(e.name) == key and e.population >= floor]

    def own_score(entry: GazetteerEntry, context: dict[str, float]) -> float:
        alias = (
            entry.kind == "city"
            and normalise(entry.name) != key
            and any(not _inside(entry, owner) for owner in owners)
        )
        return _score(entry, context, key) - _OWNED_ALIAS_PENALTY * alias

    def context_score(entry: GazetteerEntry) -> float:
        if entry.population < floor:
            return own_score(entry, {})
        extra = (region_bonus or {}).get(entry.country or "", 0.0)
        return own_score(entry, bonus) + (extra if entry.kind in _REGION_KINDS else 0.0)

    def state_score(entry: GazetteerEntry) -> float:
        near = entry.kind != "admin1" and entry.population >= floor
        return context_score(entry) + (state_bonus or {}).get(entry.admin1 or "", 0.0) * near

    best = min(options, key=lambda e: (-context_score(e), e.geonames_id))
    # The regions named choose among the places of the chosen country only: naming
    # Texas says nothing new about whether "Paris" is in France.
    best = min(
        (e for e in options if e.country == best.country),
        key=lambda e: (-state_score(e), e.geonames_id),
    )
    alone = min(options, key=lambda e: (-own_score(e, {}), e.geonames_id))
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
