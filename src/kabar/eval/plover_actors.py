"""`kabar eval plover-actors`: actor resolution scored on the PLOVER gold actor spans.

``kabar eval plover-gsr`` scores actors through the chosen event, so an event the
coder missed costs its actors too. This evaluation scores the resolver and the
knowledge base alone: each gold record names its actors as text spans with codes
(``"source": [{"text": "Hungarian", "code": "HUN", "sector": "GOV"}]``); the
sentence is parsed with the real pipeline's model, and the span is looked up
among the mentions that ``ArticleActors.resolve_group`` (the resolver the event
coder uses) gives for the nouns around it.

Conventions:

* **Which mention.** The span's syntactic head, then the nouns above it within
  its noun phrase (through modifiers, appositions and "of"/"in"/... phrases),
  nearest first, are resolved with the coder's resolver; the first mention that
  overlaps the span best is the answer. A head that only qualifies a noun
  ("Hungarian" in "Hungarian officials", "Israeli police" in "Israeli police
  custody") is tried after that noun, since the noun is the argument the coder
  resolves. Failing that, each token of the span
  itself is tried. A span written
  with gaps ("U.S. ... negotiators") is found part by part; a span that occurs
  twice in the sentence is placed by the record's markup.
* **Places.** A span no actor rule resolves that is a place name ("Tokyo" as a
  target, "Hong Kong") takes the country of the gazetteer's best reading, as the
  coder does for a place phrase; it counts as resolved (``via place``), with the
  sector CVL: a town named as an actor stands for its people, as the resolver
  codes "Syrian towns".
* **Codes.** Gold country codes are CAMEO's: those that differ from ISO3 are
  mapped (JAP -> JPN, ITL -> ITA, ROM -> ROU, ...). The gold "IGO" matches an
  actor of kind ``igo`` or one with the IGO sector (an IGO's official). Codes of
  transnational non-state actors (NGO, IMG for militant groups, ISM) match an
  actor with no country that is not an IGO.
* **Sectors.** Scored over the spans whose gold has one, read as CAMEO's first
  three letters ("CVLalb" is CVL, the misspelt "CIV" is CVL, "***" is none);
  right when it is among the actor's sectors. A state named alone counts as its
  government (GOV), as in ``plover-gsr``. The gold writes PLOVER's sector codes
  where they differ from CAMEO's: kabar's MED (CAMEO: media) is the gold's JRN,
  kabar's HLH (health) the gold's MED (medical). Likewise an international body
  or official with no sector but IGO acts through its governing organs, which the
  gold writes GOV ("U.N. Security Council": IGO GOV).
* **Unresolved.** A span with no mention and no place counts as wrong for both
  country and sector, and is counted in the unresolved share.
* **Date.** Every sentence is read on the same placeholder date as in
  ``plover-gsr`` (the gold carries none), so KB roles are those of 2000-01-01.

``--keep-unresolved`` has no effect here: no events are coded, so none are kept
or dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kabar.eval.metrics import Accuracy, find_shared, read_jsonl_gold
from kabar.eval.plover_gsr import gold_country_code
from kabar.model import Mention
from kabar.pipeline import Pipeline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kabar.actors.countries import CountryTable
    from kabar.actors.resolve import ArticleActors
    from kabar.places.gazetteer import Gazetteer

GOLD_NAME = "PLOVER_GSR_CAMEO.jsonl"
_PLACEHOLDER_DATE = dt.date(2000, 1, 1)

Side = Literal["source", "target"]
_SIDES: tuple[Side, ...] = ("source", "target")

# Gold codes for actors that belong to no country.
_TRANSNATIONAL = frozenset({"NGO", "IMG", "ISM", "NGM", "MNC"})
# kabar's CAMEO sectors as the gold's PLOVER ones: CAMEO's MED is the media,
# which the gold writes JRN; the gold's MED is medical, CAMEO's HLH.
_GOLD_SECTOR = {"MED": "JRN", "HLH": "MED"}
# Gold sector typos read as the sector meant.
_SECTOR_FIXES = {"CIV": "CVL"}
# Dependencies that keep a word inside the noun phrase of the noun above it.
_PHRASE_DEPS = frozenset(
    {"amod", "compound", "poss", "nmod", "npadvmod", "nummod", "appos", "pobj", "prep", "det"}
)
# How far up a noun phrase the search climbs: "Hungarian" -> "officials" is one
# step, "Georgian" -> "protesters" -> "of" -> "hundreds" three.
_MAX_CLIMB = 4
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# Words of a paraphrased gold span that say nothing about where it is.
_GLUE = frozenset({"the", "and", "for", "from", "with"})


@dataclass(frozen=True, slots=True)
class GoldActor:
    """One gold actor span of a record.

    ``code`` is an ISO3 code or a non-state code (IGO, NGO ...), ``sector`` a
    three-letter sector code or ``""``; ``parts`` are the (start, end) character
    offsets of the span's pieces in ``sentence``, empty when the span's text is not
    in the sentence at all.
    """

    record: str
    side: Side
    text: str
    code: str
    sector: str
    sentence: str
    parts: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class ActorOutcome:
    """What kabar made of one gold span.

    ``country`` is written as the gold writes it (ISO3, or IGO for an
    international body), ``None`` when the actor has none; ``via`` is the
    resolver's rule, ``place:gazetteer`` for a place name, ``unresolved`` or
    ``span-not-found``. ``sector_right`` is None when the gold has no sector.
    """

    gold: GoldActor
    mention: Mention | None
    country: str | None
    sectors: tuple[str, ...]
    via: str
    country_right: bool
    sector_right: bool | None

    @property
    def resolved(self) -> bool:
        return self.via not in {"unresolved", "span-not-found"}


@dataclass(frozen=True, slots=True)
class SideScores:
    """Scores over the spans of one side ("source", "target" or "all")."""

    side: str
    country: Accuracy
    sector: Accuracy
    unresolved: Accuracy
    placed: int


@dataclass(frozen=True, slots=True)
class ActorReport:
    path: Path
    outcomes: tuple[ActorOutcome, ...]
    scores: tuple[SideScores, ...]

    def side(self, name: str) -> SideScores:
        """The scores of "source", "target" or "all"."""
        return next(s for s in self.scores if s.side == name)


def default_path() -> Path | None:
    """The gold file in ../shared, seen from the working directory or the source tree."""
    return find_shared("eval", "plover_gsr", GOLD_NAME)


def load_gold(path: Path) -> list[GoldActor]:
    """Every gold actor span of the file, sources then targets per record."""
    records = read_jsonl_gold(path, _gold_actors, "PLOVER gold record")
    return [actor for record in records for actor in record]


def _gold_actors(raw: Any) -> list[GoldActor]:
    from kabar.actors.countries import load_country_table

    table = load_country_table()
    text = str(raw["text"])
    markup = str(raw.get("markup") or "")
    found = []
    for side in _SIDES:
        for item in raw.get(side) or []:
            code = str(item.get("code") or "").upper()
            span = str(item.get("text") or "")
            if not code or not span.strip():
                continue
            found.append(
                GoldActor(
                    record=str(raw["id"]),
                    side=side,
                    text=span,
                    code=_normalise_code(code, table),
                    sector=_normalise_sector(item.get("sector")),
                    sentence=text,
                    parts=_locate(span, text, markup, side),
                )
            )
    return found


def _normalise_code(code: str, table: CountryTable) -> str:
    return gold_country_code(code, {c.cameo: c.iso3 for c in table})


def _normalise_sector(raw: object) -> str:
    code = str(raw or "")[:3].upper()
    if not (code.isalpha() and len(code) == 3):
        return ""
    return _SECTOR_FIXES.get(code, code)


def _locate(span: str, text: str, markup: str, side: Side) -> tuple[tuple[int, int], ...]:
    """Character offsets of the span's pieces in the sentence ("U.S. ... negotiators"
    has two), each after the one before; whitespace runs match any whitespace."""
    pieces = [p for p in re.split(r"\s*\.{2,}\s*", span.strip()) if p.strip()]
    parts = _find_pieces(pieces, text, markup if len(pieces) == 1 else "", side)
    if len(parts) < len(pieces):
        # The gold sometimes paraphrases ("French warships" for "French and Egyptian
        # warships", "Ghanians" for "Ghanaians"): fall back to its words, in order.
        words = [w for w in re.split(r"[\s\-]+", span) if len(w) > 1 and w.lower() not in _GLUE]
        parts = _find_pieces(words, text, "", side)
    return tuple(parts)


def _find_pieces(
    pieces: Sequence[str], text: str, markup: str, side: Side
) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    start = 0
    for piece in pieces:
        matches = [m for m in _piece_pattern(piece).finditer(text) if m.start() >= start]
        if not matches:
            continue
        index = _markup_occurrence(piece, markup, side) if markup else 0
        match = matches[min(index, len(matches) - 1)]
        parts.append((match.start(), match.end()))
        start = match.end()
    return parts


def _piece_pattern(piece: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in piece.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def _markup_occurrence(piece: str, markup: str, side: Side) -> int:
    """Which occurrence of the piece the markup tags for this side (0 for the first).

    The markup is the sentence with tags around the spans ("(SRC: PRC)"); tags add
    no copies of the piece, so its n-th copy in the markup is its n-th in the text.
    """
    tag = "SRC" if side == "source" else "TAR"
    tagged = re.search(r"\([A-Z/]*" + tag + r"[A-Z/]*: " + re.escape(piece.strip()), markup)
    if tagged is None:
        return 0
    pattern = _piece_pattern(piece)
    return sum(1 for m in pattern.finditer(markup) if m.start() < tagged.end() - len(piece))


def evaluate(path: Path, pipeline: Pipeline | None = None) -> ActorReport:
    """Parse every gold sentence once and score each of its actor spans."""
    from kabar.actors.countries import load_country_table, load_roles
    from kabar.actors.kb import load_kb
    from kabar.actors.resolve import ArticleActors
    from kabar.places.gazetteer import load_gazetteer

    gold = load_gold(path)
    pipeline = pipeline or Pipeline.default()
    countries, roles, kb, places = load_country_table(), load_roles(), load_kb(), load_gazetteer()
    sentences = list(dict.fromkeys(g.sentence for g in gold))
    docs = dict(zip(sentences, pipeline.nlp.pipe(sentences), strict=True))
    outcomes = []
    for sentence in sentences:
        doc = docs[sentence]
        actors = ArticleActors(doc, countries, roles, kb, _PLACEHOLDER_DATE, places)
        for item in (g for g in gold if g.sentence == sentence):
            outcomes.append(_score(item, actors, places))
    scores = tuple(
        _side_scores(name, [o for o in outcomes if name in {"all", o.gold.side}])
        for name in (*_SIDES, "all")
    )
    return ActorReport(path=path, outcomes=tuple(outcomes), scores=scores)


def _score(gold: GoldActor, actors: ArticleActors, places: Gazetteer) -> ActorOutcome:
    if not gold.parts:
        return _outcome(gold, None, None, (), "span-not-found")
    doc = actors.doc
    tokens = _span_tokens(doc, gold.parts)
    mention = _covering_mention(gold, tokens, actors)
    if mention is not None:
        actor = mention.actor
        country = actor.country or ("IGO" if _is_igo(mention) else None)
        sectors = tuple(
            _GOLD_SECTOR.get(s, s)
            for s in actor.sectors or (("GOV",) if actor.kind == "country" else ())
        )
        if sectors == ("IGO",):
            sectors = ("IGO", "GOV")  # an IGO as such: its governing organs
        return _outcome(gold, mention, country, sectors, mention.rule, igo=_is_igo(mention))
    place = _place_country(doc, tokens, places)
    if place is not None:
        # A town named as an actor stands for its people, as the resolver codes a
        # country's towns ("Syrian towns": CVL).
        return _outcome(gold, None, place, ("CVL",), "place:gazetteer")
    return _outcome(gold, None, None, (), "unresolved")


def _is_igo(mention: Mention) -> bool:
    return mention.actor.kind == "igo" or "IGO" in mention.actor.sectors


def _outcome(
    gold: GoldActor,
    mention: Mention | None,
    country: str | None,
    sectors: tuple[str, ...],
    via: str,
    *,
    igo: bool = False,
) -> ActorOutcome:
    if gold.code == "IGO":
        country_right = igo
    elif gold.code in _TRANSNATIONAL:
        country_right = mention is not None and country is None and not igo
    else:
        country_right = country == gold.code
    sector_right = (gold.sector in sectors) if gold.sector else None
    return ActorOutcome(gold, mention, country, sectors, via, country_right, sector_right)


def _span_tokens(doc: Doc, parts: tuple[tuple[int, int], ...]) -> list[Token]:
    tokens: list[Token] = []
    for start, end in parts:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tokens.extend(span)
    return tokens


def _covering_mention(
    gold: GoldActor, tokens: Sequence[Token], actors: ArticleActors
) -> Mention | None:
    """The first mention overlapping the gold span: of the span's head, then of the
    nouns above it in its noun phrase, nearest first, then of the span's other
    tokens. A head that only qualifies a noun ("Hungarian" in "Hungarian
    officials") is tried after that noun, which is what the coder resolves."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    order: list[int] = []
    # Noun heads first: in "Egyptian warships" of "French and Egyptian warships" the
    # adjective hangs on "French", but the actor is the warships.
    for head in sorted(heads, key=lambda t: not _names_itself(t)):
        chain = _phrase_chain(head)
        if not _names_itself(head):
            chain = [*chain[1:], chain[0]]
        order.extend(chain)
    order.extend(t.i for t in tokens)
    for index in dict.fromkeys(order):
        found = _overlapping(actors.resolve_group(index), gold.parts)
        if found is not None:
            return found
    return None


def _names_itself(token: Token) -> bool:
    """Whether a span head is a noun of its own rather than a qualifier of another."""
    return token.pos_ in {"NOUN", "PROPN"} and token.dep_ not in {"amod", "compound"}


def _phrase_chain(token: Token) -> list[int]:
    """The token and the nouns above it within its noun phrase, innermost first."""
    chain = [token.i]
    current = token
    for _ in range(_MAX_CLIMB):
        if current.dep_ not in _PHRASE_DEPS or current.head.i == current.i:
            break
        current = current.head
        if current.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
            chain.append(current.i)
        elif current.pos_ != "ADP":
            break
    return chain


def _overlapping(mentions: Iterable[Mention], parts: tuple[tuple[int, int], ...]) -> Mention | None:
    """The mention that best fits the span: most of its pieces reached, then most
    characters shared and fewest outside it ("Egyptian warships" of "French and
    Egyptian warships" is the Egyptian one)."""

    def fit(mention: Mention) -> tuple[int, int]:
        start, end = mention.span.start, mention.span.end
        overlaps = [max(0, min(end, e) - max(start, s)) for s, e in parts]
        shared = sum(overlaps)
        # Pieces touched first: "US ... forces" is the mention reaching both pieces.
        return sum(o > 0 for o in overlaps), shared - (end - start - shared)

    best = max(mentions, key=fit, default=None)
    return best if best is not None and fit(best)[0] > 0 else None


def _place_country(doc: Doc, tokens: Sequence[Token], places: Gazetteer) -> str | None:
    """The country of the place entity in the span, by the gazetteer's best reading."""
    from kabar.places.resolve import resolve_name

    for token in tokens:
        if token.ent_type_ not in _PLACE_ENTS:
            continue
        ent = next(e for e in doc.ents if e.start <= token.i < e.end)
        entry = resolve_name(ent.text, places)
        if entry is not None and entry.country:
            return entry.country
    return None


def _side_scores(side: str, outcomes: Sequence[ActorOutcome]) -> SideScores:
    with_sector = [o for o in outcomes if o.sector_right is not None]
    return SideScores(
        side=side,
        country=Accuracy(sum(o.country_right for o in outcomes), len(outcomes)),
        sector=Accuracy(sum(bool(o.sector_right) for o in with_sector), len(with_sector)),
        unresolved=Accuracy(sum(not o.resolved for o in outcomes), len(outcomes)),
        placed=sum(o.via == "place:gazetteer" for o in outcomes),
    )


def format_report(report: ActorReport, show_errors: int = 0) -> str:
    lines = [
        f"PLOVER GSR actor spans: {report.path}",
        f"spans: {len(report.outcomes)} (records: {len({o.gold.record for o in report.outcomes})})",
        "",
        f"{'side':<8} {'country accuracy':<22} {'sector accuracy':<22} "
        f"{'unresolved share':<22} placed",
    ]
    for score in report.scores:
        lines.append(
            f"{score.side:<8} {score.country!s:<22} {score.sector!s:<22} "
            f"{score.unresolved!s:<22} {score.placed}"
        )
    if show_errors:
        lines += ["", *_error_listing(report.outcomes, show_errors)]
    return "\n".join(lines)


def _error_listing(outcomes: Sequence[ActorOutcome], limit: int) -> list[str]:
    """The commonest (gold -> got) confusions, then the first ``limit`` wrong spans."""
    wrong = [o for o in outcomes if not o.country_right or o.sector_right is False]
    confusions = Counter(
        (
            f"{o.gold.code} {o.gold.sector or '-'}",
            f"{o.country or '-'} {'/'.join(o.sectors) or '-'}",
        )
        for o in wrong
    )
    lines = [f"confusions (gold -> got), {len(wrong)} wrong spans:"]
    for (wanted, got), count in confusions.most_common(limit):
        lines.append(f"  {count:>3}  {wanted} -> {got}")
    lines += ["", f"first {min(limit, len(wrong))} wrong spans:"]
    for outcome in wrong[:limit]:
        gold = outcome.gold
        got = f"{outcome.country or '-'} {'/'.join(outcome.sectors) or '-'}"
        said = f" '{outcome.mention.span.text}'" if outcome.mention else ""
        lines.append(
            f"  {gold.record} {gold.side} '{gold.text}': gold {gold.code} {gold.sector or '-'},"
            f" got {got}{said} [{outcome.via}]"
        )
        lines.append(f"      {gold.sentence}")
    return lines
