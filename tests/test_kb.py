"""The bundled actor knowledge base: name matching, dated roles, the curated layer.

Real built data, no mocks, except where a test needs a damaged row or a curated file
of its own (written into tmp_path). Tests of the built data read it without the bundled
curated.yaml (``read_kb([])``), so hand corrections there cannot break them; one test
checks that the bundled KB loads with that layer. The rebuild test skips with a reason
when ../shared is absent.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import shared_path
from kabar.actors import kb as kb_module
from kabar.actors.kb import (
    KbActor,
    KnowledgeBase,
    Tenure,
    load_kb,
    name_key,
    parse_curated,
    read_kb,
    variant_key,
)
from kabar.errors import ResourceError

REPO = Path(__file__).resolve().parents[1]
KB_DATA = REPO / "src" / "kabar" / "data" / "kb"
PUTIN = "wd:Q7747"
SADYR = "wd:Q25597826"  # Sadyr Zhaparov / Japarov, President of Kyrgyzstan 2021-
AKYLBEK = "wd:Q4060344"  # Akylbek Japarov, minister 2005-10, Prime Minister 2021-24
DAY = dt.date(2013, 6, 1)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The built data alone: what tools/build_kb.py made, no curated layer."""
    return read_kb([])


def _ids(candidates: list[kb_module.Candidate]) -> list[str]:
    return [candidate.actor.id for candidate in candidates]


# ---------------------------------------------------------------------- people and dates


@pytest.mark.parametrize("name", ["Vladimir Putin", "Putin", "PUTIN", "Putin's", "vladimir putin"])
def test_putin_in_2013_is_rus_gov(kb: KnowledgeBase, name: str) -> None:
    candidates = kb.get_candidates(name, DAY)
    assert candidates, name
    top = candidates[0]
    assert top.actor.id == PUTIN and top.actor.kind == "person" and top.actor.qid == "Q7747"
    assert any(role.country == "RUS" and role.sector == "GOV" for role in top.roles)
    assert all(role.valid_on(DAY) for role in top.roles)
    assert "alias exact" in top.reason and "valid on 2013-06-01" in top.reason


def test_putin_keeps_phoenix_and_wikidata_roles(kb: KnowledgeBase) -> None:
    putin = kb.get(PUTIN)
    assert putin is not None
    sources = {role.source for role in putin.roles}
    assert {"phoenix", "wikidata-2021"} <= sources
    president = [r for r in putin.roles if r.office == "President of Russia"]
    assert president and president[0].precision == "year"
    assert president[0].start == dt.date(2012, 1, 1) and president[0].end is None


@pytest.mark.parametrize("name", ["Zhaparov", "Japarov", "Dzhaparov", "Dschaparow"])
def test_transliterations_of_a_surname_find_the_kyrgyz_president(
    kb: KnowledgeBase, name: str
) -> None:
    candidates = kb.get_candidates(name, dt.date(2023, 3, 1))
    assert SADYR in _ids(candidates)
    sadyr = next(c for c in candidates if c.actor.id == SADYR)
    assert sadyr.match == "surname"
    assert [(r.country, r.sector) for r in sadyr.roles] == [("KGZ", "GOV")]


@pytest.mark.parametrize("name", ["Sadyr Zhaparov", "Sadyr Japarov", "Sadyr Dzhaparov"])
def test_transliterations_of_a_full_name_find_one_actor(kb: KnowledgeBase, name: str) -> None:
    candidates = kb.get_candidates(name, dt.date(2023, 3, 1))
    assert _ids(candidates)[:1] == [SADYR]
    assert candidates[0].match in ("alias", "variant")


def test_variant_key_meets_the_spellings_news_uses() -> None:
    keys = {variant_key(name_key(n)) for n in ("Zhaparov", "Japarov", "Dzhaparov", "Japaroff")}
    assert keys == {"japarov"}
    assert variant_key(name_key("Zelenskyy")) == variant_key(name_key("Zelensky"))
    assert variant_key(name_key("Bashar al-Assad")) == variant_key(name_key("Bashar Assad"))
    assert name_key("the U.N.") == name_key("UN") == "un"
    assert name_key("Nicușor Dan") == "nicusor dan"


def test_a_date_outside_every_role_returns_the_actor_and_says_so(kb: KnowledgeBase) -> None:
    # Akylbek Japarov: Phoenix minister roles 2005-2010, Wikidata prime minister 2021-2024.
    outside = kb.get_candidates("Akylbek Japarov", dt.date(2015, 6, 1))
    inside = kb.get_candidates("Akylbek Japarov", dt.date(2022, 6, 1))
    assert _ids(outside)[:1] == _ids(inside)[:1] == [AKYLBEK]
    assert outside[0].roles == ()
    assert "no role valid on 2015-06-01" in outside[0].reason
    assert inside[0].roles and outside[0].score < inside[0].score


def test_no_date_returns_every_role(kb: KnowledgeBase) -> None:
    (candidate, *_) = kb.get_candidates("Akylbek Japarov", None)
    actor = kb.get(AKYLBEK)
    assert actor is not None and len(candidate.roles) == len(actor.roles) >= 2
    assert "no date given" in candidate.reason


def test_ambiguous_names_return_every_actor_ranked(kb: KnowledgeBase) -> None:
    candidates = kb.get_candidates("Japarov", dt.date(2023, 3, 1))
    assert {SADYR, AKYLBEK} <= set(_ids(candidates))
    assert [c.score for c in candidates] == sorted((c.score for c in candidates), reverse=True)
    # Two presidents Bush share Phoenix aliases: both come back, never one silently.
    bushes = kb.get_candidates("President George Bush", dt.date(2005, 1, 1))
    assert len(bushes) >= 2


@pytest.mark.parametrize("place", ["Gaza", "Gaza Strip", "American Samoa", "Kabul", "Kyrgyzstan"])
def test_countries_and_places_are_no_kb_actors(kb: KnowledgeBase, place: str) -> None:
    # Phoenix lists them with country or territory codes only: the country table and
    # the gazetteer resolve them, not the KB.
    assert kb.get_candidates(place, DAY) == []


def test_unknown_and_empty_names_find_nothing(kb: KnowledgeBase) -> None:
    assert kb.get_candidates("", DAY) == []
    assert kb.get_candidates("...", DAY) == []
    assert kb.get_candidates("Xqzzv Blorptang", DAY) == []


# ---------------------------------------------------------------------- organisations


@pytest.mark.parametrize(
    ("name", "qid", "code"),
    [
        ("CIS", "Q7779", "IGOCASCIS"),
        ("Commonwealth of Independent States", "Q7779", "IGOCASCIS"),
        ("NATO", "Q7184", "IGOWSTNAT"),
        ("Nato", "Q7184", "IGOWSTNAT"),
        ("North Atlantic Treaty Organization", "Q7184", "IGOWSTNAT"),
        ("UN", "Q1065", "IGOUNO"),
        ("U.N.", "Q1065", "IGOUNO"),
        ("the United Nations", "Q1065", "IGOUNO"),
        ("EU", "Q458", "IGOEUREEC"),
        ("European Union", "Q458", "IGOEUREEC"),
        ("ASEAN", "Q7768", "IGOSEAASN"),
        ("OSCE", "Q81299", ""),
        ("African Union", "Q7159", ""),
    ],
)
def test_igos_resolve_to_igo_actors(kb: KnowledgeBase, name: str, qid: str, code: str) -> None:
    candidates = kb.get_candidates(name, dt.date(2020, 1, 1))
    assert candidates, name
    top = candidates[0]
    assert top.actor.kind == "igo" and top.actor.qid == qid
    assert top.roles and all(role.sector == "IGO" and role.country == "" for role in top.roles)
    if code:
        assert top.roles[0].code == code


def test_known_groups_are_group_actors(kb: KnowledgeBase) -> None:
    (hamas, *_) = kb.get_candidates("Hamas", dt.date(2010, 1, 1))
    # CAMEO's HMS merged into the curated entry, whose id survives (rule 9 of the build).
    assert hamas.actor.kind == "group" and hamas.actor.id == "kabar:hamas"
    assert "cameo:HMS" in hamas.actor.also
    assert "HMS" in hamas.roles[0].code


# ---------------------------------------------------------------------- surface forms


def test_surface_forms_are_news_spellings_without_common_words(kb: KnowledgeBase) -> None:
    forms = set(kb.surface_forms())
    for pair in [("Vladimir Putin", PUTIN), ("Putin", PUTIN), ("NATO", "wd:Q7184"),
                 ("Nato", "wd:Q7184"), ("UN", "wd:Q1065"), ("CIS", "kabar:cis")]:  # fmt: skip
        assert pair in forms
    texts = {text for text, _ in forms}
    assert not texts & {"Army", "Party", "Government", "President", "The", "A", "Police"}
    # A name starts with a capital or digit, or has a lower-case particle before a
    # capitalised word ("al-Qaeda"); a form with no capital is never a pattern.
    assert ("al-Qaeda", "kabar:al-qaeda") in forms
    assert all(
        text[0].isupper()
        or text[0].isdigit()
        or any(word[:1].isupper() for word in text.replace("-", " ").split()[1:])
        for text in texts
    )
    assert not {t for t in texts if t.lower() == t and not t[0].isdigit()}
    assert all(sum(ch.isalpha() for ch in text) >= 2 for text in texts)


# ---------------------------------------------------------------------- data invariants


def test_ids_qids_and_roles_are_consistent(kb: KnowledgeBase) -> None:
    assert len(kb) > 20_000
    qids = [actor.qid for actor in kb if actor.qid]
    assert len(qids) == len(set(qids)) >= 600
    for actor in kb:
        if actor.id.startswith("wd:"):
            assert actor.id == f"wd:{actor.qid}"
        assert actor.name not in actor.aliases
        for role in actor.roles:
            assert role.start is None or role.end is None or role.start < role.end
            assert 0 < role.confidence <= 1


def test_unreviewed_2026_rows_that_fail_checks_are_not_in_the_kb(kb: KnowledgeBase) -> None:
    assert kb.get_candidates("Horik II", None) == []  # "monarch of Denmark" from 854
    # The vandalised label "Nayib buke" is no alias; Bukele keeps the reviewed one.
    assert all(c.match != "alias" for c in kb.get_candidates("Nayib buke", None))
    bukele = kb.by_qid("Q17712353")
    assert bukele is not None and bukele.name == "Nayib Bukele"
    names = {text for actor in kb for text in actor.names()}
    assert not any(text.startswith("Q") and text[1:].isdigit() for text in names)
    # 2026 rows are the lower-confidence layer.
    assert {r.confidence for a in kb for r in a.roles if r.source == "wikidata-2026"} <= {
        0.5,
        0.75,
    }


def test_built_files_name_source_and_licence() -> None:
    for name in ("actors.tsv", "roles.tsv"):
        first = (KB_DATA / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and "MIT" in first and "CC0" in first, name
        assert "tools/build_kb.py" in first


def test_a_damaged_row_names_file_line_and_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = ("wd:Q1", "RUSSIA", "GOV", "RUSGOV", "", "", "", "day", "phoenix", "0.8")

    def fake_rows(name: str, columns: tuple[str, ...]) -> list[tuple[int, tuple[str, ...]]]:
        assert (name, len(columns)) == ("kb/roles.tsv", len(bad))
        return [(7, bad)]

    monkeypatch.setattr(kb_module, "read_rows", fake_rows)
    with pytest.raises(ResourceError, match=r"kabar/data/kb/roles\.tsv:7: .*ISO3.*build_kb\.py"):
        kb_module._read_roles()


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    shared = shared_path("kb", "phoenix_petrarch2").parents[1]
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_kb.py"),
         "--shared", str(shared), "--out", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for name in ("actors.tsv", "roles.tsv"):
        # The build reads curated.yaml too: after editing it, run tools/build_kb.py.
        assert (tmp_path / name).read_bytes() == (KB_DATA / name).read_bytes(), name


def test_load_time_and_memory(capsys: pytest.CaptureFixture[str]) -> None:
    # A fresh process: the per-process cache would hide the cost here.
    code = (
        "import json, resource, time\n"
        "start = time.perf_counter()\n"
        "from kabar.actors.kb import load_kb\n"
        "kb = load_kb()\n"
        "seconds = time.perf_counter() - start\n"
        "kb.get_candidates('Putin', None)\n"
        "first = time.perf_counter() - start - seconds\n"
        # ru_maxrss survives fork+exec (it would report pytest's own peak):
        # VmHWM belongs to the new address space only.
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "rss = (int(hwm[0].split()[1]) if hwm else peak) / 1024\n"
        "print(json.dumps({'seconds': seconds, 'first': first, 'rss_mb': rss,\n"
        "                  'actors': len(kb)}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    measured = json.loads(result.stdout)
    with capsys.disabled():
        print(
            f"\nKB load: {measured['seconds']:.2f} s (+{measured['first']:.2f} s for the "
            f"fuzzy indexes at the first lookup), max RSS {measured['rss_mb']:.0f} MB, "
            f"{measured['actors']} actors"
        )
    # Budget: < 1 s and < 300 MB on a developer machine (measured ~0.6 s + 0.2 s for the
    # first lookup, ~80 MB); the time bound here is looser so that a loaded CI machine
    # does not fail it by chance.
    assert measured["rss_mb"] < 300
    assert measured["seconds"] + measured["first"] < 3


# ---------------------------------------------------------------------- curated layer

CURATED = """\
version: "2026.11"
actors:
  - id: wd:Q7747
    name: Vladimir Putin
    kind: person
    qid: Q7747
    aliases: [Putin, V. Putin]
    roles:
      - {country: RUS, sector: GOV, office: President of Russia, start: 2012-05-07, end: null}
      - {country: RUS, sector: GOV, office: Prime Minister of Russia, start: 2008-05-08,
         end: 2012-05-07}
    members: []
  - id: cameo:NAT
    name: NATO
    kind: igo
    qid: Q7184
    aliases: [North Atlantic Treaty Organization]
    members: [USA, GBR, FRA]
  - id: phx:kabar-test-minister
    name: Kabar Testminister
    kind: person
    roles:
      - {country: KGZ, sector: GOV, office: Minister of Tests, start: "2020-01-01"}
"""


def test_curated_entries_override_built_ones(tmp_path: Path) -> None:
    path = tmp_path / "curated.yaml"
    path.write_text(CURATED, encoding="utf-8")
    kb = read_kb([path])
    putin = kb.get(PUTIN)
    assert putin is not None
    curated = [r for r in putin.roles if r.source == "curated"]
    assert [r.office for r in curated] == ["President of Russia", "Prime Minister of Russia"]
    # From the entry's first role on (2008-05-08) its roles replace the built ones; the
    # built history before it stays, ended there (Phoenix: president 2000-2008).
    first = dt.date(2008, 5, 8)
    history = [r for r in putin.roles if r.source != "curated"]
    assert history and all(r.end is not None and r.end <= first for r in history)
    assert all(r.start is None or r.start < first for r in history)
    (in_2005, *_) = kb.get_candidates("Putin", dt.date(2005, 1, 1))
    assert in_2005.actor.id == PUTIN and in_2005.roles[0].code == "RUSGOV"
    assert "V. Putin" in putin.aliases and "Vladimir Vladimirovich Putin" in putin.aliases
    (top, *_) = kb.get_candidates("Putin", dt.date(2010, 1, 1))
    assert top.actor.id == PUTIN and top.roles[0].office == "Prime Minister of Russia"
    assert top.roles[0].confidence == 1.0 and top.roles[0].code == "RUSGOV"
    # Matched by QID: the built wd:Q7184 is gone, its roles kept (the entry lists none);
    # its id is a merged id of the entry, so events stored with it still find NATO.
    assert "wd:Q7184" not in {actor.id for actor in kb}
    assert kb.get("wd:Q7184") is kb.by_qid("Q7184")
    nato = kb.by_qid("Q7184")
    assert nato is not None and nato.id == "cameo:NAT" and nato.members == ("USA", "GBR", "FRA")
    assert nato.also == ("wd:Q7184",)
    assert nato.roles and nato.roles[0].code == "IGOWSTNAT"
    assert _ids(kb.get_candidates("NATO", DAY)) == ["cameo:NAT"]
    # New actors join the KB.
    (new, *_) = kb.get_candidates("Kabar Testminister", dt.date(2021, 1, 1))
    assert new.actor.id == "phx:kabar-test-minister" and new.roles[0].country == "KGZ"
    assert len(kb) == len(read_kb([])) + 1


def test_curated_roles_keep_the_built_history_before_them() -> None:
    def role(start: str, end: str | None, source: str, precision: str = "day") -> Tenure:
        last = dt.date.fromisoformat(end) if end else None
        return Tenure("TUR", "GOV", "", dt.date.fromisoformat(start), last, source, 0.8,
                      "TURGOV", "year" if precision == "year" else "day")  # fmt: skip

    foreign = role("2009-06-01", None, "phoenix")  # open: Phoenix stopped in 2014
    prime = role("2014-01-01", "2017-01-01", "wikidata-2021", "year")
    # As the build writes it: the Phoenix actor merged under the curated entry's id.
    built = KbActor("kabar:ahmet-davutoglu", "Ahmet Davutoglu", "person", None, (),
                    (foreign, prime), (), ("phx:ahmet-davutoglu",))  # fmt: skip
    entry = KbActor("kabar:ahmet-davutoglu", "Ahmet Davutoğlu", "person", None, (),
                    (role("2014-08-28", "2016-05-24", "curated"),))  # fmt: skip
    (merged,) = kb_module.overlay([built], [(entry, True)], "test")
    assert merged.id == "kabar:ahmet-davutoglu" and merged.also == ("phx:ahmet-davutoglu",)
    # The foreign ministry ends when the curated record starts; the year-exact term that
    # would have to be cut mid-year (2014-01-01..) is dropped, not half-kept.
    assert [(r.source, r.start, r.end) for r in merged.roles] == [
        ("curated", dt.date(2014, 8, 28), dt.date(2016, 5, 24)),
        ("phoenix", dt.date(2009, 6, 1), dt.date(2014, 8, 28)),
    ]


def test_read_kb_without_curated_files_is_the_built_data() -> None:
    assert len(read_kb([])) == len(kb_module._built_actors())


def test_read_kb_layers_the_bundled_curated_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stand in for the installed package folder, so the real curated.yaml is untouched.
    folder = tmp_path / "data" / "kb"
    folder.mkdir(parents=True)
    (folder / "curated.yaml").write_text(CURATED, encoding="utf-8")

    class FakeResources:
        @staticmethod
        def files(package: str) -> Path:
            assert package == "kabar"
            return tmp_path

    monkeypatch.setattr(kb_module, "resources", FakeResources)
    kb = read_kb()
    assert kb.get("phx:kabar-test-minister") is not None
    nato = kb.by_qid("Q7184")
    assert nato is not None and nato.id == "cameo:NAT" and kb.get("wd:Q7184") is nato


def test_the_bundled_kb_loads_with_its_curated_layer_when_present() -> None:
    kb = load_kb()
    assert load_kb() is kb  # once per process
    curated = KB_DATA / "curated.yaml"
    if curated.exists():
        entries = parse_curated(curated.read_text(encoding="utf-8"), str(curated))
        for entry, _ in entries:
            found = kb.get(entry.id)
            assert found is not None and found.name == entry.name, entry.id
    else:
        assert len(kb) == len(read_kb([]))


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("- {id: wd:Q1, name: X, kind: robot}", r"\(wd:Q1\): kind 'robot'"),
        ("- {id: wd:Q1, name: X, kind: person, colour: red}", r"unknown keys \['colour'\]"),
        ("- {id: wd:Q1, name: '', kind: person}", "name is missing"),
        ("- {id: 'no id', name: X, kind: person}", "id 'no id'"),
        ("- {id: wd:Q1, name: X, kind: person, qid: Q2}", "does not match id"),
        (
            "- {id: wd:Q1, name: X, kind: person, roles: [{country: Russia}]}",
            "role 1: country 'Russia'",
        ),
        (
            "- {id: wd:Q1, name: X, kind: person, roles: [{start: '2012-13-01'}]}",
            "role 1: start '2012-13-01' is not a date",
        ),
        (
            "- {id: wd:Q1, name: X, kind: person, roles: [{start: 2012-01-01, end: 2011-01-01}]}",
            "is not before end",
        ),
        ("- {id: wd:Q1, name: X, kind: igo, members: [Russia]}", "member 'Russia'"),
        (
            "- {id: wd:Q1, name: X, kind: person}\n- {id: wd:Q1, name: Y, kind: person}",
            "id wd:Q1 is listed twice",
        ),
    ],
)
def test_curated_errors_name_file_entry_and_problem(entry: str, problem: str) -> None:
    text = "version: '1'\nactors:\n" + "\n".join("  " + line for line in entry.splitlines())
    with pytest.raises(ResourceError, match=rf"my/curated\.yaml: entry \d+.*{problem}"):
        parse_curated(text, "my/curated.yaml")


def test_curated_file_that_is_no_mapping_or_no_yaml_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="expected a mapping with an 'actors' list"):
        parse_curated("- just a list", "c.yaml")
    with pytest.raises(ResourceError, match="not valid YAML"):
        parse_curated("actors: [", "c.yaml")
    with pytest.raises(ResourceError, match=r"c\.yaml: not valid YAML .*month"):
        parse_curated("actors:\n  - {id: wd:Q1, roles: [{start: 2012-13-01}]}", "c.yaml")
    with pytest.raises(ResourceError, match="cannot read curated KB file"):
        read_kb([tmp_path / "missing.yaml"])


def test_records_are_frozen_and_roles_check_dates() -> None:
    role = Tenure("RUS", "GOV", "", dt.date(2000, 1, 1), dt.date(2001, 1, 1), "test", 1.0)
    assert role.valid_on(dt.date(2000, 1, 1)) and not role.valid_on(dt.date(2001, 1, 1))
    assert role.span() == "2000-01-01..2001-01-01"
    actor = KbActor("phx:x", "X", "person", None, (), (role,))
    with pytest.raises(AttributeError):
        actor.name = "Y"  # type: ignore[misc]
    assert actor.roles_on(dt.date(1999, 1, 1)) == ()


# ------------------------------------------------------- names within and typing slips


def _person(actor_id: str, name: str, country: str) -> KbActor:
    role = Tenure(country, "GOV", "president", dt.date(1990, 1, 1), None, "test", 1.0)
    return KbActor(actor_id, name, "person", None, (), (role,))


@pytest.fixture(scope="module")
def small_kb() -> KnowledgeBase:
    """An in-memory KB of invented people, so the tiers are tested on names we chose."""
    return KnowledgeBase(
        [
            _person("t:1", "Carlos Ernesto Valderrama", "COL"),
            _person("t:2", "Miriam Okonkwo-Adeyemi", "NGA"),
            _person("t:3", "Jonas Berg", "NOR"),
            _person("t:4", "Anna Lise Lindqvist", "DNK"),
            _person("t:5", "Per Lindqvist", "SWE"),
        ]
    )


def test_a_name_without_its_middle_name_is_found_within(small_kb: KnowledgeBase) -> None:
    (found,) = small_kb.get_candidates("Carlos Valderrama", None)
    assert (found.actor.id, found.match) == ("t:1", "within")


@pytest.mark.parametrize("name", ["Carlos Valdarrama", "Carlos Valderrmaa", "Carlos Valderramo"])
def test_a_slip_in_a_long_surname_is_near(small_kb: KnowledgeBase, name: str) -> None:
    (found,) = small_kb.get_candidates(name, None)
    assert (found.actor.id, found.match) == ("t:1", "near")
    assert found.score < small_kb.get_candidates("Carlos Valderrama", None)[0].score


@pytest.mark.parametrize(
    "name",
    [
        "Jonas Bert",  # short surnames are too close to each other to correct
        "Pedro Valdarrama",  # the other words must be the person's
        "Carlos Vxldxrrxma",  # three slips are another name
    ],
)
def test_no_near_match_without_enough_evidence(small_kb: KnowledgeBase, name: str) -> None:
    assert small_kb.get_candidates(name, None) == []


def test_exact_tiers_win_over_near(small_kb: KnowledgeBase) -> None:
    (found,) = small_kb.get_candidates("Jonas Berg", None)
    assert found.match == "alias"


def test_edit_distance_counts_swaps_as_one_and_stops_past_the_limit() -> None:
    from kabar.actors.spelling import edit_distance

    assert edit_distance("gbagbo", "gbagbo", 2) == 0
    assert edit_distance("gbago", "gbagbo", 2) == 1  # a letter dropped
    assert edit_distance("ethiopa", "ethiopia", 1) == 1
    assert edit_distance("venezeula", "venezuela", 1) == 1  # two letters swapped
    assert edit_distance("sontas", "santos", 1) == 2  # past the limit: limit + 1
    assert edit_distance("abc", "xyz", 5) == 3


def test_a_partial_name_with_a_shared_surname_is_only_near(small_kb: KnowledgeBase) -> None:
    # Two Lindqvists: "Anna Lindqvist" may be another than the KB's Anna Lise Lindqvist.
    (found,) = small_kb.get_candidates("Anna Lindqvist", None)
    assert (found.actor.id, found.match) == ("t:4", "near")


# ------------------------------------------------------- one actor, one entry (build rule 9)


def _build_tool() -> ModuleType:
    """tools/build_kb.py as a module, for its merge step on actors made here."""
    path = REPO / "tools" / "build_kb.py"
    spec = importlib.util.spec_from_file_location("build_kb", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(sys.modules[spec.name])
    return sys.modules[spec.name]


def _built(
    tool: ModuleType, actor_id: str, kind: str, name: str, *roles: tuple[str, str, str]
) -> Any:
    """A built actor with (country, start, end) roles, as the build's sources make them."""
    actor = tool.Actor(actor_id, kind, name, qid=actor_id[3:] if actor_id[:3] == "wd:" else "")
    for country, start, end in roles:
        source = "wikidata-2021" if actor_id.startswith("wd:") else "phoenix"
        actor.add_role(
            tool.RoleRow(start, end, country, "GOV", f"{country}GOV", "", "day", source, 0.8)
        )
    return actor


def _merge(
    tool: ModuleType, built: list[Any], curated: list[KbActor]
) -> tuple[dict[str, Any], Any]:
    actors = {actor.id: actor for actor in built}
    report = tool.Report()
    tool.merge_actors(actors, curated, report)
    return actors, report


def _curated(actor_id: str, name: str, kind: str, country: str, qid: str | None = None) -> KbActor:
    role = Tenure(country, "REB" if kind != "person" else "GOV", "", None, None, "curated", 1.0)
    return KbActor(actor_id, name, kind, qid, (), (role,))  # type: ignore[arg-type]


def test_a_shared_qid_merges_into_the_curated_entry_and_keeps_the_old_id() -> None:
    tool = _build_tool()
    wikidata = _built(tool, "wd:Q999001", "person", "Ana Exampla", ("PRT", "2001-01-01", ""))
    entry = _curated("kabar:ana-exampla", "Ana Exampla-Silva", "person", "PRT", "Q999001")
    actors, report = _merge(tool, [wikidata], [entry])
    assert list(actors) == ["kabar:ana-exampla"]
    merged = actors["kabar:ana-exampla"]
    assert merged.also == ["wd:Q999001"] and merged.qid == "Q999001"
    assert merged.name == "Ana Exampla-Silva" and "Ana Exampla" in merged.aliases
    assert [rule for rule, *_ in report.merges] == ["qid"]


def test_groups_merge_by_name_across_spellings_of_the_article() -> None:
    tool = _build_tool()
    cameo = tool.Actor("cameo:ALQ", "group", "Al Qaeda", aliases=["Al-Qaida"])
    cameo.add_role(tool.RoleRow("", "", "", "IMG", "IMG", "", "day", "cameo", 0.9))
    phoenix = _built(tool, "phx:alqaeda", "organisation", "ALQAEDA", ("AFG", "", ""))
    entry = _curated("kabar:al-qaeda", "al-Qaeda", "group", "AFG")
    actors, report = _merge(tool, [cameo, phoenix], [entry])
    assert list(actors) == ["kabar:al-qaeda"]
    merged = actors["kabar:al-qaeda"]
    assert sorted(merged.also) == ["cameo:ALQ", "phx:alqaeda"]
    # The winner's id, name and kind; every source's roles and names.
    assert merged.kind == "group" and merged.name == "al-Qaeda"
    assert {role.code for role in merged.roles} == {"IMG", "AFGGOV"}
    assert {"Al Qaeda", "Al-Qaida", "ALQAEDA"} <= set(merged.aliases)
    assert {rule for rule, *_ in report.merges} == {"name"}


def test_people_merge_by_full_name_country_and_adjacent_terms() -> None:
    tool = _build_tool()
    # Phoenix ends his first term mid-2004; Wikidata's years start the next in 2005.
    phoenix = _built(
        tool, "phx:jon-example", "person", "Jon Example", ("NOR", "2000-01-01", "2004-06-30")
    )
    wikidata = _built(
        tool, "wd:Q999002", "person", "Jon Example", ("NOR", "2005-01-01", "2009-01-01")
    )
    actors, report = _merge(tool, [phoenix, wikidata], [])
    assert list(actors) == ["wd:Q999002"]  # Wikidata outranks Phoenix
    assert actors["wd:Q999002"].also == ["phx:jon-example"]
    assert len(actors["wd:Q999002"].roles) == 2
    assert [(rule, old, new) for rule, old, new, _ in report.merges] == [
        ("person", "phx:jon-example", "wd:Q999002")
    ]


def test_namesakes_in_other_countries_or_times_stay_apart() -> None:
    tool = _build_tool()
    egypt = _built(
        tool, "phx:mohammed-ali@EGY", "person", "Mohammed Ali", ("EGY", "2005-01-01", "")
    )
    iraq = _built(tool, "phx:mohammed-ali@IRQ", "person", "Mohammed Ali", ("IRQ", "2005-01-01", ""))
    old = _built(
        tool, "phx:omar-example", "person", "Omar Example", ("JOR", "1950-01-01", "1960-01-01")
    )
    new = _built(tool, "wd:Q999003", "person", "Omar Example", ("JOR", "2010-01-01", "2020-01-01"))
    actors, report = _merge(tool, [egypt, iraq, old, new], [])
    assert sorted(actors) == sorted(
        ["phx:mohammed-ali@EGY", "phx:mohammed-ali@IRQ", "phx:omar-example", "wd:Q999003"]
    )
    assert not report.merges
    reasons = {why.split(":")[0] for *_, why in report.refused}
    assert reasons == {"countries differ", "role periods more than a year apart"}


def test_actors_of_different_kinds_never_merge() -> None:
    tool = _build_tool()
    # A party named like an IGO, and a Phoenix "person" named like a group.
    party = _built(tool, "phx:union-example", "organisation", "Union Example", ("GEO", "", ""))
    igo = tool.Actor("cameo:UEX", "igo", "Union Example")
    person = _built(tool, "phx:boko-example", "person", "Boko Example", ("NGA", "", ""))
    group = _curated("kabar:boko-example", "Boko Example", "group", "NGA")
    actors, report = _merge(tool, [party, igo, person], [group])
    assert sorted(actors) == ["cameo:UEX", "phx:boko-example", "phx:union-example"]
    assert all(why.startswith("kinds differ") for *_, why in report.refused)
    assert len(report.refused) == 2


def test_reviewed_kinds_correct_a_guess_from_the_shape_of_a_name() -> None:
    tool = _build_tool()
    boko = _curated("kabar:boko-haram", "Boko Haram", "group", "NGA")
    osama = _curated("kabar:osama-bin-laden", "Osama bin Laden", "person", "SAU")
    reviewed = tool._reviewed_kinds([boko, osama], {"RCR": "Red Crescent", "UNO": "UN"})
    assert reviewed[tool.merge_key("BOKO HARAM")] == "group"
    assert reviewed[tool.merge_key("Osama bin Laden")] == "person"
    assert reviewed[tool.merge_key("Red Crescent")] == "group"
    assert reviewed[tool.merge_key("United Nations")] == "igo"  # CAMEO's label, renamed


def test_a_curated_entry_takes_built_actors_only_under_its_own_names() -> None:
    tool = _build_tool()
    # Phoenix lists GCHQ with the alias "Secret Intelligence Service": not MI6.
    gchq = tool.Actor("phx:gchq", "organisation", "Government Communications Headquarters",
                      aliases=["Secret Intelligence Service"])  # fmt: skip
    gchq.add_role(tool.RoleRow("", "", "GBR", "SPY", "GBRSPY", "", "day", "phoenix", 0.5))
    mi6 = _curated("kabar:mi6", "Secret Intelligence Service", "organisation", "GBR")
    actors, report = _merge(tool, [gchq], [mi6])
    assert list(actors) == ["phx:gchq"] and not report.merges
    assert report.refused[0][3].startswith("not a name of curated kabar:mi6")


# The bundled KB as the resolver sees it: built files and the bundled curated layer.
@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return read_kb([KB_DATA / "curated.yaml"])


@pytest.mark.parametrize(
    "name",
    ["al-Qaeda", "Al Qaeda", "Hamas", "Hezbollah", "Taliban", "the Taliban", "UN",
     "United Nations", "NATO", "Islamic State", "al-Shabaab", "African Union", "ASEAN",
     "Abdelaziz Bouteflika", "Ban Ki-moon", "Sergey Lavrov", "Amnesty International",
     # Phoenix entries whose kind rule 3 guessed from the name's shape (3b corrects it).
     "Boko Haram", "White House", "Shin Bet", "Osama bin Laden", "Red Cross"],
)  # fmt: skip
def test_one_real_world_actor_is_one_candidate(bundled: KnowledgeBase, name: str) -> None:
    exact = [c for c in bundled.get_candidates(name, dt.date(2015, 1, 1)) if c.match == "alias"]
    assert len(exact) == 1, [c.actor.id for c in exact]


@pytest.mark.parametrize(
    ("old", "new"),
    [("cameo:ALQ", "kabar:al-qaeda"), ("cameo:HMS", "kabar:hamas"),
     ("cameo:TAL", "kabar:taliban"), ("wd:Q7159", "kabar:african-union"),
     ("phx:abdelaziz-bouteflika", "kabar:abdelaziz-bouteflika")],
)  # fmt: skip
def test_merged_ids_find_the_surviving_actor(bundled: KnowledgeBase, old: str, new: str) -> None:
    actor = bundled.get(old)
    assert actor is not None and actor.id == new and old in actor.also
    assert old not in {a.id for a in bundled}


def test_a_merged_entry_keeps_the_qid_the_curated_one_lacks(bundled: KnowledgeBase) -> None:
    union = bundled.get("kabar:african-union")
    assert union is not None and union.qid == "Q7159" and bundled.by_qid("Q7159") is union


def test_no_two_built_entries_share_a_qid_or_a_merged_id() -> None:
    rows = [
        line.split("\t")
        for line in (KB_DATA / "actors.tsv").read_text(encoding="utf-8").splitlines()[2:]
    ]
    assert len(rows) > 20_000
    qids = [row[3] for row in rows if row[3]]
    assert len(qids) == len(set(qids))
    ids = {row[0] for row in rows}
    merged = [old for row in rows for old in row[6].split("|") if old]
    assert len(merged) > 150 and len(merged) == len(set(merged)) and not set(merged) & ids


def test_a_user_entry_under_a_merged_id_replaces_the_actor(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        'version: "1"\nactors:\n  - {id: "cameo:ALQ", name: Al-Qaida Central, kind: group}\n',
        encoding="utf-8",
    )
    kb = read_kb([KB_DATA / "curated.yaml", path])
    actor = kb.get("kabar:al-qaeda")
    assert actor is not None and actor.id == "cameo:ALQ" and actor.name == "Al-Qaida Central"
    assert "kabar:al-qaeda" in actor.also and kb.get("cameo:ALQ") is actor
    assert [c.actor.id for c in kb.get_candidates("al-Qaeda", None)] == ["cameo:ALQ"]
