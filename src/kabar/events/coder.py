"""Turn clauses of a parsed article into coded events.

For each clause the most specific matching lexicon pattern gives the CAMEO
code; its subjects (or, in the passive, its "by" agents) are the sources; the
pattern's target slots, tried in order, give the targets. An event needs a
resolved source; its target may be unresolved (kept empty), since many real
events name their recipient with words no actor table knows yet. A verb
governing a complement ("agreed to meet", "threatened to impose sanctions")
gets the code CAMEO gives such statements, from the lexicon's complement
rules. The modality cues of the clause say whether the event is asserted,
negated, future, hypothetical or only intended.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kabar.actors.countries import CountryTable, RoleTable
from kabar.actors.kb import KnowledgeBase
from kabar.actors.resolve import ArticleActors
from kabar.events.clauses import (
    INTENT_VERBS,
    MODAL_FUTURE,
    MODAL_HYPOTHETICAL,
    REQUEST_VERBS,
    Clause,
    iter_clauses,
)
from kabar.events.lexicon import ComplementRule, Lexicon, Pattern
from kabar.model import Actor, Article, Event, Evidence, Mention, Modality, Place, Span
from kabar.ontology import CameoCodebook, plover_for

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kabar.places.gazetteer import Gazetteer

# Roots whose bare-verb events need a resolved target: public statements (01).
_DYADIC_ONLY_ROOTS = frozenset({"01"})
# Roots whose acts are addressed to the subject of a "that" clause when no
# other target is named: appeals, demands, criticism, rejection, threats.
_COMPLEMENT_TARGET_ROOTS = frozenset({"02", "10", "11", "12", "13"})
# Roots whose one-sided acts, with no target named, are aimed at the country they
# take place in: "thousands demonstrated in Serbia" protest to Serbia, a curfew in
# Algiers is imposed on Algeria, aid suspended in Baghdad is withheld from Iraq.
# Not statements and appeals (said or asked in a place, not of it), nor meetings
# and cooperation (which need a named partner).
_PLACE_TARGET_ROOTS = frozenset({f"{root:02d}" for root in range(1, 21)}) - {"01", "02", "04", "06"}
# Yielding and retreating: aimed at the country one withdraws from.
_YIELD_ROOT = "08"
# Of those, the acts that are aimed at no one when done at home: "Turkey offered to
# host talks in Istanbul", "Israeli troops on alert in Israel".
_NOT_AT_HOME_ROOTS = frozenset({"03", "15"})
# Roots whose acts are aimed at what their purpose or "against" phrases name
# when no slot names a target: protests, force postures, violence.
_GRIEVANCE_ROOTS = frozenset({"14", "15", "18", "19", "20"})
# Modals of obligation: in reported speech they make the speaker's demand.
MODAL_OBLIGATION = frozenset({"must", "should", "ought"})
# Sectors of firms: an event among firms alone is no political event.
_BUSINESS_SECTORS = frozenset({"BUS", "MNC"})
# Roots whose reciprocal patterns need both parties named (consultations, material
# cooperation: "the president met", "Russia held exercises" name no partner).
_TWO_PARTY_ROOTS = frozenset({"04", "06"})
# Where a governed complement that no pattern codes may name its target
# ("agreed to undertake exercises with Jordan").
_DEFAULT_COMPLEMENT_SLOTS = ("object", "dative", "prep:with", "prep:to")
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
        self,
        lexicon: Lexicon,
        cameo: CameoCodebook,
        countries: CountryTable,
        roles: RoleTable,
        kb: KnowledgeBase | None = None,
        *,
        keep_unresolved: bool = False,
        places: Gazetteer | None = None,
    ) -> None:
        self._lexicon = lexicon
        # Places let actors take the country of a town named with them ("police
        # in Lagos"); without a gazetteer only country names and capitals count.
        self._places = places
        self._cameo = cameo
        self._countries = countries
        self._roles = roles
        self._kb = kb
        # Events whose source no rule resolves are dropped unless asked for:
        # an event without a known actor is noise to most users, evidence to some.
        self._keep_unresolved = keep_unresolved

    def code(self, article: Article, doc: Doc) -> tuple[Event, ...]:
        """All events of one article, in text order, without repeats."""
        actors = ArticleActors(
            doc, self._countries, self._roles, self._kb, article.date, self._places
        )
        clauses = list(iter_clauses(doc, self._lexicon.nouns))
        matched = {c.predicate: self._match(c) for c in clauses}
        # An event noun that a light verb already coded ("held talks") is not a
        # second event.
        consumed = {
            i
            for c in clauses
            if (p := matched[c.predicate]) is not None and p.objects
            for i in range(*_trigger_tokens(doc, c, p))
        }
        by_predicate = {c.predicate: c for c in clauses}
        # A governing verb's event ("agreed to meet" -> 036) replaces what the
        # governor would code on its own ("agree" -> 030): it says more.
        governed: dict[int, Event] = {}
        silenced: set[int] = set()
        for clause in clauses:
            rule = self._lexicon.complement_rule(
                clause.governor, own_subject=_has_own_subject(doc, clause)
            )
            if rule is None or clause.governor_index in governed:
                continue
            complement = matched[clause.predicate]
            event = self._governed_event(
                article,
                doc,
                clause,
                by_predicate.get(clause.governor_index),
                complement,
                rule,
                actors,
            )
            if event is not None:
                governed[clause.governor_index] = event
            elif complement is not None and complement.needs_target:
                # "Zaire agreed to limit its tin exports": trade policy with no
                # one on the other end; the agreeing is not an event either.
                silenced.add(clause.governor_index)
        events = list(governed.values())
        for clause in clauses:
            if clause.predicate in silenced:
                continue
            pattern = matched[clause.predicate]
            if pattern is None and not clause.nominal and clause.predicate not in governed:
                obligation = self._obligation_event(article, doc, clause, None, actors)
                if obligation is not None:
                    events.append(obligation)
            if pattern is None or clause.predicate in governed:
                continue
            if clause.nominal and clause.predicate in consumed:
                continue
            if clause.governor_index in governed:
                # The governor's event already says it ("agreed to meet" -> 036);
                # the meeting itself has not happened and is not a second event.
                continue
            event = self._clause_event(article, doc, clause, pattern, actors)
            if event is not None:
                events.append(event)
        unique = _without_place_doubles(list({e.id: e for e in events}.values()))
        return tuple(
            sorted(unique, key=lambda e: (e.evidence.sentence_index, e.evidence.trigger.start))
        )

    def _clause_event(
        self, article: Article, doc: Doc, clause: Clause, pattern: Pattern, actors: ArticleActors
    ) -> Event | None:
        """The event one clause codes with its pattern: roles, then mood, then the record."""
        obligation = self._obligation_event(article, doc, clause, pattern, actors)
        if obligation is not None:
            return obligation
        pattern, roles = self._clause_roles(doc, clause, pattern, actors)
        if pattern.received:
            if not roles.targets:
                # "Georgia received weapons": the giver is not named.
                return None
            roles = _Roles(roles.targets, roles.sources, "subject.receiver")
        if pattern.needs_target and not roles.targets:
            # "raised the export duty", "halted exports": economic policy with
            # nobody named on the receiving end is no political event; aid
            # suspended "in Somalia" is withheld from Somalia.
            where = (
                self._place_target(clause, actors, doc, roles, pattern.code[:2])
                if pattern.code[:2] in _PLACE_TARGET_ROOTS and not pattern.reciprocal
                else None
            )
            if where is None:
                return None
            roles = _Roles(roles.sources, (where,), "place")
        modality = _modality(clause)
        code = pattern.code
        reasons = [f"pattern:{pattern.id}"]
        if code == _DISSENT_CODE and roles.sources and all(_is_state(m) for m in roles.sources):
            # "China's foreign ministry summoned the ambassador to protest remarks":
            # a state's protest is an official complaint (114), not dissent (14x).
            code = _OFFICIAL_COMPLAINT_CODE
            reasons.append("state-protest")
        bombing = _bombing_kind(doc, clause) if code in _BOMBING_BASE_CODES else None
        if bombing is not None:
            # "A roadside bomb killed three soldiers": CAMEO's roadside bombing.
            code, cue = bombing
            reasons.append(f"bombing:{cue}")
        stance = self._stance(clause, code, modality)
        if stance is not None:
            code, modality, reason = stance
            reasons.append(reason)
            if code.startswith("13") and not roles.targets:
                # An ultimatum is aimed at whoever must meet its condition.
                obliged = _resolve_all(clause.condition_subjects, actors)
                source_ids = {m.actor.id for m in roles.sources}
                obliged = tuple(m for m in obliged if m.actor.id not in source_ids)
                if obliged:
                    roles = _Roles(roles.sources, obliged, "condition.subject")
        elif modality[0] == "future" and self._lexicon.future is not None:
            # CAMEO codes an announced act as the intent to do it: "will
            # visit" is 036, "will attack" a threat (138x).
            code = self._lexicon.future.specific_code_for(code) or code
        return self._build(
            article,
            doc,
            clause,
            roles,
            code=code,
            trigger=_trigger_span(doc, clause, pattern),
            # A refusal or a threat is one party's act, whatever it refuses.
            reciprocal=pattern.reciprocal and stance is None,
            modality=modality,
            specific=bool(pattern.objects),
            reasons=reasons,
            key=f"{clause.predicate}|{pattern.code}",
            actors=actors,
        )

    def _clause_roles(
        self, doc: Doc, clause: Clause, pattern: Pattern, actors: ArticleActors
    ) -> tuple[Pattern, _Roles]:
        """Sources and targets from the pattern's slots, then the readings that fill
        what they leave open: the one-sided pattern when only one party of a joint
        act is named, an unknown perpetrator, the place as target."""

        def slots_of(chosen: Pattern) -> _Roles:
            return _assign_roles(
                clause,
                clause,
                chosen.targets,
                actors,
                root=chosen.code[:2],
                keep_unresolved=self._keep_unresolved,
                reciprocal=chosen.reciprocal,
            )

        roles = slots_of(pattern)
        if (
            pattern.reciprocal
            and pattern.code[:2] in _TWO_PARTY_ROOTS
            and len(roles.sources) < 2
            and not roles.targets
            and (alone := self._match(clause, one_sided=True)) is not None
        ):
            # "Russia is conducting military exercises": with one party named the
            # act is not the joint one (062) but the one-sided reading (150).
            pattern = alone
            roles = slots_of(pattern)
        if (
            not roles.sources
            and pattern.code[:2] in _VIOLENT_ROOTS
            and (roles.targets or _place_country(clause, actors, doc, self._places))
        ):
            # "A roadside bomb killed two soldiers", "a car bomb exploded in
            # Baghdad": the text names the act and its victims or place, and says
            # the doer is unknown; CAMEO codes "---".
            cause = _unknown_perpetrator(doc, clause, actors)
            if cause is not None:
                roles = _Roles((cause,), roles.targets, roles.target_slot)
        if (
            not roles.sources
            and clause.passive
            and not clause.agents
            and pattern.code[:2] == _STATE_COERCION_ROOT
        ):
            # "A missionary was arrested in Lebanon": by the authorities of the
            # country where it happened, as CAMEO and PLOVER code it.
            authority = self._place_target(clause, actors, doc, roles, "17")
            if authority is not None:
                authority = dataclasses.replace(authority, rule="authority-of-place")
                roles = _Roles((authority,), roles.targets, roles.target_slot)
        return pattern, roles

    def _match(self, clause: Clause, *, one_sided: bool = False) -> Pattern | None:
        """The most specific applicable pattern; among equals, one whose object is
        a compound the clause has ("air strike" over "strike"), then file order.
        ``one_sided`` leaves out patterns of acts between parties."""
        best: Pattern | None = None
        best_rank = (-1, False)
        for pattern in self._lexicon.candidates(clause.lemma, nominal=clause.nominal):
            if pattern.particle and pattern.particle != clause.particle:
                continue
            if one_sided and pattern.reciprocal:
                continue
            matched = pattern.objects.intersection(clause.object_lemmas)
            if pattern.objects and not matched:
                continue
            required = pattern.required_preps
            if required and not any(
                arg.via.rsplit(":", 1)[1] in required
                for arg in (*clause.preps, *clause.object_preps)
            ):
                continue
            rank = (pattern.specificity, any(" " in lemma for lemma in matched))
            if rank > best_rank:
                best, best_rank = pattern, rank
        return best

    def _situated(
        self, roles: _Roles, clause: Clause, actors: ArticleActors, doc: Doc, root: str = ""
    ) -> _Roles:
        """Domestic actors named without a country take the country the event
        happens in: "demonstrators protested in Monrovia" are Liberian, and so are
        the demonstrators "Liberian riot police" dispersed; the unknown perpetrator
        of a bombing in Baghdad is placed in Iraq, as CAMEO and PLOVER code it.

        Only groups of a domestic kind (civilians, opposition, labour, students,
        radicals, criminals, rebels ...) are placed; the country is that of the
        clause's place phrase, else, for civilians facing a state authority
        (government, police, courts, legislature), that authority's.
        """
        # A protest's authority is the one where it happens ("thousands marched in
        # Belgrade against the government": Serbia's).
        placeable = _DOMESTIC_SECTORS | (_AUTHORITY_SECTORS if root == "14" else frozenset())
        unplaced = [
            m
            for m in (*roles.sources, *roles.targets)
            if m.actor.country is None
            and (set(m.actor.sectors) & placeable or m.actor.id == _UNKNOWN_PERPETRATOR.id)
            and not m.rule.startswith("unresolved")
        ]
        if not unplaced:
            return roles
        # "A roadside bombing near Samarra killed ...": the place may hang on the
        # subject that names the act, or on the verb a participle hangs on ("a
        # bomb exploded in Baghdad, killing ten").
        predicate = doc[clause.predicate]
        governing = (predicate.head.i,) if predicate.dep_ in {"advcl", "conj", "xcomp"} else ()
        here = _place_country(
            clause,
            actors,
            doc,
            self._places,
            also=(*clause.subjects, *clause.agents, *governing),
        )

        def placed(mention: Mention, others: tuple[Mention, ...]) -> Mention:
            if mention not in unplaced:
                return mention
            country, why = here, "place"
            if country is None and set(mention.actor.sectors) & _CIVIL_SECTORS:
                authority = next(
                    (
                        o.actor.country
                        for o in others
                        if o.actor.country and set(o.actor.sectors) & _AUTHORITY_SECTORS
                    ),
                    None,
                )
                country, why = authority, "authority"
            if country is None:
                return mention
            actor = mention.actor
            actor_id = actor.id.replace("::", f":{country}:", 1).replace(":-:", f":{country}:", 1)
            if actor.id == _UNKNOWN_PERPETRATOR.id:
                actor_id = f"{actor.id}:{country}"
            return dataclasses.replace(
                mention,
                actor=dataclasses.replace(actor, id=actor_id, country=country),
                rule=f"{mention.rule}+country-from-{why}",
            )

        return _Roles(
            tuple(placed(m, roles.targets) for m in roles.sources),
            tuple(placed(m, roles.sources) for m in roles.targets),
            roles.target_slot,
        )

    def _place_target(
        self, clause: Clause, actors: ArticleActors, doc: Doc, roles: _Roles, root: str
    ) -> Mention | None:
        """The country of the clause's place phrase, or of a town it acts on, as a
        target. A protest at home is aimed at the home country ("Greek farmers
        protested in Athens"); a force posture at home is aimed at no one ("Israeli
        troops on alert in Israel")."""
        # A town named as the object is a place too ("shelled Kharkiv").
        towns = tuple(
            o
            for o in clause.objects
            if (doc[o].ent_type_ in {"GPE", "LOC", "FAC"} and doc[o].pos_ == "PROPN")
            or doc[o].lemma_.lower() in _PLACE_KIND_NOUNS  # "seized the city of Kunduz"
            # "shelled Kherson", the tagger calling the city a person: a large
            # town the gazetteer knows (checked there) as the object of violence.
            or (root in _VIOLENT_ROOTS and doc[o].pos_ == "PROPN" and doc[o].ent_type_ != "GPE")
        )
        if root == _YIELD_ROOT:
            # "French troops withdrew from Mali": a retreat is from the place's
            # country.
            towns += tuple(
                h
                for arg in (*clause.preps, *clause.object_preps)
                if arg.via.endswith(":from")
                for h in arg.heads
                if doc[h].ent_type_ in {"GPE", "LOC", "FAC"}
            )
        country = _place_country(clause, actors, doc, self._places, direct=towns)
        if country is None:
            return None
        if root in _NOT_AT_HOME_ROOTS and any(m.actor.country == country for m in roles.sources):
            return None
        head = (*clause.places, *towns)[0]
        ent = next((e for e in doc.ents if e.start <= head < e.end), None)
        span = _char_span(doc, *((ent.start, ent.end) if ent else (head, head + 1)))
        actor = Actor(id=f"country:{country}", name=country, kind="country", country=country)
        return Mention(span, clause.sentence, actor, "place-country")

    def _stance(
        self, clause: Clause, code: str, modality: tuple[Modality, str]
    ) -> tuple[str, tuple[Modality, str], str] | None:
        """An announced act that is itself a refusal or a threat, as CAMEO codes it.

        "Syria will not accept more refugees" refuses a cooperative act (12x);
        "Nigeria will withdraw its force unless ..." and "may halt mediation if
        ..." make an act the price of a condition: a threat (13x). Returns
        (code, modality, reason), or None when neither applies.
        """
        announced = clause.modal in MODAL_FUTURE or clause.modal == "would"
        root = int(code[:2])
        refuse = self._lexicon.complement_rule("refuse")
        if modality[0] == "negated" and announced and 3 <= root <= 9 and refuse is not None:
            refusal = refuse.specific_code_for(code) or refuse.default
            return refusal, ("asserted", ""), f"refusal:{clause.modal} not"
        threaten = self._lexicon.complement_rule("threaten")
        # "unless" makes any announced act an ultimatum; "if" only a hostile one
        # ("will meet them if ..." is a conditional offer, coded as an intent).
        hostile = root >= 10 or clause.condition == "unless"
        if (
            clause.condition
            and (announced or clause.modal in MODAL_HYPOTHETICAL)
            and hostile
            and modality[0] != "negated"
            and threaten is not None
        ):
            threat = threaten.specific_code_for(code) or threaten.default
            return threat, ("asserted", ""), f"ultimatum:{clause.condition}"
        return None

    def _obligation_event(
        self,
        article: Article,
        doc: Doc,
        clause: Clause,
        pattern: Pattern | None,
        actors: ArticleActors,
    ) -> Event | None:
        """A reported obligation as the speaker's demand: "Britain said Libya must
        hand over the suspects" is Britain demanding of Libya (10x), not a
        hypothetical handover; whatever the obliged must do ("said US forces must
        ensure security"), it is a demand (100). None unless the clause has
        "must"/"should", a speaker and an obliged subject that resolve."""
        rule = self._lexicon.obligation
        if rule is None or clause.modal not in MODAL_OBLIGATION or clause.passive:
            return None
        speakers = _resolve_all(clause.speakers, actors)
        obliged = tuple(
            m
            for m in _resolve_all(clause.subjects, actors)
            if m.actor.id not in {s.actor.id for s in speakers}
        )
        if not speakers or not obliged:
            return None
        code = rule.code_for(pattern.code if pattern else None)
        reasons = [f"obligation:{rule.id}:{clause.modal}"]
        if pattern is not None:
            reasons.append(f"pattern:{pattern.id}")
        return self._build(
            article,
            doc,
            clause,
            _Roles(speakers, obliged, "obliged"),
            code=code,
            trigger=(
                _trigger_span(doc, clause, pattern)
                if pattern
                else _char_span(doc, clause.predicate, clause.predicate + 1)
            ),
            reciprocal=False,
            modality=("asserted", ""),
            specific=pattern is not None,
            reasons=reasons,
            key=f"{clause.predicate}|{code}",
            actors=actors,
        )

    def _governed_event(
        self,
        article: Article,
        doc: Doc,
        complement: Clause,
        governor: Clause | None,
        pattern: Pattern | None,
        rule: ComplementRule,
        actors: ArticleActors,
    ) -> Event | None:
        """The governor's event for a complement: "X agreed to meet Y" -> X 036 Y.

        Sources are the governor's (or, for "is ready to", the complement's
        inherited) subjects. Targets are the governor's own object ("urged Iran
        to withdraw") or else the complement's target.
        """
        code = rule.code_for(pattern.code if pattern else None)
        slots = pattern.targets if pattern else _DEFAULT_COMPLEMENT_SLOTS
        # "X and Y agreed to meet" is joint; "X urged Y to negotiate", "X refused
        # to meet Y" are one party's acts.
        reciprocal = bool(pattern and pattern.reciprocal) and rule.modality == "intent"
        roles = _assign_roles(
            governor or complement,
            complement,
            slots,
            actors,
            root=code[:2],
            keep_unresolved=self._keep_unresolved,
            reciprocal=reciprocal,
        )
        if governor is not None:
            # "urged Iran to withdraw", "appealed to the United States to restrict",
            # "called on Israel to stop": the one the governor addresses.
            addressed = tuple(
                h for arg in governor.preps if arg.via in {"prep:to", "prep:on"} for h in arg.heads
            )
            if governor.passive:
                # "Obama was pressured by Congress to help Iran": of Obama.
                addressed += governor.subjects
            own = _resolve_all(governor.objects + governor.datives + addressed, actors)
            slot = "governor.object"
            if not own and doc[complement.predicate].dep_ == "ccomp":
                # "demanded that President Mugabe abandon ...": of Mugabe.
                own = _resolve_all(complement.subjects, actors)
                slot = "complement.subject"
            own = tuple(m for m in own if m.actor.id not in {s.actor.id for s in roles.sources})
            if own:
                roles = _Roles(roles.sources, own, slot)
        if pattern is not None and pattern.needs_target and not roles.targets:
            # "Zaire agreed to limit its tin exports": the policy needs a target to
            # be a political act, governed or not.
            return None
        start = min(complement.governor_index, complement.predicate)
        trigger = _char_span(doc, start, max(complement.governor_index, complement.predicate) + 1)
        reasons = [f"complement:{rule.id}:{complement.governor}"]
        if pattern is not None:
            reasons.append(f"pattern:{pattern.id}")
        return self._build(
            article,
            doc,
            complement,
            roles,
            code=code,
            trigger=trigger,
            reciprocal=reciprocal,
            modality=_governor_modality(rule, governor),
            specific=pattern is not None,
            reasons=reasons,
            key=f"{complement.governor_index}|{code}",
            actors=actors,
        )

    def _build(
        self,
        article: Article,
        doc: Doc,
        clause: Clause,
        roles: _Roles,
        *,
        code: str,
        trigger: Span,
        reciprocal: bool,
        modality: tuple[Modality, str],
        specific: bool,
        reasons: list[str],
        key: str,
        actors: ArticleActors,
    ) -> Event | None:
        """An event from resolved roles; None without a resolved source."""
        if not roles.sources:
            return None
        parties = (*roles.sources, *roles.targets)
        if all(m.actor.sectors and set(m.actor.sectors) <= _BUSINESS_SECTORS for m in parties):
            # "Sara Lee agreed to buy a stake in DIM": firms dealing with firms, with
            # no state or political actor among them, are business news.
            return None
        cameo = self._cameo.get(code)
        if reciprocal and roles.target_slot in {"object.owner", "prep.owner"}:
            # "agreed to US mediation": one party accepts the other's thing.
            reciprocal = False
        if reciprocal and len(roles.sources) < 2 and not roles.targets:
            if cameo.root in _TWO_PARTY_ROOTS:
                # Meeting and talking take two parties: "the president spoke"
                # with nobody named on the other side is no consultation.
                return None
            # "Denmark accepted the formula", "Ukraine ratified the agreement":
            # agreeing and signing are acts of the one party named, not a
            # reciprocal event with a missing partner.
            reciprocal = False
        if cameo.root in _DYADIC_ONLY_ROOTS and not roles.targets and not specific:
            # "Putin emphasized ..." is speech, not an interaction: a bare verb of
            # saying is an event only when it is about or addressed to another
            # actor. A specific statement ("denied responsibility") stands alone.
            return None
        if not roles.targets and not reciprocal and cameo.root in _PLACE_TARGET_ROOTS:
            # "Thousands demonstrated in Osh", "Russia held exercises in Alaska":
            # aimed at the country they take place in, a town's or region's too.
            where = self._place_target(clause, actors, doc, roles, cameo.root)
            if where is not None:
                roles = _Roles(roles.sources, (where,), "place")
        roles = _owned_by_speaker(roles, clause, actors, doc)
        roles = self._situated(roles, clause, actors, doc, cameo.root)
        mode, cue = modality
        sent = doc[clause.predicate].sent
        place, place_span = _place(clause, actors, doc)
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
            *reasons,
            *(f"source:{m.rule}" for m in roles.sources),
            *(f"target:{m.rule}@{roles.target_slot}" for m in roles.targets),
        ]
        if reciprocal:
            reasons.append("reciprocal")
        if cue:
            reasons.append(f"modality:{cue}")
        party_ids = {m.actor.id for m in (*roles.sources, *roles.targets)}
        speakers = tuple(
            m for m in _resolve_all(clause.speakers, actors) if m.actor.id not in party_ids
        )
        if speakers:
            reasons.append("attributed:reported-speech")
        return Event(
            id=_event_id(article.id, clause.sentence, key, roles),
            article_id=article.id,
            date=article.date,
            date_precision="publication" if article.date else "unknown",
            sources=roles.sources,
            targets=roles.targets,
            cameo=cameo,
            plover=plover_for(cameo.code),
            evidence=evidence,
            modality=mode,
            reciprocal=reciprocal,
            location=place,
            confidence=_confidence(specific, roles, mode, _is_purpose(doc, clause)),
            reasons=tuple(reasons),
            attributed_to=speakers,
        )


def _assign_roles(
    actor_clause: Clause,
    target_clause: Clause,
    slots: tuple[str, ...],
    actors: ArticleActors,
    *,
    root: str = "",
    keep_unresolved: bool = False,
    reciprocal: bool = False,
) -> _Roles:
    """Sources from ``actor_clause``; targets from the first of ``slots`` of ``target_clause``.

    The two differ for governed complements: "X agreed to meet Y" takes X from
    "agreed" and Y from "meet". When no slot names an actor, the owner of a
    direct object is tried; then, by the event's CAMEO ``root``, the subject of
    a "that" clause ("demanded that the US cancel the sale" is addressed to the
    US). With ``keep_unresolved``,
    sources no rule resolves are kept as unresolved actors, and so are targets
    that are named entities.
    """
    # In the passive the grammatical subject is the patient: "X was attacked by Y".
    source_heads = actor_clause.agents if actor_clause.passive else actor_clause.subjects
    object_heads = target_clause.subjects if target_clause.passive else target_clause.objects
    sources = _resolve_all(source_heads, actors)
    if not sources and keep_unresolved:
        sources = _unresolved_all(source_heads, actors, named_only=False)
    source_ids = {m.actor.id for m in sources}
    clause = target_clause
    fallbacks: list[str] = []
    if not target_clause.passive and not (reciprocal and len(sources) > 1):
        # "rejected Saddam Hussein's proposal", "rejected a Turkish peace plan",
        # "agreed to US mediation": the object is a thing (or the event noun);
        # whose it is is the target. Not between parties named together: "the two
        # leaders discussed Kyrgyz-Russian interaction" is about themselves.
        fallbacks += ["object.owner", "prep.owner"]
    if root in _COMPLEMENT_TARGET_ROOTS:
        fallbacks.append("complement.subject")
    if root == "13":
        # "threatened to strike unless Israel rescinded ...": aimed at Israel.
        fallbacks.append("condition.subject")
    if root in _GRIEVANCE_ROOTS:
        # "staged a strike to demand the resignation of President X": at X;
        # "mobilized reservists for a possible war against Iraq": at Iraq.
        fallbacks.append("grievance")
    for slot in (*slots, *fallbacks):
        heads = _slot_heads(slot, clause, object_heads)
        targets = tuple(m for m in _resolve_all(heads, actors) if m.actor.id not in source_ids)
        if targets:
            return _Roles(sources, targets, slot)
    if keep_unresolved:
        for slot in slots:
            heads = _slot_heads(slot, clause, object_heads)
            targets = _unresolved_all(heads, actors, named_only=True)
            if targets:
                return _Roles(sources, targets, slot)
    return _Roles(sources, (), "")


# Sectors of actors who act where they live: named without a country, they take
# the country of the event's place (see EventCoder._situated).
_DOMESTIC_SECTORS = frozenset(
    {"CVL", "OPP", "LAB", "EDU", "HLH", "RAD", "CRM", "REB", "INS", "UAF", "COP", "JUD", "LEG",
     "AGR", "REL"}
)  # fmt: skip
# Of those, the ones that, facing a state authority, are that state's people.
_CIVIL_SECTORS = frozenset({"CVL", "OPP", "LAB", "EDU", "HLH", "RAD", "CRM", "AGR", "REL"})
_AUTHORITY_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG"})


def _place_country(
    clause: Clause,
    actors: ArticleActors,
    doc: Doc,
    places: Gazetteer | None,
    *,
    also: tuple[int, ...] = (),
    direct: tuple[int, ...] = (),
) -> str | None:
    """The country of the clause's first place phrase that names one: a country or
    capital, else (with a gazetteer) a town or region, by its most populous reading.
    A phrase naming an occasion or a kind of place looks into its own place
    phrases, two levels deep ("killed in a car bombing in Baghdad", "in the
    capital city of Algiers", "in an ambush in Imo state"). The place phrases of
    the ``also`` heads come after the clause's; the ``direct`` heads are read as
    places themselves ("shelled Kharkiv")."""
    heads = [*clause.places, *direct]
    heads.extend(
        pobj.i
        for noun in also
        for prep in doc[noun].children
        if prep.dep_ == "prep" and prep.lower_ in {"in", "at", "near", "outside"}
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    )
    # "the capital city of Algiers", "the town of Gorazde": a name after a kind
    # of place is a place, whatever the tagger calls it ("Samarra" as NORP); so
    # is one before it ("the Kharkiv region", "Helmand province"). Read two
    # levels deep: "in an ambush in Imo state" reaches "state", then "Imo".
    named_places: set[int] = set(direct)
    queue = [(head, 0) for head in heads]
    heads = []
    for head, depth in queue:  # the queue grows while it is read
        if head in heads:
            continue
        heads.append(head)
        if depth > 1:
            continue
        if doc[head].lemma_.lower() in _PLACE_KIND_NOUNS:
            for modifier in doc[head].children:
                if modifier.dep_ == "compound" and modifier.pos_ == "PROPN":
                    queue.append((modifier.i, depth + 1))
                    named_places.add(modifier.i)
        for prep in doc[head].children:
            if prep.dep_ != "prep" or prep.lower_ not in {"in", "at", "near", "of"}:
                continue
            if prep.lower_ == "of" and doc[head].ent_type_:
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    queue.append((pobj.i, depth + 1))
                    if prep.lower_ == "of" and pobj.pos_ == "PROPN":
                        named_places.add(pobj.i)
    for head in heads:
        mention = actors.resolve(head)
        if mention is not None and mention.actor.kind == "country":
            return mention.actor.country
        if (
            places is None
            or (doc[head].ent_type_ not in {"GPE", "LOC"} and head not in named_places)
            or doc[head].lower_ in _PLACE_KIND_NOUNS  # "the city", not a town named City
        ):
            continue
        ent = next((e for e in doc.ents if e.start <= head < e.end), None)
        name = ent.text if ent is not None else doc[head].text
        entries = [e for e in places.candidates(name) if e.country and e.kind != "continent"]
        if doc[head].ent_type_ not in {"GPE", "LOC", "FAC"} and head in direct:
            # A name the tagger did not call a place is one only if it is a big town.
            entries = [e for e in entries if e.population >= _BIG_TOWN]
        if entries:
            return max(entries, key=lambda e: (e.population, e.names)).country
    return None


# Population from which a name the tagger missed is read as a town.
_BIG_TOWN = 100_000


# Nouns of kinds of places, named by a proper noun before or after them.
_PLACE_KIND_NOUNS = frozenset(
    {"region", "province", "district", "state", "city", "town", "village", "area",
     "county", "governorate", "oblast", "prefecture", "territory", "enclave", "port"}
)  # fmt: skip
# Roots of violent acts whose doer may be named only by the weapon or the act.
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# The root of coercion (arrests, expulsions, bans): done by a state's authorities.
_STATE_COERCION_ROOT = "17"
# Nouns that stand for an unnamed attacker: the weapon or the act itself.
_CAUSE_NOUNS = frozenset(
    {"bomb", "bombing", "blast", "explosion", "device", "mine", "landmine", "shell",
     "shelling", "missile", "rocket", "grenade", "mortar", "attack", "airstrike", "strike",
     "raid", "gunfire", "shooting", "ambush", "crossfire", "drone", "sniper", "gunman",
     "gunmen", "assailant", "assailants", "attacker", "attackers", "bomber", "bombers"}
)  # fmt: skip
_UNKNOWN_PERPETRATOR = Actor(id="unknown:perpetrator", name="unknown perpetrator", kind="group")


def _unknown_perpetrator(doc: Doc, clause: Clause, actors: ArticleActors) -> Mention | None:
    """The doer of a violent act named by its weapon or act: the subject ("a
    roadside bomb killed"), the "by" agent ("killed by an explosive device") or the
    "in" phrase ("killed in a car bombing") of the clause. Unknown, unless the
    weapon or act names a country ("US drone strikes killed ...")."""
    heads = [
        *(clause.agents if clause.passive else clause.subjects),
        *(h for arg in clause.preps if arg.via in {"prep:in", "prep:by"} for h in arg.heads),
    ]
    for head in heads:
        lemma = doc[head].lemma_.lower()
        if lemma not in _CAUSE_NOUNS:
            continue
        span = _char_span(doc, head, head + 1)
        country = actors.modifier_country(head)
        if country is not None:
            actor = Actor(id=f"country:{country}", name=country, kind="country", country=country)
            return Mention(span, clause.sentence, actor, f"country-of-weapon:{lemma}")
        return Mention(span, clause.sentence, _UNKNOWN_PERPETRATOR, f"unknown-perpetrator:{lemma}")
    if (
        clause.passive
        and not clause.agents
        and clause.lemma in _HARM_VERBS
        and not _mishap(doc, clause)
    ):
        # "Ten Russian soldiers were killed in Ukraine": the text says who died
        # and where, not by whom; not an accident or a disaster.
        span = _char_span(doc, clause.predicate, clause.predicate + 1)
        return Mention(span, clause.sentence, _UNKNOWN_PERPETRATOR, "unknown-perpetrator:passive")
    return None


# Verbs of harm done to people, whose passive implies a doer ("were killed"); not
# verbs that also mean other things ("will not be rushed", "was hit by inflation").
_HARM_VERBS = frozenset(
    {"kill", "murder", "massacre", "slaughter", "execute", "behead", "assassinate",
     "wound", "injure", "maim", "shoot", "gun", "stab", "kidnap", "abduct", "torture",
     "lynch", "bomb", "shell"}
)  # fmt: skip
# Nouns of accidents and disasters: "killed in a mine accident" has no perpetrator.
_MISHAP_NOUNS = frozenset(
    {"accident", "crash", "collision", "fire", "blaze", "flood", "flooding", "earthquake",
     "quake", "storm", "hurricane", "typhoon", "cyclone", "landslide", "mudslide",
     "avalanche", "stampede", "derailment", "disease", "outbreak", "epidemic", "heatwave",
     "drought", "tornado", "tsunami", "eruption", "collapse", "lightning", "wreck"}
)  # fmt: skip


def _mishap(doc: Doc, clause: Clause) -> bool:
    """Whether the clause says the harm came from an accident or a disaster."""
    words = {doc[h].lemma_.lower() for arg in clause.preps for h in arg.heads}
    words |= {t.lemma_.lower() for t in doc[clause.predicate].sent if t.pos_ == "NOUN"}
    return bool(words & _MISHAP_NOUNS)


# Entity types that name an actor even when no table knows it.
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _unresolved_all(
    heads: tuple[int, ...], actors: ArticleActors, *, named_only: bool
) -> tuple[Mention, ...]:
    """Unresolved mentions for the heads (only named entities when ``named_only``)."""
    found: dict[str, Mention] = {}
    for head in heads:
        if named_only and actors.doc[head].ent_type_ not in _ACTOR_ENTS:
            continue
        mention = actors.unresolved(head)
        if mention is not None:
            found.setdefault(mention.actor.id, mention)
    return tuple(found.values())


def _slot_heads(slot: str, clause: Clause, object_heads: tuple[int, ...]) -> tuple[int, ...]:
    if slot == "object":
        return object_heads
    if slot == "dative":
        return clause.datives
    if slot == "place":
        return clause.places
    if slot == "object.owner":
        return clause.object_owners
    if slot == "prep.owner":
        return clause.prep_owners
    if slot == "complement.subject":
        return clause.complement_subjects
    if slot == "condition.subject":
        return clause.condition_subjects
    if slot == "grievance":
        return clause.grievances
    kind, _, prep = slot.partition(":")
    pool = clause.object_preps if kind == "object.prep" else clause.preps
    return tuple(
        h for arg in pool if prep == "*" or arg.via.endswith(f":{prep}") for h in arg.heads
    )


def _resolve_all(heads: tuple[int, ...], actors: ArticleActors) -> tuple[Mention, ...]:
    """The actors the heads name. A head that names a thing an actor holds ("an
    Islamic State target", "Russian positions", "the rebels' stronghold") stands
    for its holder."""
    found: dict[str, Mention] = {}
    for head in heads:
        mentions = list(actors.resolve_group(head))
        token = actors.doc[head]
        if not mentions and token.lemma_.lower() in _HELD_THING_NOUNS:
            # Its modifiers, or whose or whom it is for ("the computers of army
            # officers", "a camp for Congolese refugees").
            holders = [c for c in token.children if c.dep_ in {"compound", "poss", "amod", "nmod"}]
            holders += [
                pobj
                for prep in token.children
                if prep.dep_ == "prep" and prep.lower_ in {"of", "for"}
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ]
            mentions = [m for holder in holders for m in actors.resolve_group(holder.i)]
        for mention in mentions:
            found.setdefault(mention.actor.id, mention)
    return tuple(found.values())


# Things an actor holds or uses, which stand for it as the target of an act.
_HELD_THING_NOUNS = frozenset(
    {"target", "position", "base", "stronghold", "camp", "convoy", "headquarters",
     "office", "post", "outpost", "checkpoint", "facility", "installation", "embassy",
     "consulate", "station", "vessel", "ship", "warship", "plane", "aircraft", "jet",
     "helicopter", "drone", "tank", "vehicle", "barracks", "garrison", "compound",
     "hideout", "territory", "asset", "interest", "computer", "network", "website",
     "server", "account", "home", "house", "residence", "property"}
)  # fmt: skip


# The generic protest verb, and what it is when a state protests.
_DISSENT_CODE = "140"
_OFFICIAL_COMPLAINT_CODE = "114"


def _is_state(mention: Mention) -> bool:
    """Whether the actor speaks for a state or an intergovernmental body."""
    actor = mention.actor
    return actor.kind in {"country", "igo"} or bool(
        set(actor.sectors) & {"GOV", "IGO"} and not set(actor.sectors) & _DOMESTIC_SECTORS
    )


# Codes a bombing refines: killing, attacking, assault, bombing in general.
_BOMBING_BASE_CODES = frozenset({"180", "183", "190", "182"})
# Nouns of the bomb, the bomber or the act, and the modifiers that say which
# bombing CAMEO has a code for.
_BOMB_NOUNS = frozenset(
    {"bomb", "bombing", "bomber", "blast", "explosion", "attack", "attacker", "device", "ied"}
)
_BOMBING_KINDS = {"suicide": "1831", "car": "1832", "truck": "1832", "vehicle": "1832",
                  "roadside": "1833"}  # fmt: skip
_REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself"})


def _bombing_kind(doc: Doc, clause: Clause) -> tuple[str, str] | None:
    """The CAMEO code of a suicide, car or roadside bombing the clause tells of, and
    the word that says so: a modifier of the bomb, bomber or act named as the doer,
    the means ("killed in a car bombing") or the act itself; or a bomber who "blew
    himself up"."""
    heads = [
        clause.predicate,
        *(clause.agents if clause.passive else clause.subjects),
        *clause.objects,
        *(h for arg in clause.preps if arg.via in {"prep:in", "prep:by"} for h in arg.heads),
    ]
    for head in heads:
        token = doc[head]
        if token.lemma_.lower() not in _BOMB_NOUNS and token.lower_ not in _BOMB_NOUNS:
            continue
        for child in token.children:
            kind = _BOMBING_KINDS.get(child.lower_)
            if kind is not None and child.dep_ in {"compound", "amod", "nmod"}:
                return kind, child.lower_
    if clause.lemma == "blow" and any(doc[o].lower_ in _REFLEXIVES for o in clause.objects):
        return _BOMBING_KINDS["suicide"], "blew-self-up"
    return None


_POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
# Armed and police forces: a country's spokesman speaks of its own.
_FORCE_SECTORS = frozenset({"MIL", "COP"})


def _owned_by_speaker(roles: _Roles, clause: Clause, actors: ArticleActors, doc: Doc) -> _Roles:
    """Countryless actors that "its"/"their" ties to whoever reports or governs the
    clause ("Moscow denied that its forces had attacked civilians" -> Russian forces),
    and the forces a state's own voice speaks of ("Israel said troops killed ...")."""
    owners = [m for m in _resolve_all(clause.speakers, actors) if m.actor.country]
    if not owners:
        head = doc[clause.predicate].head
        if head.i != clause.predicate and doc[clause.predicate].dep_ in {"ccomp", "xcomp"}:
            subjects = tuple(c.i for c in head.children if c.dep_ in {"nsubj", "nsubjpass"})
            owners = [m for m in _resolve_all(subjects, actors) if m.actor.country]
    if len({m.actor.country for m in owners}) != 1:
        return roles
    country = owners[0].actor.country
    assert country is not None  # filtered above

    state_owner = all(_is_state(m) or set(m.actor.sectors) & _FORCE_SECTORS for m in owners)

    def owned(mention: Mention) -> Mention:
        if mention.actor.country is not None:
            return mention
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None:
            return mention
        possessed = any(
            c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS for c in span.root.children
        )
        # "The Israeli army said troops killed ...", "Israel said troops ...": a
        # state's spokesmen speak of its own forces.
        own_force = bool(set(mention.actor.sectors) & _FORCE_SECTORS) and state_owner
        if not possessed and not own_force:
            return mention
        actor = mention.actor
        return dataclasses.replace(
            mention,
            actor=dataclasses.replace(
                actor, id=actor.id.replace("::", f":{country}:", 1), country=country
            ),
            rule=f"{mention.rule}+country-of-owner",
        )

    return _Roles(
        tuple(owned(m) for m in roles.sources),
        tuple(owned(m) for m in roles.targets),
        roles.target_slot,
    )


def _without_place_doubles(events: list[Event]) -> list[Event]:
    """Drop an event aimed only at its place when its sentence has the same act by
    the same doers at someone in that country: "a car bomb exploded in Baghdad,
    killing ten people" is one bombing of the ten, not also one of Iraq."""

    def key(event: Event) -> tuple[int, str, frozenset[str]]:
        sources = frozenset(m.actor.id for m in event.sources)
        return event.evidence.sentence_index, event.cameo.code, sources

    def place_aimed(event: Event) -> bool:
        return bool(event.targets) and all(
            r.endswith("@place") for r in event.reasons if r.startswith("target:")
        )

    named: dict[tuple[int, str, frozenset[str]], set[str | None]] = {}
    for event in events:
        if not place_aimed(event):
            named.setdefault(key(event), set()).update(m.actor.country for m in event.targets)
    return [
        e
        for e in events
        if not (
            place_aimed(e) and {m.actor.country for m in e.targets} <= named.get(key(e), set())
        )
    ]


def _has_own_subject(doc: Doc, clause: Clause) -> bool:
    """Whether a governed complement names its own subject ("wants Putin to
    attack"), rather than sharing the governor's ("wants to attack")."""
    if clause.governor_index < 0:
        return False
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in doc[clause.predicate].children)


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
    if clause.modal == "would" and clause.speakers:
        # "Palestinian leaders said they would boycott ...": in reported speech
        # "would" is the reported "will", an announcement, not a hypothesis.
        return "future", "modal:would-reported"
    if clause.modal in MODAL_HYPOTHETICAL:
        return "hypothetical", f"modal:{clause.modal}"
    if clause.governor in REQUEST_VERBS:
        return "hypothetical", f"governor:{clause.governor}"
    if clause.governor in INTENT_VERBS:
        return "intent", f"governor:{clause.governor}"
    return "asserted", ""


def _governor_modality(rule: ComplementRule, governor: Clause | None) -> tuple[Modality, str]:
    """A governor's event is what its rule says: an intent ("agreed to meet") or
    an act (a threat, a refusal); negation and modals of the governor still apply."""
    modality: tuple[Modality, str] = _modality(governor) if governor else ("asserted", "")
    if modality[0] == "asserted" and rule.modality == "intent":
        return "intent", f"complement:{rule.id}"
    return modality


def _trigger_tokens(doc: Doc, clause: Clause, pattern: Pattern) -> tuple[int, int]:
    """Token range [start, end) of the trigger: the verb, stretched to its event
    noun for light-verb patterns ("held ... talks", "held a session of talks",
    "went on strike", "launched air strikes")."""
    start = end = clause.predicate
    if pattern.objects:
        # Head nouns of the pattern's objects: "on:strike" -> strike, "air strike" -> strike.
        heads = {obj.rsplit(":", 1)[-1].split()[-1] for obj in pattern.objects}
        for i in clause.objects:
            if doc[i].lemma_.lower() in heads:
                return min(start, i), max(end, i) + 1
        for token in doc[clause.predicate].subtree:
            if token.lemma_.lower() in heads and token.dep_ in {"pobj", "nsubjpass"}:
                return min(start, token.i), max(end, token.i) + 1
    return start, end + 1


def _trigger_span(doc: Doc, clause: Clause, pattern: Pattern) -> Span:
    return _char_span(doc, *_trigger_tokens(doc, clause, pattern))


def _place(clause: Clause, actors: ArticleActors, doc: Doc) -> tuple[Place | None, Span | None]:
    """The first locative phrase of the clause that names a country or capital; else
    the span of its first proper-name phrase ("in Osh"), which the place stage
    resolves with the gazetteer."""
    for head in clause.places:
        mention = actors.resolve(head)
        if mention is not None and mention.actor.kind == "country":
            return Place(name=mention.span.text, country=mention.actor.country), mention.span
    for head in clause.places:
        token = doc[head]
        if token.ent_type_ in {"GPE", "LOC", "FAC"} or token.pos_ == "PROPN":
            ent = next((e for e in doc.ents if e.start <= head < e.end), None)
            return None, _char_span(doc, *((ent.start, ent.end) if ent else (head, head + 1)))
    return None, None


def _char_span(doc: Doc, start_token: int, end_token: int) -> Span:
    """Character span of tokens [start, end), trailing whitespace trimmed."""
    span = doc[start_token:end_token]
    text = span.text.rstrip()
    return Span(span.start_char, span.start_char + len(text), text)


def _is_purpose(doc: Doc, clause: Clause) -> bool:
    """An infinitive of purpose: "staged demonstrations to demand reforms",
    "opened fire to disperse the crowd". What it names is the aim of the main act."""
    verb = doc[clause.predicate]
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    # advcl on a verb ("staged ... to demand"), acl on a noun ("a strike to demand"),
    # or an xcomp the parser hung on a verb that already has its object ("began a
    # hunger strike to demand": the strike is begun, the demand is its aim).
    return verb.dep_ in {"advcl", "acl"} or (
        verb.dep_ == "xcomp" and any(c.dep_ in {"dobj", "obj"} for c in verb.head.children)
    )


def _confidence(specific: bool, roles: _Roles, modality: Modality, purpose: bool) -> float:
    """A rough 0-1 score: a specific pattern and actors on both sides raise it; an
    aim ("to demand reforms") and a doer inferred only from a passive ("were
    killed in Kandahar") score lower.

    Not a probability: `kabar eval plover-gsr` prints how often the chosen event's
    type is right in each band of this score (a calibration table). On that gold
    the score is conservative: events scored 0.6-0.7 are right about 85% of the
    time, those over 0.8 about 93%.
    """
    score = 0.45
    if specific:
        score += 0.15
    if roles.targets:
        score += 0.2
    if all(m.rule.startswith(("country", "person-title")) for m in roles.sources):
        score += 0.1
    if modality != "asserted":
        score -= 0.1
    if any(m.rule == "unresolved" for m in (*roles.sources, *roles.targets)):
        score -= 0.2
    if purpose:
        score -= 0.25
    if any(m.rule.startswith("unknown-perpetrator:passive") for m in roles.sources):
        score -= 0.15
    return round(min(score, 0.95), 2)


def _event_id(article_id: str, sentence: int, key: str, roles: _Roles) -> str:
    """Deterministic across runs and processes (hashlib, never ``hash()``)."""
    parts = [
        article_id,
        str(sentence),
        key,
        ",".join(m.actor.id for m in roles.sources),
        ",".join(m.actor.id for m in roles.targets),
    ]
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]
