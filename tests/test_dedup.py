"""Cross-article dedup on reports written for the purpose (tests/data/dedup), coded
by the real pipeline: the same events merge, near misses stay apart, and the result
does not depend on the order the articles come in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random
from pathlib import Path

import pytest

import kabar
from kabar.dedup import (
    DEFAULT_WINDOW_DAYS,
    Cluster,
    MentionKey,
    blocking_keys,
    cluster,
    cluster_id,
    match,
    mention_key,
    outlet,
    party,
)
from kabar.errors import ConfigError
from kabar.model import Actor
from kabar.pipeline import Pipeline

DATA = Path(__file__).parent / "data" / "dedup"

# The events the test set reports, each by several outlets (tests/data/dedup/README.md).
SAME_EVENT = [
    {"visit-wire", "visit-herald", "visit-ledger"},
    {"sanctions-wire", "sanctions-herald", "sanctions-post"},
    {"talks-wire", "talks-herald"},
    {"attack-wire", "attack-ledger"},
]
NEAR_MISSES = [
    "sanctions-later", "sanctions-syria", "criticism-iran",
    "talks-delhi", "talks-denied", "attack-reversed",
]  # fmt: skip


@pytest.fixture(scope="module")
def keys(pipeline: Pipeline) -> dict[str, MentionKey]:
    """Article id -> the key of its one event (each test article reports one event)."""
    articles = list(kabar.read_articles([str(DATA / "articles.jsonl")]))
    out: dict[str, MentionKey] = {}
    for result in kabar.code_articles(articles, pipeline=pipeline):
        assert result.error is None
        codes = [(e.cameo.code, e.evidence.trigger.text) for e in result.events]
        assert len(result.events) == 1, (result.article.id, codes)
        out[result.article.id] = mention_key(result.events[0], result.article)
    return out


def article_sets(clusters: list[Cluster]) -> list[set[str]]:
    return [{m.article_id for m in c.members} for c in clusters]


def components_by_brute_force(mentions: list[MentionKey]) -> list[set[str]]:
    """Connected components over every pair, no blocking: what ``cluster`` must equal."""
    groups = [{m.event_id} for m in mentions]
    for a, b in itertools.combinations(mentions, 2):
        if match(a, b).merged:
            ga = next(g for g in groups if a.event_id in g)
            gb = next(g for g in groups if b.event_id in g)
            if ga is not gb:
                ga |= gb
                groups.remove(gb)
    return sorted(groups, key=sorted)


def test_reports_of_the_same_event_merge_and_near_misses_do_not(
    keys: dict[str, MentionKey],
) -> None:
    found = article_sets(cluster(keys.values()))
    for group in SAME_EVENT:
        assert group in found
    for article_id in NEAR_MISSES:
        assert {article_id} in found
    assert len(found) == len(SAME_EVENT) + len(NEAR_MISSES)


def test_no_cluster_mixes_dyads_types_or_modalities(keys: dict[str, MentionKey]) -> None:
    for c in cluster(keys.values()):
        assert len({(m.cameo_root, m.plover_type, m.modality) for m in c.members}) == 1
        assert len({frozenset(m.source_parties + m.target_parties) for m in c.members}) == 1


def test_state_actors_named_differently_are_one_party(keys: dict[str, MentionKey]) -> None:
    # "Russian President Vladimir Putin", "Putin" and "Russia" act for one state; the
    # visit (042), hosting it (043) and talks (040, reciprocal) are one meeting.
    visit, hosted, talks = keys["visit-wire"], keys["visit-herald"], keys["visit-ledger"]
    assert visit.targets == ("country:CHN",) and hosted.sources != visit.targets  # ids differ
    assert (visit.source_parties, visit.target_parties) == (("RUS",), ("CHN",))
    assert (hosted.source_parties, hosted.target_parties) == (("CHN",), ("RUS",))
    decision = match(visit, hosted)
    assert decision.merged
    assert "dyad:unordered CHN+RUS" in decision.reasons
    assert match(visit, talks).merged and talks.reciprocal


def test_each_near_miss_says_why_it_stays_apart(keys: dict[str, MentionKey]) -> None:
    wire = keys["sanctions-wire"]
    expected = {
        "sanctions-later": "dates apart: 2024-03-04 vs 2024-03-25",
        "sanctions-syria": "dyad differs: USA>IRN vs USA>SYR",
        "criticism-iran": "CAMEO root differs: 16 vs 11",
    }
    for other, reason in expected.items():
        decision = match(wire, keys[other])
        assert not decision.merged
        assert decision.reasons[0].startswith(reason), decision.reasons
    delhi = match(keys["talks-wire"], keys["talks-delhi"])
    assert not delhi.merged and delhi.reasons[0].startswith("places apart: ")
    denied = match(keys["talks-wire"], keys["talks-denied"])
    assert denied.reasons == ("modality differs: asserted vs negated",)
    reversed_attack = match(keys["attack-wire"], keys["attack-reversed"])
    assert reversed_attack.reasons == ("dyad differs: RUS>UKR vs UKR>RUS",)


def test_an_undated_report_joins_the_event_it_follows(keys: dict[str, MentionKey]) -> None:
    # "has imposed sanctions" has no date expression: the publication date (03-05)
    # stands for the days before it, which include Monday 03-04.
    post = keys["sanctions-post"]
    assert post.date_precision == "publication"
    decision = match(keys["sanctions-wire"], post)
    assert decision.merged
    assert any("2024-03-02..2024-03-05" in reason for reason in decision.reasons)
    assert not match(keys["sanctions-later"], post).merged


def test_cluster_counts_and_provenance(keys: dict[str, MentionKey]) -> None:
    by_articles = {frozenset(article_sets([c])[0]): c for c in cluster(keys.values())}
    visit = by_articles[frozenset(SAME_EVENT[0])]
    assert (visit.num_mentions, visit.num_articles, visit.num_sources) == (3, 3, 3)
    assert (visit.first_seen, visit.last_seen) == (dt.date(2024, 3, 5), dt.date(2024, 3, 6))
    assert visit.members[0].article_id == "visit-wire"  # the anchor: first published
    assert visit.id == cluster_id(visit.members)
    assert {m.outlet for m in visit.members} == {"Northern Wire", "Eastern Herald", "Daily Ledger"}
    # Three reports pairwise matching give three links, each with its reasons.
    assert len(visit.links) == 3
    assert all(link.a < link.b and "modality:asserted" in link.reasons for link in visit.links)
    single = by_articles[frozenset({"talks-denied"})]
    assert (single.num_mentions, single.links) == (1, ())


def test_result_does_not_depend_on_input_order(keys: dict[str, MentionKey]) -> None:
    mentions = list(keys.values())
    reference = cluster(mentions)
    shuffler = random.Random(7)
    for _ in range(5):
        shuffler.shuffle(mentions)
        assert cluster(mentions) == reference


def test_blocking_loses_no_match(keys: dict[str, MentionKey]) -> None:
    mentions = list(keys.values())
    found = sorted(({m.event_id for m in c.members} for c in cluster(mentions)), key=sorted)
    assert found == components_by_brute_force(mentions)
    for a, b in itertools.combinations(mentions, 2):
        if match(a, b).merged:
            assert set(blocking_keys(a)) & set(blocking_keys(b))


def test_incremental_arrival_agrees_with_the_batch(keys: dict[str, MentionKey]) -> None:
    # What a store does: add each new mention, compare it only with the mentions
    # indexed under its blocking keys, and join clusters. Any arrival order gives
    # the batch result.
    reference = sorted(article_sets(cluster(keys.values())), key=sorted)
    arrival = sorted(keys.values(), key=lambda m: m.article_id, reverse=True)
    index: dict[str, list[MentionKey]] = {}
    groups: list[set[str]] = []
    for new in arrival:
        candidates = {m.event_id: m for k in blocking_keys(new) for m in index.get(k, [])}
        joined = [
            g
            for g in groups
            if any(match(new, candidates[e]).merged for e in g & candidates.keys())
        ]
        merged = {new.event_id}.union(*joined)
        groups = [g for g in groups if g not in joined] + [merged]
        for k in blocking_keys(new):
            index.setdefault(k, []).append(new)
    by_event = {m.event_id: m.article_id for m in keys.values()}
    assert sorted(({by_event[e] for e in g} for g in groups), key=sorted) == reference


def test_cluster_id_is_stable_when_a_later_report_joins(keys: dict[str, MentionKey]) -> None:
    first_two = [keys["visit-herald"], keys["visit-wire"]]
    assert cluster_id(first_two) == cluster_id(reversed(first_two))
    assert cluster_id(first_two) == cluster_id([*first_two, keys["visit-ledger"]])
    assert cluster_id(first_two) != cluster_id([keys["sanctions-wire"]])


def test_two_events_of_one_article_never_merge_as_two_reports(pipeline: Pipeline) -> None:
    article = kabar.Article(
        id="two-raids",
        date=dt.date(2024, 3, 4),
        text="Russian troops attacked Ukrainian forces near Kharkiv on Saturday. "
        "Russian troops attacked Ukrainian forces near Kharkiv again on Saturday.",
    )
    (result,) = kabar.code_articles([article], pipeline=pipeline)
    first, second = (mention_key(e, article) for e in result.events)
    decision = match(first, second)
    assert not decision.merged
    assert decision.reasons == ("same article two-raids: not another report",)
    assert len(cluster([first, second])) == 2


def hand_key(event_id: str, article_id: str, **changes: object) -> MentionKey:
    key = MentionKey(
        event_id=event_id, article_id=article_id, outlet="", date=dt.date(2024, 3, 4),
        sources=("country:USA",), targets=("country:IRN",), reciprocal=False,
        cameo_root="16", plover_type="SANCTION", modality="asserted",
        place_country=None, lat=None, lon=None,
        source_parties=("USA",), target_parties=("IRN",), date_precision="day",
    )  # fmt: skip
    return dataclasses.replace(key, **changes)  # type: ignore[arg-type]


def test_unresolved_actors_merge_only_on_identical_text() -> None:
    a = hand_key("e1", "a1", sources=("unresolved:the militia",), source_parties=())
    same = hand_key("e2", "a2", sources=("unresolved:the militia",), source_parties=())
    other = hand_key("e3", "a3", sources=("unresolved:gunmen",), source_parties=())
    assert match(a, same).merged
    assert not match(a, other).merged


def test_parties_keep_states_together_and_others_apart() -> None:
    putin = Actor("wd:Q7747", "Vladimir Putin", "person", "RUS", ("GOV",))
    rebels = Actor("group:RUS:rebels", "rebels", "group", "RUS", ("REB",))
    nato = Actor("wd:Q7184", "NATO", "igo", None, ("IGO",))
    citizen = Actor("person:RUS:ivanov", "Ivanov", "person", "RUS", ())
    assert party(Actor("country:RUS", "Russia", "country", "RUS")) == party(putin) == "RUS"
    assert party(rebels) == "RUS:REB"
    assert party(nato) == "wd:Q7184"
    assert party(citizen) == "person:RUS:ivanov"


def test_places_within_reach_or_one_unknown_are_compatible() -> None:
    bishkek = {"place_country": "KGZ", "lat": 42.87, "lon": 74.59}
    kant = {"place_country": "KGZ", "lat": 42.89, "lon": 74.85}  # 21 km east
    osh = {"place_country": "KGZ", "lat": 40.51, "lon": 72.81}  # 300 km south-west
    almaty = {"place_country": "KAZ", "lat": 43.25, "lon": 76.92}  # 190 km, over the border
    base = hand_key("e1", "a1", **bishkek)
    assert match(base, hand_key("e2", "a2", **kant)).merged
    assert match(base, hand_key("e2", "a2")).merged  # place unknown in one
    assert match(base, hand_key("e2", "a2", place_country="KGZ")).merged  # country only
    assert not match(base, hand_key("e2", "a2", **osh)).merged
    assert not match(base, hand_key("e2", "a2", **almaty)).merged
    assert not match(base, hand_key("e2", "a2", place_country="KAZ")).merged


def test_date_spans() -> None:
    monday = hand_key("e1", "a1")
    assert not match(monday, hand_key("e2", "a2", date=dt.date(2024, 3, 5))).merged
    week = hand_key("e2", "a2", date=dt.date(2024, 3, 4), date_precision="week")
    assert match(monday, week).merged
    month = hand_key("e2", "a2", date=dt.date(2024, 3, 1), date_precision="month")
    assert match(monday, month).merged
    assert blocking_keys(hand_key("e3", "a3", date_precision="year")) == ()
    assert blocking_keys(hand_key("e3", "a3", date=None)) == ()
    late = hand_key("e2", "a2", date=dt.date(2024, 3, 8), date_precision="publication")
    assert not match(monday, late).merged
    assert match(monday, late, window_days=4).merged
    with pytest.raises(ConfigError):
        match(monday, late, window_days=-1)
    assert DEFAULT_WINDOW_DAYS == 3


def test_outlet_is_the_source_field_else_the_url_host() -> None:
    assert outlet(kabar.Article(id="a", text="", source=" Northern Wire ")) == "Northern Wire"
    assert outlet(kabar.Article(id="a", text="", url="https://www.ledger.example/x")) == (
        "ledger.example"
    )
    assert outlet(kabar.Article(id="a", text="")) == ""
