"""Learning from the text: who holds which office, as the news says it.

News names office holders in two set phrases, and this module reads both from the
dependency parse of an article:

* a title before the name: "Kyrgyz President Sadyr Japarov", "Russia's Foreign
  Minister Sergei Lavrov", "President Sadyr Japarov of Kyrgyzstan", "President of
  Uzbekistan Shavkat Mirziyoyev", "the Kazakh prime minister, Olzhas Bektenov";
* an apposition after it: "Japarov, the president of Kyrgyzstan", "Sergei Lavrov,
  Russia's foreign minister".

Each reading is a :class:`Claim`: a person's name, a country (ISO3, through the
country table the entity ruler tags), an office (through the role table) and the
evidence. Only titles that name an office count: vague ones ("leader",
"spokesman"), qualified ones ("former", "acting", "deputy" when the role table has
no such office) and non-titles ("journalist") are ignored, and so is a title with
no country next to it. Claims are only read here; :mod:`kabar.actors.learned_store`
keeps them, apart from the KB, which learning never changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from kabar.actors.countries import CountryTable, Role, RoleTable
from kabar.actors.resolve import (
    _TITLE_WORDS,
    _entity_tokens,
    _modifier_tokens,
    _name_tokens,
    _ruler_id,
    _title_holder,
)
from kabar.model import Article, Span

if TYPE_CHECKING:
    import datetime as dt

    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["Claim", "ClaimEvidence", "ClaimForm", "ClaimReader", "article_digest"]

ClaimForm = Literal["title", "apposition"]

# Titles that name no particular office: a "leader" may lead a party, a rebel group
# or a country; a "spokesman" or "secretary" speaks or writes for anyone; a
# "commander" may command rebels. Learning them would file guesses as facts.
_VAGUE = frozenset(
    {"leader", "spokesman", "spokesperson", "spokeswoman", "secretary", "commander", "envoy"}
)
# Modifiers that change what a title says about the present: "former", "late" and
# "then" put it in the past, "acting", "deputy" and "vice" make it another office
# (kept when the role table lists the whole phrase: "deputy prime minister").
_QUALIFIERS = frozenset(
    {"former", "ex", "late", "then", "acting", "interim", "deputy", "vice", "designate",
     "outgoing", "would-be", "first", "junior", "assistant", "shadow"}
)  # fmt: skip
# The longest role phrase tried before a title head ("deputy foreign minister").
_MAX_TITLE_WORDS = 3
# Longer runs of proper nouns are names of things ("Kyrgyz National Energy Holding").
_MAX_NAME_TOKENS = 4
_NAME_DEPS = frozenset({"compound", "nmod"})
# Words that make a run of proper nouns a place or body, not a person ("Queen Mary
# University", "Bishkek City Council"), whatever the entity label says.
_NOT_NAMES = frozenset(
    {"university", "college", "school", "institute", "hospital", "academy", "museum",
     "foundation", "bank", "party", "council", "ministry", "company", "corporation",
     "group", "agency", "court", "airport", "street", "square", "church", "mosque",
     "army", "front", "times", "news", "post"}
)  # fmt: skip
_NOUNS = frozenset({"NOUN", "PROPN"})
# Entity labels a personal name may carry: the statistical NER often calls a name
# it does not know an ORG ("Murat Nurtleu"), and some names get none.
_NAME_LABELS = frozenset({"PERSON", "ORG", ""})


def article_digest(text: str) -> str:
    """A short content hash of an article body: one article however it is named.

    Article ids repeat across inputs (``kabar.code`` names every text "text"), so the
    store recognises a re-recorded article by its text, not its id.
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class ClaimEvidence:
    """Where a claim was read.

    ``sentence`` is the sentence's span of ``Article.text`` and ``mention`` the
    span of the name with its title (inside the sentence); ``digest`` is
    :func:`article_digest` of the article text; ``date`` the publication date, or
    None when the article had none.
    """

    article_id: str
    digest: str
    sentence_index: int
    sentence: Span
    mention: Span
    date: dt.date | None


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement of the text that a person holds an office.

    Invariants: ``name`` is the personal name as written, one to four words, never
    a title word; ``country`` is an ISO3 code of the country table; ``title`` is
    lower case with hyphens as spaces, and is or ends with a phrase of the role table
    ("foreign minister", "oil minister"), whose ``sector`` it carries; ``office``
    reads like a KB office ("Foreign Minister of Russia").
    """

    name: str
    country: str
    sector: str
    title: str
    office: str
    form: ClaimForm
    evidence: ClaimEvidence


class ClaimReader:
    """Reads claims from parsed articles; holds only the two lookup tables."""

    __slots__ = ("_countries", "_roles")

    def __init__(self, countries: CountryTable, roles: RoleTable) -> None:
        self._countries = countries
        self._roles = roles

    def read(self, article: Article, doc: Doc) -> tuple[Claim, ...]:
        """Every claim of one parsed article, in text order, one per name mention.

        Cheap when there is nothing to find: one pass over the tokens, and the
        role lookups happen only for dependents of proper nouns.
        """
        found: list[tuple[Token, Token, ClaimForm]] = []
        for token in doc:
            if token.pos_ not in _NOUNS:
                continue
            if self._roles.lookup(token.lower_) is not None:
                # "President of Uzbekistan Shavkat Mirziyoyev": the title is the head.
                # The name must be a person's: "Chancellor of the Exchequer" is no one.
                holder = _title_holder(token)
                if holder is not None and holder.ent_type_ == "PERSON":
                    found.append((holder, token, "title"))
                continue
            if token.dep_ == "compound" or token.pos_ != "PROPN":
                continue  # not the last word of a name
            for child in token.children:
                if child.dep_ in _NAME_DEPS and child.i < token.i:
                    found.append((token, child, "title"))
                elif child.dep_ == "appos":
                    found.append((token, child, "apposition"))
        if not found:
            return ()
        claims: list[Claim] = []
        seen: set[int] = set()
        context = _ArticleContext(article, doc)
        for name_head, title_head, form in found:
            if name_head.i in seen:
                continue
            claim = self._claim(context, name_head, title_head, form)
            if claim is not None:
                seen.add(name_head.i)
                claims.append(claim)
        return tuple(sorted(claims, key=lambda c: c.evidence.mention.start))

    def _claim(
        self, context: _ArticleContext, name_head: Token, title_head: Token, form: ClaimForm
    ) -> Claim | None:
        office = self._office(title_head)
        if office is None:
            return None
        role, title, title_tokens = office
        country = self._country(title_head, name_head) or self._country_before(
            title_head.doc, min(title_tokens)
        )
        if country is None:
            return None
        iso3, country_tokens = country
        name_tokens = self._name(name_head)
        if name_tokens is None:
            return None
        doc = name_head.doc
        name = context.full_name(doc[name_tokens[0] : name_tokens[-1] + 1].text)
        indices = (*name_tokens, *title_tokens, *country_tokens)
        if form == "apposition":
            indices = (*indices, *(t.i for t in title_head.subtree))
        nation = self._countries.get(iso3)
        place = nation.name if nation is not None else iso3
        return Claim(
            name=name,
            country=iso3,
            sector=role.sector,
            title=title,
            office=f"{_capitalise(title)} of {place}",
            form=form,
            evidence=context.evidence(min(indices), max(indices)),
        )

    def _office(self, title: Token) -> tuple[Role, str, tuple[int, ...]] | None:
        """The role a title head names with the words before it, longest phrase first
        ("deputy prime minister" over "prime minister"), the title as written (lower
        case, hyphens as spaces) and its tokens; None when vague or qualified.

        Nouns compounded before a role-table phrase stay in the title: "Oil
        Minister" is the title "oil minister", with the sector of "minister".
        """
        before = sorted(
            (c for c in title.children if c.dep_ in {"compound", "amod"} and c.i < title.i),
            key=lambda t: t.i,
        )
        # The contiguous run of words right before the head, without the country.
        run: list[Token] = []
        for word in reversed(before):
            if word.i != title.i - len(run) - 1 or _ruler_id(word)[0]:
                break
            run.insert(0, word)
        for size in range(min(len(run), _MAX_TITLE_WORDS - 1), -1, -1):
            words = run[len(run) - size :]
            role = self._roles.lookup(" ".join([*(w.lower_ for w in words), title.lower_]))
            if role is None and not words:
                role = self._roles.lookup(title.lemma_.lower())
            if role is None:
                continue
            used = {w.i for w in words}
            qualified = (
                any(
                    c.lower_.rstrip("-") in _QUALIFIERS and c.i not in used
                    for c in title.children
                    if c.dep_ in {"compound", "amod", "advmod"} and c.i < title.i
                )
                or any(_other_of(c) for c in title.children)
                or _qualifier_before(title.doc, min((*used, title.i)))
            )
            if qualified or role.kind != "person" or not role.title or role.phrase in _VAGUE:
                return None
            extra = run[: len(run) - size]
            while extra and extra[0].dep_ != "compound":
                extra = extra[1:]  # "new" in "new energy minister" is no part of the office
            if any(w.dep_ != "compound" for w in extra):
                extra = []
            words = [*extra, *words]
            text = " ".join([*(w.lower_ for w in words), role.phrase]) if extra else role.phrase
            return role, text.replace("-", " "), (*(w.i for w in words), title.i)
        return None

    def _country(self, title: Token, name: Token) -> tuple[str, tuple[int, ...]] | None:
        """The country of a title: the nearest country among the modifiers and
        of/from/in phrases of the title or the name that is attached to one of the two.

        "Brazil's central bank President X" and "President of the Indian Chambers"
        name no country's office: there the country qualifies another noun.
        """
        anchors = {title.i, name.i}
        candidates = sorted(
            {t.i: t for t in (*_modifier_tokens(title), *_modifier_tokens(name))}.values(),
            key=lambda t: min(abs(t.i - title.i), abs(t.i - name.i)),
        )
        for candidate in candidates:
            iso3, _ = _ruler_id(candidate)
            if not iso3 or candidate.i in anchors or self._countries.get(iso3) is None:
                continue
            # Climb to the root of the country's own entity ("Russian Federation").
            root = candidate
            while root.head.i != root.i and _ruler_id(root.head)[0] == iso3:
                root = root.head
            head = root.head
            of_phrase = (
                root.dep_ == "pobj"
                and head.dep_ == "prep"
                and head.head.i in anchors
                # "the president of Pegida Canada" heads an organisation named for it.
                and not any(c.dep_ == "compound" and c.i < root.i for c in root.children
                            if _ruler_id(c)[0] != iso3)
            )  # fmt: skip
            if head.i in anchors or of_phrase:
                return iso3, _entity_tokens(candidate)
        return None

    def _country_before(self, doc: Doc, first: int) -> tuple[str, tuple[int, ...]] | None:
        """A country written right before the title ("Kyrgyz Interior Minister"), for
        when the parser attached it elsewhere (a coordination read as apposition);
        never the object of a preposition ("Bank of Japan Governor")."""
        before = first - 1
        if before > 0 and doc[before].tag_ == "POS":
            before -= 1  # "Russia's"
        if before < 0 or doc[before].dep_ == "pobj":
            return None
        iso3, _ = _ruler_id(doc[before])
        if iso3 and self._countries.get(iso3) is not None:
            return iso3, _entity_tokens(doc[before])
        return None

    def _name(self, head: Token) -> tuple[int, ...] | None:
        """The personal name ending at ``head`` (token indices), or None when the words
        are no personal name: a country, a KB organisation, a title, an acronym."""
        label = head.ent_type_
        if label not in _NAME_LABELS or _ruler_id(head)[0]:
            return None
        if label == "ORG" and head.ent_id_.startswith("kb:"):
            return None  # a KB organisation ("OPEC"), never a person
        if label == "PERSON":
            indices = tuple(i for i in _entity_tokens(head) if i <= head.i)
            # Some KB aliases carry the title ("President Vladimir Putin"): drop it.
            while len(indices) > 1 and self._is_title_word(head.doc[indices[0]]):
                indices = indices[1:]
        else:
            indices = _name_tokens(head)
            # A given name that is also a KB person ("Khalid") stops _name_tokens.
            first = head.doc[indices[0]]
            while first.i > 0:
                prev = head.doc[first.i - 1]
                if not (prev.ent_type_ == "PERSON" and prev.dep_ == "compound"):
                    break
                if prev.head.i not in indices:
                    break
                indices = (prev.i, *indices)
                first = prev
        words = [head.doc[i] for i in indices]
        if not words or len(words) > _MAX_NAME_TOKENS or words[0].tag_ == "HYPH":
            return None
        after = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
        if after is not None and after.pos_ == "PROPN" and after.ent_type_ == "PERSON":
            return None  # the parse cut the name short ("President Donald | Trump")
        for word in words:
            if word.tag_ == "HYPH":
                continue
            text = word.text
            if (
                word.pos_ != "PROPN"
                or not text[:1].isupper()
                or (len(text) > 1 and text.isupper())
                or self._is_title_word(word)
                or word.lower_ in _NOT_NAMES
                or _ruler_id(word)[0]
            ):
                return None
        return indices

    def _is_title_word(self, word: Token) -> bool:
        return word.lower_ in _TITLE_WORDS or self._roles.lookup(word.lower_) is not None


class _ArticleContext:
    """What claims of one article share, worked out once and only when needed:
    sentence boundaries, the content digest and the full names the article uses."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self._article = article
        self._doc = doc
        self._digest: str | None = None
        self._sentences: list[tuple[int, int]] | None = None
        self._surnames: dict[str, set[str]] | None = None

    def evidence(self, first: int, last: int) -> ClaimEvidence:
        doc = self._doc
        if self._sentences is None:
            self._sentences = [_trimmed(sent) for sent in doc.sents]
        if self._digest is None:
            self._digest = article_digest(self._article.text)
        index = next(
            (n for n, (start, end) in enumerate(self._sentences) if start <= first < end), 0
        )
        start, end = self._sentences[index] if self._sentences else (0, len(doc))
        return ClaimEvidence(
            article_id=self._article.id,
            digest=self._digest,
            sentence_index=index,
            sentence=_span(doc, start, end - 1),
            mention=_span(doc, first, last),
            date=self._article.date,
        )

    def full_name(self, name: str) -> str:
        """A one-word name as the full name the article gives it once, when it gives
        exactly one ("Japarov" after "Sadyr Japarov"); else the name as written."""
        if " " in name:
            return name
        if self._surnames is None:
            self._surnames = {}
            for ent in self._doc.ents:
                # Titles the entity took in ("Prince Salman") are no part of the name.
                words = [t for t in ent if t.lower_ not in _TITLE_WORDS]
                if ent.label_ == "PERSON" and len(words) > 1 and words[-1].i == ent.end - 1:
                    text = self._doc[words[0].i : ent.end].text
                    self._surnames.setdefault(ent[-1].lower_, set()).add(text)
        full = self._surnames.get(name.lower(), set())
        return next(iter(full)) if len(full) == 1 else name


def _qualifier_before(doc: Doc, first: int) -> bool:
    """A qualifier written just before a title, whatever the parse made of it: the
    parser often hangs "Vice" of "Vice-President" on the name instead."""
    before = first - 1
    if before >= 0 and doc[before].text == "-":
        before -= 1
    return before >= 0 and doc[before].lower_ in _QUALIFIERS


def _other_of(child: Token) -> bool:
    """An "of" phrase naming neither a country nor a person: it makes the title another
    office ("Chancellor of the Exchequer", "Minister of State", "President of the
    Chambers of Commerce")."""
    if child.dep_ != "prep" or child.lower_ != "of":
        return False
    return any(
        pobj.dep_ == "pobj" and not _ruler_id(pobj)[0] and pobj.ent_type_ != "PERSON"
        for pobj in child.children
    )


def _trimmed(sent: SpacySpan) -> tuple[int, int]:
    """A sentence's token range without the whitespace tokens spaCy attaches to it
    (paragraph breaks), so the evidence sentence is clean text."""
    start, end = sent.start, sent.end
    while end - 1 > start and sent.doc[end - 1].is_space:
        end -= 1
    return start, end


def _span(doc: Doc, first: int, last: int) -> Span:
    start = doc[first].idx
    end = doc[last].idx + len(doc[last].text)
    # doc[first:last + 1].text, not doc.text[...]: Doc.text rebuilds the whole text.
    return Span(start, end, doc[first : last + 1].text)


def _capitalise(phrase: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in phrase.split())
