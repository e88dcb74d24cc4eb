"""Resolve argument heads of a parsed article to actors.

Actors are, for now, countries (by name, capital or nationality adjective, all
tagged by the entity ruler with their ISO3 code) and country-typed roles and
people: "Kyrgyz troops" -> KGZ MIL, "the Russian leader" -> RUS GOV, "Russian
Federation President Vladimir Putin" -> a person, RUS GOV, head of state. A
person resolved by a title is remembered for the rest of the article, so a
later bare "Putin" resolves to the same actor. The knowledge base of named
actors with dated roles replaces the person rules when it lands; the interface
(``ArticleActors.resolve``) stays.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kabar.actors.countries import CountryTable, Role, RoleTable
from kabar.actors.kb import KbActor, KnowledgeBase, Tenure
from kabar.model import Actor, ActorKind, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kabar.places.gazetteer import Gazetteer

# Dependents of a noun that may carry its country: "Russian troops",
# "Russian Federation President", "Kyrgyzstan's president", "troops from Chad".
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod", "nummod"})
_COUNTRY_PREPS = frozenset({"of", "from", "in", "throughout", "across"})
_NAME_ENTS = frozenset({"PERSON", "ORG", ""})


@dataclass(frozen=True, slots=True)
class _Found:
    """A resolution before it becomes a Mention: the actor and the tokens that said so."""

    actor: Actor
    tokens: tuple[int, ...]
    rule: str
    # Further countries sharing the role: "Hungarian and Romanian officials".
    also: tuple[tuple[str, tuple[int, ...]], ...] = ()


class ArticleActors:
    """Resolves argument heads of one article's parse; remembers people it has named.

    One instance per article: memory of names must not leak across articles.
    """

    def __init__(
        self,
        doc: Doc,
        countries: CountryTable,
        roles: RoleTable,
        kb: KnowledgeBase | None = None,
        date: dt.date | None = None,
        places: Gazetteer | None = None,
    ) -> None:
        self._doc = doc
        # Doc.text joins every token anew on each access: read it once.
        self._text = doc.text
        self._countries = countries
        self._roles = roles
        self._kb = kb
        self._date = date
        self._places = places
        self._people: dict[str, Actor] = {}
        self._sentence_of: dict[int, int] = {}
        for index, sent in enumerate(doc.sents):
            for token in sent:
                self._sentence_of[token.i] = index
        # Subjects that name a person, in text order, for pronouns to refer back
        # to; filled lazily on the first pronoun, since most clauses have none.
        self._person_subjects: list[tuple[int, _Found]] | None = None

    @property
    def doc(self) -> Doc:
        """The parsed article whose mentions this instance resolves."""
        return self._doc

    def modifier_country(self, head: int) -> str | None:
        """The country an adjective, compound or possessive before a noun names
        ("US drone strikes", "Israel's raids"), or None; an "in" phrase says where,
        not whose, and does not count."""
        token = self._doc[head]
        for child in token.children:
            if child.dep_ not in {"amod", "compound", "poss", "nmod"} or child.i > token.i:
                continue
            for candidate in (child, *child.subtree):
                iso3, _ = _ruler_id(candidate)
                if iso3 and self._countries.get(iso3) is not None:
                    return iso3
        return None

    def resolve(self, head: int) -> Mention | None:
        """The actor an argument head refers to, or None when it is not an actor we know."""
        found = self._find(head)
        return None if found is None else self._mention(head, found)

    def _find(self, head: int) -> _Found | None:
        token = self._doc[head]
        counted = _counted_noun(token)
        if counted is not None:
            # "Hundreds of Georgian protesters": the actor is what is counted.
            token = counted
        return (
            self._country(token)
            or self._kb_named(token)
            or self._person(token)
            or self._role_noun(token)
            or self._remembered(token)
            or self._kb_looked_up(token)
            or self._named_body(token)
            or self._pronoun(token)
            or self._country_modified(token)
        )

    def _named_body(self, token: Token) -> _Found | None:
        """A generic organisation noun naming a known body: "the al-Qaeda terror
        network", "the UNITA militarist wing", "the Hizbollah group"."""
        if token.lemma_.lower() not in _BODY_NOUNS:
            return None
        body = self._affiliation_near(token)
        if body is None:
            return None
        return _Found(body.actor, (*body.tokens, token.i), f"body-noun:{token.lemma_.lower()}")

    def _pronoun(self, token: Token) -> _Found | None:
        """ "he"/"she" as the person last named as a subject, in this sentence or the
        one before ("Zhaparov said ... as he welcomed the delegation").

        Only subjects count and only two sentences back: the news convention that
        a pronoun continues the current topic, without a coreference model.
        """
        if token.lower_ not in _PERSON_PRONOUNS:
            return None
        if self._person_subjects is None:
            self._person_subjects = self._collect_person_subjects()
        sentence = self._sentence_of.get(token.i, 0)
        for index, found in reversed(self._person_subjects):
            if index < token.i and sentence - self._sentence_of.get(index, 0) <= 1:
                return _Found(found.actor, (token.i,), f"pronoun:{found.rule}")
        return None

    def _collect_person_subjects(self) -> list[tuple[int, _Found]]:
        subjects = []
        for token in self._doc:
            if token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ == "PROPN":
                found = self._kb_named(token) or self._person(token) or self._remembered(token)
                if found is not None and found.actor.kind == "person":
                    subjects.append((token.i, found))
        return subjects

    def resolve_group(self, head: int) -> list[Mention]:
        """The head's actor, plus appositions that name an actor of another country.

        An apposition normally renames its head ("Japarov, the president of
        Kyrgyzstan"), but one naming a different country cannot be the same
        actor: the parser has misread a coordination ("President of Uzbekistan
        X and Kazakh President Y" with Y as an apposition of the first).
        """
        first = self._find(head)
        found = [self._mention(head, first)] if first is not None else []
        if first is not None:
            # One actor per country for a role shared by conjoined countries.
            for iso3, tokens in first.also:
                country = self._countries.get(iso3)
                actor = dataclasses.replace(
                    first.actor,
                    id=first.actor.id.replace(f":{first.actor.country}:", f":{iso3}:", 1),
                    # "leaders of Kyrgyzstan and Russia": the second is Russia's.
                    name=f"{first.actor.role} ({country.name if country else iso3})",
                    country=iso3,
                )
                found.append(self._mention(head, _Found(actor, tokens, first.rule)))
        for child in self._doc[head].children:
            if child.dep_ != "appos":
                continue
            other = self.resolve(child.i)
            if other is not None and all(other.actor.country != m.actor.country for m in found):
                found.append(other)
        return found

    def unresolved(self, head: int) -> Mention | None:
        """A mention for a noun phrase no rule resolves, or None for words that
        cannot name an actor (pronouns, numbers, clause words).

        The actor carries the phrase and no country or sector: "the APEC forum",
        "Judge Alejandro Rivera" when no table knows them. Events with such
        actors are kept only on request (``keep_unresolved``), so a user who asks
        sees who the text named, flagged by the rule ``unresolved``.
        """
        token = self._doc[head]
        if token.pos_ not in {"NOUN", "PROPN"} or token.like_num:
            return None
        tokens = _entity_tokens(token)
        if len(tokens) == 1:
            # The noun with its adjacent compound and adjective modifiers.
            left = [
                c.i for c in token.lefts if c.dep_ in {"compound", "amod", "nmod"} and c.i < head
            ]
            tokens = tuple(range(min(left, default=head), head + 1))
        name = _text(self._doc, tokens)
        kind: ActorKind = "person" if token.ent_type_ == "PERSON" else "group"
        actor = Actor(id=f"unresolved:{name.lower()}", name=name, kind=kind)
        return self._mention(head, _Found(actor, tokens, "unresolved"))

    def _mention(self, head: int, found: _Found) -> Mention:
        start = self._doc[min(found.tokens)].idx
        last = self._doc[max(found.tokens)]
        end = last.idx + len(last.text)
        span = Span(start, end, self._text[start:end])
        return Mention(span, self._sentence_of.get(head, 0), found.actor, found.rule)

    # -- rules, most specific first -------------------------------------------------

    def _country(self, token: Token) -> _Found | None:
        """The head is itself a country name, capital or adjective used as a noun."""
        iso3, kind = _ruler_id(token)
        if not iso3:
            return None
        country = self._countries.get(iso3)
        if country is None:
            return None
        if kind == "adjective" and token.tag_ in {"NNPS", "NNS"}:
            people = self._ethnic_group(token, iso3)
            if people is not None:
                return people
        actor = Actor(
            id=f"country:{iso3}", name=country.name, kind="country", country=iso3, qid=country.qid
        )
        return _Found(actor, _entity_tokens(token), f"country-{kind}")

    def _ethnic_group(self, token: Token, iso3: str) -> _Found | None:
        """A people living elsewhere: "ethnic Albanians", "the Albanians of southern
        Serbia". They are civilians of the country they live in, as CAMEO codes
        minorities: that of their in/of phrase, else (for "ethnic X") none yet, for
        the event's place to fill in; a plain "the Albanians" stays Albania."""
        residence = next(
            (
                (other, _entity_tokens(t))
                for t in _modifier_tokens(token)
                if t.dep_ == "pobj"
                and (other := _ruler_id(t)[0])
                and other != iso3
                and self._countries.get(other) is not None
            ),
            None,
        )
        ethnic = any(c.lower_ == "ethnic" for c in token.children)
        if residence is None and not ethnic:
            return None
        where, where_tokens = residence if residence is not None else (None, ())
        people = token.text
        actor = Actor(
            id=f"group:{where or ''}:ethnic {people.lower()}",
            name=f"ethnic {people}",
            kind="group",
            country=where,
            sectors=("CVL",),
            role=f"ethnic {people}",
        )
        return _Found(actor, (*_entity_tokens(token), *where_tokens), "ethnic-group")

    def _kb_named(self, token: Token) -> _Found | None:
        """A name the entity ruler tagged with a KB actor id ("Vladimir Putin", "NATO")."""
        actor_id = _kb_id(token)
        if not actor_id or self._kb is None:
            return None
        entry = self._kb.get(actor_id)
        if entry is None:
            return None
        tokens = _entity_tokens(token)
        # The ruler keeps one actor per spelling; when several share it ("Bush"),
        # the one holding a role on the article date is meant.
        exact = [
            c
            for c in self._kb.get_candidates(_text(self._doc, tokens), self._date)
            if c.match == "alias"
        ]
        if exact and exact[0].actor.id != entry.id and exact[0].roles:
            entry = exact[0].actor
        return self._from_kb(entry, tokens, "kb-name")

    def _kb_looked_up(self, token: Token) -> _Found | None:
        """A person or organisation entity the ruler missed, looked up by name variants.

        Resolved only when one candidate clearly leads ("Sadyr Zhaparov" ->
        "Sadyr Japarov"); a name shared by several actors stays unresolved
        rather than guessed.
        """
        if self._kb is None or token.ent_type_ not in {"PERSON", "ORG"}:
            return None
        tokens = _entity_tokens(token)
        candidates = self._kb.get_candidates(_text(self._doc, tokens), self._date)
        if not candidates:
            return None
        best = candidates[0]
        if best.match == "surname":
            # A bare surname is too weak across a 26k-actor KB ("Kano" the city
            # is also a Japanese minister); within an article, surnames resolve
            # through the full name seen earlier instead.
            return None
        if len(candidates) > 1 and candidates[1].score > best.score - _KB_MARGIN:
            return None
        return self._from_kb(best.actor, tokens, f"kb-{best.match}")

    def _from_kb(self, entry: KbActor, tokens: tuple[int, ...], rule: str) -> _Found | None:
        """The KB actor in the role it held on the article date.

        With no role valid then, a person who held one before is a former
        office holder (ELI) of that country; one with roles only in the future,
        or none at all, keeps no country and no sector.
        """
        valid = entry.roles_on(self._date)
        tenure: Tenure | None = valid[0] if valid else None
        sector = tenure.sector if tenure else ""
        if tenure is None and self._date is not None and entry.kind == "person":
            ended = [r for r in entry.roles if r.end is not None and r.end <= self._date]
            if ended:
                tenure = max(ended, key=lambda r: r.end or dt.date.min)
                sector = "ELI"
        country = (tenure.country or None) if tenure else None
        if entry.kind == "igo" and not sector:
            sector = "IGO"
        actor = Actor(
            id=entry.id,
            name=entry.name,
            kind=entry.kind,
            country=country,
            sectors=(sector,) if sector else (),
            role=tenure.office if tenure else "",
            qid=entry.qid,
        )
        if entry.kind == "person":
            self._remember(actor, tokens)
        detail = f"{rule}:{tenure.source}" if tenure else f"{rule}:no-role-on-date"
        return _Found(actor, tokens, detail)

    def _person(self, token: Token) -> _Found | None:
        """A personal name with a title: "Russian President Vladimir Putin".

        Without a country anywhere near ("President Abdelaziz Bouteflika" in a
        sentence that names none), the title still types the person (GOV, JUD,
        REL ...) and the country stays unknown rather than guessed; business and
        media titles alone make no political actor.
        """
        if token.pos_ != "PROPN" or token.ent_type_ not in _NAME_ENTS or _ruler_id(token)[0]:
            return None
        uncountried: tuple[Role, Token] | None = None
        for title_token in _title_candidates(token):
            role = self._role_at(title_token)
            if role is None or not role.title:
                continue
            country = self._country_near(title_token) or self._country_near(token)
            if country is None:
                # Only a capitalised title before the name ("President Bouteflika"):
                # "Jim Miller, president of ..." is as often a company's president.
                if title_token.i < token.i and title_token.is_title:
                    uncountried = uncountried or (role, title_token)
                continue
            iso3, country_tokens = country
            return self._titled_person(
                iso3, role, _name_tokens(token), (title_token.i, *country_tokens)
            )
        if uncountried is not None:
            role, title_token = uncountried
            body = self._affiliation_near(title_token) or self._affiliation_near(token)
            if body is not None:
                # "Arab League Secretary General Chadli Klibi": the body's official.
                return self._official(body, role, _name_tokens(token), (title_token.i,))
            if role.sector not in _ECONOMIC_SECTORS:
                return self._titled_person(None, role, _name_tokens(token), (title_token.i,))
        return None

    def _titled_person(
        self,
        iso3: str | None,
        role: Role,
        name_tokens: tuple[int, ...],
        other_tokens: tuple[int, ...],
    ) -> _Found:
        """A person the KB does not know, typed by a title (and a country when one
        is named); remembered for later mentions of the surname."""
        name = _text(self._doc, name_tokens)
        person = Actor(
            id=f"person:{iso3 or '-'}:{name.lower()}",
            name=name,
            kind="person",
            country=iso3,
            sectors=(role.sector,),
            role=role.role,
        )
        self._remember(person, name_tokens)
        rule = "person-title" if iso3 else "person-title-without-country"
        return _Found(person, (*name_tokens, *other_tokens), f"{rule}:{role.phrase}")

    def _role_noun(self, token: Token) -> _Found | None:
        """A role or group noun typed by a country: "Kyrgyz troops", "the Russian leader".

        A title followed by its holder's name in an "of" phrase or apposition
        ("President of Uzbekistan Shavkat Mirziyoyev") names that person.
        """
        if token.ent_type_ in {"GPE", "LOC", "FAC"}:
            return None  # a place name ("the West Bank") is no role ("bank")
        role = self._role_at(token)
        if role is None:
            return None
        country = self._country_near(token)
        if country is None and role.kind == "organisation":
            # "the Bush administration", "the Netanyahu government": the leader's.
            country = self._leader_country_near(token)
        if country is None:
            body = self._affiliation_near(token)
            if body is not None:
                # "European Community foreign ministers", "Hezbollah guerrillas".
                return self._official(body, role, (), (token.i,))
            return self._uncountried(token, role)
        iso3, country_tokens = country
        holder = _title_holder(token) if role.title else None
        if holder is not None:
            return self._titled_person(iso3, role, _name_tokens(holder), (token.i, *country_tokens))
        phrase_tokens = (token.i, *country_tokens)
        if role.kind == "person":
            named = self._described(iso3, role.sector)
            if named is not None:
                # "the Russian leader" after "President Vladimir Putin".
                return _Found(named, phrase_tokens, f"description:{role.phrase}")
        name = self._doc[min(phrase_tokens) : max(phrase_tokens) + 1].text
        actor = Actor(
            id=f"{role.kind}:{iso3}:{role.phrase}",
            name=name,
            kind=role.kind,
            country=iso3,
            sectors=(role.sector,),
            role=role.role,
        )
        also = tuple(
            (other, (token.i, *_entity_tokens(conj)))
            for conj in self._doc[country_tokens[0]].conjuncts
            if (other := _ruler_id(conj)[0]) and other != iso3 and self._countries.get(other)
        )
        return _Found(actor, phrase_tokens, f"role:{role.phrase}", also)

    def _uncountried(self, token: Token, role: Role) -> _Found | None:
        """A group or institution named without a country: "the rebels", "police".

        Kept with its sector and no country, as CAMEO's "---REB" does, so that
        "police arrested protesters" is an event; a country may be added from
        context by a later stage. Single people ("the president") are left out:
        without a name or country they cannot be told apart; so are economic
        sectors (see ``_ECONOMIC_SECTORS``).
        """
        if role.kind == "person" or token.pos_ != "NOUN":
            return None
        if role.sector in _ECONOMIC_SECTORS and not (
            role.kind == "group" and role.sector in _GROUP_SECTORS
        ):
            # "students" and "doctors" march and strike; "the university" does not.
            return None
        actor = Actor(
            id=f"{role.kind}::{role.phrase}",
            name=token.text,
            kind=role.kind,
            country=None,
            sectors=(role.sector,),
            role=role.role,
        )
        return _Found(actor, (token.i,), f"role-without-country:{role.phrase}")

    def _country_modified(self, token: Token) -> _Found | None:
        """Last resort: a noun its country qualifies ("Tajik border posts" -> TJK).

        The country alone is coded, without a sector, as CAMEO coders do for
        nouns they have no agent for. Only direct adjective, compound and
        possessive modifiers count: "the university of Tajikistan" is no actor,
        and a country's goods, money and figures are none as subjects ("U.S. corn
        exports injured Ontario growers", "the weak Australian dollar helped").
        """
        if token.pos_ not in {"NOUN", "PROPN"}:
            return None
        if token.dep_ in {"nsubj", "nsubjpass"} and token.lemma_.lower() in _THING_NOUNS:
            # Goods do not act, though they can be acted on ("tariffs on Chinese goods").
            return None
        for child in token.children:
            if child.dep_ not in {"amod", "compound", "poss", "nmod"} or child.i > token.i:
                continue
            iso3, _ = _ruler_id(child)
            country = self._countries.get(iso3) if iso3 else None
            if country is not None:
                actor = Actor(
                    id=f"country:{iso3}",
                    name=country.name,
                    kind="country",
                    country=iso3,
                    qid=country.qid,
                )
                return _Found(actor, (*_entity_tokens(child), token.i), "country-modifier")
        return None

    def _remembered(self, token: Token) -> _Found | None:
        """A name seen earlier in the article with a title ("Putin" after "President Putin")."""
        if token.pos_ != "PROPN":
            return None
        name_tokens = _name_tokens(token)
        full = _text(self._doc, name_tokens).lower()
        actor = self._people.get(full) or self._people.get(token.lower_)
        if actor is None:
            return None
        return _Found(actor, name_tokens, "person-seen-earlier")

    # -- helpers --------------------------------------------------------------------

    def _described(self, iso3: str, sector: str) -> Actor | None:
        """The one person named so far in the article with this country and sector.

        A description ("the Russian leader", "the Kyrgyz president") refers to
        them; with two candidates ("the Russian minister" after two Russian
        ministers) it stays a plain role, never a guess.
        """
        found = {
            person.id: person
            for person in self._people.values()
            if person.country == iso3 and sector in person.sectors
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def _remember(self, person: Actor, name_tokens: tuple[int, ...]) -> None:
        """Keep a titled person for later bare mentions: by full name and by surname."""
        self._people[_text(self._doc, name_tokens).lower()] = person
        self._people[self._doc[name_tokens[-1]].lower_] = person

    def _role_at(self, token: Token) -> Role | None:
        """The role named by a noun, trying the two-word compound first ("foreign minister")."""
        compounds = [
            c for c in token.children if c.dep_ in {"compound", "amod"} and c.i == token.i - 1
        ]
        if compounds:
            role = self._roles.lookup(f"{compounds[0].lower_} {token.lower_}")
            if role is not None:
                return role
        return self._roles.lookup(token.lower_) or self._roles.lookup(token.lemma_.lower())

    def _affiliation_near(self, token: Token) -> _Found | None:
        """The first organisation, international body or group among a noun's
        modifiers or its of/from/in phrase ("Arab League", "Hezbollah")."""
        for candidate in _modifier_tokens(token):
            if not _kb_id(candidate):
                continue
            found = self._kb_named(candidate)
            if found is not None and found.actor.kind in {"igo", "organisation", "group"}:
                return found
        return None

    def _leader_country_near(self, token: Token) -> tuple[str, tuple[int, ...]] | None:
        """The country of a person named before an institution ("the Bush
        administration", "the Netanyahu government"): the one country the best
        knowledge-base match of the name held office in, whatever the date."""
        if self._kb is None:
            return None
        for child in token.children:
            if child.dep_ not in {"compound", "nmod"} or child.i > token.i:
                continue
            if child.ent_type_ != "PERSON":
                continue
            tokens = _entity_tokens(child)
            candidates = self._kb.get_candidates(_text(self._doc, tokens), None)
            best = candidates[0].actor if candidates else None
            if best is None or best.kind != "person":
                continue
            countries = {r.country for r in best.roles if r.country and r.sector != "IGO"}
            if len(countries) == 1:
                return countries.pop(), tokens
        return None

    def _official(
        self,
        body: _Found,
        role: Role,
        name_tokens: tuple[int, ...],
        other_tokens: tuple[int, ...],
    ) -> _Found:
        """A role held in an organisation: its country and sectors, plus the role's.

        Named ("Secretary General Chadli Klibi") it is a person, remembered for
        later mentions; unnamed ("EU foreign ministers") a group or, for an
        international body, an IGO actor, as CAMEO codes IGO officials.
        """
        org = body.actor
        sectors = tuple(dict.fromkeys((*org.sectors, role.sector)))
        if name_tokens:
            name = _text(self._doc, name_tokens)
            actor = Actor(
                id=f"person:{org.id}:{name.lower()}",
                name=name,
                kind="person",
                country=org.country,
                sectors=sectors,
                role=f"{role.role}, {org.name}",
            )
            self._remember(actor, name_tokens)
        else:
            phrase = (*body.tokens, *other_tokens)
            actor = Actor(
                id=f"{role.kind}:{org.id}:{role.phrase}",
                name=self._doc[min(phrase) : max(phrase) + 1].text,
                kind="igo" if org.kind == "igo" else role.kind,
                country=org.country,
                sectors=sectors,
                role=f"{role.role}, {org.name}",
            )
        tokens = (*name_tokens, *body.tokens, *other_tokens)
        return _Found(actor, tokens, f"role-of-organisation:{role.phrase}")

    def _country_near(self, token: Token) -> tuple[str, tuple[int, ...]] | None:
        """The first country among a noun's modifiers or its of/from/in phrase;
        failing that, the country of a place named there ("police in Lagos",
        "the mayor of Nablus"), by the gazetteer's most populous reading."""
        modifiers = _modifier_tokens(token)
        for candidate in modifiers:
            iso3, _ = _ruler_id(candidate)
            if iso3 and self._countries.get(iso3) is not None:
                return iso3, _entity_tokens(candidate)
        if self._places is None:
            return None
        for candidate in modifiers:
            if candidate.ent_type_ not in {"GPE", "LOC"} or _ruler_id(candidate)[0]:
                continue
            tokens = _entity_tokens(candidate)
            entries = [
                e
                for e in self._places.candidates(_text(self._doc, tokens))
                if e.kind in {"city", "admin1"} and e.country
            ]
            if entries:
                best = max(entries, key=lambda e: (e.population, e.names))
                assert best.country is not None  # filtered above
                return best.country, tokens
        return None


def _text(doc: Doc, indices: tuple[int, ...]) -> str:
    """The text of a contiguous run of tokens, as written ("Kassym-Jomart Tokayev")."""
    return doc[min(indices) : max(indices) + 1].text


def _kb_id(token: Token) -> str:
    """The KB actor id of an entity set by kabar's ruler ("wd:Q7747"), or ""."""
    ent_id = token.ent_id_
    return ent_id[3:] if ent_id.startswith("kb:") else ""


def _ruler_id(token: Token) -> tuple[str, str]:
    """(ISO3, kind) of a country entity set by kabar's ruler, or ("", "")."""
    ent_id = token.ent_id_
    if not ent_id or ":" not in ent_id or ent_id.startswith("kb:"):
        return "", ""
    iso3, kind = ent_id.split(":", 1)
    return iso3, kind


def _entity_tokens(token: Token) -> tuple[int, ...]:
    """Indices of the entity a token belongs to (the token alone outside entities)."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return tuple(range(ent.start, ent.end))
    return (token.i,)


def _modifier_tokens(token: Token) -> list[Token]:
    """Tokens in a noun's modifiers (whole subtrees) and of/from/in objects, near first."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in _MODIFIER_DEPS:
            found.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in _COUNTRY_PREPS:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found.append(pobj)
                # "President of Uzbekistan Shavkat Mirziyoyev": the country may be a
                # modifier inside the "of" phrase rather than its head.
                for modifier in pobj.children:
                    if modifier.dep_ in _MODIFIER_DEPS and modifier.i < pobj.i:
                        found.extend(modifier.subtree)
    return sorted(found, key=lambda t: abs(t.i - token.i))


_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})

# How far the best KB candidate must lead the next for a name to resolve.
_KB_MARGIN = 0.15

# Sectors left out of country-less actors: without a country, "the banks" and
# "the company" in business news are no political actors, and counting them
# floods markets stories with rejections and "attacks" on rivals.
_ECONOMIC_SECTORS = frozenset({"BUS", "MED", "EDU", "HLH"})
# Things a country has that do nothing themselves: its goods, money and figures.
_THING_NOUNS = frozenset(
    {"export", "import", "price", "output", "production", "sale", "share", "economy",
     "market", "currency", "dollar", "yen", "franc", "pound", "mark", "peso", "rupee",
     "rate", "bond", "stock", "index", "growth", "inflation", "demand", "supply", "crop",
     "harvest", "reserve", "deficit", "surplus", "budget", "debt", "figure", "data",
     "corn", "wheat", "grain", "oil", "gas", "coal", "sugar", "coffee", "cocoa", "tea",
     "rice", "soybean", "cotton", "tin", "copper", "gold", "steel", "product", "good"}
)  # fmt: skip
# Nouns that stand for an organisation named in their modifiers.
_BODY_NOUNS = frozenset(
    {"group", "network", "movement", "party", "wing", "faction", "organization",
     "organisation", "front", "coalition", "alliance", "body", "outfit", "bloc"}
)  # fmt: skip
# Of those, sectors whose people, as a group, are political actors without a country.
_GROUP_SECTORS = frozenset({"EDU", "HLH"})

# Nouns that count or group their "of" object: the actor is the object.
_COUNTING_NOUNS = frozenset(
    {
        "hundred",
        "thousand",
        "million",
        "dozen",
        "score",
        "ten",
        "tens",
        "group",
        "groups",
        "crowd",
        "crowds",
        "number",
        "band",
        "unit",
        "units",
        "contingent",
        "batch",
        "team",
    }
)


def _counted_noun(token: Token) -> Token | None:
    """ "hundreds of protesters" -> "protesters"; None when the head counts nothing."""
    if token.lemma_.lower() not in _COUNTING_NOUNS and token.lower_ not in _COUNTING_NOUNS:
        return None
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                return pobj
    return None


def _title_holder(title: Token) -> Token | None:
    """The personal name a title introduces: its "of" object or apposition, if a name."""
    for child in title.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and not _ruler_id(child)[0]:
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN" and not _ruler_id(pobj)[0]:
                    return pobj
    return None


def _title_candidates(token: Token) -> list[Token]:
    """Nouns that may be a name's title: compounds/nmods before it, and appositions."""
    return [
        c
        for c in token.children
        if (c.dep_ in {"compound", "nmod"} and c.i < token.i) or c.dep_ == "appos"
    ]


def _name_tokens(token: Token) -> tuple[int, ...]:
    """The personal name ending at ``token``: proper-noun compounds before it, no titles."""
    indices = [token.i]
    doc = token.doc
    i = token.i - 1
    while i >= 0:
        prev = doc[i]
        # Hyphenated given names ("Kassym-Jomart") come as PROPN, HYPH, PROPN.
        hyphen = prev.tag_ == "HYPH" and i > 0 and doc[i - 1].pos_ == "PROPN"
        joined = prev.pos_ == "PROPN" and prev.dep_ == "compound" and prev.head.i in indices
        if not (hyphen or joined) or prev.ent_id_ or prev.lower_ in _TITLE_WORDS:
            break
        indices.insert(0, i)
        i -= 1
    if doc[indices[0]].tag_ == "HYPH":
        indices.pop(0)
    return tuple(indices)


# Capitalised title words never part of a name ("President Vladimir Putin").
_TITLE_WORDS = frozenset(
    {
        "president",
        "minister",
        "premier",
        "king",
        "queen",
        "prince",
        "emir",
        "sheikh",
        "chancellor",
        "secretary",
        "general",
        "gen.",
        "col.",
        "leader",
        "chairman",
        "ambassador",
        "senator",
        "sen.",
        "governor",
        "gov.",
        "mayor",
        "pope",
        "speaker",
        "envoy",
        "commander",
        "director",
        "chief",
        "spokesman",
        "spokeswoman",
        "foreign",
        "prime",
        "defence",
        "defense",
        "vice",
        "deputy",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
    }
)
