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
        "Russian Federation President Vladimir Putin spoke in Moscow on Monday. The Russian "
        "leader is making an official visit to Kyrgyzstan."
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


# ---------------------------------------------------- classes of resolution, one each
# Sentences written for these tests. Each case names the head the coder would
# resolve and the (country, sectors, rule start) kabar should give it.


def resolve_head(pipeline: Pipeline, text: str, head: str, day: dt.date) -> kabar.Mention | None:
    """The first mention the resolver gives for the token ``head`` of ``text``."""
    from kabar.actors.countries import load_country_table, load_roles
    from kabar.actors.kb import load_kb
    from kabar.actors.resolve import ArticleActors
    from kabar.places.gazetteer import load_gazetteer

    doc = pipeline.nlp(text)
    actors = ArticleActors(
        doc, load_country_table(), load_roles(), load_kb(), day, load_gazetteer()
    )
    index = next(t.i for t in doc if t.text == head)
    found = actors.resolve_group(index)
    return found[0] if found else None


RECENT = dt.date(2020, 1, 1)


@pytest.mark.parametrize(
    ("text", "head", "day", "country", "sectors", "rule"),
    [
        # A title in the text beats a KB date that lags: Blair became prime minister
        # in 1997, but the copy says he holds the office ...
        ("Prime Minister Tony Blair met union leaders.", "Blair", dt.date(1990, 1, 1),
         "GBR", ("GOV",), "kb-name:title-in-text"),
        # ... and a past title makes a sitting office holder ELI.
        ("Ousted President Jimmy Carter met union leaders.", "Carter", dt.date(1978, 6, 1),
         "USA", ("ELI",), "kb-name:title-in-text"),
        # Before a first office, a future office holder is an elite of the country.
        ("Volodymyr Zelensky met union leaders.", "Zelensky", dt.date(2010, 6, 1),
         "UKR", ("ELI",), "kb-name:before-office"),
        # A plural demonym is the country's people, civilians.
        ("Thousands of Kenyans marched in Nairobi.", "Kenyans", RECENT,
         "KEN", ("CVL",), "nationals"),
        # A people named with another country lives there.
        ("Bosnian Croats rejected the plan.", "Croats", RECENT, "BIH", ("CVL",), "ethnic-group"),
        # A country's towns and homes, when attacked, are its civilians.
        ("Troops shelled Syrian towns.", "towns", RECENT, "SYR", ("CVL",), "country-place"),
        # A generic head takes the sector of the role noun before it.
        ("Colombian rebel leaders signed the accord.", "leaders", RECENT,
         "COL", ("REB",), "role:rebel leaders"),
        ("Nepalese opposition officials rejected the plan.", "officials", RECENT,
         "NPL", ("OPP",), "role:opposition officials"),
        ("Japanese bank officials rejected the plan.", "officials", RECENT,
         "JPN", ("BUS",), "role:bank officials"),
        # A thing owned by a role noun is that role's, with a country.
        ("Pakistani army helicopters bombed the camp.", "helicopters", RECENT,
         "PAK", ("MIL",), "role:army helicopters"),
        # Peoples: of their one country, of the country named with them, or none.
        ("Tamil refugees arrived by boat.", "refugees", RECENT, "LKA", ("REF",), "role:refugees"),
        ("Iraqi Kurds voted.", "Kurds", RECENT, "IRQ", ("CVL",), "people"),
        ("Kurds protested.", "Kurds", RECENT, None, ("CVL",), "people"),
        # A domestic group takes the one country its sentence names as a place ...
        ("Students clashed with police in Ankara.", "Students", RECENT,
         "TUR", ("EDU",), "role-in-sentence-place"),
        # ... not the country of another actor.
        ("US forces killed rebels.", "rebels", RECENT, None, ("REB",), "role-without-country"),
        # A minority named "ethnic" belongs where it lives.
        ("Ethnic Albanian guerrillas clashed with police in Macedonia.", "guerrillas", RECENT,
         "MKD", ("REB",), "role:guerrillas"),
        # A mistyped country name is still the country; a real place is not a slip.
        ("Ethiopa rejected the plan.", "Ethiopa", RECENT, "ETH", (), "country-misspelt"),
        ("Indiana farmers protested.", "farmers", RECENT, "USA", ("AGR",), "role:farmers"),
        # Former names of states, as archive copy writes them.
        ("Kampuchean troops attacked.", "troops", dt.date(1985, 1, 1), "KHM", ("MIL",), "role"),
        # Hyphenated titles: the Secretary-General is no general.
        ("Arab League Secretary-General Karim Haddad said the talks failed.", "Haddad", RECENT,
         None, ("IGO", "GOV"), "role-of-organisation:secretary-general"),
        # An armed group the sources give no country takes the one its name spells out.
        ("The South Lebanon Army shelled villages.", "Army", RECENT,
         "LBN", (), "kb-name:country-in-name"),
        # A member of a body has the body's sector.
        ("A member of the Kenyan parliament walked out.", "member", RECENT,
         "KEN", ("LEG",), "role:member of parliament"),
        # A state's war machines are its military (only with the state named).
        ("Turkish helicopters fired on the convoy.", "helicopters", RECENT,
         "TUR", ("MIL",), "country-hardware"),
        # Leaders of a people lead no state: elites.
        ("Zulu leaders rejected the plan.", "leaders", RECENT, "ZAF", ("ELI",), "role:leaders"),
        # Three-word roles.
        ("A human rights group criticised the court.", "group", RECENT,
         None, ("HRI",), "role-without-country:human rights group"),
        # A titled name the KB knows under another spelling, though two sources list it.
        ("President Abdelaziz Boutefliqa resigned.", "Boutefliqa", dt.date(2005, 1, 1),
         "DZA", ("GOV",), "kb-variant-titled"),
    ],
)  # fmt: skip
def test_resolution_classes(
    pipeline: Pipeline,
    text: str,
    head: str,
    day: dt.date,
    country: str | None,
    sectors: tuple[str, ...],
    rule: str,
) -> None:
    mention = resolve_head(pipeline, text, head, day)
    assert mention is not None, text
    assert (mention.actor.country, mention.actor.sectors) == (country, sectors), mention
    assert mention.rule.startswith(rule), mention.rule


@pytest.mark.parametrize(
    ("text", "head"),
    [
        # An owned thing with no country is too weak to be an actor.
        ("Army bulldozers demolished the camp.", "bulldozers"),
        # War machines without a state are no actor: as often airliners.
        ("The aircraft landed in fog.", "aircraft"),
    ],
)
def test_no_actor_without_evidence(pipeline: Pipeline, text: str, head: str) -> None:
    assert resolve_head(pipeline, text, head, RECENT) is None


def test_a_firm_named_after_a_market_keeps_no_country(pipeline: Pipeline) -> None:
    mention = resolve_head(pipeline, "Aberdeen Chile Fund bought shares.", "Fund", RECENT)
    assert mention is not None and mention.actor.sectors == ("MNC",)
    assert mention.actor.country is None


def test_an_acronym_ending_a_personal_name_is_not_the_organisation(pipeline: Pipeline) -> None:
    # "Gia" is also how British style would write the Algerian GIA.
    mention = resolve_head(pipeline, "Planning Minister Le Van Gia resigned.", "Gia", RECENT)
    assert mention is not None
    assert mention.actor.kind == "person"
    assert mention.actor.id != "cameo:GIA"
