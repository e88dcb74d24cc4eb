"""Resolve argument heads of a parsed article to actors.

Actors are, for now, countries (by name, capital or nationality adjective, all
tagged by the entity ruler with their ISO3 code) and country-typed roles and
people: "Kyrgyz troops" -> KGZ MIL, "the Russian leader" -> RUS GOV, "Russian
Federation President Vladimir Putin" -> a person, RUS GOV, head of state. A
person resolved by a title is remembered for the rest of the article, so a
later bare "Putin" resolves to the same actor. Named actors come from the
knowledge base in the role they held on the article date, unless the text's own
title says otherwise ("President Obama", "ousted President Akayev").

Groups: plural demonyms are the country's people ("Kenyans": KEN CVL); peoples
("Yoruba", "Kurds", ``peoples.tsv``) and "ethnic" minorities belong where they
live; a country's towns and homes are its civilians, its aircraft and tanks its
military; a role noun before a generic head or a thing gives the sector ("rebel
leaders" REB, "army bulldozers" MIL); a domestic group named without a country
takes the one country its sentence names as a place ("students ... in Ankara").
Mistyped country names and titled names the KB knows under another spelling
resolve when the tables leave no doubt; otherwise nothing is guessed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kabar.actors.countries import CountryTable, PeopleTable, Role, RoleTable, load_peoples
from kabar.actors.kb import KbActor, KnowledgeBase, Tenure
from kabar.model import Actor, ActorKind, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

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


@dataclass(frozen=True, slots=True)
class _Title:
    """A title the text gives a name: the role, whether it is marked as past, the
    country named with it (ISO3 or None) and the title word's token index."""

    role: Role
    past: bool
    country: str | None
    token: int


def _latest(roles: tuple[Tenure, ...] | list[Tenure], country: str | None) -> Tenure | None:
    """The most recently started role (in ``country`` when given), or None."""
    pool = [r for r in roles if country is None or r.country == country]
    return max(pool, key=lambda r: r.start or dt.date.min, default=None)


def _as_tenure(base: Tenure | None, title: _Title, sector: str) -> Tenure:
    """A role read from the text's title, on the KB role it corrects when there is one."""
    country = title.country or (base.country if base else "")
    return Tenure(
        country=country,
        sector=sector,
        office=title.role.role if sector != "ELI" else f"former {title.role.role}",
        start=None,
        end=None,
        source=f"text-title:{title.role.phrase}",
        confidence=base.confidence if base else 0.5,
    )


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
        peoples: PeopleTable | None = None,
    ) -> None:
        self._doc = doc
        self._peoples = peoples if peoples is not None else load_peoples()
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
        # The country each sentence names as a place, filled on first need.
        self._sentence_places: dict[int, str | None] = {}
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
            or self._country_misspelt(token)
            or self._kb_named(token)
            or self._person(token)
            or self._role_noun(token)
            or self._remembered(token)
            or self._kb_looked_up(token)
            or self._named_body(token)
            or self._pronoun(token)
            or self._people_group(token)
            or self._country_modified(token)
        )

    def _people_group(self, token: Token) -> _Found | None:
        """A people named as such: "Iraqi Kurds", "the Kurds of Syria", "Tamils".

        Civilians of the country named with them, else of the one country most of
        them live in; a people several countries share ("Kurds" alone) keeps no
        country, for the event's place to fill in, as ``_ethnic_group`` does.
        """
        people = self._peoples.lookup(token.text)
        if people is None or token.pos_ not in {"NOUN", "PROPN"}:
            return None
        near = self._country_near(token)
        country, country_tokens = near if near is not None else (people.country, ())
        if country is None:
            country = self._sentence_place(token)  # "Kurds protested in Diyarbakir"
        actor = Actor(
            id=f"group:{country or ''}:{people.name.lower()}",
            name=people.name,
            kind="group",
            country=country,
            sectors=("CVL",),
            role=people.name,
        )
        return _Found(actor, (token.i, *country_tokens), "people")

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
            # "Palestinians protested", "Nigerians": the country's people, civilians,
            # as PLOVER codes nationals; their government is named otherwise.
            actor = Actor(
                id=f"group:{iso3}:nationals",
                name=token.text,
                kind="group",
                country=iso3,
                sectors=("CVL",),
                role="nationals",
            )
            return _Found(actor, _entity_tokens(token), "nationals")
        actor = Actor(
            id=f"country:{iso3}", name=country.name, kind="country", country=iso3, qid=country.qid
        )
        return _Found(actor, _entity_tokens(token), f"country-{kind}")

    def _country_misspelt(self, token: Token) -> _Found | None:
        """A country name mistyped in the copy ("Ethopia has agreed")."""
        iso3 = self._misspelt_country(token)
        country = self._countries.get(iso3) if iso3 else None
        if country is None:
            return None
        actor = Actor(
            id=f"country:{country.iso3}", name=country.name, kind="country",
            country=country.iso3, qid=country.qid,
        )  # fmt: skip
        return _Found(actor, _entity_tokens(token), "country-misspelt")

    def _misspelt_country(self, token: Token) -> str | None:
        """The country a mistyped name or adjective means ("Ethopia", "Phillippines
        military"), when no table knows the word as it stands: neither the entity
        ruler nor the gazetteer ("Indiana" is a place, not a slip for "Indians").
        Words of personal names do not count ("Frances Smith" is no France)."""
        if token.ent_id_ or token.ent_type_ not in {"GPE", "NORP", ""}:
            return None
        if token.pos_ not in {"PROPN", "ADJ"} or not token.is_title:
            return None
        if token.ent_type_ == "" and (
            (token.head.pos_ == "PROPN" and token.head.i != token.i)
            or any(c.pos_ == "PROPN" and c.dep_ == "compound" for c in token.children)
        ):
            return None
        tokens = _entity_tokens(token)
        text = _text(self._doc, tokens)
        if self._places is not None and self._places.candidates(text):
            return None
        form = self._countries.misspelt(text)
        return form.iso3 if form is not None else None

    def _ethnic_group(self, token: Token, iso3: str) -> _Found | None:
        """A people living elsewhere: "ethnic Albanians", "the Albanians of southern
        Serbia". They are civilians of the country they live in, as CAMEO codes
        minorities: that of their in/of phrase, else (for "ethnic X") none yet, for
        the event's place to fill in; a plain "the Albanians" stays Albania."""
        residence = next(
            (
                (other, _entity_tokens(t))
                for t in _modifier_tokens(token)
                # "the Albanians of Serbia", "Bosnian Serbs"
                if t.dep_ in {"pobj", "amod", "compound"}
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
        if where is None:
            where = self._sentence_place(token)  # "ethnic Albanians rioted in Tetovo"
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
        if len(tokens) == 1 and _acronym_in_a_name(self._doc[tokens[0]], entry):
            return None
        # The ruler keeps one actor per spelling; when several share it ("Bush"),
        # the one holding a role on the article date is meant.
        exact = [
            c
            for c in self._kb.get_candidates(_text(self._doc, tokens), self._date)
            if c.match == "alias"
        ]
        if exact and exact[0].actor.id != entry.id and exact[0].roles:
            entry = exact[0].actor
        return self._from_kb(entry, tokens, "kb-name", self._text_title(token, tokens))

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
        if best.match == "near":
            return None  # a typing slip is a guess unless a title backs it (_person)
        if any(c.score > best.score - _KB_MARGIN for c in candidates[1:]):
            return None
        title = self._text_title(token, tokens)
        return self._from_kb(best.actor, tokens, f"kb-{best.match}", title)

    def _text_title(self, token: Token, tokens: tuple[int, ...]) -> _Title | None:
        """The title the text gives a name: a title word inside the entity or before
        it ("President Obama", "Lebanon's new President Elias Hrawi"), with whether
        the text marks it as past ("former", "ousted") and the country named with it.
        """
        words = [self._doc[i] for i in tokens[:-1]]
        # The parser hangs a title on any word of the name ("President" on
        # "Prosper" in "President Prosper Avril").
        words += [
            t
            for i in tokens
            for t in _title_candidates(self._doc[i])
            if t.i not in tokens and t.i < tokens[0]
        ]
        for word in words:
            role = self._role_at(word)
            if role is None or not role.title:
                continue
            past = (
                role.sector == "ELI"
                or any(m.lower_ in _PAST_MARKERS for m in (*word.children, *token.children))
                or (word.i > 0 and self._doc[word.i - 1].lower_ in _PAST_MARKERS)
            )
            country = self._country_near(word) or self._country_near(token)
            return _Title(role, past, country[0] if country else None, word.i)
        return None

    def _from_kb(
        self, entry: KbActor, tokens: tuple[int, ...], rule: str, title: _Title | None = None
    ) -> _Found | None:
        """The KB actor in the role it held on the article date.

        With no role valid then, a person who held one before is a former
        office holder (ELI) of that country; one with roles only in the future,
        or none at all, keeps no country and no sector. A title the text gives
        the person outranks that reading (see ``_titled_tenure``).
        """
        valid = entry.roles_on(self._date)
        tenure: Tenure | None = valid[0] if valid else None
        sector = tenure.sector if tenure else ""
        if tenure is None and self._date is not None and entry.kind == "person":
            ended = [r for r in entry.roles if r.end is not None and r.end <= self._date]
            later = [r for r in entry.roles if r.start is not None and r.start > self._date]
            if ended:
                tenure = max(ended, key=lambda r: r.end or dt.date.min)
                sector = "ELI"
            elif later and len({r.country for r in later}) == 1 and later[0].country:
                # Before their first office, a future office holder is already one
                # of the country's elite (ELI), as the Phoenix dictionaries code
                # people before office; with offices in two countries, no guess.
                tenure = min(later, key=lambda r: r.start or dt.date.max)
                sector = "ELI"
                rule = f"{rule}:before-office"
        if title is not None and entry.kind == "person":
            titled = self._titled_tenure(entry, tenure, sector, title)
            if titled is None:
                return None  # another person of the same name: the title's country says so
            if titled != (tenure, sector):
                tenure, sector = titled
                rule = f"{rule}:title-in-text"
        country = (tenure.country or None) if tenure else None
        named_home = entry.kind in {"group", "organisation"} and sector in _NAMED_HOME_SECTORS
        if country is None and named_home:
            # "National Patriotic Front of Liberia": sources that give no country for
            # an armed group or party often name it in the group's own name. Firms
            # and NGOs are left out: "Aberdeen Chile Fund" names a market, not a home.
            country = self._country_in_names(entry)
            if country is not None:
                rule = f"{rule}:country-in-name"
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

    def _country_in_names(self, entry: KbActor) -> str | None:
        """The one country the names of a group spell out ("... of Angola", "Sudan
        People's ..."), by country name or adjective; None when none or several."""
        found: set[str] = set()
        for name in entry.names():
            words = name.replace("'s", "").split()
            for size in (3, 2, 1):
                for start in range(len(words) - size + 1):
                    form = self._countries.lookup_form(" ".join(words[start : start + size]))
                    if form is not None and form.kind in {"name", "adjective"}:
                        found.add(form.iso3)
        return found.pop() if len(found) == 1 else None

    def _titled_tenure(
        self, entry: KbActor, tenure: Tenure | None, sector: str, title: _Title
    ) -> tuple[Tenure | None, str] | None:
        """The role of a KB person as the text titles them, or None when the title
        names a country the person never held a role in (another person, same name).

        The text is the better witness of the day's role: the KB's dates come from
        lists that lag or lead ("President Obama" where the KB knows him only as a
        pre-office elite), so a present title beats a KB reading of a former or
        future office holder, and a past one ("former", "ousted") makes the person
        ELI whatever the KB says. A title of the same sector as the KB's valid role
        changes nothing.
        """
        countries = [r.country for r in entry.roles if r.country]
        if title.country and countries and title.country not in countries:
            return None
        if title.past:
            base = tenure or _latest(entry.roles, title.country)
            if base is None and title.country is None:
                return tenure, sector
            return _as_tenure(base, title, "ELI"), "ELI"
        if tenure is not None and sector != "ELI" and self._date is not None:
            # A role valid on the date is the KB's own reading of the day, and more
            # specific than a title ("U.N. Secretary-General Kofi Annan": IGO).
            return tenure, sector
        same = [r for r in entry.roles if r.sector == title.role.sector]
        base = _latest(same, title.country) or tenure or _latest(entry.roles, title.country)
        if base is None and title.country is None:
            return tenure, sector
        return _as_tenure(base, title, title.role.sector), title.role.sector

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
            known = self._kb_titled(token, role)
            if known is not None:
                return known
            if role.sector not in _ECONOMIC_SECTORS:
                return self._titled_person(None, role, _name_tokens(token), (title_token.i,))
        return None

    def _kb_titled(self, token: Token, role: Role) -> _Found | None:
        """A titled name the ruler missed, found in the KB by a spelling variant or a
        typing slip ("President Francois Mitterand", "President Laurent Gbago"); the
        title is the evidence that makes a slip safe to accept: the person must
        have held a role of the title's sector, and be the only such candidate."""
        if self._kb is None:
            return None
        name_tokens = _name_tokens(token)
        candidates = [
            c
            for c in self._kb.get_candidates(_text(self._doc, name_tokens), self._date)
            if c.match in {"alias", "variant", "near"}
            and c.actor.kind == "person"
            and any(r.sector == role.sector for r in c.actor.roles)
        ]
        if len(candidates) != 1:
            return None
        best = candidates[0]
        title = self._text_title(token, _entity_tokens(token))
        return self._from_kb(best.actor, name_tokens, f"kb-{best.match}-titled", title)

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
        owned = role is None
        if role is None:
            role = self._owner_role(token) or self._member_role(token)
            if role is None:
                return None
        country = self._country_near(token)
        if country is None and owned:
            # "army bulldozers" alone is too weak to be an actor; "Israeli army
            # bulldozers" is the Israeli military's.
            return None
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
        if role.sector == "GOV" and self._peoples.lookup(self._doc[country_tokens[0]].text):
            # "Yoruba leaders" lead a people, not a state: an elite (ELI), as CAMEO
            # codes community leaders.
            role = dataclasses.replace(role, sector="ELI", role=f"{role.role} of a people")
        ethnic = any(
            c.lower_ == "ethnic" for i in (token.i, *country_tokens) for c in self._doc[i].children
        )
        if ethnic:
            # "ethnic Albanian guerrillas" in Macedonia are Macedonia's, as CAMEO codes
            # a minority by where it lives: the place the sentence names, if one.
            home = self._sentence_place(token)
            if home is not None and home != iso3:
                iso3 = home
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
        place = self._sentence_place(token) if role.sector in _DOMESTIC_SECTORS else None
        actor = Actor(
            id=f"{role.kind}:{place or ''}:{role.phrase}",
            name=token.text,
            kind=role.kind,
            country=place,
            sectors=(role.sector,),
            role=role.role,
        )
        rule = "role-in-sentence-place" if place else "role-without-country"
        return _Found(actor, (token.i,), f"{rule}:{role.phrase}")

    def _sentence_place(self, token: Token) -> str | None:
        """The one country the token's sentence names as a place, or None.

        Domestic groups named without a country ("rebels", "students", "the
        opposition") are most often of the place the sentence is about:
        "students at Cumhuriyet University ... in Sivas" are Turkish. Only places
        count: country names, capitals and towns the gazetteer knows (by their most
        populous reading), not nationality adjectives or country names that
        qualify or are other actors ("Israeli troops shot protesters", "US forces
        killed rebels"); with two countries nothing is guessed.
        """
        sentence = self._sentence_of.get(token.i, 0)
        if sentence not in self._sentence_places:
            self._sentence_places[sentence] = self._places_of(token.sent)
        return self._sentence_places[sentence]

    def _places_of(self, sent: SpacySpan) -> str | None:
        found: set[str] = set()
        for ent in sent.ents:
            if ent.label_ not in {"GPE", "LOC"}:
                continue
            iso3, kind = _ruler_id(ent[0])
            if iso3:
                # A country named in a place phrase ("in Iraq"); as a modifier or a
                # subject it names an actor ("US forces killed rebels"), not a place.
                first = ent.root
                while first.dep_ == "conj" and first.head is not first:
                    first = first.head  # "in Iraq and Syria"; not "Russia and Ukraine met"
                if (
                    kind in {"name", "capital"}
                    and first.dep_ == "pobj"
                    and self._countries.get(iso3) is not None
                ):
                    found.add(iso3)
                continue
            if self._places is None:
                continue
            entries = [
                e
                for e in self._places.candidates(ent.text)
                if e.kind in {"city", "admin1", "region", "country"} and e.country
            ]
            if entries:
                best = max(entries, key=lambda e: (e.population, e.names))
                assert best.country is not None  # filtered above
                found.add(best.country)
        return found.pop() if len(found) == 1 else None

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
            lemma = token.lemma_.lower()
            if (
                country is not None
                and lemma in _HARDWARE_NOUNS
                and not any(c.lower_ == "suicide" for c in token.children)
            ):
                # "Russian aircraft bombed ...": a state's war machines are its military.
                return self._country_group(
                    child, token, iso3, ("military", "MIL", "armed forces", "country-hardware")
                )
            if country is not None and lemma in _PLACE_NOUNS:
                # "Iraqi towns", "Palestinian homes": where civilians live, coded as
                # them when attacked, as CAMEO and PLOVER code places.
                return self._country_group(
                    child, token, iso3, (lemma, "CVL", "civilians", "country-place")
                )
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

    def _country_group(
        self, modifier: Token, token: Token, iso3: str, group: tuple[str, str, str, str]
    ) -> _Found:
        """A country's group named by a noun its country qualifies: its military
        ("Russian aircraft") or its civilians ("Iraqi towns"). ``group`` is the id
        key, sector, role and rule."""
        key, sector, role, rule = group
        actor = Actor(
            id=f"group:{iso3}:{key}",
            name=self._doc[min(modifier.i, token.i) : token.i + 1].text,
            kind="group",
            country=iso3,
            sectors=(sector,),
            role=role,
        )
        return _Found(actor, (*_entity_tokens(modifier), token.i), rule)

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
        """The role named by a noun, trying the two-word compound first ("foreign
        minister"); a generic head takes the sector of a role noun before it ("rebel
        leaders" are REB, "opposition officials" OPP)."""
        compounds = [
            c for c in token.children if c.dep_ in {"compound", "amod"} and c.i == token.i - 1
        ]
        if compounds:
            first = compounds[0]
            before = [
                c for c in first.children if c.dep_ in {"compound", "amod"} and c.i == first.i - 1
            ]
            if before:
                # Three-word roles: "human rights group", "national security adviser".
                role = self._roles.lookup(f"{before[0].lower_} {first.lower_} {token.lower_}")
                if role is not None:
                    return role
            role = self._roles.lookup(f"{first.lower_} {token.lower_}")
            if role is not None:
                return role
        if token.i >= 2 and self._doc[token.i - 1].text == "-":
            # "Secretary-General", "Vice-President": the tokenizer splits the hyphen.
            role = self._roles.lookup(f"{self._doc[token.i - 2].lower_}-{token.lower_}")
            if role is not None:
                return role
        role = self._roles.lookup(token.lower_) or self._roles.lookup(token.lemma_.lower())
        if role is not None and role.phrase in _GENERIC_HEADS:
            owner = self._modifier_role(token, economic=True)
            if owner is not None and owner.sector != role.sector:
                return dataclasses.replace(
                    role,
                    phrase=f"{owner.phrase} {role.phrase}",
                    sector=owner.sector,
                    role=f"{owner.role} {role.role}",
                )
        return role

    def _modifier_role(self, token: Token, *, economic: bool = False) -> Role | None:
        """The role of a role noun modifying ``token`` ("rebel" in "rebel leaders",
        "army" in "army bulldozers"), nearest first. Business sectors count only for
        people ("bank officials" are the bank's; "bank shares" are no actor)."""
        for child in sorted(token.children, key=lambda c: token.i - c.i):
            if child.dep_ not in {"compound", "amod"} or child.i > token.i:
                continue
            role = self._roles.lookup(child.lower_) or self._roles.lookup(child.lemma_.lower())
            if role is not None and (economic or role.sector not in _ECONOMIC_SECTORS):
                return role
        return None

    def _member_role(self, token: Token) -> Role | None:
        """A member of a body named in an "of" phrase: "a member of the Syrian
        parliament" (LEG), "members of the opposition" (OPP)."""
        if token.lemma_.lower() not in {"member", "representative", "deputy"}:
            return None
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                body = self._role_at(pobj)
                if body is not None and body.kind != "person":
                    return Role(
                        phrase=f"{token.lemma_.lower()} of {body.phrase}",
                        sector=body.sector,
                        role=f"member of {body.role}",
                        kind="person" if token.tag_ == "NN" else "group",
                        title=False,
                    )
        return None

    def _owner_role(self, token: Token) -> Role | None:
        """For a noun that is no role itself, the role of the one that owns it: "army
        bulldozers" (MIL), "opposition candidates" (OPP), "refugee camp" (REF).
        Goods and figures are left out ("government bonds" are no actor)."""
        if token.pos_ != "NOUN" or token.lemma_.lower() in _THING_NOUNS:
            return None
        owner = self._modifier_role(token)
        if owner is None:
            return None
        return Role(
            phrase=f"{owner.phrase} {token.lower_}",
            sector=owner.sector,
            role=owner.role,
            kind="group" if token.tag_ == "NNS" or owner.kind != "person" else "organisation",
            title=False,
        )

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
        "the mayor of Nablus", "rebels in the Congo"), by the gazetteer's most
        populous reading in the country written after it, if one is ("police in
        Tripoli, Lebanon")."""
        modifiers = _modifier_tokens(token)
        for candidate in modifiers:
            iso3, _ = _ruler_id(candidate)
            if iso3 and self._countries.get(iso3) is not None:
                # "Tripoli, Lebanon" is no capital of Libya.
                written = self._country_after(max(_entity_tokens(candidate)))
                return written or iso3, _entity_tokens(candidate)
        for candidate in modifiers:
            iso3 = self._misspelt_country(candidate) or ""
            if iso3:
                return iso3, _entity_tokens(candidate)
        for candidate in modifiers:
            # "Yoruba leaders", "Tamil refugees": a people most of whom live in one country.
            people = self._peoples.lookup(candidate.text)
            if people is not None and people.country is not None:
                return people.country, (candidate.i,)
        if self._places is None:
            return None
        for candidate in modifiers:
            if candidate.ent_type_ not in {"GPE", "LOC"} or _ruler_id(candidate)[0]:
                continue
            tokens = _entity_tokens(candidate)
            entries = [
                e
                for e in self._places.candidates(_text(self._doc, tokens))
                if e.kind in {"city", "admin1", "country"} and e.country
            ]
            # "Tripoli, Lebanon": the country written after the town decides.
            written = self._country_after(max(tokens))
            entries = [e for e in entries if e.country == written] or entries
            if entries:
                best = max(entries, key=lambda e: (e.population, e.names))
                assert best.country is not None  # filtered above
                return best.country, tokens
        return None

    def _country_after(self, last: int) -> str | None:
        """The country named right after a place and a comma ("Tripoli, Lebanon")."""
        doc = self._doc
        if last + 2 >= len(doc) or doc[last + 1].text != ",":
            return None
        iso3, _ = _ruler_id(doc[last + 2])
        return iso3 if iso3 and self._countries.get(iso3) is not None else None


def _acronym_in_a_name(token: Token, entry: KbActor) -> bool:
    """Whether a capitalised acronym ("Gia" for GIA, as "Nato" is NATO) ends a
    personal name ("Tran Xuan Gia"): proper nouns compounded onto it say it is a
    name, not the organisation."""
    text = token.text
    if text.isupper() or text in entry.names() or text.upper() not in entry.names():
        return False
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < token.i for c in token.children)


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
# Words that put a title in the past: "former President", "ousted leader".
_PAST_MARKERS = frozenset(
    {"former", "ex", "ex-", "ousted", "deposed", "toppled", "overthrown", "exiled", "late"}
)

# How far the best KB candidate must lead the next for a name to resolve.
_KB_MARGIN = 0.15

# Sectors of groups that act at home: named without a country, they are the
# country's of the place their sentence names ("rebels in Darfur").
_DOMESTIC_SECTORS = frozenset(
    {"CVL", "OPP", "LAB", "EDU", "HLH", "RAD", "CRM", "REB", "INS", "UAF", "COP", "JUD", "LEG",
     "SEP"}
)  # fmt: skip
# Sectors of groups whose name, when it names a country, names their own.
_NAMED_HOME_SECTORS = frozenset(
    {"", "REB", "INS", "SEP", "UAF", "OPP", "PTY", "RAD", "MIL", "GOV", "CRM", "INT"}
)
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
# Places where civilians live: a country's towns and homes are its civilians.
_PLACE_NOUNS = frozenset(
    {"town", "city", "village", "home", "house", "neighbourhood", "neighborhood",
     "suburb", "hamlet", "camp"}
)  # fmt: skip
# War machines: a country's are its military ("Israeli helicopters fired").
# Only with a country: "aircraft" alone is as often an airliner. Not "fighter"
# ("Kurdish fighters" are people) nor a "suicide bomber".
_HARDWARE_NOUNS = frozenset(
    {"aircraft", "plane", "warplane", "helicopter", "gunship", "bomber", "jet",
     "warship", "frigate", "destroyer", "gunboat", "submarine", "tank", "artillery",
     "missile", "rocket", "drone"}
)  # fmt: skip
# Role nouns that say little of their own: a role noun before them gives the
# sector ("rebel leaders", "opposition officials", "army spokesman").
_GENERIC_HEADS = frozenset(
    {"leader", "leaders", "official", "officials", "spokesman", "spokeswoman",
     "spokesperson", "commander", "commanders", "delegation", "delegations",
     "negotiator", "negotiators", "envoy", "envoys", "politician", "politicians"}
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
