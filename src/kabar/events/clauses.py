"""Clauses read off the dependency parse: predicate, arguments, modality cues.

A clause is the unit the event coder matches patterns against. It records token
indices into the spaCy ``Doc`` rather than tokens, so it is a plain frozen value
that can be compared in tests and kept after the ``Doc`` is gone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Nouns that only measure or frame the real object: "a session of talks",
# "a round of negotiations", "a series of attacks", "tons of aid" -> the object
# is also the "of" noun.
FRAME_NOUNS = frozenset(
    {
        "session",
        "round",
        "series",
        "set",
        "number",
        "wave",
        "spate",
        "string",
        "kind",
        "type",
        "part",
        "lot",
        "couple",
        "host",
        "range",
        "new",
        "fresh",
        "first",
        "second",
        # Spans of time: "ten days of war games".
        "day",
        "week",
        "month",
        "hour",
        # Measures: "25,000 tons of food aid", "$50,000 worth of medicine".
        "ton",
        "tonne",
        "kilogram",
        "kilo",
        "barrel",
        "litre",
        "liter",
        "gallon",
        "worth",
        "amount",
        "quantity",
        "consignment",
        "batch",
        "shipment",
        "load",
        "package",
        # Movements of what an act lets in or sends: "allowed the return of
        # inspectors", "approved the deployment of peacekeepers".
        "return",
        "entry",
        "presence",
        "deployment",
        "arrival",
        # Stances on an act: "stressed the importance of (increasing) cooperation".
        "importance",
        "necessity",
        "significance",
    }
)
# Nouns that frame an effort whose kind their compound modifier names: "a
# mediation effort", "a rescue mission", "aid deliveries" read as the modifier.
EFFORT_NOUNS = frozenset(
    {"effort", "mission", "bid", "drive", "campaign", "initiative", "attempt", "process",
     "delivery", "deliveries", "programme", "program", "operation", "push", "move"}
)  # fmt: skip
# Verbs that only carry an event noun, whose subject is the noun's actor:
# "renewed negotiations", "launched an offensive", "opened an investigation".
# Verbs that react to an event ("condemned the attack") are not among them.
SUPPORT_VERBS = frozenset(
    {"hold", "conduct", "carry", "stage", "launch", "begin", "start", "resume", "renew",
     "continue", "open", "undertake", "mount", "wage", "pursue", "intensify", "escalate",
     "step", "complete", "conclude", "finish", "initiate", "press", "spearhead", "lead",
     "join", "attend", "have", "make", "pay", "perform", "unleash", "restart", "reopen",
     "order", "speed", "accelerate", "approve"}
)  # fmt: skip
# Verbs that carry a decision the subject makes known: only for nouns of such
# decisions ("announced a suspension of aid"), not of what others did ("announced
# an attack" may report someone else's).
ANNOUNCING_VERBS = frozenset({"announce", "declare", "decree", "unveil"})
DECISION_NOUNS = frozenset(
    {"suspension", "withdrawal", "pullout", "freeze", "closure", "expulsion", "ban",
     "embargo", "boycott", "cutoff", "halt", "resumption", "lifting", "release"}
)  # fmt: skip
MODAL_HYPOTHETICAL = frozenset({"could", "might", "may", "would", "should", "can", "must"})
MODAL_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
# Verbs of saying: an event in their complement is attributed to their subject
# ("Iraq said Iran attacked its border posts": Iran -> Iraq, attributed to Iraq).
SPEECH_VERBS = frozenset(
    {"say", "tell", "report", "announce", "claim", "state", "add", "note", "stress",
     "declare", "confirm", "allege", "insist", "assert", "write", "explain", "warn",
     "emphasize", "emphasise", "acknowledge", "reveal", "disclose", "quote", "indicate",
     "reiterate", "repeat", "argue", "maintain", "contend", "conclude"}
)  # fmt: skip
# Governing verbs whose complement is only requested ("urged Iran to withdraw").
REQUEST_VERBS = frozenset(
    {
        "urge",
        "ask",
        "call",
        "demand",
        "press",
        "appeal",
        "request",
        "implore",
        "push",
        "tell",
        "order",
        "invite",
        "encourage",
        "pressure",
        "challenge",
        "require",
        "instruct",
    }
)
# Verbs whose "that" clause is denied, not reported as done.
DENIAL_VERBS = frozenset({"deny", "refute", "dispute", "reject", "dismiss", "rebut"})
# Verbs whose clausal complement with a subject of its own is asked for, not
# reported ("demanded that the US cancel the sale", "wants Putin to attack").
# Not "insist" or "tell": "insisted that he was innocent".
DIRECTIVE_CLAUSE_VERBS = frozenset(
    {"demand", "urge", "ask", "request", "order", "require", "want", "wish"}
)
# Governing verbs whose xcomp complement is only intended ("plans to visit").
INTENT_VERBS = frozenset(
    {"plan", "intend", "vow", "pledge", "promise", "aim", "hope", "want", "seek", "expect",
     "prepare", "threaten", "offer", "propose", "decide", "agree", "try", "attempt", "wish",
     "consider", "mean", "resolve", "undertake", "refuse", "decline", "fail", "ready",
     "willing", "prepared", "eager", "determined", "commit", "vote", "reject", "move"}
)  # fmt: skip
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Prepositions of where an act happens: "in Bishkek", "at the border", "near
# Samarra", "outside Basra", "across France".
_PLACE_PREPS = frozenset(
    {"prep:in", "prep:at", "prep:near", "prep:outside", "prep:across", "prep:throughout"}
)
# Participles that after "be" describe what the subject does or holds, not what
# is done to it.
_STATIVE_PARTICIPLES = frozenset({"engage", "oppose"})
_PERSONAL_PRONOUNS = frozenset({"he", "she", "it", "they", "we"})
_CLAUSE_VERB_POS = frozenset({"VERB"})


@dataclass(frozen=True, slots=True)
class Argument:
    """One argument slot: head token indices (conjuncts expanded) and how they attach."""

    heads: tuple[int, ...]
    via: str  # "subject", "object", "dative", "agent", "prep:with", "object.prep:to" ...


@dataclass(frozen=True, slots=True)
class Clause:
    """A predicate with its arguments, within one sentence.

    ``predicate`` is the verb token index; ``lemma`` its lower-case lemma and
    ``particle`` a phrasal-verb particle ("up" in "set up") or "". ``objects``
    are the direct-object heads; ``object_lemmas`` carries their lemmas (and
    compound forms, "air strike"), the framed noun of a frame noun ("a session
    of talks"), and nouns of the verb's prepositional phrases as "prep:noun"
    ("on:strike" in "went on strike"). ``passive`` is set
    for passive voice, where ``subjects`` are the patients and ``agents`` the
    "by" phrase. ``negated``/``modal``/``governor`` are the cues the modality
    rules read: a negation child, the modal auxiliary lemma, and the lemma and
    index of the verb governing an ``xcomp`` ("plan" in "plans to visit";
    ``governor_index`` is -1 when there is none). A ``nominal`` clause has an
    event noun as its predicate ("Putin's visit to Bishkek") and no objects.
    ``speakers`` are the subjects of a verb of saying whose complement the
    clause is ("Iraq said ..."): the event is attributed to them.
    ``object_owners`` are the actors a direct object belongs to, when the object
    is a thing and not an actor: its possessor, a name or country adjective on
    it, or its "from"/"of" phrase ("rejected Saddam Hussein's proposal", "a
    Senegalese peace plan", "an offer from Afghanistan").
    ``complement_subjects`` are the subjects of a "that" clause complementing
    the verb ("demanded that the US cancel ...").
    ``condition`` is "if" or "unless" when the clause has a conditional clause
    of its own ("will withdraw unless ..."): the clause is the consequence, while
    ``conditional`` marks the condition itself ("if Iran attacks").
    ``condition_subjects`` are the subjects of that conditional clause ("unless
    Israel rescinded ..."): whom a threat is aimed at. ``prep_owners`` are, like
    ``object_owners``, the actors things in the verb's to/on/against/with/at/over
    phrases belong to ("agreed to US mediation", "protested against Israeli policies").
    ``grievances`` are what a protest is against, read from its purpose ("staged
    a strike to demand the resignation of X", "blocked roads to show their
    disapproval of US policies") and its against/over/"in protest of" phrases,
    with the owners of the things named there.
    """

    sentence: int
    predicate: int
    lemma: str
    particle: str
    subjects: tuple[int, ...]
    objects: tuple[int, ...]
    object_lemmas: tuple[str, ...]
    datives: tuple[int, ...]
    agents: tuple[int, ...]
    preps: tuple[Argument, ...]
    object_preps: tuple[Argument, ...]
    places: tuple[int, ...]
    passive: bool
    negated: bool
    modal: str
    governor: str
    governor_index: int
    conditional: bool
    nominal: bool = False
    speakers: tuple[int, ...] = ()
    object_owners: tuple[int, ...] = ()
    complement_subjects: tuple[int, ...] = ()
    condition: str = ""
    condition_subjects: tuple[int, ...] = ()
    prep_owners: tuple[int, ...] = ()
    grievances: tuple[int, ...] = ()


def iter_clauses(doc: Doc, nouns: frozenset[str] = frozenset()) -> Iterator[Clause]:
    """Yield a clause for every verb, and for every event noun in ``nouns``, in text order."""
    for index, sent in enumerate(doc.sents):
        for token in sent:
            if token.pos_ in _CLAUSE_VERB_POS:
                yield _clause(index, token)
            elif token.pos_ == "NOUN" and (lemma := _event_noun(token, nouns)):
                yield _nominal_clause(index, token, lemma)


# Adjectives that make an event noun only planned: "the planned visit".
_PLANNED = frozenset(
    {"planned", "proposed", "possible", "upcoming", "expected", "future", "scheduled",
     "prospective", "potential", "forthcoming", "impending", "mooted"}
)  # fmt: skip


def _event_noun(noun: Token, nouns: frozenset[str]) -> str:
    """The event lemma a noun names: its own ("talks"), or that of its compound
    modifier when the noun only frames an effort ("a mediation effort"); "" if none."""
    lemma = noun.lemma_.lower()
    if lemma in nouns:
        return lemma
    if lemma in EFFORT_NOUNS:
        for child in noun.children:
            if child.dep_ == "compound" and child.lemma_.lower() in nouns:
                return str(child.lemma_.lower())
    return ""


def _nominal_clause(sentence: int, noun: Token, lemma: str) -> Clause:
    """An event noun read as a clause: "Putin's visit to Bishkek", "talks between X and Y".

    The actor is the possessor, a "by" phrase, or a country adjective ("a
    Russian attack"); "between X and Y" gives the parties when there is none.
    When the noun has no actor of its own and is the object of a support verb
    ("Israel and Lebanon renewed negotiations", "the emir launched a mediation
    effort"), the verb's subject is the actor and the verb's negation and modals
    are the noun's.
    """
    children = list(noun.children)
    subjects = [c for c in children if c.dep_ == "poss"]
    subjects += [c for c in children if c.dep_ in {"amod", "compound"} and c.ent_id_]
    head_lemma = noun.head.lemma_.lower()
    support = (
        _clause(sentence, noun.head)
        if not subjects
        and noun.dep_ in {"dobj", "obj"}
        and (
            head_lemma in SUPPORT_VERBS
            or (head_lemma in ANNOUNCING_VERBS and lemma in DECISION_NOUNS)
        )
        else None
    )
    preps: list[Argument] = []
    between: tuple[int, ...] = ()
    for prep in (c for c in children if c.dep_ == "prep"):
        pobjs = _expand([c for c in prep.children if c.dep_ == "pobj"])
        if not pobjs:
            continue
        if prep.lower_ == "by":
            subjects.extend(noun.doc[i] for i in pobjs)
        elif prep.lower_ in {"between", "among"}:
            between = pobjs
        else:
            preps.append(Argument(pobjs, f"prep:{prep.lower_}"))
    planned = any(c.dep_ == "amod" and c.lower_ in _PLANNED for c in children)
    own = Clause(
        sentence=sentence,
        predicate=noun.i,
        lemma=lemma,
        particle="",
        subjects=_expand(subjects) if subjects else between,
        objects=(),
        object_lemmas=(),
        datives=(),
        agents=(),
        preps=tuple(preps),
        object_preps=(),
        places=tuple(i for a in preps if a.via in _PLACE_PREPS for i in a.heads),
        passive=False,
        negated=any(c.dep_ == "det" and c.lower_ == "no" for c in children),
        modal="will" if planned else "",
        governor="",
        governor_index=-1,
        conditional=False,
        nominal=True,
    )
    if support is None or not support.subjects:
        return own
    # The support verb's own prepositional phrases belong to the event too
    # ("renewed negotiations today with Syria"); "between" names the parties
    # acted on ("launched a mediation effort between X and Y").
    extra = (Argument(between, "prep:between"),) if between else ()
    return dataclasses.replace(
        own,
        subjects=support.subjects,
        preps=(*own.preps, *extra, *support.preps),
        places=support.places,
        negated=own.negated or support.negated,
        modal=support.modal or own.modal,
        governor=support.governor,
        governor_index=support.governor_index,
        conditional=support.conditional,
        speakers=support.speakers,
        grievances=(*own.grievances, *support.grievances),
    )


def _clause(sentence: int, verb: Token) -> Clause:
    children = list(verb.children)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in children)
    if passive and verb.lemma_.lower() in _STATIVE_PARTICIPLES and not any(
        c.dep_ == "agent" for c in children
    ):
        # "Serb forces were engaged in ethnic cleansing", "Israel is opposed to
        # French mediation": a state of the subject, who is the actor, not a patient.
        passive = False
    subjects = _expand([c for c in children if c.dep_ in _SUBJECT_DEPS and not _place_qualifier(c)])
    if not subjects:
        subjects = _inherited_subjects(verb)
    speakers = _speakers(verb)
    if speakers and subjects and all(verb.doc[i].lower_ in _PERSONAL_PRONOUNS for i in subjects):
        # "Hungary said it will support ...": in reported speech a pronoun
        # subject is, in news style, the speaker.
        subjects = speakers
    objects_tokens = [c for c in children if c.dep_ in {"dobj", "obj"}]
    # "talks where the leader is making a visit": no dobj on passive participles
    # modifying a noun ("the delegation led by Putin"): the noun is the patient.
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not objects_tokens:
        passive = True
        subjects = _expand([verb.head])
    objects = _expand(objects_tokens)
    object_lemmas: list[str] = []
    object_preps: list[Argument] = []
    # "Sanctions were imposed on Iran": in the passive the event noun is the subject.
    noun_tokens = objects_tokens or ([verb.doc[i] for i in subjects] if passive else [])
    for obj in noun_tokens:
        object_lemmas.extend(_noun_lemmas(obj))
        # "provided aerial photographs and military intelligence": every conjunct.
        for conjunct in obj.conjuncts:
            object_lemmas.extend(_noun_lemmas(conjunct))
    for obj in noun_tokens:
        for prep in (c for c in obj.children if c.dep_ == "prep"):
            pobjs = _expand([c for c in prep.children if c.dep_ == "pobj"])
            if not pobjs:
                continue
            if prep.lower_ == "of" and obj.lemma_.lower() in FRAME_NOUNS:
                framed = prep.doc[pobjs[0]]
                object_lemmas.extend(_noun_lemmas(framed))
                if framed.tag_ == "VBG":
                    # "the importance of increasing cooperation": the gerund's object.
                    object_lemmas.extend(
                        c.lemma_.lower() for c in framed.children if c.dep_ in {"dobj", "obj"}
                    )
                # The framed noun's own prepositions belong to the object too.
                for inner in (c for c in framed.children if c.dep_ == "prep"):
                    inner_objs = _expand([c for c in inner.children if c.dep_ == "pobj"])
                    if inner_objs:
                        object_preps.append(Argument(inner_objs, f"object.prep:{inner.lower_}"))
            else:
                object_preps.append(Argument(pobjs, f"object.prep:{prep.lower_}"))
        # "appreciated the work done by the Kyrgyz Republic": the doer of the
        # object is reachable as "object.prep:by".
        for participle in (c for c in obj.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            for agent in (c for c in participle.children if c.dep_ == "agent"):
                doers = _expand([c for c in agent.children if c.dep_ == "pobj"])
                if doers:
                    object_preps.append(Argument(doers, "object.prep:by"))
    preps: list[Argument] = []
    agents: tuple[int, ...] = ()
    for child in children:
        if child.dep_ == "agent":
            agents = _expand([c for c in child.children if c.dep_ == "pobj"])
        elif child.dep_ == "prep" or (child.dep_ == "dative" and child.pos_ == "ADP"):
            # The parser labels "to" in "sent aid to Nepal" as a dative: it is still
            # a prepositional phrase, and the slot "prep:to" must find it.
            pobjs = _expand([c for c in child.children if c.dep_ == "pobj"])
            if pobjs:
                preps.append(Argument(pobjs, f"prep:{child.lower_}"))
                # "went on strike", "accused X of espionage": the event noun sits in
                # a prepositional phrase; patterns name it as "on:strike".
                object_lemmas.extend(
                    f"{child.lower_}:{lemma}" for lemma in _noun_lemmas(verb.doc[pobjs[0]])
                )
    particle = next((c.lower_ for c in children if c.dep_ == "prt"), "")
    # Conditional clauses of this one ("... unless Israel rescinded ..."), with their mark.
    conditions = [
        (c, m)
        for c in children
        if c.dep_ == "advcl"
        for m in c.children
        if m.dep_ == "mark" and m.lower_ in {"if", "unless"}
    ]
    modal = next((c.lower_ for c in children if c.dep_ == "aux" and c.tag_ == "MD"), "")
    # "agreed to meet", "urged Iran to withdraw": the complement's verb is governed;
    # so is a "that" clause of a directive verb ("demanded that Mugabe abandon ..."):
    # what it says has not happened, it is asked for.
    # So is an infinitive the parser hangs as an adverbial on a verb of asking
    # ("was pressured by Congress to help Iran").
    head_lemma = verb.head.lemma_.lower()
    governed = (
        (verb.dep_ == "xcomp" and verb.head.pos_ in {"VERB", "AUX", "ADJ"})
        or (verb.dep_ == "ccomp" and head_lemma in DIRECTIVE_CLAUSE_VERBS)
        or (
            verb.dep_ == "advcl"
            and head_lemma in REQUEST_VERBS
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
        )
    )
    governor = head_lemma if governed else ""
    conditional = any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in children)
    return Clause(
        sentence=sentence,
        predicate=verb.i,
        lemma=verb.lemma_.lower(),
        particle=particle,
        subjects=subjects,
        objects=objects,
        object_lemmas=tuple(object_lemmas),
        datives=_datives(children),
        agents=agents,
        preps=tuple(preps),
        object_preps=tuple(object_preps),
        places=_places(verb, preps, object_preps),
        passive=passive,
        negated=any(c.dep_ == "neg" for c in children) or _negated_governor(verb),
        modal=modal or _inherited_modal(verb),
        governor=governor,
        governor_index=verb.head.i if governed else -1,
        conditional=conditional,
        speakers=speakers,
        object_owners=_owners(objects_tokens),
        prep_owners=_owners(
            [
                verb.doc[h]
                for arg in preps
                if arg.via.split(":", 1)[1] in _OWNED_PREPS
                for h in arg.heads
            ]
        ),
        condition=next((mark.lower_ for _, mark in conditions), ""),
        condition_subjects=_expand(
            [s for clause, _ in conditions for s in clause.children if s.dep_ in _SUBJECT_DEPS]
        ),
        complement_subjects=_expand(
            [
                s
                for c in children
                if c.dep_ == "ccomp"
                for s in c.children
                if s.dep_ in {"nsubj", "nsubjpass"}
            ]
        ),
        grievances=_grievances(verb, objects_tokens),
    )


# Prepositions whose object, when a thing, may belong to the act's target.
_OWNED_PREPS = frozenset({"to", "on", "against", "with", "at", "over", "about"})


# Verbs that state what a protest wants or opposes: "to demand ...", "calling
# for ...", "to show their disapproval of ...".
_PURPOSE_VERBS = frozenset(
    {"demand", "protest", "call", "press", "show", "oppose", "denounce", "condemn", "urge",
     "express", "voice", "decry", "seek", "push", "reject", "defy"}
)  # fmt: skip
# Nouns of "in protest of X", "in defiance of X", "in opposition to X".
_STANCE_NOUNS = frozenset({"protest", "defiance", "opposition", "response", "retaliation"})
# Prepositions that carry what a thing is for or against.
_CONCERN_PREPS = frozenset({"of", "for", "against", "over", "at", "to", "from", "by"})


def _grievances(verb: Token, objects: list[Token]) -> tuple[int, ...]:
    """What a protest is aimed at: the objects of its purpose verbs and of its
    against/over/"in protest of" phrases, then those things' owners."""
    named: list[Token] = []
    holders = [verb, *objects]
    holders += [p for h in holders for prep in _preps(h) for p in _pobjs(prep)]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in {"against", "over"}:
                named.extend(_pobjs(child))
            elif child.dep_ == "prep" and child.lower_ == "in":
                for stance in _pobjs(child):
                    if stance.lemma_.lower() in _STANCE_NOUNS:
                        named.extend(
                            p
                            for prep in _preps(stance)
                            if prep.lower_ in _CONCERN_PREPS
                            for p in _pobjs(prep)
                        )
            elif (
                child.dep_ in {"advcl", "xcomp", "acl", "relcl"}
                and child.lemma_.lower() in _PURPOSE_VERBS
            ):
                wanted = [c for c in child.children if c.dep_ in {"dobj", "obj"}]
                wanted += [
                    p
                    for w in (child, *wanted)
                    for prep in _preps(w)
                    if prep.lower_ in _CONCERN_PREPS
                    for p in _pobjs(prep)
                ]
                named.extend(wanted)
    return _expand(named + [verb.doc[i] for i in _owners(named)])


def _preps(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "prep"]


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def _owners(nouns: list[Token]) -> tuple[int, ...]:
    """Possessors, named or country modifiers, and "from"/"of" phrases of ``nouns``."""
    found: list[Token] = []
    for noun in nouns:
        for child in noun.children:
            if child.dep_ == "poss" or (child.dep_ in {"amod", "compound"} and child.ent_id_):
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ in {"from", "of", "by"}:
                found.extend(c for c in child.children if c.dep_ == "pobj")
    return _expand(found)


def _expand(tokens: list[Token]) -> tuple[int, ...]:
    """Token indices of the given heads and all their conjuncts, in text order.

    Two parser slips are mended on the way: a date glued to a name ("met with
    President Bashar Assad Tuesday" parses "Tuesday" as the head) gives way to
    the name, and a conjunct hanging on another word of the head's name
    ("Barack Obama and Vladimir Putin" with "Barack" as the subject and
    "Putin" joined to "Obama") still counts.
    """
    seen: set[int] = set()
    for token in tokens:
        token = _past_date(_past_quantity(token))
        seen.add(token.i)
        for member in _entity_members(token):
            seen.update(t.i for t in member.conjuncts if t.i not in seen)
            for listed in _listed_appositions(member):
                seen.add(listed.i)
                seen.update(t.i for t in listed.conjuncts)
    return tuple(sorted(seen))


def _listed_appositions(token: Token) -> list[Token]:
    """Names the parser took for appositions of a list's first name: in "the US,
    Russia, and Switzerland" it hangs "Russia" on "US" as an apposition and
    "Switzerland" on "Russia". Only a name of the same entity type that itself
    continues the list counts; "Japarov, the president of Kyrgyzstan" is one
    person."""
    return [
        c
        for c in token.children
        if c.dep_ == "appos"
        and token.ent_type_ in _NAME_ENT_TYPES
        and c.ent_type_ == token.ent_type_
        and any(g.dep_ in {"cc", "conj"} for g in c.children)
    ]


_NAME_ENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


# Heads that count or gather people: "thousands of Nigerians", "a group of
# Chechen refugees", "one third of the guerrillas" name the people.
_QUANTITY_HEADS = frozenset(
    {"thousand", "hundred", "dozen", "score", "million", "number", "group", "crowd",
     "handful", "band", "third", "half", "quarter", "majority", "minority", "some",
     "many", "most", "all", "tens", "hundreds", "thousands", "dozens", "millions"}
)  # fmt: skip


def _past_quantity(token: Token) -> Token:
    """The people a count or group of them names, or the token itself."""
    if token.lemma_.lower() not in _QUANTITY_HEADS and token.lower_ not in _QUANTITY_HEADS:
        return token
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    people = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    return people if people is not None else token


def _past_date(token: Token) -> Token:
    """The name a date token swallowed as a compound, or the token itself."""
    if token.ent_type_ not in {"DATE", "TIME"}:
        return token
    names = [c for c in token.children if c.dep_ == "compound" and c.ent_type_ in _NAME_ENT_TYPES]
    return names[-1] if names else token


def _entity_members(token: Token) -> list[Token]:
    """The tokens of the named entity the token belongs to (the token alone outside one)."""
    if token.ent_iob_ not in {"B", "I"}:
        return [token]
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[start:end])


def _noun_lemmas(noun: Token) -> list[str]:
    """The noun's lemma, preceded by its compound form when it has one: "air
    strikes" gives ["air strike", "strike"], so a pattern can tell an air strike
    or a hunger strike from a labour strike."""
    lemma = noun.lemma_.lower()
    compound = next((c for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1), None)
    if compound is None:
        return [lemma]
    modifier = compound.lemma_.lower()
    if lemma in EFFORT_NOUNS:
        # "launched a mediation effort": the effort is a mediation.
        return [f"{modifier} {lemma}", lemma, modifier]
    return [f"{modifier} {lemma}", lemma]


def _speakers(verb: Token) -> tuple[int, ...]:
    """Subjects of the verb of saying whose complement this clause is, if any.

    Climbs conjuncts and governed complements first: in "X said that A and
    that B", B is a conjunct of A; in "X said Y agreed to meet", "meet" is
    governed by "agreed"; in "X says it is willing to withdraw", "withdraw"
    hangs on "willing", the complement of "is".
    """
    clause = verb
    for _ in range(4):  # short chains; the bound guards against odd parses
        if clause.dep_ in {"conj", "xcomp", "acomp"} and clause.head is not clause:
            clause = clause.head
        else:
            break
    head = clause.head
    if clause.dep_ in {"ccomp", "parataxis"} and head.lemma_.lower() in SPEECH_VERBS:
        return _expand([c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}])
    return ()


def _datives(children: list[Token]) -> tuple[int, ...]:
    """Recipients: "gave Nepal aid" (a noun) and "gave aid to Nepal" (the object of "to")."""
    found: list[Token] = []
    for child in children:
        if child.dep_ not in {"dative", "iobj"}:
            continue
        if child.pos_ == "ADP":
            found.extend(c for c in child.children if c.dep_ == "pobj")
        else:
            found.append(child)
    return _expand(found)


def _place_qualifier(token: Token) -> bool:
    """Whether a token the parser took for a subject is the country of a place just
    before it ("Police in Tripoli, Lebanon arrested ...": Lebanon says which
    Tripoli, it does not arrest)."""
    i = token.i
    if i < 2 or token.doc[i - 1].text != "," or token.ent_type_ != "GPE":
        return False
    place = token.doc[i - 2]
    return place.ent_type_ in {"GPE", "LOC"} and place.dep_ == "pobj"


def _inherited_subjects(verb: Token) -> tuple[int, ...]:
    """Subjects shared from a governing verb.

    "X met Y and signed a deal" (conj), "X agreed to visit Y" (xcomp) and
    "X arrived, saying ..." all take X, as do a gerund after a preposition ("X
    resorted to throwing stones") and a participle on X's object
    ("X issued a statement condemning ..."); a relative clause with no subject of
    its own ("the country that attacked Y") takes the noun it modifies.
    """
    head = verb
    for _ in range(4):  # chains are short; the bound guards against odd parses
        if head.dep_ in {"conj", "xcomp", "advcl", "acomp", "attr"} and head.head is not head:
            head = head.head
            found = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if found:
                return _expand(found)
        elif head.dep_ == "pcomp" and head.head.dep_ == "prep" and head.head.head is not head:
            # "resorted to throwing stones", "are guilty of violating the truce":
            # the gerund's doer is the subject of what the preposition hangs on.
            # Not after an object ("accused Rwanda of backing ...", "barred them
            # from entering", "praised Iran for releasing ..."): the object's act
            # there is alleged, prevented or praised, not reported as done.
            prep = head.head
            head = prep.head
            if prep.lower_ != "by" and any(c.dep_ in {"dobj", "obj"} for c in head.children):
                return ()
            found = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if found:
                return _expand(found)
        elif head.dep_ == "relcl":
            return _expand([head.head])
        elif (
            head.dep_ == "acl"
            and head.tag_ == "VBG"
            and head.head.dep_ in {"dobj", "obj"}
            and head.head.head is not head.head
        ):
            # "the PKK issued a statement demanding ...": the statement's author
            # demands. Only through an object: "a bomb killing five" has none.
            head = head.head.head
            found = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if found:
                return _expand(found)
        else:
            break
    return ()


def _inherited_modal(verb: Token) -> str:
    """A modal on a governing verb reaches its xcomp, conjuncts and purpose clauses
    ("will meet and sign", "will meet to discuss")."""
    purpose = verb.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )
    if verb.dep_ in {"conj", "xcomp"} or purpose:
        return next(
            (c.lower_ for c in verb.head.children if c.dep_ == "aux" and c.tag_ == "MD"), ""
        )
    return ""


def _negated_governor(verb: Token) -> bool:
    """ "did not agree to meet": the negation of the governor reaches the xcomp; and
    what is denied did not happen, as far as the denier says ("Moscow denied that
    its forces had attacked civilians")."""
    if verb.dep_ == "xcomp" and any(c.dep_ == "neg" for c in verb.head.children):
        return True
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in DENIAL_VERBS


def _places(verb: Token, preps: list[Argument], object_preps: list[Argument]) -> tuple[int, ...]:
    """Heads of locative phrases of the clause: "in/at Bishkek", and "where" clauses.

    For a relative clause opened by "where" ("talks in Bishkek where the leader
    is making a visit"), the place is the antecedent's own locative phrase.
    """
    found = [
        a.heads
        for a in (*preps, *object_preps)
        if f"prep:{a.via.rsplit(':', 1)[1]}" in _PLACE_PREPS
    ]
    if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        antecedent = verb.head
        if antecedent.ent_type_ in {"GPE", "LOC", "FAC"}:
            found.append((antecedent.i,))
        found.extend(_locatives(antecedent))
        # "held talks in Astana on Tuesday, where ...": the parser often hangs the
        # clause on the nearest noun; the place is then higher up, on the clause's
        # verb or that verb's object. Three steps reach the verb in such parses.
        ancestor = antecedent
        for _ in range(3):
            if found or ancestor.head is ancestor:
                break
            ancestor = ancestor.head
            found.extend(_locatives(ancestor))
            for obj in (c for c in ancestor.children if c.dep_ in {"dobj", "obj"}):
                found.extend(_locatives(obj))
    return tuple(i for heads in found for i in heads)


def _locatives(token: Token) -> list[tuple[int, ...]]:
    """Objects of the "in"/"at" phrases directly under a token."""
    return [
        _expand([c for c in prep.children if c.dep_ == "pobj"])
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}
    ]
