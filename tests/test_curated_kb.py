"""Checks of the hand-curated actor file ``kabar/data/kb/curated.yaml``.

Pure data checks with ``yaml.safe_load``: they do not use the KB loader. The schema, the
ISO3 codes, dates and terms, coverage of every UN member state by a current head of state
or government, a few pinned facts, and (when ../shared is present) a cross-check of start
and end years against the CC0 Wikidata leader dumps.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
CURATED = REPO / "src" / "kabar" / "data" / "kb" / "curated.yaml"
COUNTRIES = REPO / "src" / "kabar" / "data" / "countries.tsv"
SHARED = Path(__file__).resolve().parents[2] / "shared"
WIKIDATA_DUMPS = (
    SHARED / "kb" / "wd_world_leaders_2021" / "wikidata.csv",
    SHARED / "kb" / "wd_world_leaders_2026" / "wikidata.csv",
)

# The date the file describes ("current" = in office on this day); version 2026.11.
AS_OF = dt.date(2026, 11, 1)
KINDS = {"person", "organisation", "igo", "group"}
# ELI (former office holder) is derived by the resolver from ended roles, never written.
SECTORS = {
    "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "IGO", "REB", "INS", "SEP", "UAF", "OPP",
    "PTY", "MED", "NGO", "HRI", "BUS", "CVL", "REF", "EDU", "HLH", "LAB", "AGR", "CRM",
}  # fmt: skip
ACTOR_KEYS = {"id", "name", "kind", "qid", "aliases", "roles", "members"}
ROLE_KEYS = {"country", "sector", "office", "start", "end"}
NOT_UN_MEMBERS = {"PSE", "XKX", "TWN", "ESH", "VAT"}
# Offices that make their holder a head of state or government.
HEAD_OFFICE = re.compile(
    r"^(?:(?:Acting|Interim|Transitional) )?(?:Co-)?"
    r"(?:President|Prime Minister|Premier|Chancellor|King|Queen|Emir|Sultan|Grand Duke"
    r"|Prince|Pope|Supreme Leader|Taoiseach|Head of State|Head of Government"
    r"|Chief Adviser|Chair(?:man|woman)? of the (?:Presidential|Transitional Sovereignty"
    r"|Presidential Leadership|Council of Ministers|Cabinet of Ministers|State Administration)"
    r"|Member of the Presidency|Co-Prince"
    r"|Secretary of State for Foreign and Political Affairs of San Marino)\b"
)
QID = re.compile(r"^Q\d+$")
ID = re.compile(r"^(?:wd:Q\d+|kabar:[a-z0-9][a-z0-9-]*)$")


@cache
def _actors() -> list[dict[str, Any]]:
    data = yaml.safe_load(CURATED.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "curated.yaml must be a mapping"
    assert set(data) == {"version", "actors"}, sorted(data)
    assert isinstance(data["version"], str)
    assert isinstance(data["actors"], list)
    return data["actors"]


@cache
def _iso3() -> frozenset[str]:
    codes = set()
    for line in COUNTRIES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("iso3\t"):
            codes.add(line.split("\t", 1)[0])
    return frozenset(codes)


def _date(value: object) -> dt.date | None:
    """A role date: YAML may give a date object or an ISO string; null means open."""
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    assert isinstance(value, str), f"date {value!r} is neither null, a date nor a string"
    return dt.date.fromisoformat(value)


def _is_current(role: dict[str, Any]) -> bool:
    start, end = _date(role["start"]), _date(role["end"])
    return (start is None or start <= AS_OF) and (end is None or end > AS_OF)


def _by_qid() -> dict[str, dict[str, Any]]:
    return {a["qid"]: a for a in _actors() if a["qid"]}


def test_actor_schema() -> None:
    problems = []
    for number, actor in enumerate(_actors()):
        where = f"actor #{number} {actor.get('id')!r}"
        if set(actor) != ACTOR_KEYS:
            problems.append(f"{where}: keys {sorted(actor)}")
            continue
        if not isinstance(actor["id"], str) or not ID.match(actor["id"]):
            problems.append(f"{where}: bad id")
        if not isinstance(actor["name"], str) or not actor["name"].strip():
            problems.append(f"{where}: empty name")
        if actor["kind"] not in KINDS:
            problems.append(f"{where}: kind {actor['kind']!r}")
        qid = actor["qid"]
        if qid is not None and (not isinstance(qid, str) or not QID.match(qid)):
            problems.append(f"{where}: qid {qid!r}")
        if qid is not None and actor["id"] != f"wd:{qid}":
            problems.append(f"{where}: id does not match qid {qid}")
        if actor["id"].startswith("wd:") and qid is None:
            problems.append(f"{where}: wd: id without qid")
        aliases = actor["aliases"]
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            problems.append(f"{where}: aliases must be non-empty strings, got {aliases!r}")
        if not isinstance(actor["roles"], list):
            problems.append(f"{where}: roles must be a list")
        members = actor["members"]
        if not isinstance(members, list) or (members and actor["kind"] != "igo"):
            problems.append(f"{where}: members must be a list, non-empty only for an igo")
        elif len(set(members)) != len(members) or not set(members) <= _iso3():
            problems.append(f"{where}: members {sorted(set(members) - _iso3())} unknown or twice")
    assert not problems, "\n".join(problems)


def test_role_schema_and_dates() -> None:
    problems = []
    for actor in _actors():
        for role in actor["roles"]:
            where = f"{actor['id']} {role!r}"
            if not isinstance(role, dict) or set(role) != ROLE_KEYS:
                problems.append(f"{where}: role keys")
                continue
            if role["country"] != "" and role["country"] not in _iso3():
                problems.append(f"{where}: country not in countries.tsv")
            if role["sector"] not in SECTORS:
                problems.append(f"{where}: sector {role['sector']!r}")
            if role["sector"] == "IGO" and role["country"] != "":
                problems.append(f"{where}: IGO roles have country ''")
            if role["country"] == "" and role["sector"] not in {"IGO", "NGO", "HRI"}:
                problems.append(f"{where}: only IGO, NGO and HRI roles may have no country")
            if not isinstance(role["office"], str) or not role["office"].strip():
                problems.append(f"{where}: empty office")
            try:
                start, end = _date(role["start"]), _date(role["end"])
            except (AssertionError, ValueError) as exc:
                problems.append(f"{where}: {exc}")
                continue
            if start and end and start > end:
                problems.append(f"{where}: start after end")
            if actor["kind"] == "person" and start is None and end is None:
                problems.append(f"{where}: a person's role needs a start or an end")
    assert not problems, "\n".join(problems)


def test_no_overlapping_terms_in_one_office() -> None:
    problems = []
    for actor in _actors():
        terms: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = defaultdict(list)
        for role in actor["roles"]:
            start = _date(role["start"]) or dt.date.min
            end = _date(role["end"]) or dt.date.max
            terms[(role["country"], role["office"])].append((start, end))
        for office, spans in terms.items():
            spans.sort()
            for (_, end1), (start2, _) in pairwise(spans):
                if start2 < end1:
                    problems.append(f"{actor['id']}: overlapping terms as {office}")
    assert not problems, "\n".join(problems)


def test_ids_and_qids_unique() -> None:
    ids = [a["id"] for a in _actors()]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    qids = [a["qid"] for a in _actors() if a["qid"]]
    assert len(qids) == len(set(qids)), sorted({q for q in qids if qids.count(q) > 1})


def test_every_un_member_has_a_current_head() -> None:
    un_members = _iso3() - NOT_UN_MEMBERS
    assert len(un_members) == 193
    covered = {
        role["country"]
        for actor in _actors()
        if actor["kind"] == "person"
        for role in actor["roles"]
        if role["sector"] == "GOV" and HEAD_OFFICE.match(role["office"]) and _is_current(role)
    }
    assert not un_members - covered, f"no current head: {sorted(un_members - covered)}"


def test_putin() -> None:
    putin = _by_qid()["Q7747"]
    assert putin["id"] == "wd:Q7747"
    assert putin["name"] == "Vladimir Putin"
    assert "Putin" in putin["aliases"]
    roles = {(r["office"], _date(r["start"]), _date(r["end"])) for r in putin["roles"]}
    assert {
        ("President of Russia", dt.date(2012, 5, 7), None),
        ("Prime Minister of Russia", dt.date(2008, 5, 8), dt.date(2012, 5, 7)),
        ("President of Russia", dt.date(2000, 5, 7), dt.date(2008, 5, 7)),
    } <= roles
    assert all(r["country"] == "RUS" and r["sector"] == "GOV" for r in putin["roles"])


def test_japarov() -> None:
    japarov = _by_qid()["Q25597826"]
    assert japarov["name"] == "Sadyr Japarov"
    assert {"Zhaparov", "Japarov", "Dzhaparov", "Sadyr Zhaparov"} <= set(japarov["aliases"])
    president = [r for r in japarov["roles"] if r["office"] == "President of Kyrgyzstan"]
    assert [(_date(r["start"]), r["end"]) for r in president] == [(dt.date(2021, 1, 28), None)]
    acting = [r for r in japarov["roles"] if r["office"] == "Acting President of Kyrgyzstan"]
    assert _date(acting[0]["start"]) == dt.date(2020, 10, 15)


def test_cis() -> None:
    cis = [a for a in _actors() if a["name"] == "Commonwealth of Independent States"]
    assert len(cis) == 1
    assert cis[0]["kind"] == "igo"
    assert {"KGZ", "RUS"} <= set(cis[0]["members"])
    assert "CIS" in cis[0]["aliases"]


def test_kant_air_base_is_russian_military() -> None:
    kant = next(a for a in _actors() if a["name"] == "Kant Air Base")
    assert [(r["country"], r["sector"]) for r in kant["roles"]] == [("RUS", "MIL")]


def _year_mismatches(rows: list[dict[str, str]], roles: list[dict[str, Any]]) -> list[str]:
    """Rows whose start year (or end year, when the dump has one) no curated role matches.

    A row matches a role when the start years differ by at most one and, if the dump gives
    an end year, the role's end year does too. A row whose start falls inside a curated
    term (a re-appointment or a second term Wikidata records separately) is a match too.
    """
    spans = []
    for role in roles:
        start, end = _date(role["start"]), _date(role["end"])
        if start is not None:
            spans.append((start.year, end.year if end else None))
    bad = []
    for row in rows:
        if not row["start_year"].isdigit() or int(row["start_year"]) < 1900:
            continue  # vandalised rows (e.g. a start year of 854)
        first = int(row["start_year"])
        last = int(row["end_year"]) if row["end_year"].isdigit() else None

        def same_term(span: tuple[int, int | None], first: int = first, last: int | None = last):
            start, end = span
            if abs(start - first) > 1:
                return False
            return last is None or (end is not None and abs(end - last) <= 1)

        def inside(span: tuple[int, int | None], first: int = first) -> bool:
            start, end = span
            return start <= first and (end is None or first <= end)

        if not any(same_term(s) or inside(s) for s in spans):
            bad.append(f"{row['positionLabel']} {row['start_year']}-{row['end_year']}")
    return bad


def test_years_agree_with_wikidata_dumps() -> None:
    dumps = [path for path in WIKIDATA_DUMPS if path.exists()]
    if not dumps:
        pytest.skip(f"needs {SHARED} (../shared is not beside this checkout)")
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    for path in dumps:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                rows[row["officeholder"]].append(row)
    checked, mismatched = 0, []
    for qid, actor in sorted(_by_qid().items()):
        if actor["kind"] != "person" or qid not in rows:
            continue
        checked += 1
        bad = _year_mismatches(rows[qid], actor["roles"])
        if bad:
            mismatched.append(f"{qid} {actor['name']}: {'; '.join(sorted(set(bad)))}")
    print(f"\ncross-checked {checked} persons against the Wikidata dumps")
    print("\n".join(mismatched))
    assert checked > 300
    assert len(mismatched) < 0.05 * checked, "\n".join(mismatched)
