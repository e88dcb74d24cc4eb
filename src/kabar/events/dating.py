"""Give each coded event its date: find its date expression, read its tense, resolve.

The expression is a spaCy DATE or TIME entity (neighbours such as "Tuesday" +
"night" joined, a placing preposition before it included). Which one belongs
to an event, best first:

1. ``clause``: the expression hangs on the event's trigger ("met *on Tuesday*",
   "talks *on Tuesday*") with no other verb in between;
2. ``complement``: it sits lower in the trigger's subtree, reached only through
   infinitive complements and conjoined verbs ("agreed to meet *on Friday*");
3. ``sentence``: any other expression of the sentence, nearest first, except
   those inside a relative or adverbial clause ("the CIS, formed *in 1991*",
   "since the crisis broke *last November*") and those modifying a noun ("the
   *1986* level"): they date something else.

Tense comes from the verb the expression hangs on (its auxiliaries and
morphology: "will", "has", ``Tense=Past``); for a sentence-level expression,
whose link to the event is unknown, from the trigger itself, so that a past
event never takes a future date from elsewhere in the sentence; and it is left
alone when the verb it hangs on looks the other way in time ("criticized Belarus
on Monday, and said Paris could impose sanctions": Monday is not the sanctions'). An event coded
as future is future whatever its verb says. Without a usable expression the
event keeps the publication date, with precision ``publication`` and a reason
saying it is the fallback; without a publication date either, ``unknown``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from kabar.dates import MONTH_NAMES, WEEKDAY_NAMES, ResolvedDate, Tense, resolve_date
from kabar.model import DatePrecision, Event, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Attachment = Literal["clause", "complement", "sentence"]
_RANK: dict[Attachment, int] = {"clause": 0, "complement": 1, "sentence": 2}

_DATE_LABELS = frozenset({"DATE", "TIME"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# Verbs reached through these links still belong to the event's clause.
_SAME_CLAUSE_DEPS = frozenset({"xcomp", "conj"})
# An expression in one of these clauses dates what that clause modifies ("the
# CIS, formed in 1991"; "since the crisis broke last November"), never another
# event of the sentence.
_SUBORDINATE_DEPS = frozenset({"relcl", "acl", "advcl"})
# A date modifying a noun dates that noun ("the 1986 level", "the December accord").
_NOUN_MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "poss", "nmod"})
# Gaps allowed between two entities of one expression: none ("Tuesday" +
# "night"), a possessive ("Tuesday's morning"), or a comma after a weekday
# ("Tuesday, Oct. 17"; after anything else a comma starts a new expression:
# "on Oct. 12, two days after the attack").
_POSSESSIVES = frozenset({"'s", "\u2019s"})


@dataclass(frozen=True, slots=True)
class EventDate:
    """The date an event gets, and why.

    ``precision`` is one of ``day``/``week``/``month``/``year`` when an
    expression was resolved (then ``span`` is that expression), ``publication``
    for the publication-date fallback and ``unknown`` when there is no date at
    all (``date`` is then ``None``). ``reason`` is a short readable string that
    starts with the rule (``"weekday:most-recent 'on Tuesday' (clause)"``).
    """

    date: dt.date | None
    precision: DatePrecision
    reason: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class _Expression:
    """Token range [start, end) of one date expression and its syntactic head."""

    start: int
    end: int
    root: int


class EventDater:
    """Dates the events of one parsed article; built once per article."""

    def __init__(self, doc: Doc, published: dt.date | None) -> None:
        self._doc = doc
        self._published = published
        self._expressions = list(_expressions(doc))

    def date(self, event: Event) -> EventDate:
        """The event's date from its clause, else its sentence, else publication."""
        anchors = self._trigger_tokens(event.evidence.trigger)
        if anchors:
            unread: list[str] = []
            elsewhere: list[str] = []
            for expression, attachment, verb, own_verb in self._candidates(anchors):
                tense = _tense(verb, event.modality)
                if attachment == "sentence" and (tense == "future") != (
                    _tense(own_verb, "asserted") == "future"
                ):
                    # "France criticized Belarus on Monday, and said Paris could
                    # impose sanctions": Monday dates the criticism, not what may
                    # come; nor does a planned date date a past act.
                    elsewhere.append(self._doc[expression.start : expression.end].text)
                    continue
                resolved = self._resolve(expression, tense)
                if resolved is not None:
                    return _dated(resolved, attachment)
                unread.append(self._doc[expression.start : expression.end].text)
            if unread:
                listed = ", ".join(repr(t) for t in unread)
                return self._fallback(f"{listed} could not be resolved")
            if elsewhere:
                listed = ", ".join(repr(t) for t in elsewhere)
                return self._fallback(f"{listed} dates another clause, in another tense")
        return self._fallback("no date expression in the event's clause or sentence")

    def _fallback(self, why: str) -> EventDate:
        if self._published is None:
            return EventDate(None, "unknown", f"unknown: no publication date and {why}")
        return EventDate(self._published, "publication", f"publication: fallback, {why}")

    def _trigger_tokens(self, trigger: Span) -> frozenset[int]:
        span = self._doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
        return frozenset(t.i for t in span) if span is not None else frozenset()

    def _candidates(
        self, anchors: frozenset[int]
    ) -> Iterator[tuple[_Expression, Attachment, Token | None, Token | None]]:
        """Expressions of the trigger's sentence, best attachment first, with the verb
        whose tense reads them and the verb they hang on."""
        doc = self._doc
        predicate = _span_root(doc, anchors)
        sent = predicate.sent
        trigger_verb = _verb_of(predicate)
        ranked: list[tuple[int, int, _Expression, Attachment, Token | None, Token | None]] = []
        for expression in self._expressions:
            if not sent.start <= expression.root < sent.end:
                continue
            # Sentence-initial dates are adverbials even when misparsed as modifiers
            # of the subject ("Last night rebels attacked", "In 2019 Russia ...").
            initial = expression.start <= sent.start + 1
            attachment, own_verb = _attach(doc[expression.root], anchors, initial)
            if attachment is None:
                continue
            # A sentence-level expression's link to the event is unknown: it is
            # read in the event's tense.
            verb = trigger_verb if attachment == "sentence" else own_verb
            distance = abs(expression.root - predicate.i)
            ranked.append((_RANK[attachment], distance, expression, attachment, verb, own_verb))
        ranked.sort(key=lambda r: (r[0], r[1]))
        for _, _, expression, kind, verb, own_verb in ranked:
            yield expression, kind, verb, own_verb

    def _resolve(self, expression: _Expression, tense: Tense) -> ResolvedDate | None:
        span = self._doc[expression.start : expression.end]
        return resolve_date(span.text, self._published, tense, start=span.start_char)


def _dated(resolved: ResolvedDate, attachment: Attachment) -> EventDate:
    return EventDate(
        resolved.date,
        resolved.precision,
        f"{resolved.rule} '{resolved.span.text}' ({attachment})",
        resolved.span,
    )


def _expressions(doc: Doc) -> Iterator[_Expression]:
    """DATE/TIME entities, neighbours joined, each with a placing preposition before
    it; then the relative days an entity ruler may have overwritten ("attacked Kyiv
    last night": the actor ruler makes "Kyiv" a place and the TIME entity is gone)."""
    covered: set[int] = set()
    for expression in _entity_expressions(doc):
        covered.update(range(expression.start, expression.end))
        yield expression
    for token in doc:
        if token.i in covered:
            continue
        if token.lower_ in _BARE_DAYS:
            yield _Expression(token.i, token.i + 1, token.i)
        elif (
            token.lower_ in {"last", "this"}
            and token.i + 1 < len(doc)
            and token.i + 1 not in covered
            and doc[token.i + 1].lower_ in {"night", "morning", "afternoon", "evening"}
        ):
            yield _Expression(token.i, token.i + 2, token.i + 1)


# Relative days that need no entity to be read.
_BARE_DAYS = frozenset({"yesterday", "today", "tonight"})


def _entity_expressions(doc: Doc) -> Iterator[_Expression]:
    ents = [e for e in doc.ents if e.label_ in _DATE_LABELS]
    index = 0
    while index < len(ents):
        start, end = ents[index].start, ents[index].end
        while index + 1 < len(ents) and _joinable(doc, end, ents[index + 1].start):
            index += 1
            end = ents[index].end
        index += 1
        # "attacked Kyiv last night": the tagger may take a name into the entity.
        while start < end - 1 and doc[start].pos_ == "PROPN" and not _names_a_date(doc[start]):
            start += 1
        root = _span_root(doc, frozenset(range(start, end)))
        before = doc[start - 1] if start > 0 else None
        if before is not None and before.dep_ == "prep" and root.head.i == before.i:
            # Keep the preposition: "in two weeks" and "for two weeks" differ.
            start -= 1
        yield _Expression(start, end, root.i)


def _names_a_date(token: Token) -> bool:
    """Whether a proper noun is a month or a weekday ("March", "Nov.", "Tuesday")."""
    word = token.lower_.rstrip(".")
    return word in MONTH_NAMES or word in WEEKDAY_NAMES


def _joinable(doc: Doc, end: int, next_start: int) -> bool:
    if next_start == end:
        return True
    if next_start - end > 1:
        return False
    gap = doc[end].text
    return gap in _POSSESSIVES or (gap == "," and doc[end - 1].lower_ in WEEKDAY_NAMES)


def _span_root(doc: Doc, tokens: frozenset[int]) -> Token:
    """The token of a set whose head lies outside it (the first such, in text order)."""
    ordered = sorted(tokens)
    for i in ordered:
        token = doc[i]
        if token.head.i not in tokens or token.head.i == i:
            return token
    return doc[ordered[0]]


def _attach(
    root: Token, anchors: frozenset[int], initial: bool
) -> tuple[Attachment | None, Token | None]:
    """How an expression headed by ``root`` relates to the trigger ``anchors``, and the
    verb it hangs on: walk up the heads until the trigger or the sentence root."""
    if (
        root.dep_ in _NOUN_MODIFIER_DEPS
        and root.head.pos_ in ("NOUN", "PROPN")
        and root.head.i not in anchors
        and not initial
    ):
        return None, None
    verb: Token | None = None
    crossed_clause = False
    subordinate = False
    token = root
    while token.head.i != token.i:
        child, token = token, token.head
        if child.pos_ in ("VERB", "AUX"):
            if child.dep_ in _SUBORDINATE_DEPS:
                subordinate = True
            if child.dep_ not in _SAME_CLAUSE_DEPS:
                crossed_clause = True
        if token.i in anchors:
            if verb is None:
                return "clause", _verb_of(token)
            return (None if crossed_clause else "complement"), verb
        if verb is None and token.pos_ in ("VERB", "AUX"):
            verb = token
    return (None if subordinate else "sentence"), verb


def _verb_of(token: Token) -> Token | None:
    """The token itself if a verb, else its nearest verbal ancestor ("talks" -> "held")."""
    for candidate in (token, *token.ancestors):
        if candidate.pos_ in ("VERB", "AUX"):
            return candidate
    return None


def _tense(verb: Token | None, modality: str) -> Tense:
    """Past, present or future, from the verb's auxiliaries and morphology."""
    if modality == "future":
        return "future"
    tense = _verb_tense(verb) if verb is not None else None
    if tense is None:
        # No finite verb to read (an infinitive, a headline fragment): an intended
        # or planned act lies ahead; anything else in a news report, behind.
        return "future" if modality == "intent" else "past"
    return tense


def _verb_tense(verb: Token) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    if any(a.lemma_ == "have" for a in auxes):
        return "past"  # perfect: "has met", "had sent", "may have attacked"
    if any(a.tag_ == "MD" for a in auxes):
        return "future"  # "could strike", "would chair": not done yet
    if any(a.tag_ == "TO" for a in auxes):
        # "going to visit" is future; another infinitive takes its governor's view.
        if verb.head.lower_ == "going":
            return "future"
        return None
    for token in (*(a for a in auxes if a.lemma_ == "be"), verb):
        tenses = token.morph.get("Tense", [])
        if "Past" in tenses:
            return "past"
        if "Pres" in tenses:
            return "present"
    return None
