"""Cross-article dedup: event mentions that report the same event, merged into clusters.

Every coded event is a *mention*: one article's report of something that happened.
Outlets report the same visit, talks, attack or sanctions in their own words, on
nearby dates, naming the actors differently ("Russia", "Moscow", "Putin"). This
module decides which mentions are the same event and says why.

**The match rule** (``match``): two mentions are the same event when all hold:

1. they come from *different articles* (two mentions in one article may be two
   events; an article is never "another report" of itself);
2. the same *modality* (a negated, future or hypothetical event never merges
   with an asserted one: "X did not attack Y" is no report of an attack);
3. the same CAMEO root and the same PLOVER type;
4. the same *dyad*, compared between *parties* (below): ordered (sources with
   sources, targets with targets), except that it is unordered when either
   mention is reciprocal or the root is 04 (consult), because "Putin visited
   Xi", "Xi hosted Putin" and "Putin and Xi held talks" are one meeting;
5. compatible *dates*: each mention's date stands for a span of days (below),
   and the spans overlap;
6. compatible *places*: either place unknown; else, when both are points
   (a town, ``precision == "exact"``), within ``MAX_PLACE_KM``; else the same
   country.

**Parties, not actor ids.** The dyad compares each actor's *party*: for a state
actor (a country, or a country-typed actor whose sectors are all state sectors:
government, military, police, judiciary, legislature, intelligence) the country
code alone; for a country-typed non-state actor the country plus its sectors
(``RUS:REB``); for anything else (IGOs, named groups, private people, actors no
table knows) the actor id itself. Why: reports of one act name the state by its
name, its capital, its leader or its ministry ("Russia", "Moscow", "Putin", "the
Kremlin"), so actor ids would split every such event; GDELT compares country plus
sector codes, which still splits ``RUS`` from ``RUSGOV`` for the same act. Keeping
non-state sectors apart keeps "Russian rebels attacked" away from "Russia
attacked". An unresolved actor (``unresolved:<text>``) is its own party, so it
merges only with the identical (case-folded) text.

**Date spans.** A date read to the day (``date_precision == "day"``) is that day,
so two such mentions must agree on the day ("attacked on Monday" and "attacked on
Tuesday" are two attacks); a week or month is that whole week or month; a date
that is only the publication date (fallback) stands for the ``window_days`` days
up to publication, when the reported event most likely happened; a year is too
vague to merge on, as is no date at all.

**Clusters** are the connected components of the match graph, so the result does
not depend on the order in which articles arrive, and a store can add articles
one at a time: a new mention is matched against the candidates that share one of
its ``blocking_keys`` and joins (or joins up) their clusters. ``cluster`` is the
in-memory reference that an incremental store must agree with. A caveat of
components: a chain of mentions can join two events no single pair would (a
fallback-dated report bridging Monday's and Tuesday's attacks); the merge reasons
of every link show where that happened.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from kabar.errors import ConfigError
from kabar.model import Actor, Article, Event
from kabar.places.distance import distance_km

# Three days: a report published the day after (or, for a weekly, two days after)
# an undated event still reaches it, while the same dyad doing the same thing a
# week later stays a separate event.
DEFAULT_WINDOW_DAYS = 3

# Two geocoded towns this close are one event's place (a city and its suburb or
# the nearest town a report names); 150 km also spans a border, where reports
# often place one event on either side.
MAX_PLACE_KM = 150.0

# Sectors that act for the state: a report of the state's act may name any of them.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})

# CAMEO root whose events are symmetric in practice: a visit (042) and hosting
# it (043), meetings and talks (040, 043, 046) are one event seen from either side.
SYMMETRIC_ROOTS = frozenset({"04"})

# Width of the date buckets used for blocking, in days. Independent of the match
# rule: a mention's span of days lies in one or a few buckets, and two mentions
# whose spans overlap always share the bucket of a common day.
_BUCKET_DAYS = 7



@dataclass(frozen=True, slots=True)
class MentionKey:
    """What dedup needs from one coded event mention.

    ``sources``/``targets`` are the actor ids, sorted. ``source_parties`` and
    ``target_parties`` are the sorted, distinct parties the dyad is compared on
    (see the module docstring); empty means "not given", and the actor ids stand
    in. ``date`` is the event's date and ``date_precision`` kabar's precision for
    it (``day``, ``week``, ``month``, ``year``, ``publication``, ``unknown``).
    ``published`` is the article's publication date (first and last seen).
    ``lat``/``lon`` are set only for a point place (a town), never for a country
    or region centroid, which says nothing about where in it the event was.
    ``outlet`` is who published the article ("" when unknown).
    """

    event_id: str
    article_id: str
    outlet: str
    date: dt.date | None
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    reciprocal: bool
    cameo_root: str
    plover_type: str | None
    modality: str
    place_country: str | None
    lat: float | None
    lon: float | None
    source_parties: tuple[str, ...] = ()
    target_parties: tuple[str, ...] = ()
    date_precision: str = "publication"
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class MergeDecision:
    """Whether two mentions are one event. ``reasons`` say why they merge (every
    rule that held) or why not (the first rule that failed)."""

    merged: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """One edge of a cluster: two mentions (event ids, ``a < b``) that matched."""

    a: str
    b: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Cluster:
    """One event as reported by one or more mentions.

    ``members`` are sorted by (published or date, article id, event id); the
    first is the *anchor* that names the cluster (``cluster_id``). ``links`` are
    the matches that join the members (every matching pair among blocking
    candidates), sorted; a single mention has none.
    """

    id: str
    members: tuple[MentionKey, ...]
    links: tuple[Link, ...]

    @property
    def event_ids(self) -> tuple[str, ...]:
        return tuple(m.event_id for m in self.members)

    @property
    def num_mentions(self) -> int:
        """Event mentions in the cluster (GDELT's NumMentions)."""
        return len(self.members)

    @property
    def num_articles(self) -> int:
        """Distinct articles that report it (GDELT's NumArticles)."""
        return len({m.article_id for m in self.members})

    @property
    def num_sources(self) -> int:
        """Distinct outlets that report it (GDELT's NumSources). An article with no
        known outlet counts as its own source: it cannot be shown to be another's."""
        return len({m.outlet or f"article:{m.article_id}" for m in self.members})

    @property
    def first_seen(self) -> dt.date | None:
        """The earliest publication date (else event date) among the members."""
        seen = [d for d in (_seen(m) for m in self.members) if d is not None]
        return min(seen) if seen else None

    @property
    def last_seen(self) -> dt.date | None:
        """The latest publication date (else event date) among the members."""
        seen = [d for d in (_seen(m) for m in self.members) if d is not None]
        return max(seen) if seen else None


def party(actor: Actor) -> str:
    """The party an actor counts as in a dyad (see the module docstring)."""
    if actor.country and (actor.kind == "country" and not actor.sectors):
        return actor.country
    if actor.country and actor.sectors:
        other = sorted(set(actor.sectors) - STATE_SECTORS)
        return actor.country if not other else f"{actor.country}:{'+'.join(other)}"
    return actor.id


def mention_key(event: Event, article: Article) -> MentionKey:
    """The dedup key of one event from its article (the outlet and publication
    date come from the article, which the event does not carry)."""
    place = event.location
    point = place is not None and place.precision == "exact"
    return MentionKey(
        event_id=event.id,
        article_id=event.article_id,
        outlet=outlet(article),
        date=event.date,
        sources=tuple(sorted({m.actor.id for m in event.sources})),
        targets=tuple(sorted({m.actor.id for m in event.targets})),
        reciprocal=event.reciprocal,
        cameo_root=event.cameo.root,
        plover_type=event.plover.event_type if event.plover else None,
        modality=event.modality,
        place_country=place.country if place else None,
        lat=place.lat if place and point else None,
        lon=place.lon if place and point else None,
        source_parties=tuple(sorted({party(m.actor) for m in event.sources})),
        target_parties=tuple(sorted({party(m.actor) for m in event.targets})),
        date_precision=event.date_precision,
        published=article.date,
    )


def outlet(article: Article) -> str:
    """Who published the article: its ``source`` field, else the host of its URL
    (``www.`` dropped), else ``""``."""
    if article.source:
        return article.source.strip()
    host = urlsplit(article.url).hostname if article.url else None
    return (host or "").removeprefix("www.")


def blocking_keys(m: MentionKey, window_days: int = DEFAULT_WINDOW_DAYS) -> tuple[str, ...]:
    """Keys under which a store indexes a mention: any two mentions that ``match``
    share at least one key, so a new mention need only be compared with those.

    A key joins the modality, CAMEO root, PLOVER type, the dyad's parties as an
    unordered set (a superset of the ordered comparison) and one date bucket per
    ``_BUCKET_DAYS`` days its date span touches. A mention that can never merge
    (no date, a year-only date, no actor) has no keys.
    """
    span = date_span(m, window_days)
    parties = sorted({*_parties(m, "source"), *_parties(m, "target")})
    if span is None or not parties:
        return ()
    first, last = (d.toordinal() // _BUCKET_DAYS for d in span)
    head = "|".join((m.modality, m.cameo_root, m.plover_type or "-", ",".join(parties)))
    return tuple(f"{head}|b{bucket}" for bucket in range(first, last + 1))


def date_span(
    m: MentionKey, window_days: int = DEFAULT_WINDOW_DAYS
) -> tuple[dt.date, dt.date] | None:
    """The first and last day a mention's date may stand for (module docstring),
    or ``None`` when it is too vague to merge on."""
    date = m.date
    if date is None or m.date_precision in ("year", "unknown"):
        return None
    if m.date_precision == "day":
        return date, date
    if m.date_precision == "week":
        return date, date + dt.timedelta(days=6)
    if m.date_precision == "month":
        next_month = (date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return date, next_month - dt.timedelta(days=1)
    # The publication date stands in: the event was reported within the window
    # before it.
    return date - dt.timedelta(days=window_days), date


def match(a: MentionKey, b: MentionKey, window_days: int = DEFAULT_WINDOW_DAYS) -> MergeDecision:
    """Whether two mentions report the same event, with the reasons (module docstring)."""
    if window_days < 0:
        raise ConfigError(f"window_days must be 0 or more, not {window_days}")
    if a.article_id == b.article_id:
        return MergeDecision(False, (f"same article {a.article_id}: not another report",))
    reasons: list[str] = []
    if a.modality != b.modality:
        return MergeDecision(False, (f"modality differs: {a.modality} vs {b.modality}",))
    reasons.append(f"modality:{a.modality}")
    if a.cameo_root != b.cameo_root:
        return MergeDecision(False, (f"CAMEO root differs: {a.cameo_root} vs {b.cameo_root}",))
    if a.plover_type != b.plover_type:
        return MergeDecision(False, (f"PLOVER type differs: {a.plover_type} vs {b.plover_type}",))
    reasons.append(f"type:{a.cameo_root}/{a.plover_type or '-'}")
    dyad = _dyad(a, b)
    if dyad.startswith("dyad differs"):
        return MergeDecision(False, (dyad,))
    reasons.append(dyad)
    when = _dates(a, b, window_days)
    if not when.startswith("date:"):
        return MergeDecision(False, (when,))
    reasons.append(when)
    where = _places(a, b)
    if not where.startswith("place:"):
        return MergeDecision(False, (where,))
    reasons.append(where)
    return MergeDecision(True, tuple(reasons))


def cluster_id(members: Iterable[MentionKey]) -> str:
    """A cluster's id: ``"c"`` and 16 hex digits of the SHA-256 of its anchor's event
    id (the earliest member by publication date, article id, event id). Deterministic
    and independent of order; it stays the same while later reports join."""
    ordered = sorted(members, key=_order)
    if not ordered:
        raise ValueError("a cluster has at least one member")
    digest = hashlib.sha256(f"cluster:{ordered[0].event_id}".encode()).hexdigest()
    return "c" + digest[:16]


def cluster(
    mentions: Iterable[MentionKey], window_days: int = DEFAULT_WINDOW_DAYS
) -> list[Cluster]:
    """Group mentions into clusters (connected components of ``match``).

    Only mentions that share a blocking key are compared, so the cost grows with
    the size of the blocks, not the square of the input. Mentions with the same
    event id are taken once. Clusters come sorted by their anchor.
    """
    by_id: dict[str, MentionKey] = {}
    for m in mentions:
        by_id.setdefault(m.event_id, m)
    blocks: dict[str, list[str]] = defaultdict(list)
    for event_id in sorted(by_id):
        for key in blocking_keys(by_id[event_id], window_days):
            blocks[key].append(event_id)
    parent = {event_id: event_id for event_id in by_id}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links: dict[tuple[str, str], Link] = {}
    compared: set[tuple[str, str]] = set()
    for members in blocks.values():
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                if (x, y) in compared:
                    continue  # the pair shares more than one block
                compared.add((x, y))
                decision = match(by_id[x], by_id[y], window_days)
                if decision.merged:
                    links[(x, y)] = Link(x, y, decision.reasons)
                    rx, ry = root(x), root(y)
                    if rx != ry:
                        # Union towards the smaller id, so the forest is the same
                        # whatever the order of the input.
                        parent[max(rx, ry)] = min(rx, ry)
    groups: dict[str, list[MentionKey]] = defaultdict(list)
    for event_id, m in by_id.items():
        groups[root(event_id)].append(m)
    group_links: dict[str, list[Link]] = defaultdict(list)
    for link in links.values():
        group_links[root(link.a)].append(link)
    clusters = [
        Cluster(
            id=cluster_id(members),
            members=tuple(sorted(members, key=_order)),
            links=tuple(sorted(group_links[r], key=lambda k: (k.a, k.b))),
        )
        for r, members in groups.items()
    ]
    return sorted(clusters, key=lambda c: _order(c.members[0]))


def _order(m: MentionKey) -> tuple[str, str, str]:
    seen = _seen(m)
    return (seen.isoformat() if seen else "9999", m.article_id, m.event_id)


def _seen(m: MentionKey) -> dt.date | None:
    return m.published or m.date


def _parties(m: MentionKey, role: str) -> tuple[str, ...]:
    if role == "source":
        return m.source_parties or m.sources
    return m.target_parties or m.targets


def _dyad(a: MentionKey, b: MentionKey) -> str:
    sa, ta = _parties(a, "source"), _parties(a, "target")
    sb, tb = _parties(b, "source"), _parties(b, "target")
    if a.reciprocal or b.reciprocal or a.cameo_root in SYMMETRIC_ROOTS:
        left, right = set(sa) | set(ta), set(sb) | set(tb)
        if left == right:
            return f"dyad:unordered {'+'.join(sorted(left))}"
        return f"dyad differs: {'+'.join(sorted(left))} vs {'+'.join(sorted(right))}"
    if sa == sb and ta == tb:
        return f"dyad:{'+'.join(sa)}>{'+'.join(ta) or '-'}"
    return (
        f"dyad differs: {'+'.join(sa)}>{'+'.join(ta) or '-'} "
        f"vs {'+'.join(sb)}>{'+'.join(tb) or '-'}"
    )


def _dates(a: MentionKey, b: MentionKey, window_days: int) -> str:
    span_a, span_b = date_span(a, window_days), date_span(b, window_days)
    if span_a is None or span_b is None:
        vague = a if span_a is None else b
        return f"date too vague to merge: {vague.event_id} ({vague.date_precision})"
    if span_a[0] <= span_b[1] and span_b[0] <= span_a[1]:
        return (
            f"date:{_show(span_a)}~{_show(span_b)} "
            f"({a.date_precision}/{b.date_precision}, window {window_days}d)"
        )
    return (
        f"dates apart: {_show(span_a)} vs {_show(span_b)} "
        f"({a.date_precision}/{b.date_precision}, window {window_days}d)"
    )


def _show(span: tuple[dt.date, dt.date]) -> str:
    first, last = span
    return first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"


def _places(a: MentionKey, b: MentionKey) -> str:
    if a.place_country is None or b.place_country is None:
        return "place:unknown in one"
    if None not in (a.lat, a.lon, b.lat, b.lon):
        km = distance_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]  # checked above
        if km <= MAX_PLACE_KM:
            return f"place:{km:.0f} km apart"
        return f"places apart: {km:.0f} km > {MAX_PLACE_KM:.0f} km"
    if a.place_country == b.place_country:
        return f"place:same country {a.place_country}"
    return f"places apart: {a.place_country} vs {b.place_country}"


