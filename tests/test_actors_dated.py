"""Actors resolve through the knowledge base to the role they held on the event date."""

from __future__ import annotations

import datetime as dt

import pytest

import kabar
from kabar.pipeline import Pipeline


def source_of(pipeline: Pipeline, text: str, day: dt.date) -> kabar.Actor:
    events = kabar.code(text, date=day, pipeline=pipeline)
    assert events, text
    return events[0].sources[0].actor


@pytest.mark.parametrize(
    ("text", "day", "actor_id", "code", "office"),
    [
        # Putin: prime minister between his presidential terms.
        (
            "Vladimir Putin visited China.",
            dt.date(2009, 6, 1),
            "wd:Q7747",
            "RUSGOV",
            "Prime Minister of Russia",
        ),
        (
            "Vladimir Putin visited China.",
            dt.date(2013, 6, 1),
            "wd:Q7747",
            "RUSGOV",
            "President of Russia",
        ),
        # Medvedev: president in 2010, no longer head of state in 2023.
        (
            "Dmitry Medvedev visited China.",
            dt.date(2010, 6, 1),
            None,
            "RUSGOV",
            "President of Russia",
        ),
        (
            "Dmitry Medvedev visited China.",
            dt.date(2023, 6, 1),
            None,
            "RUSGOV",
            "Deputy Chairman of the Security Council of Russia",
        ),
        # Trump: in office, voted out (a former office holder is ELI), back again.
        (
            "Donald Trump visited China.",
            dt.date(2018, 6, 1),
            "wd:Q22686",
            "USAGOV",
            "President of the United States",
        ),
        (
            "Donald Trump visited China.",
            dt.date(2022, 6, 1),
            "wd:Q22686",
            "USAELI",
            "President of the United States",
        ),
        (
            "Donald Trump visited China.",
            dt.date(2025, 6, 1),
            "wd:Q22686",
            "USAGOV",
            "President of the United States",
        ),
        # Erdogan: prime minister, then president.
        (
            "Recep Tayyip Erdogan visited China.",
            dt.date(2010, 6, 1),
            "wd:Q39259",
            "TURGOV",
            "Prime Minister of Turkey",
        ),
        (
            "Recep Tayyip Erdogan visited China.",
            dt.date(2016, 6, 1),
            "wd:Q39259",
            "TURGOV",
            "President of Turkey",
        ),
        # Bolsonaro: voted out in 2022, a former office holder in 2024.
        (
            "Jair Bolsonaro visited China.",
            dt.date(2024, 6, 1),
            "wd:Q10304982",
            "BRAELI",
            "President of Brazil",
        ),
    ],
)
def test_role_valid_on_the_event_date(
    pipeline: Pipeline, text: str, day: dt.date, actor_id: str | None, code: str, office: str
) -> None:
    actor = source_of(pipeline, text, day)
    if actor_id is not None:
        assert actor.id == actor_id
    assert (actor.code, actor.role) == (code, office)


def test_transliterations_are_one_actor(pipeline: Pipeline) -> None:
    day = dt.date(2023, 10, 19)
    ids = {
        source_of(pipeline, f"{name} praised Russia.", day).id
        for name in ("Sadyr Zhaparov", "Sadyr Japarov", "Zhaparov", "Japarov")
    }
    assert ids == {"wd:Q25597826"}


def test_international_organisations_are_igo(pipeline: Pipeline) -> None:
    actor = source_of(pipeline, "NATO condemned Russia.", dt.date(2024, 6, 1))
    assert (actor.kind, actor.country, actor.sectors) == ("igo", None, ("IGO",))


def test_description_refers_to_the_person_named_earlier(pipeline: Pipeline) -> None:
    text = (
        "Russian Federation President Vladimir Putin arrived in Bishkek, where the Russian "
        "leader is making an official visit."
    )
    events = kabar.code(text, date=dt.date(2023, 10, 19), pipeline=pipeline)
    visits = [e for e in events if "official visit" in e.evidence.trigger.text]
    assert visits
    source = visits[0].sources[0]
    assert (source.actor.id, source.rule) == ("wd:Q7747", "description:leader")


@pytest.mark.parametrize(
    ("name", "kind", "country", "sector"),
    [
        ("Kabar", "organisation", "KGZ", "MED"),
        ("Kant Air Base", "organisation", "RUS", "MIL"),
        ("Commonwealth of Independent States", "igo", "", "IGO"),
        ("CIS", "igo", "", "IGO"),
    ],
)
def test_seed_institutions_in_the_knowledge_base(
    name: str, kind: str, country: str, sector: str
) -> None:
    from kabar.actors.kb import load_kb

    (best, *_) = load_kb().get_candidates(name, dt.date(2023, 10, 19))
    assert best.actor.kind == kind
    assert best.roles, best.reason
    assert (best.roles[0].country, best.roles[0].sector) == (country, sector)


def test_pronoun_refers_to_the_person_last_named_as_subject(pipeline: Pipeline) -> None:
    text = (
        "Sadyr Zhaparov said the visit mattered as he welcomed the Russian delegation.\n\n"
        "France condemned Iran."
    )
    events = kabar.code(text, date=dt.date(2023, 10, 19), pipeline=pipeline)
    hosting = [e for e in events if e.cameo.code == "043"]
    assert hosting, [e.cameo.code for e in events]
    source = hosting[0].sources[0]
    assert source.actor.id == "wd:Q25597826"
    assert source.rule.startswith("pronoun:")
    assert [m.actor.country for m in hosting[0].targets] == ["RUS"]
