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
    assert dyad(event) == (("UKR",), ("RUS",))
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
        # A demand is addressed to the subject of its "that" clause.
        (
            "China demanded that the United States cancel the sale.",
            "100",
            "USA",
            "complement.subject",
        ),
        # A protest with no one named is aimed at the country it takes place in.
        ("Albanian students demonstrated in Belgrade.", "140", "SRB", "place"),
    ],
)
def test_target_fallbacks(pipeline: Pipeline, text: str, code: str, target: str, slot: str) -> None:
    events = [
        e for e in kabar.code(text, date=DAY, pipeline=pipeline) if e.cameo.code.startswith(code)
    ]
    assert events, text
    event = events[0]
    assert [m.actor.country for m in event.targets] == [target]
    assert any(r.endswith(f"@{slot}") for r in event.reasons), event.reasons
