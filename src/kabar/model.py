"""Typed, frozen records passed between kabar's stages and written to outputs.

All character offsets refer to ``Article.text``: the body after normalisation
(line wraps joined, dateline removed), which is what the NLP layer parses and
what every output carries, so an offset can always be checked against the text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

# Bumped whenever a field of an output record changes meaning or disappears.
SCHEMA_VERSION = "1.0"

ActorKind = Literal["country", "person", "organisation", "igo", "group"]
Modality = Literal["asserted", "negated", "future", "hypothetical", "intent"]
DatePrecision = Literal["day", "week", "month", "year", "publication", "unknown"]
PlacePrecision = Literal["exact", "admin1", "country", "unknown"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of ``Article.text``: ``text == article.text[start:end]``, ``0 <= start <= end``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, as every reader yields it.

    ``id`` is unique within a run: taken from the input record when it has one,
    else derived from the file name (and record number). ``date`` is the
    publication date, ``None`` when the input gave none that could be parsed (a
    warning in ``warnings`` then says so). ``dateline`` is the place text of a
    dateline removed from the start of the body (``"BISHKEK"``), or ``""``.
    ``origin`` locates the input (``path`` or ``path:line``) for error messages.
    """

    id: str
    text: str
    date: dt.date | None = None
    title: str = ""
    url: str = ""
    source: str = ""
    dateline: str = ""
    origin: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: who a mention refers to.

    ``id`` is a knowledge-base id (``"country:RUS"``; a person resolved only by
    a country-typed title gets ``"person:RUS:vladimir putin"``). ``country`` is an
    ISO 3166 alpha-3 code or ``None`` for actors without one (IGOs).
    ``sectors`` are PLOVER/CAMEO sector codes (``GOV``, ``MIL`` ...), empty for
    a country as a whole. ``role`` is a free-text office ("head of state").
    """

    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sectors: tuple[str, ...] = ()
    role: str = ""
    qid: str | None = None

    @property
    def code(self) -> str:
        """The CAMEO-style actor code: country followed by sectors (``RUSGOV``)."""
        return (self.country or "") + "".join(self.sectors)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that refers to an actor, with the rule that resolved it."""

    span: Span
    sentence: int
    actor: Actor
    rule: str


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place (GeoNames based); filled by the geolocation stage.

    ``country`` is ISO3; ``admin1`` the name of the first-level region the place is
    or lies in; ``feature`` a GeoNames feature code (``PPLC`` capital, ``PPL`` town,
    ``ADM1``, ``ADM2`` county or province, ``RGN`` named region, ``PCLI`` country,
    ``CONT``); ``geonames_id`` is None for a place GeoNames has no id for (most
    ``RGN``). ``precision`` says what the point stands
    for: ``exact`` a town or city, ``admin1`` a region, ``country`` a whole country,
    ``unknown`` when there is no point. ``reason`` says how the place was found:
    the step (``clause``, ``sentence``, ``dateline``, ``host``) and how the name was
    resolved (``"clause:ranked:context"``).
    """

    name: str
    country: str | None
    geonames_id: int | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    precision: PlacePrecision = "unknown"
    reason: str = ""


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code with its codebook facts.

    ``root`` is the two-digit root (``"04"``); ``quad_class`` is GDELT's QuadClass:
    1 verbal cooperation (roots 01-05), 2 material cooperation (06-09), 3 verbal
    conflict (10-14), 4 material conflict (15-20); ``goldstein`` in [-10, 10].
    """

    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float


@dataclass(frozen=True, slots=True)
class PloverCoding:
    """The PLOVER reading of an event: one of the 16 types, a mode and contexts."""

    event_type: str
    mode: str = ""
    contexts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in the article an event was read: sentence and the spans that made it."""

    article_id: str
    sentence_index: int
    sentence: Span
    trigger: Span
    source: tuple[Span, ...]
    target: tuple[Span, ...]
    place: Span | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event.

    ``sources``/``targets`` are lists because compound actors stay compound
    ("X and Y held talks"); an event is ``reciprocal`` when all its actors act
    on each other, in which case ``targets`` may be empty. ``plover`` is
    ``None`` for CAMEO codes PLOVER does not treat as events (plain statements).
    ``reasons`` are short machine-readable strings (``"pattern:042.visit"``)
    that explain each decision. ``attributed_to`` are the actors who report
    the event in reported speech ("Iraq said Iran attacked ..."), not parties
    to it. ``date_reason`` says where ``date`` came from: the rule and the date
    expression it read (``"weekday:most-recent 'on Tuesday' (clause)"``), or
    that the publication date is a fallback; empty when no date stage ran.
    """

    id: str
    article_id: str
    date: dt.date | None
    date_precision: DatePrecision
    sources: tuple[Mention, ...]
    targets: tuple[Mention, ...]
    cameo: CameoCode
    plover: PloverCoding | None
    evidence: Evidence
    modality: Modality = "asserted"
    reciprocal: bool = False
    location: Place | None = None
    confidence: float = 0.5
    reasons: tuple[str, ...] = field(default=())
    attributed_to: tuple[Mention, ...] = ()
    date_reason: str = ""


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What coding one article gave: its events, or the error that stopped it."""

    article: Article
    events: tuple[Event, ...] = ()
    sentences: int = 0
    error: str | None = None
