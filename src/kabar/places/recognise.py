"""Find the place names (toponyms) of a parsed article.

Two sources, in text order, never overlapping:

* spaCy's ``GPE`` and ``LOC`` entities (kabar's entity ruler tags every country
  name and capital as ``GPE``), and ``FAC`` entities the gazetteer knows;
* gazetteer names the statistical tagger missed or mislabelled (measured on the
  small English model: "met in Kant" gives ``PERSON``, "Pandi, Bulacan" an ``ORG``),
  taken only where the syntax says place: a capitalised span that is the object of
  a locative preposition ("in", "near", "from" ...), follows "<place>, " ("Pandi,
  Bulacan") or is a conjunct of a place ("in Temryuk and Anapa"). A lower-case
  word is never a candidate ("of", "chad"), nor a name in other roles ("Kant
  argued that ..."), nor a span the entity ruler gave to a known actor, nor a
  nationality adjective (``NORP``: "Kyrgyz" is a demonym, not a place).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kabar.model import Span
from kabar.places.gazetteer import Gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

_PLACE_LABELS = frozenset({"GPE", "LOC"})
# Statistical labels a place name is often mistaken for; the ruler's labels carry
# an actor id and are never overridden.
# The tagger's own NORP (no ruler id) is as often a town ("near the town of Samarra"
# gives NORP); a nationality adjective the ruler knows carries an id.
_OVERRIDABLE = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC", "LAW", "NORP"})
_LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "from", "to", "into", "outside", "inside", "across", "around",
     "throughout", "towards", "toward", "via", "between", "through", "within", "off"}
)  # fmt: skip
# Prepositions whose object is where something happens ("talks in Bishkek"), not
# where it comes from or goes to ("took over from Kyrgyzstan"): event location.
_WHERE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within", "off"}
)
# Nouns of "the town of X": X stands where the noun stands ("in the city of Kirkuk").
_PLACE_NOUNS = frozenset(
    {"town", "city", "village", "province", "region", "district", "enclave", "capital",
     "port", "state", "county", "island", "suburb", "area", "outskirts", "sector",
     "part", "neighbourhood", "neighborhood", "quarter", "centre", "center", "heart",
     "streets", "edge", "border", "coast", "north", "south", "east", "west"}
)  # fmt: skip
# People named by where they live or what they govern: "residents of X".
_PEOPLE_OF_PLACES = frozenset({"resident", "native", "mayor", "governor", "inhabitant"})
# Words after a place name that make it the name of a disease.
_PATHOGEN_WORDS = frozenset(
    {"virus", "viruses", "fever", "flu", "influenza", "ebolavirus", "disease", "encephalitis"}
)
# Capitalised words an entity may be widened by on each side to a known name.
_WIDEN = 2
# Longest gazetteer name tried over running text, in tokens ("Santa Cruz de la Sierra").
_MAX_TOKENS = 5
_ARTICLES = frozenset({"the", "The", "THE"})


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name in ``Article.text``: its span, sentence index and how it was found
    (``"ner:GPE"``, ``"ner:LOC"``, ``"ner:FAC"``, ``"gazetteer:prep"``, ``"gazetteer:list"``,
    ``"gazetteer:conj"``, ``"gazetteer:of"``).
    ``country_hint`` is the ISO3 code the entity ruler attached to a country name or
    capital, else None. ``prep`` is the preposition whose object the name is ("in"
    for "in Bishkek", "in the town of Gorazde", and "in Pandi, Bulacan"), or "".
    ``locative`` says it names where something happens ("in", "at", "near" ...),
    not where it goes or comes from ("to", "from")."""

    span: Span
    sentence: int
    rule: str
    country_hint: str | None = None
    prep: str = ""

    @property
    def locative(self) -> bool:
        return self.prep in _WHERE_PREPS


def recognise(doc: Doc, gazetteer: Gazetteer) -> tuple[Toponym, ...]:
    """Every toponym of the parse, in text order."""
    sentence_of = {sent.start: index for index, sent in enumerate(doc.sents)}
    found: list[Toponym] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in _PLACE_LABELS or (
            ent.label_ == "FAC" and gazetteer.candidates(_strip_article(ent).text)
        ):
            span = _strip_article(ent)
            if len(span) == 0 or not _capitalised(span[0]):
                # The statistical tagger calls "turkey" and "china" GPE in lower case.
                continue
            if span.end < len(doc) and doc[span.end].lower_ in _PATHOGEN_WORDS:
                continue  # "West Nile virus", "Marburg fever": a disease's name
            span = _widen(span, gazetteer, taken)
            ruler_id = ent.ent_id_
            hint = (
                ruler_id.split(":")[0]
                if ":" in ruler_id and not ruler_id.startswith("kb:")
                else None
            )
            found.append(
                Toponym(
                    _char_span(span),
                    _sentence(span, sentence_of),
                    f"ner:{ent.label_}",
                    hint,
                    _where_prep(span),
                )
            )
            taken.update(range(span.start, span.end))
    found.extend(_gazetteer_spans(doc, gazetteer, taken, found, sentence_of))
    return tuple(sorted(found, key=lambda t: t.span.start))


def _gazetteer_spans(
    doc: Doc,
    gazetteer: Gazetteer,
    taken: set[int],
    found: list[Toponym],
    sentence_of: dict[int, int],
) -> list[Toponym]:
    by_end = {t.span.end: t for t in found}
    extra: list[Toponym] = []
    i = 0
    while i < len(doc):
        adjective = doc[i].ent_type_ == "NORP" and bool(doc[i].ent_id_)
        if i in taken or not _capitalised(doc[i]) or not (_free(doc[i]) or adjective):
            i += 1
            continue
        match = _longest_match(doc, i, gazetteer, taken)
        if (
            match is None
            # A nationality adjective starts a place only as part of a longer name
            # ("British Columbia"), never alone ("British").
            or (adjective and match - i < 2)
            # "at the University of ...", "the Center": a common noun capitalised in
            # a name; place names rarely take "the".
            or (i > 0 and doc[i - 1].lower_ == "the")
            or (match < len(doc) and doc[match].lower_ == "of")
        ):
            i += 1
            continue
        span = doc[i:match]
        rule, before = _place_context(span, by_end)
        if rule is None:
            i += 1
            continue
        prep = _where_prep(span) or (before.prep if before is not None else "")
        toponym = Toponym(_char_span(span), _sentence(span, sentence_of), rule, None, prep)
        extra.append(toponym)
        by_end[toponym.span.end] = toponym
        taken.update(range(span.start, span.end))
        i = match
    return extra


def _widen(span: SpacySpan, gazetteer: Gazetteer, taken: set[int]) -> SpacySpan:
    """The entity with the proper nouns around it, when the gazetteer knows the
    longer name: the tagger often gives "Santa" of "Santa Ana", "Mexico" of "New
    Mexico", "America" of "North America"."""
    doc = span.doc
    best = span
    for left in range(span.start, max(span.start - _WIDEN, 0) - 1, -1):
        if left < span.start and (
            left in taken or doc[left].pos_ != "PROPN" or doc[left].ent_type_ == "PERSON"
        ):
            break
        for right in range(span.end, min(span.end + _WIDEN, len(doc)) + 1):
            if right > span.end and (right - 1 in taken or doc[right - 1].pos_ != "PROPN"):
                break
            if (left, right) != (span.start, span.end) and right - left > len(best):
                wider = doc[left:right]
                if gazetteer.candidates(wider.text):
                    best = wider
    return best


def _longest_match(doc: Doc, start: int, gazetteer: Gazetteer, taken: set[int]) -> int | None:
    """End token of the longest capitalised run from ``start`` that the gazetteer knows."""
    end = start
    while (
        end < len(doc)
        and end - start < _MAX_TOKENS
        and end not in taken
        # A nationality adjective the entity ruler tagged may start a name ("British
        # Columbia"); the caller keeps it only as part of a longer one.
        and (_free(doc[end]) or (end == start and doc[end].ent_type_ == "NORP"))
        and (_capitalised(doc[end]) or (end > start and doc[end].lower_ in {"de", "del", "la"}))
    ):
        end += 1
    for stop in range(end, start, -1):
        if _capitalised(doc[stop - 1]) and gazetteer.candidates(doc[start:stop].text):
            return stop
    return None


def _place_context(
    span: SpacySpan, by_end: dict[int, Toponym]
) -> tuple[str | None, Toponym | None]:
    """Why this span is a place, or None: the object of a locative preposition, or
    the second of "<place>, <name>" (then also the place before it)."""
    if _governing_prep(span):
        return "gazetteer:prep", None
    root = span.root
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lemma_.lower() in _PLACE_NOUNS | _PEOPLE_OF_PLACES
    ):
        # "The town of Beitbridge, which ...", "a resident of Torun": the noun says
        # place wherever the phrase stands.
        return "gazetteer:of", None
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == ",":
        before = doc[span.start - 2]
        previous = by_end.get(before.idx + len(before.text))
        if previous is not None:
            return "gazetteer:list", previous
    if span.root.dep_ == "conj":
        # "in Temryuk and Anapa": a conjunct of a place is a place.
        head = span.root.head
        previous = by_end.get(head.idx + len(head.text))
        if previous is not None:
            return "gazetteer:conj", previous
    return None, None


def _where_prep(span: SpacySpan) -> str:
    """The preposition of the phrase a known place stands in: as
    :func:`_governing_prep`, and also for a name that modifies the preposition's
    object ("in a West Bank refugee camp", "in Greece's biggest trial") or stands
    in apposition to it ("in the capital Kabul"). Only for spans known to be
    places: a capitalised modifier is no place by itself ("in a Ford factory")."""
    direct = _governing_prep(span)
    root = span.root
    if direct or root.dep_ not in {"compound", "poss", "appos"}:
        return direct
    head = root.head
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head  # "West Bank refugee camp": Bank -> refugee -> camp
    return _governing_prep(head.doc[head.i : head.i + 1])


def _governing_prep(span: SpacySpan) -> str:
    """The preposition the span is the object of, through "the <town> of": "in" for
    "in the northern city of Kirkuk"; "" when none."""
    root = span.root
    if root.dep_ != "pobj":
        return ""
    prep = root.head
    if prep.lower_ == "to" and prep.head.lower_ in {"according", "thanks", "due"}:
        return ""  # "according to Harden": a source, not a destination
    if prep.lower_ == "of" and prep.head.lemma_.lower() in _PLACE_NOUNS:
        noun = prep.head
        if noun.dep_ == "pobj":
            outer = noun.head
            if outer.lower_ == "of" and outer.head.lower_ in _LOCATIVE_PREPS:
                outer = outer.head  # "outside of the city of Basra"
            if outer.lower_ in _LOCATIVE_PREPS:
                return outer.lower_
    if prep.lower_ == "of" and prep.head.lower_ in {"outside", "inside"}:
        return prep.head.lower_  # "outside of Basra"
    return prep.lower_ if prep.lower_ in _LOCATIVE_PREPS else ""


def _capitalised(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and any(ch.isalpha() for ch in text)


def _free(token: Token) -> bool:
    """Not inside an entity that says it is something other than a place."""
    if not token.ent_type_:
        return True
    return token.ent_type_ in _OVERRIDABLE and not token.ent_id_


def _strip_article(ent: SpacySpan) -> SpacySpan:
    start = ent.start
    while start < ent.end and ent.doc[start].text in _ARTICLES:
        start += 1
    return ent.doc[start : ent.end]


def _sentence(span: SpacySpan, sentence_of: dict[int, int]) -> int:
    return sentence_of.get(span.sent.start, 0)


def _char_span(span: SpacySpan) -> Span:
    text = span.text.rstrip()
    return Span(span.start_char, span.start_char + len(text), text)
