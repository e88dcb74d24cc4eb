"""Turn clauses of a parsed article into coded events.

For each clause the most specific matching lexicon pattern gives the CAMEO
code; its subjects (or, in the passive, its "by" agents) are the sources; the
pattern's target slots, tried in order, give the targets. An event needs a
resolved source, and a resolved target unless it is reciprocal among
conjoined sources ("X and Y held talks") or of a kind that needs none
(protests, force postures). The modality cues of the clause say whether the
event is asserted, negated, future, hypothetical or only intended.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kabar.actors.countries import CountryTable, RoleTable
from kabar.actors.resolve import ArticleActors
from kabar.events.clauses import MODAL_FUTURE, MODAL_HYPOTHETICAL, Clause, iter_clauses
from kabar.events.lexicon import Lexicon, Pattern
from kabar.model import Article, Event, Evidence, Mention, Modality, Place, Span
from kabar.ontology import CameoCodebook, plover_for

if TYPE_CHECKING:
    from spacy.tokens import Doc

# CAMEO roots whose events often have no recipient: protests (14) and force
# postures (15) are aimed at a situation as often as at an actor.
_TARGETLESS_ROOTS = frozenset({"14", "15"})
# Governing verbs that turn their complement into its opposite ("refused to meet").
_NEGATING_GOVERNORS = frozenset({"refuse", "decline", "fail"})


@dataclass(frozen=True, slots=True)
class _Roles:
    sources: tuple[Mention, ...]
    targets: tuple[Mention, ...]
    target_slot: str


class EventCoder:
    """Codes events from parsed articles with a lexicon and the actor tables."""

    def __init__(
        self, lexicon: Lexicon, cameo: CameoCodebook, countries: CountryTable, roles: RoleTable
    ) -> None:
        self._lexicon = lexicon
        self._cameo = cameo
        self._countries = countries
        self._roles = roles

    def code(self, article: Article, doc: Doc) -> tuple[Event, ...]:
        """All events of one article, in text order, without repeats."""
        actors = ArticleActors(doc, self._countries, self._roles)
        events: list[Event] = []
        seen: set[str] = set()
        for clause in iter_clauses(doc):
            pattern = self._match(clause)
            if pattern is None:
                continue
            event = self._event(article, doc, clause, pattern, actors)
            if event is not None and event.id not in seen:
                seen.add(event.id)
                events.append(event)
        return tuple(events)

    def _match(self, clause: Clause) -> Pattern | None:
        for pattern in self._lexicon.candidates(clause.lemma):
            if pattern.particle and pattern.particle != clause.particle:
                continue
            if pattern.objects and not pattern.objects.intersection(clause.object_lemmas):
                continue
            return pattern
        return None

    def _event(
        self,
        article: Article,
        doc: Doc,
        clause: Clause,
        pattern: Pattern,
        actors: ArticleActors,
    ) -> Event | None:
        roles = _assign_roles(clause, pattern, actors)
        if not roles.sources:
            return None
        cameo = self._cameo.get(pattern.code)
        reciprocal = pattern.reciprocal and (len(roles.sources) > 1 or bool(roles.targets))
        if not roles.targets and not reciprocal and cameo.root not in _TARGETLESS_ROOTS:
            return None
        modality, modality_cue = _modality(clause)
        sent = doc[clause.predicate].sent
        trigger = _trigger_span(doc, clause, pattern)
        place, place_span = _place(clause, actors)
        evidence = Evidence(
            article_id=article.id,
            sentence_index=clause.sentence,
            sentence=_char_span(doc, sent.start, sent.end),
            trigger=trigger,
            source=tuple(m.span for m in roles.sources),
            target=tuple(m.span for m in roles.targets),
            place=place_span,
        )
        reasons = [
            f"pattern:{pattern.id}",
            *(f"source:{m.rule}" for m in roles.sources),
            *(f"target:{m.rule}@{roles.target_slot}" for m in roles.targets),
        ]
        if reciprocal:
            reasons.append("reciprocal")
        if modality_cue:
            reasons.append(f"modality:{modality_cue}")
        return Event(
            id=_event_id(article.id, clause, pattern, roles),
            article_id=article.id,
            date=article.date,
            date_precision="publication" if article.date else "unknown",
            sources=roles.sources,
            targets=roles.targets,
            cameo=cameo,
            plover=plover_for(cameo.code),
            evidence=evidence,
            modality=modality,
            reciprocal=reciprocal,
            location=place,
            confidence=_confidence(pattern, roles, modality),
            reasons=tuple(reasons),
        )


def _assign_roles(clause: Clause, pattern: Pattern, actors: ArticleActors) -> _Roles:
    # In the passive the grammatical subject is the patient: "X was attacked by Y".
    source_heads = clause.agents if clause.passive else clause.subjects
    object_heads = clause.subjects if clause.passive else clause.objects
    sources = _resolve_all(source_heads, actors)
    source_ids = {m.actor.id for m in sources}
    for slot in pattern.targets:
        heads = _slot_heads(slot, clause, object_heads)
        targets = tuple(m for m in _resolve_all(heads, actors) if m.actor.id not in source_ids)
        if targets:
            return _Roles(sources, targets, slot)
    return _Roles(sources, (), "")


def _slot_heads(slot: str, clause: Clause, object_heads: tuple[int, ...]) -> tuple[int, ...]:
    if slot == "object":
        return object_heads
    if slot == "dative":
        return clause.datives
    if slot == "place":
        return clause.places
    kind, _, prep = slot.partition(":")
    pool = clause.object_preps if kind == "object.prep" else clause.preps
    return tuple(
        h for arg in pool if prep == "*" or arg.via.endswith(f":{prep}") for h in arg.heads
    )


def _resolve_all(heads: tuple[int, ...], actors: ArticleActors) -> tuple[Mention, ...]:
    found: dict[str, Mention] = {}
    for head in heads:
        for mention in actors.resolve_group(head):
            found.setdefault(mention.actor.id, mention)
    return tuple(found.values())


def _modality(clause: Clause) -> tuple[Modality, str]:
    """The clause's modality and the cue that set it ("" when simply asserted)."""
    if clause.negated:
        return "negated", "negation"
    if clause.governor in _NEGATING_GOVERNORS:
        return "negated", f"governor:{clause.governor}"
    if clause.conditional:
        return "hypothetical", "conditional"
    if clause.modal in MODAL_FUTURE:
        return "future", f"modal:{clause.modal}"
    if clause.modal in MODAL_HYPOTHETICAL:
        return "hypothetical", f"modal:{clause.modal}"
    if clause.governor:
        return "intent", f"governor:{clause.governor}"
    return "asserted", ""


def _trigger_span(doc: Doc, clause: Clause, pattern: Pattern) -> Span:
    """The verb, stretched to its event noun for light-verb patterns ("held ... talks")."""
    start = end = clause.predicate
    if pattern.objects:
        for i in clause.objects:
            if doc[i].lemma_.lower() in pattern.objects:
                start, end = min(start, i), max(end, i)
                break
        else:
            # The event noun was framed: "held a session of talks".
            for token in doc[clause.predicate].subtree:
                if token.lemma_.lower() in pattern.objects and token.dep_ == "pobj":
                    start, end = min(start, token.i), max(end, token.i)
                    break
    return _char_span(doc, start, end + 1)


def _place(clause: Clause, actors: ArticleActors) -> tuple[Place | None, Span | None]:
    """The first locative phrase of the clause that names a country or capital."""
    for head in clause.places:
        mention = actors.resolve(head)
        if mention is not None and mention.actor.kind == "country":
            return Place(name=mention.span.text, country=mention.actor.country), mention.span
    return None, None


def _char_span(doc: Doc, start_token: int, end_token: int) -> Span:
    """Character span of tokens [start, end), trailing whitespace trimmed."""
    span = doc[start_token:end_token]
    text = span.text.rstrip()
    return Span(span.start_char, span.start_char + len(text), text)


def _confidence(pattern: Pattern, roles: _Roles, modality: Modality) -> float:
    """A rough 0-1 score: a specific pattern and actors on both sides raise it.

    Uncalibrated for now; calibration against gold data comes with the event
    coding work. Stated so that users do not read it as a probability.
    """
    score = 0.45
    if pattern.objects:
        score += 0.15
    if roles.targets:
        score += 0.2
    if all(m.rule.startswith(("country", "person-title")) for m in roles.sources):
        score += 0.1
    if modality != "asserted":
        score -= 0.1
    return round(min(score, 0.95), 2)


def _event_id(article_id: str, clause: Clause, pattern: Pattern, roles: _Roles) -> str:
    """Deterministic across runs and processes (hashlib, never ``hash()``)."""
    key = "|".join(
        [
            article_id,
            str(clause.sentence),
            str(clause.predicate),
            pattern.code,
            ",".join(m.actor.id for m in roles.sources),
            ",".join(m.actor.id for m in roles.targets),
        ]
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
