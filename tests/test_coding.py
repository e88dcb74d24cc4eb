"""Event coding on real parses: the seed article, direction, compound actors, modality."""

from __future__ import annotations

import datetime as dt

import pytest

import kabar
from conftest import shared_path
from kabar.model import Event
from kabar.pipeline import Pipeline
from kabar.readers import read_articles

DAY = dt.date(2024, 1, 10)


def dyad(event: Event) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (
        tuple(m.actor.code for m in event.sources),
        tuple(m.actor.code for m in event.targets),
    )


@pytest.fixture(scope="module")
def seed_events(pipeline: Pipeline) -> list[Event]:
    (article,) = read_articles([shared_path("examples", "seed_article.txt")])
    (result,) = kabar.code_articles([article], pipeline=pipeline)
    assert result.error is None
    return list(result.events)


def test_seed_visit_russia_to_kyrgyzstan(seed_events: list[Event]) -> None:
    visits = [e for e in seed_events if e.cameo.code == "042"]
    assert visits, "the Russian leader's visit is coded"
    visit = visits[0]
    assert [m.actor.country for m in visit.sources] == ["RUS"]
    assert [m.actor.country for m in visit.targets] == ["KGZ"]
    assert visit.plover is not None
    assert (visit.plover.event_type, visit.plover.mode) == ("CONSULT", "visit")
    assert "is making an official visit" in visit.evidence.sentence.text
    assert visit.location is not None and visit.location.country == "KGZ"


def test_seed_talks_are_reciprocal_between_both_presidents(seed_events: list[Event]) -> None:
    talks = [e for e in seed_events if e.cameo.root == "04" and e.reciprocal]
    assert talks
    event = talks[0]
    assert {m.actor.country for m in event.sources} == {"KGZ", "RUS"}
    assert all(m.actor.sectors == ("GOV",) for m in event.sources)
    assert {m.actor.role for m in event.sources} == {
        "President of Kyrgyzstan",
        "President of Russia",
    }
    assert event.plover is not None and event.plover.event_type == "CONSULT"
    assert event.evidence.sentence.text.startswith("President of Kyrgyzstan Sadyr Zhaparov")
    assert event.evidence.trigger.text == "held a session of talks"


def test_seed_praise_in_each_direction(seed_events: list[Event]) -> None:
    praise = {dyad(e) for e in seed_events if e.cameo.code == "051"}
    assert (("KGZ",), ("RUS",)) in praise  # "Kyrgyzstan highly values ... partnership"
    assert (("RUSGOV",), ("KGZ",)) in praise  # "Putin ... appreciated the work done by"


def test_seed_expresses_intent_to_cooperate(seed_events: list[Event]) -> None:
    # "The Kyrgyz leader stressed the importance of increasing cooperation ..."
    intents = [e for e in seed_events if e.cameo.root == "03"]
    assert intents
    assert intents[0].plover is not None and intents[0].plover.event_type == "AGREE"
    assert [m.actor.code for m in intents[0].sources] == ["KGZGOV"]


def test_seed_has_nothing_hostile(seed_events: list[Event]) -> None:
    assert not [e for e in seed_events if int(e.cameo.root) >= 10]


def test_seed_evidence_offsets_point_into_the_article_text(pipeline: Pipeline) -> None:
    (article,) = read_articles([shared_path("examples", "seed_article.txt")])
    assert article.dateline == "BISHKEK"
    (result,) = kabar.code_articles([article], pipeline=pipeline)
    for event in result.events:
        ev = event.evidence
        for span in (ev.sentence, ev.trigger, *ev.source, *ev.target):
            assert article.text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "code", "sources", "targets"),
    [
        ("Russia attacked Ukraine.", "190", ("RUS",), ("UKR",)),
        ("Ukraine was attacked by Russia.", "190", ("RUS",), ("UKR",)),
        ("Turkey condemned Israel.", "111", ("TUR",), ("ISR",)),
        ("The United States imposed sanctions on Iran.", "163", ("USA",), ("IRN",)),
        ("Egyptian police arrested three Sudanese.", "173", ("EGYCOP",), ("SDN",)),
        ("Kyrgyz troops attacked Tajik border posts.", "190", ("KGZMIL",), ("TJK",)),
        ("Kyrgyz troops attacked the border posts.", "190", ("KGZMIL",), ()),
        ("Japan hosted the Indian prime minister.", "043", ("JPN",), ("INDGOV",)),
        ("The French president visited Mali.", "042", ("FRAGOV",), ("MLI",)),
        ("China sent humanitarian aid to Nepal.", "070", ("CHN",), ("NPL",)),
        ("Chad accused Sudan of backing the rebels.", "112", ("TCD",), ("SDN",)),
        # An event noun carried by a support verb takes the verb's subject.
        ("Israel and Lebanon renewed negotiations.", "046", ("ISR", "LBN"), ()),
        (
            "Qatar launched a mediation effort between Egypt and Libya.",
            "045",
            ("QAT",),
            ("EGY", "LBY"),
        ),
        # A verb that reacts to an event does not make its subject the doer.
        ("Turkey condemned the attack.", "111", ("TUR",), ()),
        # Agreeing takes one party named; meeting takes two (see below).
        ("Denmark accepted the plan.", "030", ("DNK",), ()),
        # A title types a person even when no country is named; the country stays unknown.
        ("Judge Alejandro Rivera opened an investigation into the sale.", "090", ("JUD",), ()),
        ("Kenyan troops engaged Somali militants in a gunbattle.", "193", ("KENMIL",),
         ("SOMREB",)),
        # The event noun's own phrases count in the passive too.
        ("Evidence against Russia was presented by the United States.", "112", ("USA",),
         ("RUS",)),
        # A role held in an organisation takes the organisation's country and sectors.
        ("European Community foreign ministers demanded the withdrawal of Serbian forces.",
         "106", ("IGOGOV",), ("SRBMIL",)),
        ("Hezbollah guerrillas attacked an Israeli patrol.", "190", ("LBNREB",), ("ISR",)),
        # A town named with a role gives its country ("police in Lagos").
        # (and the protesters the Nigerian police arrested are taken as Nigerian).
        ("Police in Lagos arrested ten protesters.", "173", ("NGACOP",), ("NGACVL",)),
        ("Lagos police arrested ten protesters.", "173", ("NGACOP",), ("NGACVL",)),
        # Military exercises: joint when two parties hold them, a show of force alone;
        # a force posture abroad is aimed at the country it takes place in.
        ("France and Egypt launched ten days of war games.", "062", ("FRA", "EGY"), ()),
        ("Russia is conducting military exercises in Alaska.", "150", ("RUS",), ("USA",)),
        ("Israel has strengthened its forces in Lebanon.", "154", ("ISR",), ("LBN",)),
        ("Israeli troops remained on alert in Israel.", "152", ("ISRMIL",), ()),
        # An institution named after its leader is the leader's country's.
        ("The Bush administration imposed sanctions on Cuba.", "163", ("USAGOV",), ("CUB",)),
        # Measures frame the object: "tons of aid" is aid.
        ("China sent 500 tons of food aid to Nepal.", "070", ("CHN",), ("NPL",)),
    ],
)
def test_sentence_codes(
    pipeline: Pipeline, text: str, code: str, sources: tuple[str, ...], targets: tuple[str, ...]
) -> None:
    events = kabar.code(text, date=DAY, pipeline=pipeline)
    assert [e.cameo.code for e in events] == [code]
    assert dyad(events[0]) == (sources, targets)
    assert events[0].date == DAY and events[0].date_precision == "publication"


def test_compound_actors_stay_a_list(pipeline: Pipeline) -> None:
    (event,) = kabar.code("France and Germany signed a treaty.", date=DAY, pipeline=pipeline)
    assert event.cameo.code == "057"
    assert event.reciprocal and not event.targets
    assert [m.actor.country for m in event.sources] == ["FRA", "DEU"]


def test_conjoined_targets_of_a_governing_verb(pipeline: Pipeline) -> None:
    events = kabar.code("Russia urged Armenia and Azerbaijan to talk.", date=DAY, pipeline=pipeline)
    appeal = [e for e in events if e.cameo.code == "026"]
    assert appeal, "urging others to talk is an appeal to meet (026)"
    assert dyad(appeal[0]) == (("RUS",), ("ARM", "AZE"))
    assert "complement:appeal:urge" in appeal[0].reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran did not attack Iraq.", {("190", "negated")}),
        ("Iran could attack Iraq.", {("190", "hypothetical")}),
        ("If Iran attacks Iraq, oil prices will rise.", {("190", "hypothetical")}),
        ("Iran attacked Iraq.", {("190", "asserted")}),
        # An announced or intended act gets the code CAMEO gives such statements
        # and keeps its modality; the act itself is not a second event.
        ("Iran will attack Iraq.", {("1384", "future")}),
        ("Iran will visit Iraq.", {("036", "future")}),
        ("Iran plans to visit Iraq.", {("036", "intent")}),
        ("Iran agreed to send aid to Iraq.", {("033", "intent")}),
        ("Iran did not agree to meet Iraq.", {("036", "negated")}),
        # Threats, refusals and appeals are acts in their own right.
        ("Iran threatened to attack Iraq.", {("1384", "asserted")}),
        ("Iran refused to meet Iraq.", {("125", "asserted")}),
        ("Iran urged Iraq to release the prisoners.", {("0253", "asserted")}),
        # Announcing that one will not do a cooperative act is a refusal (12x).
        ("Iran will not accept the proposal.", {("120", "asserted")}),
        # An act made the price of a condition is a threat (13x); the condition
        # itself stays hypothetical.
        ("Iran will withdraw its troops unless Iraq pays.", {("130", "asserted")}),
        ("Iran would attack Iraq.", {("190", "hypothetical")}),
    ],
)
def test_modality_is_marked_not_coded_as_fact(
    pipeline: Pipeline, text: str, expected: set[tuple[str, str]]
) -> None:
    events = kabar.code(text, date=DAY, pipeline=pipeline)
    assert {(e.cameo.code, e.modality) for e in events} == expected
    for event in events:
        assert [m.actor.country for m in event.sources] == ["IRN"]


def test_person_named_with_title_is_remembered_in_the_article(pipeline: Pipeline) -> None:
    text = (
        # An invented name: the knowledge base must not know it, so only the
        # article's own titled mention can resolve the bare surname.
        "Kazakh President Aidos Temirkhanov arrived in Tashkent on Monday.\n\n"
        "Temirkhanov praised Uzbekistan for its reforms."
    )
    events = kabar.code(text, date=DAY, pipeline=pipeline)
    praise = [e for e in events if e.cameo.code == "051"]
    assert praise, "the bare surname after the titled mention resolves"
    source = praise[0].sources[0]
    assert (source.actor.country, source.actor.sectors, source.actor.kind) == (
        "KAZ",
        ("GOV",),
        "person",
    )
    assert source.rule == "person-seen-earlier"


def test_memory_of_names_does_not_leak_across_articles(pipeline: Pipeline) -> None:
    kabar.code(
        "Kazakh President Aidos Temirkhanov praised Uzbekistan.", date=DAY, pipeline=pipeline
    )
    assert not kabar.code("Temirkhanov praised Uzbekistan.", date=DAY, pipeline=pipeline)


def test_economic_text_has_no_event(pipeline: Pipeline) -> None:
    text = (
        "Cocoa futures were little changed in quiet trading in London as dealers waited "
        "for fresh figures on arrivals. Traders said demand from grinders stayed firm."
    )
    assert kabar.code(text, date=DAY, pipeline=pipeline) == []


def test_event_ids_are_stable_across_runs(pipeline: Pipeline) -> None:
    first = kabar.code("Turkey condemned Israel.", date=DAY, pipeline=pipeline)
    again = kabar.code("Turkey condemned Israel.", date=DAY, pipeline=pipeline)
    assert [e.id for e in first] == [e.id for e in again]


def test_reported_speech_is_attributed_not_a_party(pipeline: Pipeline) -> None:
    text = "The Russian foreign ministry said that Ukraine had shelled Russian villages."
    (event,) = kabar.code(text, date=DAY, pipeline=pipeline)
    # A country's villages are its civilians (actor rule country-place).
    assert dyad(event) == (("UKR",), ("RUSCVL",))
    assert [m.actor.code for m in event.attributed_to] == ["RUSGOV"]
    assert "attributed:reported-speech" in event.reasons


@pytest.mark.parametrize(
    ("text", "code", "sources", "targets"),
    [
        ("Russia's invasion of Ukraine was condemned.", "192", ("RUS",), ("UKR",)),
        ("A Russian attack on Ukraine killed ten people.", "190", ("RUS",), ("UKR",)),
        ("Talks between Armenia and Azerbaijan resumed.", "040", ("ARM", "AZE"), ()),
        ("The French president's visit to Mali was brief.", "042", ("FRAGOV",), ("MLI",)),
        ("American sanctions on Iran hurt its exports.", "163", ("USA",), ("IRN",)),
    ],
)
def test_nominal_events(
    pipeline: Pipeline, text: str, code: str, sources: tuple[str, ...], targets: tuple[str, ...]
) -> None:
    events = [e for e in kabar.code(text, date=DAY, pipeline=pipeline) if e.cameo.code == code]
    assert events, text
    assert dyad(events[0]) == (sources, targets)
    assert any(r.startswith("pattern:") and "-noun" in r for r in events[0].reasons)


def test_light_verb_noun_is_not_coded_twice(pipeline: Pipeline) -> None:
    events = kabar.code("France and Germany held talks in Paris.", date=DAY, pipeline=pipeline)
    assert [e.cameo.code for e in events] == ["040"]


def test_pronoun_subject_in_reported_speech_is_the_speaker(pipeline: Pipeline) -> None:
    events = kabar.code(
        "Syria says it is willing to withdraw its troops from Lebanon.", date=DAY, pipeline=pipeline
    )
    assert events
    assert dyad(events[0]) == (("SYR",), ("LBN",))
    assert events[0].plover is not None and events[0].plover.event_type == "AGREE"


@pytest.mark.parametrize(
    ("text", "code", "sources", "targets"),
    [
        # The compound object decides: an air strike is aerial (195), not a walkout.
        ("Russia launched a missile strike on Ukraine.", "195", ("RUS",), ("UKR",)),
        # A light verb in the passive: the event noun is the subject.
        ("Sanctions were imposed on Iran by the United States.", "163", ("USA",), ("IRN",)),
    ],
)
def test_compound_and_passive_event_nouns(
    pipeline: Pipeline, text: str, code: str, sources: tuple[str, ...], targets: tuple[str, ...]
) -> None:
    events = kabar.code(text, date=DAY, pipeline=pipeline)
    assert [e.cameo.code for e in events] == [code]
    assert dyad(events[0]) == (sources, targets)


@pytest.mark.parametrize(
    "text", ["The Russian president met on Monday.", "Mexico held talks on Monday."]
)
def test_a_meeting_needs_two_parties(pipeline: Pipeline, text: str) -> None:
    assert not [e for e in kabar.code(text, date=DAY, pipeline=pipeline) if e.cameo.root == "04"]


@pytest.mark.parametrize(
    ("text", "code", "target", "slot"),
    [
        # The object is a thing: whose it is is the target.
        ("Greece rejected a Turkish peace plan.", "127", "TUR", "object.owner"),
        ("Chile welcomed an offer from Bolivia.", "0", "BOL", "object.owner"),
        # ... and so is whose thing a prepositional object is: one party accepts it.
        ("Israel agreed to US mediation.", "030", "USA", "prep.owner"),
        # A demand is addressed to the subject of its "that" clause.
        (
            "China demanded that the United States cancel the sale.",
            "10",
            "USA",
            "complement.subject",
        ),
        # ... a demand made in a "that" clause, and one made by a participle on
        # the author's statement.
        ("Brazil urged that Peru reopen the border.", "02", "PER", "complement.subject"),
        (
            "The ministry issued a statement demanding that Japan release the sailors.",
            "10",
            "JPN",
            "complement.subject",
        ),
        # A protest is aimed at what its purpose or its "in protest of" phrase names.
        (
            "Students staged a hunger strike to demand the resignation of Kenya's president.",
            "14",
            "KEN",
            "grievance",
        ),
        (
            "Farmers blocked roads in protest against the French government's plan.",
            "14",
            "FRA",
            "grievance",
        ),
        # Thousands of people are those people; "the city of X" is X.
        ("Thousands of Georgians demonstrated in the city of Batumi.", "14", "GEO", "place"),
        # A protest with no one named is aimed at the country it takes place in;
        # so is a curfew, a suspension or a threat there.
        ("Albanian students demonstrated in Belgrade.", "140", "SRB", "place"),
        ("The army imposed a curfew in Mombasa.", "17", "KEN", "place"),
        ("Zimbabwe's president threatened to impose a curfew in Bulawayo.", "13", "ZWE", "place"),
    ],
)
def test_target_fallbacks(pipeline: Pipeline, text: str, code: str, target: str, slot: str) -> None:
    events = [
        e for e in kabar.code(text, date=DAY, pipeline=pipeline) if e.cameo.code.startswith(code)
    ]
    assert events, text
    event = events[0]
    assert {m.actor.country for m in event.targets} == {target}
    assert any(r.endswith(f"@{slot}") for r in event.reasons), event.reasons


@pytest.fixture(scope="module")
def keeping_pipeline(pipeline: Pipeline) -> Pipeline:  # noqa: ARG001 - model loaded once
    return Pipeline.default(keep_unresolved=True)


def test_unresolved_sources_are_dropped_unless_asked_for(
    pipeline: Pipeline, keeping_pipeline: Pipeline
) -> None:
    text = "The APEC forum agreed to the plan."
    assert not kabar.code(text, date=DAY, pipeline=pipeline)
    (event,) = kabar.code(text, date=DAY, pipeline=keeping_pipeline)
    (source,) = event.sources
    assert (source.rule, source.span.text, source.actor.country) == (
        "unresolved",
        "APEC forum",
        None,
    )
    assert source.actor.id == "unresolved:apec forum"
    assert "source:unresolved" in event.reasons
    assert event.confidence < 0.45  # an unresolved actor lowers the score


def test_kept_unresolved_source_keeps_a_resolved_target(keeping_pipeline: Pipeline) -> None:
    (event,) = kabar.code(
        "A roadside bombing killed two Iraqi soldiers.", date=DAY, pipeline=keeping_pipeline
    )
    assert event.cameo.code == "1833"  # a roadside bombing
    assert [m.rule for m in event.sources] == ["unresolved"]
    assert [m.actor.code for m in event.targets] == ["IRQMIL"]


def test_pronouns_never_become_unresolved_actors(keeping_pipeline: Pipeline) -> None:
    assert not kabar.code("It agreed to the plan.", date=DAY, pipeline=keeping_pipeline)


def test_reported_obligation_is_the_speakers_demand(pipeline: Pipeline) -> None:
    text = "Egypt said Israel should withdraw from Gaza."
    (event,) = kabar.code(text, date=DAY, pipeline=pipeline)
    assert (event.cameo.code, event.modality) == ("106", "asserted")
    assert dyad(event) == (("EGY",), ("ISR",))
    assert "obligation:demand:should" in event.reasons


def test_reported_fact_stays_the_subjects_act(pipeline: Pipeline) -> None:
    (event,) = kabar.code("Egypt said Israel withdrew from Gaza.", date=DAY, pipeline=pipeline)
    assert event.cameo.code == "0874"
    assert dyad(event)[0] == ("ISR",)
    assert [m.actor.country for m in event.attributed_to] == ["EGY"]


def test_conjoined_names_and_purpose_clauses_share_the_future(pipeline: Pipeline) -> None:
    # The parser hangs "Olaf Scholz" on "Macron", not on the subject "Emmanuel".
    events = kabar.code(
        "Emmanuel Macron and Olaf Scholz will meet in Paris to discuss the budget.",
        date=DAY,
        pipeline=pipeline,
    )
    assert events
    assert all(len(e.sources) == 2 and e.modality == "future" for e in events)


def test_a_date_glued_to_a_name_does_not_hide_the_name(pipeline: Pipeline) -> None:
    (event,) = kabar.code(
        "Iraq's envoy met with President Vladimir Putin Tuesday.", date=DAY, pipeline=pipeline
    )
    assert dyad(event) == (("IRQGOV",), ("RUSGOV",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Economic measures with nobody named on the receiving end are policy.
        ("Malaysia raised the export duty on palm oil.", []),
        ("The United States raised tariffs on Chinese goods.", [("163", ("USA",), ("CHN",))]),
        ("Canada cut tariffs.", []),
        ("Japan helped Nepal.", [("070", ("JPN",), ("NPL",))]),
    ],
)
def test_patterns_that_need_a_target(
    pipeline: Pipeline, text: str, expected: list[tuple[str, tuple[str, ...], tuple[str, ...]]]
) -> None:
    events = kabar.code(text, date=DAY, pipeline=pipeline)
    assert [(e.cameo.code, *dyad(e)) for e in events] == expected


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("A roadside bomb killed two Iraqi soldiers.", "bomb"),
        ("Three US servicemen were killed by an improvised explosive device.", "device"),
        ("Four Afghan civilians were killed in a car bombing.", "bombing"),
    ],
)
def test_violence_by_an_unnamed_doer_has_an_unknown_source(
    pipeline: Pipeline, text: str, cause: str
) -> None:
    events = kabar.code(text, date=DAY, pipeline=pipeline)
    (event,) = [e for e in events if e.cameo.root in {"18", "19"}]
    (source,) = event.sources
    assert (source.actor.id, source.actor.country) == ("unknown:perpetrator", None)
    assert source.rule == f"unknown-perpetrator:{cause}"
    assert event.targets and event.targets[0].actor.country is not None


def test_no_doer_is_invented_without_a_weapon_or_act(pipeline: Pipeline) -> None:
    assert not kabar.code("The storm killed two Cuban fishermen.", date=DAY, pipeline=pipeline)
    assert not kabar.code(
        "Three Iraqi workers were killed in a factory fire in Baghdad.", date=DAY, pipeline=pipeline
    )


def test_a_killing_by_no_one_named_has_an_unknown_perpetrator_with_less_confidence(
    pipeline: Pipeline,
) -> None:
    (inferred,) = kabar.code(
        "Three Iraqi soldiers were killed in Mosul.", date=DAY, pipeline=pipeline
    )
    (named,) = kabar.code(
        "A roadside bomb killed three Iraqi soldiers in Mosul.", date=DAY, pipeline=pipeline
    )
    assert inferred.sources[0].rule.startswith("unknown-perpetrator:passive")
    assert inferred.sources[0].actor.country == "IRQ"  # placed where it happened
    assert inferred.confidence < named.confidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The act is a threat; the condition (Iraq's act) stays hypothetical.
        ("Iran will attack Iraq if Iraq attacks Kuwait.",
         {("IRN", "1384", "asserted"), ("IRQ", "190", "hypothetical")}),
        # In reported speech "would" is the reported "will": a conditional offer.
        ("Iran said it would meet Iraq if Iraq withdrew.",
         {("IRN", "036", "future"), ("IRQ", "0874", "hypothetical")}),
    ],
)
def test_conditions_and_their_consequences(
    pipeline: Pipeline, text: str, expected: set[tuple[str, str, str]]
) -> None:
    events = kabar.code(text, date=DAY, pipeline=pipeline)
    assert {(e.sources[0].actor.code, e.cameo.code, e.modality) for e in events} == expected


@pytest.mark.parametrize(
    ("text", "code", "sides"),
    [
        # Named without a country, domestic actors take the event's place ...
        ("Thousands of demonstrators protested in Monrovia.", "140", (("LBRCVL",), ("LBR",))),
        # ... or, as civilians facing a state authority, that authority's country.
        ("Iranian authorities pressured workers to cancel the strike.", "100",
         (("IRNGOV",), ("IRNLAB",))),
        # Soldiers are no authority over the rebels they fight: no country is guessed.
        ("US forces killed ten rebels.", "190", (("USAMIL",), ("REB",))),
    ],
)
def test_domestic_actors_take_the_country_of_the_event(
    pipeline: Pipeline, text: str, code: str, sides: tuple[tuple[str, ...], tuple[str, ...]]
) -> None:
    events = kabar.code(text, date=DAY, pipeline=pipeline)
    coded = [e for e in events if e.cameo.code.startswith(code)]
    assert coded, (text, [e.cameo.code for e in events])
    assert dyad(coded[0]) == sides


@pytest.mark.parametrize(
    ("text", "code", "sides"),
    [
        # A people living elsewhere are civilians of the country they live in.
        ("The Albanians of southern Serbia demanded autonomy from Serbian authorities.",
         "1043", (("SRBCVL",), ("SRBGOV",))),
        ("Ethnic Albanians demonstrated in Serbia.", "140", (("SRBCVL",), ("SRB",))),
        # A plain plural demonym is the country's people: civilians, as PLOVER codes them.
        ("The Albanians protested.", "140", (("ALBCVL",), ())),
        # A weapon that names its country names the doer.
        ("US drone strikes killed eight Taliban commanders.", "186", (("USA",), None)),
        # An unknown perpetrator is placed where the attack happened.
        ("A roadside bomb killed two soldiers in Kabul.", "1833", (("AFG",), None)),
    ],
)
def test_peoples_and_perpetrators_by_place(
    pipeline: Pipeline,
    text: str,
    code: str,
    sides: tuple[tuple[str, ...], tuple[str, ...] | None],
) -> None:
    events = kabar.code(text, date=DAY, pipeline=pipeline)
    coded = [e for e in events if e.cameo.code.startswith(code)]
    assert coded, (text, [e.cameo.code for e in events])
    sources, targets = dyad(coded[0])
    assert sources == sides[0]
    if sides[1] is not None:
        assert targets == sides[1]


@pytest.mark.parametrize(
    "text",
    [
        # Firms dealing with firms are business news.
        "Sara Lee Corp said it agreed to buy a 34 pct interest in Paris-based DIM S.A.",
        # Goods and money do not act.
        "U.S. corn exports have injured Ontario corn growers.",
        # Releasing goods is no release of people.
        "Last year the United States released 4,900 tonnes of tin to two firms.",
    ],
)
def test_economic_news_makes_no_political_event(pipeline: Pipeline, text: str) -> None:
    assert not kabar.code(text, date=DAY, pipeline=pipeline)


def test_unwillingness_to_accept_is_a_rejection(pipeline: Pipeline) -> None:
    text = "Brazil has been unwilling to accept any proposal that would cut its quota."
    (event,) = kabar.code(text, date=DAY, pipeline=pipeline)
    assert (event.cameo.code, event.modality) == ("120", "asserted")


def test_an_appeal_addressed_with_to_has_its_target(pipeline: Pipeline) -> None:
    text = "Indonesia appealed to the United States to restrict its tin sales."
    events = [e for e in kabar.code(text, date=DAY, pipeline=pipeline) if e.cameo.root == "02"]
    assert events and dyad(events[0]) == (("IDN",), ("USA",))


def test_an_aim_scores_below_the_act_that_pursues_it(pipeline: Pipeline) -> None:
    events = kabar.code(
        "Algerian students began a hunger strike to demand the resignation of the president.",
        date=DAY,
        pipeline=pipeline,
    )
    protest = next(e for e in events if e.cameo.root == "14")
    demand = next(e for e in events if e.cameo.root == "10")
    assert protest.confidence > demand.confidence


def test_people_killed_in_a_bombing_in_a_city(pipeline: Pipeline) -> None:
    # The bombing names the occasion, Baghdad the place: victims and unknown
    # perpetrator are placed in Iraq; "people" are civilians.
    (event,) = kabar.code(
        "Three people were killed in a car bombing in Baghdad.", date=DAY, pipeline=pipeline
    )
    assert dyad(event) == (("IRQ",), ("IRQCVL",))
    assert event.sources[0].rule.startswith("unknown-perpetrator:bombing")


def test_a_riot_noun_with_its_people(pipeline: Pipeline) -> None:
    (event,) = kabar.code(
        "Palestinian riots against Israeli policies continued.", date=DAY, pipeline=pipeline
    )
    assert (event.cameo.code, *dyad(event)) == ("145", ("PSE",), ("ISR",))


@pytest.mark.parametrize(
    ("text", "code", "sides"),
    [
        ("Israel threatened to ban the vote if Hamas ran in the election.", "13",
         (("ISR",), ("PSEREB",))),
        ("Iran will withdraw its troops unless Iraq pays.", "130", (("IRN",), ("IRQ",))),
    ],
)
def test_a_threat_is_aimed_at_whoever_must_meet_its_condition(
    pipeline: Pipeline, text: str, code: str, sides: tuple[tuple[str, ...], tuple[str, ...]]
) -> None:
    events = kabar.code(text, date=DAY, pipeline=pipeline)
    threats = [e for e in events if e.cameo.code.startswith(code)]
    assert threats and dyad(threats[0]) == sides


def test_a_denied_act_is_negated_and_its_forces_are_the_deniers(pipeline: Pipeline) -> None:
    (event,) = kabar.code(
        "Moscow denied that its forces had attacked civilians.", date=DAY, pipeline=pipeline
    )
    assert event.modality == "negated"
    assert [m.actor.country for m in event.sources] == ["RUS"]
    assert event.sources[0].rule.endswith("+country-of-owner")


def test_its_troops_are_the_speakers(pipeline: Pipeline) -> None:
    (event,) = kabar.code("Israel said its troops shelled Gaza.", date=DAY, pipeline=pipeline)
    assert event.modality == "asserted"
    assert [m.actor.code for m in event.sources] == ["ISRMIL"]


def test_a_states_voice_speaks_of_its_own_forces(pipeline: Pipeline) -> None:
    (event,) = kabar.code(
        "The Israeli army said soldiers shot a Palestinian man.", date=DAY, pipeline=pipeline
    )
    assert [m.actor.code for m in event.sources] == ["ISRMIL"]
    # A rights group's report names no owner.
    (other,) = kabar.code("Amnesty said troops killed protesters.", date=DAY, pipeline=pipeline)
    assert [m.actor.country for m in other.sources] == [None]
