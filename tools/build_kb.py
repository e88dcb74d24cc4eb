"""Build ``src/kabar/data/kb/actors.tsv`` and ``roles.tsv``: the actor knowledge base of
people, organisations, IGOs and groups, with dated roles.

``actors.tsv`` has one row per actor: ``id`` (``wd:<QID>`` when the Wikidata id is
known, else ``phx:<slug of the name key>`` or ``cameo:<known-group code>``, or the id
of the curated entry it was merged into, rule 9), ``kind`` (person, organisation, igo,
group), display ``name``, ``qid``, ``aliases``, ``members`` and ``also`` (the ids of
the entries merged into this one), lists ``|``-separated. ``roles.tsv`` has one row per
dated role: ``actor``, ``country`` (ISO3 or empty), ``sector`` (CAMEO type: GOV, MIL,
ELI, IGO ...), ``code`` (the full CAMEO actor code), ``office``, ``start`` and ``end``
(ISO dates, end exclusive, empty when open), ``precision`` (day or year), ``source``
and ``confidence``.
The column names come from ``kabar.actors.kb``, which reads the files.

Sources (under ``--shared``, default ``../shared``):

* ``kb/phoenix_petrarch2/Phoenix.{Countries,International,MilNonState}.actors.txt``
  (MIT, Open Event Data Alliance): people and organisations with aliases and CAMEO
  codes with date restrictions. Parsed here, not from ``derived_actors.jsonl``, whose
  one-off parser lost codes with eight-digit dates (Ban Ki-moon has none there).
* ``kb/wd_world_leaders_2021/wikidata_history_union.csv`` and
  ``kb/wd_world_leaders_2026/wikidata.csv`` (Wikidata, CC0): heads of state and
  government with QIDs and years.
* ``kb/cameo_gdelt_lookups/CAMEO.{country,type,knowngroup}.txt`` (CAMEO codebook via
  GDELT): code segments, and the known groups and IGOs.
* ``kb/rigour_territories`` (MIT): other QIDs of countries (Q35 Denmark -> DNK).
* kabar's own ``countries.tsv`` (through ``kabar.actors.countries``): CAMEO country code
  to ISO3, country QIDs, and country names (which are no actor aliases here).
* ``src/kabar/data/kb/curated.yaml`` (``--curated``): the hand-reviewed layer, read
  only to merge built actors into its entries (rule 9); the loader layers it on top.
  Edit it, rebuild.

Rules (each is there because a looser one let junk in):

1. Phoenix is read as PETRARCH2 reads it: a primary name line starts an entry, ``+``
   lines are aliases, indented lines carry codes; primary names without a code directly
   followed by another primary name share its codes (Brezhnev's name lines), but a blank
   or comment line ends such a code-less entry, which is dropped ("U.N." before a
   comment). ``[CODE yymmdd-yymmdd]`` holds inclusive dates (six digits: years to 30 are
   20yy, as PETRARCH2 reads them; eight digits: yyyymmdd), ``>d`` from d, ``<d`` to d
   inclusive. An undated code is the default for dates no dated code covers: it becomes
   roles over the gaps between the dated ones, gaps under ``MIN_GAP_DAYS`` ignored
   (Phoenix writes consecutive terms a day apart). Only the first undated code counts,
   as in PETRARCH2. Unreadable dates are dropped and reported.
2. An entry whose codes name only places (a country, region or territory code, no
   CAMEO type or known group) is a country or place: the country table has countries,
   the gazetteer places. Dropped.
3. Kind: an entry named with a plural people noun (``GROUP_NOUNS``) is a group; one is
   a person when its name has no organisation word (``ORG_WORDS``) or digit, 2-6 words
   besides particles (or one word with a dated code), and it has a dated code, a
   ``CountryInfo``/``IGOrulers`` comment (those sources list office holders), or only
   words that rigour lists as personal-name parts; else it is an organisation, an igo
   when all its codes start with IGO. A person's leading title goes to the aliases
   ("Secretary-General Ban Ki-moon" is shown as "Ban Ki-Moon"). 3b: where that was a
   guess (no dated code, no office list) and curated.yaml or CAMEO's known groups name
   an actor so with another kind, theirs wins: "Boko Haram" is made of personal-name
   parts but is a group.
4. Aliases: fewer than two letters, no letters, a bare role title ("President"), a
   country name or adjective, and for organisations a name of a Phoenix person (Hamas
   lists "Khaled Meshaal") are dropped. Phoenix's capitals are recased (``display``).
5. Phoenix entries with the same name key and kind are one actor when they share a
   country (the same minister listed twice) or, for people, one has no country (Ban
   Ki-moon's KORGOVBUS and IGOUNO entries); else separate actors whose ids get
   ``@<ISO3>`` (or ``@<kind>``). Codes keep their leading CAMEO segments only (the NGO
   lists append numbers: "NGOCHRPRO214" -> "NGOCHRPRO").
6. Wikidata: the 2021 union keeps, per (position, holder), its latest version; the 2026
   dump is checked row by row and rows are dropped that start before 1900 with no end,
   have a bare QID or an uncapitalised word as label, end before they start, or are
   listed in ``REJECT_HOLDERS`` or ``REJECT_POSITIONS`` (hand review; these checks live
   in ``kabar.actors.office_review``, shared with ``kabar kb update --from-wikidata``,
   and REJECT_HOLDERS applies to the 2026 rows only); rows of territories
   outside the country table (Abkhazia, Transnistria ...) are dropped too. A 2026 row
   whose label fails but whose (position, holder) is known from 2021 still gives its
   end year (Liz Truss: 2022-2022), with the 2021 label; a differing good 2026 label
   becomes an alias ("Sadyr Japarov"). Where a
   position has several open-ended holders, the earlier ones end in the year the next
   one starts (multi-member offices excepted); same-year ties are reported.
7. A Wikidata person takes the Phoenix people who share a country with it and whose name
   key equals its label's; else, when exactly one fits, whose name is the label after
   honorifics ("Hojatolislam Sayyed Ali Khamenei"), or whose variant key equals the
   label's. A Phoenix person two QIDs claim stays unmerged. Otherwise it is new.
8. CAMEO known groups become ``igo`` (``IGO_GROUPS``) or ``group`` actors with their
   label, parenthesised acronym and ``GROUP_EXTRA_NAMES``, absorbing the Phoenix
   organisations named like them; QIDs only where listed in ``GROUP_QIDS``.
9. One real-world actor, one entry. After rules 5-8, the built actors and the curated
   entries are compared, and the same actor is merged, by three rules in this order:
   ``qid``: a shared Wikidata QID; ``name`` (organisations, groups, IGOs): one's name
   or alias equals the other's name after ``merge_key`` (case, accents, hyphens,
   punctuation, "the", "al-"/"al " spacing), kinds agree (organisation and group
   agree: Phoenix and CAMEO draw that line differently), and countries do not conflict
   (both sides know some and share none); a built actor joins a curated entry only
   under a name the entry lists (Phoenix files GCHQ under "Secret Intelligence
   Service"); ``person``: the same full name (the name, or an alias of two or more
   words, equals the other's name), countries that do not conflict, and role periods
   that overlap or lie within ``ADJACENT_DAYS``. Never across kinds (Phoenix's "Boko
   Haram" person stays apart from the group), never two curated entries, never two
   QIDs. The surviving entry is the best by precedence: curated (ours, reviewed) >
   Wikidata > Phoenix/CAMEO, then one with a QID, then by id; it keeps its id, name,
   kind and QID (else the merged QID), takes every alias, role (deduplicated) and
   member state, and lists the other ids in ``also``, so old stored events and
   lookups by those ids still find it. When a curated entry wins, the merged row has
   its id and the loader layers the entry on top (its roles, when it lists any, win
   as for any curated entry). Every merge, and every pair kept apart with the
   reason, is printed (and written to ``--report``).

Confidence: curated 1.0 (not made here); Wikidata 2021 0.9; Phoenix closed dated roles
0.8; Wikidata 2026 rows corroborated by 2021 0.75; Phoenix open-ended roles 0.6 (the
dictionary stopped in 2014); CAMEO group codes 0.9; Phoenix default-code roles 0.5;
Wikidata 2026 rows seen only there 0.5.

The same inputs give byte-identical files: rows sorted, lists in a fixed order.

    python tools/build_kb.py [--shared DIR] [--out DIR] [--report FILE] [--curated FILE]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kabar.actors.countries import load_country_table, load_roles
from kabar.actors.kb import (
    ACTOR_COLUMNS,
    ROLE_COLUMNS,
    KbActor,
    name_key,
    parse_curated,
    variant_key,
)
from kabar.actors.office_review import (
    NAME_PARTICLES,
    hand_review,
    label_problem,
    multi_holder,
    successor_start,
    term_problem,
)
from kabar.errors import ResourceError

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_OUT = REPO / "src" / "kabar" / "data" / "kb"
DEFAULT_CURATED = DEFAULT_OUT / "curated.yaml"

PHOENIX_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
CONFIDENCE = {
    "wikidata-2021": 0.9,
    "phoenix-closed": 0.8,
    "wikidata-2026-corroborated": 0.75,
    "phoenix-open": 0.6,
    "cameo": 0.9,
    "phoenix-default": 0.5,
    "wikidata-2026": 0.5,
}
# Gaps between a person's dated Phoenix codes shorter than this are date slop, not a
# time the default code applies: Putin's RUSGOV ends 2008-05-07 and restarts 2008-05-08.
MIN_GAP_DAYS = 7

# Words that make a name an organisation's, never a person's.
ORG_WORDS = frozenset(
    {
        "army", "party", "front", "movement", "ministry", "council", "forces", "force",
        "organization", "organisation", "union", "association", "committee", "commission",
        "bank", "agency", "congress", "parliament", "assembly", "government", "police",
        "court", "society", "institute", "fund", "foundation", "corporation", "company",
        "corp", "inc", "ltd", "llc", "plc", "group", "brigade", "brigades", "league",
        "alliance", "network", "center", "centre", "university", "office", "department",
        "authority", "service", "services", "coalition", "bureau", "federation",
        "administration", "cabinet", "senate", "navy", "guard", "guards", "battalion",
        "battalions", "regiment", "division", "command", "militia", "militias", "board",
        "tribunal", "secretariat", "mission", "program", "programme", "project",
        "initiative", "conference", "forum", "community", "partnership", "club",
        "systems", "international", "national", "republic", "kingdom", "state", "states",
        "nations", "people's", "peoples", "islamic", "democratic", "revolutionary",
        "liberation", "resistance", "jihad", "mujahideen", "mujahidin", "taliban",
        "qaeda", "hezbollah", "hizballah", "hamas", "fatah", "brotherhood", "legislature",
        "judiciary", "media", "news", "press", "radio", "television", "tv", "times",
        "post", "herald", "journal", "station", "church", "mosque", "school", "college",
        "hospital", "airlines", "airways", "oil", "petroleum", "energy", "holdings",
        "trust", "exchange", "market", "chamber", "staff", "headquarters", "unit",
        "units", "cell", "cells", "faction", "wing", "nuclei", "nucleus", "group's",
        "committees", "councils", "parties", "ministries", "forces'", "cartel",
        "syndicate", "gang", "clan", "tribe", "tribes", "family", "dynasty", "regime",
        "junta", "politburo", "presidium", "soviet", "duma", "knesset", "majlis", "shura",
        "diet", "bundestag", "embassy", "consulate", "delegation", "contingent",
        "peacekeeping", "operation", "operations", "council's", "intelligence",
        "security", "defense", "defence", "affairs", "development", "cooperation",
        "co-operation", "economic", "trade", "monetary", "financial", "investment",
        "electoral", "election", "elections", "ngo", "un", "eu", "nato", "igo",
    }
)  # fmt: skip
# Plural people nouns that make a name a group: "Afghan National Army Soldiers".
GROUP_NOUNS = frozenset(
    {
        "soldiers", "troops", "rebels", "militants", "insurgents", "fighters", "guerrillas",
        "ministers", "officials", "diplomats", "peacekeepers", "police officers",
        "policemen", "protesters", "demonstrators", "activists", "refugees", "civilians",
        "settlers", "students", "workers", "farmers", "members", "leaders", "countries",
        "forces", "monitors", "observers", "inspectors", "delegates", "legislators",
        "lawmakers", "judges", "lawyers", "journalists", "doctors", "nurses", "teachers",
        "commanders", "officers", "generals", "governors", "mayors",
    }
)  # fmt: skip
# Words that stay lower case inside a display name (also what Wikidata labels may hold).
SMALL_WORDS = NAME_PARTICLES
# Capitals-only words that are acronyms in organisation names, whatever else they are.
ACRONYMS = frozenset(
    {
        "UN", "EU", "NATO", "ASEAN", "OPEC", "OSCE", "IAEA", "UNICEF", "UNESCO", "UNHCR",
        "ECOWAS", "SADC", "IGAD", "NGO", "OAU", "AU", "WHO", "WTO", "IMF", "ICC", "ICJ",
        "ICRC", "UNDP", "UNEP", "FAO", "ILO", "IOM", "WFP", "OIC", "GCC", "CIS", "SCO",
        "CSTO", "OECD", "NAFTA", "MERCOSUR", "APEC", "BRICS", "USA", "US", "UK", "UAE",
    }
)  # fmt: skip
# Capitals-only words that are abbreviations written in lower case after the first letter.
NOT_ACRONYMS = frozenset({"LTD", "PLC", "LLC", "MR", "MRS", "DR", "ST", "JR", "SR", "MT"})
# Titles before personal names beyond the role table's.
EXTRA_TITLES = frozenset(
    {"secretary general", "un secretary general", "acting minister", "acting president"}
)
# Honorifics before personal names (Persian, Arabic, Malay, military ranks): a name
# that is another name after these alone is that name.
HONORIFICS = frozenset(
    {
        "ayatollah", "grand", "hojatolislam", "hojatoleslam", "sayyed", "sayyid", "seyed",
        "sheikh", "shaikh", "mullah", "maulana", "haji", "hajji", "sir", "dame", "dr",
        "datuk", "dato", "tan", "sri", "tun", "lt", "col", "gen", "maj", "marshal",
        "field", "brig", "ret", "mr", "mrs", "ms", "lord", "lady", "baroness", "baron",
    }
)  # fmt: skip
ROMAN = re.compile(r"(?=[IVXL])(X{0,3})(IX|IV|V?I{0,3})")

# CAMEO known groups that are intergovernmental organisations; the others are groups
# (parties, armed groups, NGOs). CMN ("Communist") is an ideology and PSE a territory.
IGO_GROUPS = frozenset(
    {
        "ABD", "ACC", "ADB", "AEU", "AFB", "AMF", "AMU", "APE", "ARL", "ASN", "ATD", "BCA", "BIS",
        "CEM", "CFA", "CIS", "COE", "CPA", "CPC", "CSS", "CWN", "EBR", "ECA", "EEC", "EFT",
        "FAO", "GCC", "GOE", "GOS", "GSS", "HCH", "HCR", "HIP", "IAC", "IAD", "IAE", "ICC",
        "ICJ", "ICO", "IDB", "IGC", "ILO", "IMF", "IOM", "IPU", "ITP", "KID", "NAT", "NEP",
        "NON", "OAS", "OAU", "OIC", "OPC", "PAP", "PRC", "SAA", "SAD", "SCE", "SOT", "UEM",
        "UNO", "WAD", "WAM", "WAS", "WBK", "WCT", "WFP", "WHO", "WTO",
    }
)  # fmt: skip
SKIPPED_GROUPS = {"CMN": "an ideology, not an organisation", "PSE": "a territory"}
# Display names where CAMEO's label is not the organisation's usual English name.
GROUP_NAMES = {
    "UNO": "United Nations",
    "EEC": "European Union",
    "OAU": "African Union",  # CAMEO's OAU code covers its successor (2002)
    "SCE": "Organization for Security and Co-operation in Europe",
    "KID": "UNICEF",
    "GOE": "Group of Eight",
    "GOS": "Group of Seven",
    "GSS": "Group of 77",
    "OIC": "Organisation of Islamic Cooperation",  # renamed 2011
    "HEZ": "Hezbollah",
    "DFL": "Democratic Front for the Liberation of Palestine",
    "PFL": "Popular Front for the Liberation of Palestine",  # CAMEO: "People's Front"
    "APE": "Organization of Arab Petroleum Exporting Countries",
    "CRC": "International Federation of Red Cross and Red Crescent Societies",
}
# Names news uses that CAMEO's label lacks.
GROUP_EXTRA_NAMES = {
    "UNO": ("UN", "U.N.", "United Nations Organization"),
    "EEC": ("EU", "E.U.", "European Community", "European Economic Community"),
    "OAU": ("AU", "Organization of African Unity", "Organisation of African Unity"),
    "SCE": ("OSCE", "Organisation for Security and Co-operation in Europe"),
    "CIS": ("CIS",),
    "NAT": ("North Atlantic Alliance",),
    "ARL": ("League of Arab States",),
    "GOE": ("G8", "G-8"),
    "GOS": ("G7", "G-7"),
    "GSS": ("G77", "G-77", "Group of Seventy-Seven"),
    "OIC": ("Organization of the Islamic Conference", "Organisation of the Islamic Conference"),
    "HEZ": ("Hezbollah", "Hizbollah", "Hizballah"),
    "KID": ("United Nations Children's Fund",),
    "WBK": ("World Bank Group",),
    "OPC": ("Organization of the Petroleum Exporting Countries",),
    "ALQ": ("al-Qaeda", "al-Qaida"),
}
# Wikidata QIDs of the main IGOs, only where two independent references agreed; the
# others stay without a QID rather than risk a wrong one.
GROUP_QIDS = {
    "UNO": "Q1065", "NAT": "Q7184", "EEC": "Q458", "ASN": "Q7768", "OAU": "Q7159",
    "ARL": "Q7172", "OPC": "Q7795", "CIS": "Q7779", "SCE": "Q81299", "WHO": "Q7817",
    "WBK": "Q7164", "WTO": "Q7825",
}  # fmt: skip

# Country QIDs that neither the country table nor rigour knows, with the reason.
COUNTRY_QID_FIXES = {
    "Q444912": "ROU",  # "Romanian Old Kingdom": Wikidata's country of Romania's PM item
    "Q427941": "AFG",  # Islamic Emirate of Afghanistan
    "Q30747910": "AFG",  # Islamic Republic of Afghanistan
}

_BRACKET = re.compile(r"\[([^\]]*)\]")
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")


# ---------------------------------------------------------------------------- report


@dataclass
class Report:
    """What the build dropped or changed, with reasons, for stderr and --report."""

    dropped: list[tuple[str, str, str]] = field(default_factory=list)  # source, what, why
    notes: list[str] = field(default_factory=list)
    merges: list[tuple[str, str, str, str]] = field(default_factory=list)  # rule, id, into, why
    refused: list[tuple[str, str, str, str]] = field(default_factory=list)  # rule, id, id, why

    def drop(self, source: str, what: str, why: str) -> None:
        self.dropped.append((source, what, why))

    def counts(self) -> Counter[str]:
        return Counter(f"{source}: {why.split(':')[0]}" for source, _, why in self.dropped)


# ---------------------------------------------------------------------------- CAMEO


@dataclass(frozen=True)
class Cameo:
    """CAMEO code segments: countries (incl. regions), types and known groups."""

    countries: dict[str, str]  # CAMEO country code -> ISO3 ("" for regions, old states)
    types: frozenset[str]
    groups: dict[str, str]  # code -> label

    def parse(self, code: str) -> tuple[str, str] | None:
        """(ISO3 or "", sector or "") of a CAMEO actor code, None when it is no code."""
        if not code or len(code) % 3 or not code.isalpha() or not code.isupper():
            return None
        # Callers pass codes through clip() first: "NGOCHRPRO214" -> "NGOCHRPRO".
        segments = [code[i : i + 3] for i in range(0, len(code), 3)]
        country = self.countries.get(segments[0], "")
        sector = next((s for s in segments if s in self.types), "")
        return country, sector

    def is_place(self, code: str) -> bool:
        """A code of only country/region/unknown segments: no type, no known group."""
        segments = [code[i : i + 3] for i in range(0, len(code), 3)]
        if segments[0] in self.countries:
            segments = segments[1:]  # PSE is a country first, whatever else it is
        return not any(s in self.types or s in self.groups for s in segments)


def _lookup_table(path: Path) -> dict[str, str]:
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    return {row[0].strip(): row[1].strip() for row in rows if len(row) == 2 and row[0].strip()}


def load_cameo(shared: Path) -> Cameo:
    folder = shared / "kb" / "cameo_gdelt_lookups"
    table = load_country_table()
    iso = {country.iso3 for country in table}
    countries = dict.fromkeys(_lookup_table(folder / "CAMEO.country.txt"), "")
    for country in table:
        # Phoenix writes ISO codes where CAMEO's list has older ones (ROU for ROM).
        countries[country.cameo] = country.iso3
        countries[country.iso3] = country.iso3
    types = frozenset(_lookup_table(folder / "CAMEO.type.txt"))
    groups = _lookup_table(folder / "CAMEO.knowngroup.txt")
    clash = sorted(types & set(countries))
    if clash:
        raise SystemExit(f"CAMEO type codes are also country codes: {clash}")
    assert all(value in iso or value == "" for value in countries.values())
    return Cameo(countries, types, groups)


# ---------------------------------------------------------------------------- Phoenix


@dataclass(frozen=True)
class Code:
    """One bracketed Phoenix code: the CAMEO code and its inclusive date restriction."""

    code: str
    start: dt.date | None = None  # first day
    last: dt.date | None = None  # last day (inclusive, as in TABARI)
    dated: bool = False


@dataclass
class Entry:
    """One Phoenix actor entry before it becomes an actor."""

    name: str
    where: str  # file:line
    comment: str
    aliases: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    closed: bool = False  # a blank or comment line followed a code-less entry
    kind: str | None = None  # set by classify(): None for a country or place


def _phoenix_day(text: str) -> dt.date:
    """A TABARI date: yymmdd (yy <= 30 is 20yy) or yyyymmdd; ValueError otherwise."""
    if len(text) == 6 and text.isdigit():
        year = int(text[:2])
        return dt.date(year + (2000 if year <= 30 else 1900), int(text[2:4]), int(text[4:6]))
    if len(text) == 8 and text.isdigit():
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    raise ValueError(f"date {text!r} is neither yymmdd nor yyyymmdd")


def _phoenix_code(text: str) -> Code:
    """A bracket's content: "RUSGOV", "RUSGOV >080508", "RUSELI 700101-990809"."""
    code, _, rest = text.strip().partition(" ")
    rest = rest.replace(" ", "")
    if not rest:
        return Code(code)
    if rest[0] in "<>":
        day = _phoenix_day(rest[1:])
        return Code(code, None, day, True) if rest[0] == "<" else Code(code, day, None, True)
    first, dash, last = rest.partition("-")
    if not dash:
        raise ValueError(f"date restriction {rest!r} has no <, > or -")
    start, end = _phoenix_day(first), _phoenix_day(last)
    if end < start:
        raise ValueError(f"interval {rest!r} ends before it starts")
    return Code(code, start, end, True)


def _clean_name(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).strip(" ,;")


def parse_phoenix(path: Path, report: Report) -> list[Entry]:
    """The entries of one Phoenix actor file, as PETRARCH2 groups them (rule 1)."""
    entries: list[Entry] = []
    current: Entry | None = None
    source = path.name
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text, _, comment = raw.partition("#")
        if not text.strip():
            if current is not None and not current.codes:
                current.closed = True
            continue
        head = text.split("[", 1)[0]
        codes = []
        for bracket in _BRACKET.findall(text):
            if bracket.strip() in ("", "---"):
                continue
            try:
                codes.append(_phoenix_code(bracket))
            except ValueError as exc:
                report.drop("phoenix", f"{source}:{number} [{bracket}]", f"bad code: {exc}")
        if text[0] in " \t" or text[0] == "+":
            if current is None:
                continue
            names = head[1:].split("+") if text[0] == "+" else [head]
            current.aliases.extend(n for n in map(_clean_name, names) if n)
            current.codes.extend(codes)
            continue
        name = _clean_name(head)
        if current is not None and not current.codes and not current.closed and name:
            # A code-less primary name directly followed by another: one entry.
            current.aliases.append(name)
            current.codes.extend(codes)
            continue
        if current is not None and not current.codes:
            report.drop("phoenix", f"{current.where} {current.name}", "no code")
        current = Entry(name, f"{source}:{number}", comment.strip())
        current.codes.extend(codes)
        entries.append(current)
    if current is not None and not current.codes:
        report.drop("phoenix", f"{current.where} {current.name}", "no code")
    return [entry for entry in entries if entry.codes and entry.name]


# ---------------------------------------------------------------------------- records


@dataclass(frozen=True, order=True)
class RoleRow:
    """A row of roles.tsv (without the actor id)."""

    start: str
    end: str
    country: str
    sector: str
    code: str
    office: str
    precision: str
    source: str
    confidence: float

    def fields(self, actor: str) -> tuple[str, ...]:
        return (actor, self.country, self.sector, self.code, self.office, self.start,
                self.end, self.precision, self.source, f"{self.confidence:g}")  # fmt: skip


@dataclass
class Actor:
    """An actor being built."""

    id: str
    kind: str
    name: str
    qid: str = ""
    aliases: list[str] = field(default_factory=list)
    roles: list[RoleRow] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    origin: str = ""
    also: list[str] = field(default_factory=list)  # ids of the actors merged into this one

    def add_role(self, role: RoleRow) -> None:
        self.roles.append(role)
        if role.country:
            self.countries.add(role.country)


def _iso(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


def phoenix_roles(entry: Entry, cameo: Cameo, report: Report) -> list[RoleRow]:
    """Roles of an entry: its dated codes, and its default code over the gaps (rule 1)."""
    rows: list[RoleRow] = []
    dated = [code for code in entry.codes if code.dated]
    defaults = [code for code in entry.codes if not code.dated]
    one_day = dt.timedelta(days=1)

    def role(code: str, start: dt.date | None, end: dt.date | None, kind: str) -> None:
        code = clip(code)
        parsed = cameo.parse(code)
        if parsed is None:
            report.drop("phoenix", f"{entry.where} {entry.name} [{code}]", "not a CAMEO code")
            return
        country, sector = parsed
        rows.append(
            RoleRow(
                _iso(start),
                _iso(end),
                country,
                sector,
                code,
                "",
                "day",
                "phoenix",
                CONFIDENCE[kind],
            )
        )

    for code in dated:
        end = None if code.last is None else code.last + one_day
        role(code.code, code.start, end, "phoenix-closed" if end else "phoenix-open")
    if defaults:
        if len({code.code for code in defaults}) > 1:
            extra = ", ".join(code.code for code in defaults[1:])
            report.drop("phoenix", f"{entry.where} {entry.name} [{extra}]", "second default code")
        for start, end in _gaps(dated):
            role(defaults[0].code, start, end, "phoenix-default")
    return rows


def clip(code: str) -> str:
    """The CAMEO part of a Phoenix code: its leading three-capital-letter segments. The
    NGO lists append numbers ("NGOCHRPRO214"), which no CAMEO reader understands."""
    segments = [code[i : i + 3] for i in range(0, len(code), 3)]
    kept = []
    for segment in segments:
        if len(segment) != 3 or not (segment.isalpha() and segment.isupper()):
            break
        kept.append(segment)
    return "".join(kept)


def _gaps(dated: list[Code]) -> list[tuple[dt.date | None, dt.date | None]]:
    """The half-open intervals no dated code covers, gaps under MIN_GAP_DAYS left out."""
    if not dated:
        return [(None, None)]
    spans = sorted(
        ((code.start or dt.date.min, code.last + dt.timedelta(days=1) if code.last else None)
         for code in dated),
        key=lambda span: (span[0], span[1] or dt.date.max),
    )  # fmt: skip
    gaps: list[tuple[dt.date | None, dt.date | None]] = []
    cursor: dt.date | None = None  # end of the covered stretch; None = open start so far
    first = True
    for start, end in spans:
        if first:
            if start != dt.date.min:
                gaps.append((None, start))
            cursor, first = end, False
            continue
        if cursor is None:  # covered to the end of time
            break
        if start > cursor and (start - cursor).days >= MIN_GAP_DAYS:
            gaps.append((cursor, start))
        cursor = None if end is None else max(cursor, end)
    if cursor is not None:
        gaps.append((cursor, None))
    return gaps


def _words(text: str) -> list[str]:
    return name_key(text).split()


def classify(entry: Entry, cameo: Cameo, name_parts: frozenset[str]) -> str | None:
    """person, organisation, igo, group, or None for a country or place (rules 2-3)."""
    codes = [code.code for code in entry.codes]
    dated = any(code.dated for code in entry.codes)
    words = [w.lower() for w in _clean_name(entry.name).replace("-", " ").split()]
    if all(cameo.is_place(code) for code in codes):
        return None  # dated too: "USRKGZ <910831", "KGZ >911221" are Kyrgyzstan's history
    if words and words[-1] in GROUP_NOUNS:
        return "group"
    has_org_word = any(word.strip(".,()'") in ORG_WORDS for word in words)
    has_digit = any(ch.isdigit() for ch in entry.name)
    office_list = any(tag in entry.comment for tag in ("CountryInfo", "IGOrulers"))
    # Particles do not count: "Abd al Aziz bin Fahd bin Abd Saud" is a five-word name.
    core = [word for word in words if word not in SMALL_WORDS]
    shaped = 2 <= len(core) <= 6 or (len(core) == 1 and dated)
    if not has_org_word and not has_digit and shaped:
        # Undated entries are people only when every word is a known personal-name part.
        known = all(name_key(word) in name_parts for word in core)
        if dated or office_list or known:
            return "person"
    if all(code.startswith("IGO") for code in codes):
        return "igo"
    return "organisation"


def display(text: str, acronyms: frozenset[str], organisation: bool) -> str:
    """The display spelling of a Phoenix name (all capitals in the source): words
    capitalised, ``SMALL_WORDS`` lower case inside the name, acronyms, Roman numerals
    and dotted initials kept. Text that has lower-case letters is kept as it is."""
    if any(ch.islower() for ch in text):
        return text
    if organisation and text.isalpha() and len(text) <= 5:
        return text  # a one-word organisation name this short is mostly an acronym
    words = []
    for index, word in enumerate(text.split(" ")):
        words.append("-".join(_display_part(p, index, acronyms) for p in word.split("-")))
    return " ".join(words)


def _display_part(part: str, index: int, acronyms: frozenset[str]) -> str:
    bare = part.strip("().,'\"")
    if not bare:
        return part
    if part[0].isdigit():
        return part.lower()  # "1ST" -> "1st"
    if "." in part or bare in acronyms or (ROMAN.fullmatch(bare) and index > 0):
        return part
    lower = part.lower()
    if index > 0 and lower in SMALL_WORDS:
        return lower
    if lower.startswith("mc") and len(lower) > 3:
        return "Mc" + lower[2:].capitalize()
    if len(lower) > 2 and lower[1] == "'":
        return lower[0].upper() + "'" + lower[2:].capitalize()  # O'BRIEN -> O'Brien
    out = ""
    for prefix_index, ch in enumerate(part):
        # Capitalise the first letter, even after an opening parenthesis or quote.
        if ch.isalpha():
            return out + ch.upper() + part[prefix_index + 1 :].lower()
        out += ch
    return part


# ---------------------------------------------------------------------------- Wikidata


@dataclass
class WdRow:
    """One office term of a Wikidata head of state or government."""

    country: str
    position: str
    office: str
    holder: str
    label: str
    start: int
    end: int | None
    source: str
    confidence: float
    extra_labels: list[str] = field(default_factory=list)


def _country_qids(shared: Path) -> dict[str, str]:
    """Country QID -> ISO3 for countries of the table: its QID, rigour's other QIDs."""
    table = load_country_table()
    out = {country.qid: country.iso3 for country in table}
    folder = shared / "kb" / "rigour_territories" / "territories"
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        iso3 = str(data.get("alpha3") or "").upper()
        if table.get(iso3) is None:
            continue
        for qid in [data.get("qid"), *(data.get("other_qids") or ())]:
            if qid:
                out.setdefault(str(qid), iso3)
    out.update(COUNTRY_QID_FIXES)
    return out


def _office(label: str) -> str:
    return label[:1].upper() + label[1:]


def load_wikidata(shared: Path, report: Report) -> list[WdRow]:
    """Checked, merged office terms from the 2021 union and the 2026 dump (rule 6)."""
    qids = _country_qids(shared)
    union_path = shared / "kb" / "wd_world_leaders_2021" / "wikidata_history_union.csv"
    later_path = shared / "kb" / "wd_world_leaders_2026" / "wikidata.csv"
    with union_path.open(encoding="utf-8", newline="") as handle:
        union = list(csv.DictReader(handle))
    with later_path.open(encoding="utf-8", newline="") as handle:
        later = list(csv.DictReader(handle))

    def where(row: dict[str, str], source: str) -> str:
        return (f"{source} {row['officeholder']} {row['officeholderLabel']!r} "
                f"{row['positionLabel']} {row['start_year']}-{row['end_year']}")  # fmt: skip

    def checked(row: dict[str, str], source: str) -> str | None:
        """Why a row cannot be used at all, or None."""
        start, end = row["start_year"], row["end_year"]
        if not start.isdigit() or (end and not end.isdigit()):
            return "start or end is not a year"
        # Years as dates, the end exclusive: the shared review works on days.
        first = dt.date(int(start), 1, 1)
        after = dt.date(int(end) + 1, 1, 1) if end else None
        why = term_problem(first, after) or hand_review(
            row["position"], row["officeholder"], check_holder=source == "wikidata-2026"
        )
        if why:
            return why
        if row["countryid"] not in qids:
            return f"{row['country']} is not a country of the country table"
        return None

    # 2021: the latest version of each (position, holder); rows are in commit order.
    latest: dict[tuple[str, str], dict[str, str]] = {}
    for row in union:
        why = checked(row, "wikidata-2021") or label_problem(row["officeholderLabel"])
        if why:
            report.drop("wikidata-2021", where(row, "wikidata-2021"), why)
            continue
        key = (row["position"], row["officeholder"])
        old = latest.get(key)
        if old is None or (row["last_seen"], row["start_year"]) >= (
            old["last_seen"],
            old["start_year"],
        ):
            latest[key] = row
    rows: dict[tuple[str, str], WdRow] = {}
    for key, row in latest.items():
        end = int(row["end_year"]) if row["end_year"] else None
        rows[key] = WdRow(
            qids[row["countryid"]], row["position"], _office(row["positionLabel"]),
            row["officeholder"], row["officeholderLabel"], int(row["start_year"]), end,
            "wikidata-2021", CONFIDENCE["wikidata-2021"],
        )  # fmt: skip

    for row in later:
        key = (row["position"], row["officeholder"])
        why = checked(row, "wikidata-2026")
        label_why = label_problem(row["officeholderLabel"])
        known = rows.get(key)
        if why:
            report.drop("wikidata-2026", where(row, "wikidata-2026"), why)
            continue
        end = int(row["end_year"]) if row["end_year"] else None
        if label_why and known is None:
            report.drop("wikidata-2026", where(row, "wikidata-2026"), label_why)
            continue
        if known is not None:
            if label_why:
                report.notes.append(
                    f"wikidata-2026: {where(row, 'wikidata-2026')}: {label_why}; label "
                    f"ignored, 2021 label {known.label!r} kept"
                )
            elif row["officeholderLabel"] != known.label:
                known.extra_labels.append(row["officeholderLabel"])
            if end != known.end and end is not None:
                known.end = end
                known.source = "wikidata-2026"
                known.confidence = CONFIDENCE["wikidata-2026-corroborated"]
            continue
        rows[key] = WdRow(
            qids[row["countryid"]], row["position"], _office(row["positionLabel"]),
            row["officeholder"], row["officeholderLabel"], int(row["start_year"]), end,
            "wikidata-2026", CONFIDENCE["wikidata-2026"],
        )  # fmt: skip
    result = sorted(rows.values(), key=lambda r: (r.position, r.start, r.holder))
    _end_stale_terms(result, report)
    return result


def _end_stale_terms(rows: list[WdRow], report: Report) -> None:
    """Open terms of single-holder offices end when the next holder starts (rule 6)."""
    by_position: dict[str, list[WdRow]] = defaultdict(list)
    for row in rows:
        by_position[row.position].append(row)
    for position_rows in by_position.values():
        if multi_holder(position_rows[0].office):
            continue
        for row in position_rows:
            if row.end is not None:
                continue
            successor = successor_start(row.start, (r.start for r in position_rows))
            if successor is not None:
                row.end = successor
                report.notes.append(
                    f"{row.source}: open term of {row.label} ({row.holder}) as {row.office} "
                    f"from {row.start} ends {successor}, when a later holder starts"
                )
        open_rows = [r for r in position_rows if r.end is None]
        if len(open_rows) > 1:
            names = ", ".join(f"{r.label} ({r.holder})" for r in open_rows)
            report.notes.append(
                f"{open_rows[0].office}: {len(open_rows)} open-ended holders from "
                f"{open_rows[0].start}: {names} (left as they are)"
            )


def wikidata_role(row: WdRow, cameo_of: dict[str, str]) -> RoleRow:
    end = "" if row.end is None else dt.date(row.end + 1, 1, 1).isoformat()
    return RoleRow(
        dt.date(row.start, 1, 1).isoformat(), end, row.country, "GOV",
        f"{cameo_of[row.country]}GOV", row.office, "year", row.source, row.confidence,
    )  # fmt: skip


# ---------------------------------------------------------------------------- build


def _acronyms(
    entries: Iterable[Entry], groups: dict[str, str], parts: frozenset[str]
) -> frozenset[str]:
    """Capitals-only words kept as written in organisation names: ``ACRONYMS``, CAMEO's
    and Phoenix's parenthesised acronyms ("ASEAN", "AAIA"), words without a vowel
    ("KDP"), and one-word organisation names of two to five letters that are no
    personal-name part and no common word ("IAEA"; not "NASSER", not "ARMY")."""
    out: set[str] = set(ACRONYMS)
    common = ORG_WORDS | SMALL_WORDS | GROUP_NOUNS
    for entry in entries:
        for form in (entry.name, *entry.aliases):
            out.update(m for m in _PAREN.findall(form) if _is_initials(m, _PAREN.sub(" ", form)))
        if entry.kind in (None, "person"):
            continue
        for form in (entry.name, *entry.aliases):
            words = form.split()
            if len(words) == 1 and words[0].isalpha() and 2 <= len(words[0]) <= 5:
                word = words[0].lower()
                if word not in common and word not in parts:
                    out.add(words[0])
            for word in words:
                if word.isalpha() and word.isupper() and not set(word) & set("AEIOUY"):
                    out.add(word)
    for label in groups.values():
        out.update(m.strip() for m in _PAREN.findall(label) if m.strip().isupper())
    return frozenset(out - NOT_ACRONYMS)


def _is_initials(token: str, name: str) -> bool:
    """Whether ``token`` spells initials of ``name``'s words, in order, skipping some:
    "AAIA" for "Aden Abyan Islamic Army", but not "GREECE" for "Direct Action"."""
    initials = iter(word[0] for word in name.replace("-", " ").split() if word[0].isalpha())
    token = token.strip()
    return len(token) >= 2 and token.isalpha() and all(ch in initials for ch in token)


def load_name_parts(shared: Path) -> frozenset[str]:
    """Latin-script personal-name parts from rigour (MIT), as name keys."""
    path = shared / "kb" / "rigour_names" / "persons.txt.gz"
    parts: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            for variant in line.split("=>")[0].split(","):
                key = name_key(variant)
                if key.isascii() and " " not in key:
                    parts.add(key)
    # Words rigour lists as names that are no evidence of a person in an actor name.
    return frozenset(parts - {"the", "and", "of", "for", "people", "union", "bank", "council"})


def _same_entity(one: Actor, other: Actor) -> bool:
    """Whether two Phoenix actors of one name key are one: same kind and a shared country,
    or no country on one side for people (Ban Ki-moon: KORGOVBUS and IGOUNO entries)."""
    if one.kind != other.kind:
        return False
    if one.countries & other.countries:
        return True
    if one.kind == "person":
        return not one.countries or not other.countries
    return not one.countries and not other.countries


def _hyphens(name: str, title: str) -> int:
    """How many of ``title``'s word breaks are hyphens in ``name`` ("SECRETARY-GENERAL")."""
    head = name.split()
    count, words = 0, 0
    for word in head:
        parts = len(word.split("-"))
        if words + parts > len(title.split()):
            break
        words += parts
        count += parts - 1
    return count


def _slug(text: str) -> str:
    return name_key(text).replace(" ", "-")


# ---------------------------------------------------------------------------- merge (rule 9)

# Role periods of one person in two sources this far apart still meet: Wikidata gives
# years only, so a term Phoenix ends on 2009-06-30 and the next one Wikidata starts in
# "2010" (2010-01-01) are adjacent, not two lives.
ADJACENT_DAYS = 366
# The merge rules in the order they are applied, strongest evidence first.
MERGE_RULES = ("qid", "name", "person")
_ARTICLE = re.compile(r"\b(al|el) (?=\w)")
_OPEN_START = dt.date.min.toordinal()
_OPEN_END = dt.date.max.toordinal()


def merge_key(text: str) -> str:
    """The key names are compared by when actors are merged: :func:`name_key` (case,
    accents, hyphens, punctuation) without "the" anywhere ("Organization of the
    Petroleum Exporting Countries" is CAMEO's "Organization of Petroleum ...") and with
    the Arabic article joined to its word, so "al-Qaeda", "Al Qaeda", "Alqaeda" meet."""
    words = _ARTICLE.sub(r"\1", name_key(text)).split()
    return " ".join(word for word in words if word != "the") or " ".join(words)


def _family(kind: str) -> str:
    # Phoenix calls an armed group an organisation unless its name is a plural noun, and
    # CAMEO and the curated layer call the same actors groups: the two kinds agree.
    return "organisation" if kind == "group" else kind


@dataclass(frozen=True)
class Node:
    """One actor as the merge step compares it: a built actor or a curated entry.

    ``keys`` are the merge keys the name rules may use: the name's and every alias's
    for organisations, IGOs and groups; the name's and those of aliases of two or more
    words for people (a one-word alias is a surname, shared by many). ``spans`` are
    the role periods as day ordinals, end exclusive, open ends at the calendar's ends.
    ``rank`` orders the candidates for the surviving entry: curated (written and
    reviewed for kabar) before Wikidata before Phoenix and CAMEO, then one with a QID,
    then by id.
    """

    index: int
    id: str
    kind: str
    name: str
    qid: str
    key: str
    keys: frozenset[str]
    countries: frozenset[str]
    spans: tuple[tuple[int, int], ...]
    rank: tuple[int, bool, str]
    curated: bool

    @property
    def family(self) -> str:
        return _family(self.kind)


def _node(index: int, actor: Actor | KbActor, curated: bool) -> Node:
    if isinstance(actor, KbActor):
        spans = [
            (r.start.toordinal() if r.start else _OPEN_START,
             r.end.toordinal() if r.end else _OPEN_END)
            for r in actor.roles
        ]  # fmt: skip
        countries = {r.country for r in actor.roles if r.country}
        qid, sources = actor.qid or "", {"curated"}
    else:
        spans = [
            (dt.date.fromisoformat(r.start).toordinal() if r.start else _OPEN_START,
             dt.date.fromisoformat(r.end).toordinal() if r.end else _OPEN_END)
            for r in actor.roles
        ]  # fmt: skip
        countries, qid = actor.countries, actor.qid
        sources = {r.source for r in actor.roles}
    rank = 0 if curated else 1 if any(s.startswith("wikidata") for s in sources) else 2
    person = actor.kind == "person"
    keys = {merge_key(actor.name)}
    keys.update(merge_key(a) for a in actor.aliases if not person or len(name_key(a).split()) > 1)
    keys.discard("")
    return Node(
        index, actor.id, actor.kind, actor.name, qid, merge_key(actor.name), frozenset(keys),
        frozenset(countries), tuple(sorted(set(spans))), (rank, not qid, actor.id), curated,
    )  # fmt: skip


def merge_pairs(nodes: list[Node]) -> list[tuple[str, Node, Node, str]]:
    """Every (rule, better, other, evidence) pair a rule proposes, in the order they are
    tried: by rule, then by the better node's rank. The checks come later."""
    pairs: dict[tuple[str, int, int], tuple[str, Node, Node, str]] = {}

    def propose(rule: str, one: Node, two: Node, evidence: str) -> None:
        if one.index == two.index or one.id == two.id:
            return
        better, other = sorted((one, two), key=lambda n: n.rank)
        key = (rule, better.index, other.index)
        pairs.setdefault(key, (rule, better, other, evidence))

    by_qid: dict[str, list[Node]] = defaultdict(list)
    by_key: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        if node.qid:
            by_qid[node.qid].append(node)
        if node.key:
            by_key[node.key].append(node)
    for qid, group in sorted(by_qid.items()):
        first, *rest = sorted(group, key=lambda n: n.rank)
        for node in rest:
            propose("qid", first, node, qid)
    for node in nodes:
        for key in sorted(node.keys):
            for other in by_key.get(key, ()):
                person = node.kind == "person" and other.kind == "person"
                propose("person" if person else "name", node, other, repr(key))
    order = {rule: number for number, rule in enumerate(MERGE_RULES)}
    return sorted(pairs.values(), key=lambda p: (order[p[0]], p[1].rank, p[2].rank))


def merge_refusal(one: list[Node], two: list[Node], rule: str) -> str | None:
    """Why two clusters of nodes must stay apart under ``rule``, or None.

    A shared QID is the same actor whatever else differs (the KB loader merges curated
    entries by QID anyway), but two curated entries are never merged here: that is a
    duplicate in curated.yaml, to be fixed there. The name rules need kinds that agree,
    at most one QID and countries that do not conflict (both sides know some and share
    none); for people, also role periods that overlap or meet (``ADJACENT_DAYS``).
    """
    both = one + two
    if sum(node.curated for node in both) > 1:
        return "two curated entries (curated.yaml keeps them apart)"
    if rule == "qid":
        return None
    families = {node.family for node in both}
    if len(families) > 1:
        return "kinds differ: " + " vs ".join(sorted(families))
    if len({node.qid for node in both if node.qid}) > 1:
        return "different QIDs"
    if rule == "name":
        for side, other in ((one, two), (two, one)):
            # A reviewed entry's names bound what joins it: Phoenix lists related bodies
            # as aliases (GCHQ under "Secret Intelligence Service", the Bundesrat under
            # "Bundestag"), so a built actor joins a curated one only under its own name.
            for entry in (node for node in side if node.curated):
                strays = sorted(node.name for node in other if node.key not in entry.keys)
                if strays:
                    return f"not a name of curated {entry.id}: {strays[0]!r}"
    countries_one = set().union(*(node.countries for node in one))
    countries_two = set().union(*(node.countries for node in two))
    if countries_one and countries_two and not countries_one & countries_two:
        return f"countries differ: {'/'.join(sorted(countries_one))} vs " + "/".join(
            sorted(countries_two)
        )
    if rule == "person":
        spans_one = [span for node in one for span in node.spans]
        spans_two = [span for node in two for span in node.spans]
        if not spans_one or not spans_two:
            return "no role periods to compare"
        if not any(
            a_start <= b_end + ADJACENT_DAYS and b_start <= a_end + ADJACENT_DAYS
            for a_start, a_end in spans_one
            for b_start, b_end in spans_two
        ):
            return "role periods more than a year apart"
    return None


def cluster_nodes(nodes: list[Node], report: Report) -> list[list[Node]]:
    """Nodes grouped into actors: the pairs of :func:`merge_pairs` joined in order
    unless :func:`merge_refusal` objects. A curated entry and a built actor with one id
    start together (the loader joins them by id anyway). Every join and refusal is
    logged in ``report``; clusters come sorted by their best node."""
    cluster: dict[int, int] = {}
    members: dict[int, list[Node]] = {}
    first_of_id: dict[str, int] = {}
    for node in nodes:
        home = first_of_id.setdefault(node.id, node.index)
        cluster[node.index] = home
        members.setdefault(home, []).append(node)
    refused: set[tuple[int, int]] = set()
    for rule, better, other, evidence in merge_pairs(nodes):
        one, two = cluster[better.index], cluster[other.index]
        if one == two:
            continue
        why = merge_refusal(members[one], members[two], rule)
        if why is not None:
            if (one, two) not in refused:
                refused.add((one, two))
                report.refused.append((rule, other.id, better.id, why))
            continue
        report.merges.append((rule, other.id, better.id, evidence))
        for node in members.pop(two):
            cluster[node.index] = one
            members[one].append(node)
    groups = [sorted(group, key=lambda n: (n.rank, n.curated)) for group in members.values()]
    return sorted(groups, key=lambda g: g[0].rank)


def merge_actors(actors: dict[str, Actor], curated: list[KbActor], report: Report) -> None:
    """Merge the built ``actors`` (by id, changed in place) that are one real-world actor
    with each other or with a curated entry (rule 9): the best-ranked node's id, name,
    kind and QID (else the one QID of the others), all aliases, roles and member states,
    and the other ids in ``also``. When a curated entry wins, the merged actor is
    written under its id, and the loader layers the entry on top of it."""
    built = [actors[actor_id] for actor_id in sorted(actors)]
    nodes = [_node(i, actor, False) for i, actor in enumerate(built)]
    nodes += [_node(len(nodes) + i, entry, True) for i, entry in enumerate(curated)]
    by_index: dict[int, Actor | KbActor] = dict(enumerate([*built, *curated]))
    for group in cluster_nodes(nodes, report):
        winner = group[0]
        absorbed = [n for n in group if not n.curated]
        if not absorbed or {n.id for n in group} == {winner.id}:
            continue  # one id: nothing to merge (or a curated entry alone)
        head = by_index[winner.index]
        qids = sorted({n.qid for n in group if n.qid})
        merged = Actor(winner.id, head.kind, head.name, winner.qid or (qids[0] if qids else ""))
        for node in absorbed:
            actor = actors.pop(node.id)
            for role in actor.roles:
                if role not in merged.roles:
                    merged.add_role(role)
            for alias in (actor.name, *actor.aliases):
                if alias != merged.name and alias not in merged.aliases:
                    merged.aliases.append(alias)
            merged.members.extend(m for m in actor.members if m not in merged.members)
            merged.also.extend(i for i in (actor.id, *actor.also) if i != winner.id)
        if merged.id in actors:
            raise SystemExit(f"merged actor {merged.id} collides with a built one")
        actors[merged.id] = merged


def _reviewed_kinds(curated: Iterable[KbActor], groups: dict[str, str]) -> dict[str, str]:
    """The kind the curated layer gives each of its names and aliases of two or more
    words, and CAMEO's known groups their labels (merge keys), where they give one kind
    only: the evidence rule 3b prefers to a guess from a name's shape."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for entry in curated:
        for form in (entry.name, *entry.aliases):
            if form == entry.name or len(name_key(form).split()) > 1:
                kinds[merge_key(form)].add(entry.kind)
    for code, label in groups.items():
        if code not in SKIPPED_GROUPS:
            name = GROUP_NAMES.get(code, " ".join(_PAREN.sub(" ", label).split()))
            kinds[merge_key(name)].add("igo" if code in IGO_GROUPS else "group")
    # Organisation and group agree (see _family): "Red Cross" is both, and no person.
    return {key: min(found) for key, found in kinds.items() if len(set(map(_family, found))) == 1}


def load_curated(path: Path) -> list[KbActor]:
    """The entries of the curated layer (``curated.yaml``), or none when it is absent."""
    if not path.is_file():
        return []
    try:
        return [entry for entry, _ in parse_curated(path.read_text(encoding="utf-8"), str(path))]
    except ResourceError as exc:
        raise SystemExit(f"cannot read {path}: {exc}") from exc


class Builder:
    """Collects actors from all sources, then renders the two files."""

    def __init__(self, shared: Path, report: Report) -> None:
        self.shared = shared
        self.report = report
        self.cameo = load_cameo(shared)
        self.table = load_country_table()
        self.cameo_of = {country.iso3: country.cameo for country in self.table}
        roles = load_roles()
        self.role_titles = {role.phrase for role in roles}
        self.title_words = {word for title in self.role_titles for word in title.split()}
        # Longest first, so "prime minister" is tried before "minister".
        self.titles = sorted(
            {name_key(r.phrase) for r in roles if r.title} | EXTRA_TITLES, key=len, reverse=True
        )
        self.actors: dict[str, Actor] = {}

    # -- aliases

    def clean_aliases(self, actor: Actor, forms: Iterable[str], people: set[str]) -> None:
        """Add acceptable aliases to ``actor`` (rule 4), display-cased already."""
        seen = {actor.name, *actor.aliases}
        for form in forms:
            form = form.strip()
            if form[:4].lower() == "the " and len(form) > 4:
                form = form[4:]  # news writes a lower-case "the"; keys ignore it anyway
            key = name_key(form)
            why = None
            if sum(ch.isalpha() for ch in form) < 2:
                why = "fewer than two letters"
            elif key in self.role_titles:
                why = "a bare role title"
            elif self.table.lookup(form) is not None:
                why = "a country name or adjective"
            elif actor.kind != "person" and key in people:
                why = "a person's name on an organisation"
            if why:
                who = actor.id or actor.origin
                self.report.drop("phoenix", f"{who} alias {form!r}", f"alias: {why}")
            elif form not in seen:
                seen.add(form)
                actor.aliases.append(form)

    # -- Phoenix

    def add_phoenix(self, curated: Iterable[KbActor] = ()) -> None:
        entries: list[Entry] = []
        folder = self.shared / "kb" / "phoenix_petrarch2"
        for name in PHOENIX_FILES:
            entries.extend(parse_phoenix(folder / name, self.report))
        parts = load_name_parts(self.shared)
        reviewed = _reviewed_kinds(curated, self.cameo.groups)
        for entry in entries:
            entry.kind = classify(entry, self.cameo, parts)
            guessed = not any(code.dated for code in entry.codes) and "CountryInfo" not in (
                entry.comment
            )
            known = reviewed.get(merge_key(entry.name))
            if (
                entry.kind is not None
                and guessed
                and known
                and _family(known) != _family(entry.kind)
            ):
                self.report.notes.append(
                    f"phoenix {entry.where} {entry.name}: {known} (curated.yaml or CAMEO), "
                    f"not the {entry.kind} rule 3 guessed"
                )
                entry.kind = known
        acronyms = _acronyms(entries, self.cameo.groups, parts)
        people = {
            name_key(form)
            for entry in entries
            if entry.kind == "person"
            for form in (entry.name, *entry.aliases)
            if len(name_key(form).split()) > 1
        }
        built: list[Actor] = []
        for entry in entries:
            kind = entry.kind
            if kind is None:
                self.report.drop("phoenix", f"{entry.where} {entry.name}", "a country or place")
                continue
            name, paren = self._split_paren(entry.name)
            if sum(ch.isalpha() for ch in name) < 2 or self.table.lookup(name) is not None:
                why = "name is a country" if name else "no name"
                self.report.drop("phoenix", f"{entry.where} {entry.name}", why)
                continue
            # People's names have no acronyms: "Abdallah bin NASSER" is "Nasser".
            caps = acronyms if kind != "person" else ACRONYMS
            shown = self.untitled(name) if kind == "person" else name
            org = kind != "person"
            actor = Actor("", kind, display(shown, caps, org), origin=entry.where)
            for role in phoenix_roles(entry, self.cameo, self.report):
                actor.add_role(role)
            if not actor.roles:
                self.report.drop("phoenix", f"{entry.where} {entry.name}", "no usable code")
                continue
            forms = [name, *paren]
            for alias in entry.aliases:
                alias_name, alias_paren = self._split_paren(alias)
                forms.extend([alias_name, *alias_paren])
            self.clean_aliases(actor, (display(f, caps, org) for f in forms), people)
            built.append(actor)
        self._merge_duplicates(built)

    def untitled(self, name: str) -> str:
        """A person's name without a leading title when two or more words remain:
        "SECRETARY-GENERAL BAN KI-MOON" -> "BAN KI-MOON" (the titled form stays an alias)."""
        key = name_key(name)
        for title in self.titles:
            if key.startswith(title + " "):
                words = name.replace("-", " ").split()
                rest = " ".join(name.split()[len(title.split()) - _hyphens(name, title) :])
                if len(words) - len(title.split()) >= 2 and name_key(rest) == key[len(title) + 1 :]:
                    return rest
        return name

    def _split_paren(self, text: str) -> tuple[str, list[str]]:
        """A name without its parenthesised acronyms, and those that are no country."""
        inner = [m.strip() for m in _PAREN.findall(text)]
        name = _PAREN.sub(" ", text).strip()
        name = " ".join(name.split())
        acronyms = [m for m in inner if m and self.table.lookup(m) is None and " " not in m]
        return name, acronyms

    def _merge_duplicates(self, built: list[Actor]) -> None:
        """Entries with one name key: one actor per shared country, ids unique (rule 5)."""
        by_key: dict[str, list[Actor]] = defaultdict(list)
        for actor in built:
            by_key[name_key(actor.name)].append(actor)
        for key, group in sorted(by_key.items()):
            merged: list[Actor] = []
            for actor in group:
                same = next((m for m in merged if _same_entity(m, actor)), None)
                if same is None:
                    merged.append(actor)
                    continue
                for role in actor.roles:
                    if role not in same.roles:
                        same.add_role(role)
                same.aliases.extend(
                    a for a in (actor.name, *actor.aliases) if a not in same.aliases
                )
            slug = key.replace(" ", "-")
            for actor in merged:
                actor.id = f"phx:{slug}"
                if len(merged) > 1:
                    tag = min(actor.countries) if actor.countries else actor.kind
                    actor.id = f"phx:{slug}@{tag}"
                if actor.id in self.actors:
                    actor.id = f"{actor.id}@{actor.kind}"
                if actor.id in self.actors:
                    self.report.drop("phoenix", f"{actor.origin} {actor.name}", "duplicate id")
                    continue
                self.actors[actor.id] = actor

    # -- Wikidata

    def add_wikidata(self) -> None:
        rows = load_wikidata(self.shared, self.report)
        by_holder: dict[str, list[WdRow]] = defaultdict(list)
        for row in rows:
            by_holder[row.holder].append(row)
        persons = [a for a in self.actors.values() if a.kind == "person"]
        exact: dict[str, list[Actor]] = defaultdict(list)
        variant: dict[str, list[Actor]] = defaultdict(list)
        for actor in persons:
            for key in {name_key(f) for f in (actor.name, *actor.aliases)}:
                exact[key].append(actor)
                variant[variant_key(key)].append(actor)
        claims: dict[str, list[tuple[str, Actor]]] = defaultdict(list)  # phx id -> (qid, actor)
        for qid, holder_rows in sorted(by_holder.items()):
            countries = {row.country for row in holder_rows}
            labels = [holder_rows[0].label, *(x for r in holder_rows for x in r.extra_labels)]
            keys = {name_key(label) for label in labels}
            found = {a.id: a for k in keys for a in exact.get(k, ()) if a.countries & countries}
            if not found:
                found = self._suffix_match(keys, countries, persons)
                if len(found) == 1:
                    self.report.notes.append(
                        f"wikidata {qid} {labels[0]!r} matched Phoenix {next(iter(found))} "
                        "whose name ends with it"
                    )
                else:
                    found = {}
            if not found:
                loose = {
                    a.id: a
                    for k in keys
                    for a in variant.get(variant_key(k), ())
                    if a.countries & countries
                }
                if len(loose) == 1:
                    found = loose
                    self.report.notes.append(
                        f"wikidata {qid} {labels[0]!r} matched Phoenix "
                        f"{next(iter(loose))} by spelling variant"
                    )
            for actor in found.values():
                claims[actor.id].append((qid, actor))
        taken: dict[str, list[Actor]] = defaultdict(list)
        for phx_id, claimants in sorted(claims.items()):
            if len({qid for qid, _ in claimants}) > 1:
                qids = ", ".join(sorted({qid for qid, _ in claimants}))
                self.report.notes.append(f"{phx_id} matches several QIDs ({qids}): not merged")
                continue
            taken[claimants[0][0]].append(claimants[0][1])
        for qid, holder_rows in sorted(by_holder.items()):
            label = holder_rows[0].label
            actor = Actor(f"wd:{qid}", "person", label, qid=qid)
            for row in holder_rows:
                actor.add_role(wikidata_role(row, self.cameo_of))
            extra = [x for row in holder_rows for x in row.extra_labels]
            for old in taken.get(qid, ()):
                del self.actors[old.id]
                for role in old.roles:
                    actor.add_role(role)
                extra.extend([old.name, *old.aliases])
            self.clean_aliases(actor, extra, set())
            self.actors[actor.id] = actor

    def _suffix_match(
        self, keys: set[str], countries: set[str], persons: list[Actor]
    ) -> dict[str, Actor]:
        """Phoenix people of a shared country one of whose names is a two-word or longer
        label after honorifics or titles only: "Hojatolislam Sayyed Ali Khamenei" for
        "Ali Khamenei", but not "Hla Myint Swe" for "Myint Swe" (Hla is a name)."""
        long_keys = {key for key in keys if len(key.split()) >= 2}
        found: dict[str, Actor] = {}
        for actor in persons:
            if not actor.countries & countries:
                continue
            for form in (actor.name, *actor.aliases):
                form_key = name_key(form)
                for key in long_keys:
                    prefix = form_key[: -len(key)].split()
                    if form_key.endswith(" " + key) and all(
                        word in HONORIFICS or word in self.title_words for word in prefix
                    ):
                        found[actor.id] = actor
        return found

    # -- CAMEO known groups

    def add_groups(self) -> None:
        """Known groups and IGOs, absorbing Phoenix organisations named like them."""
        by_key: dict[str, list[Actor]] = defaultdict(list)
        for actor in self.actors.values():
            if actor.kind != "person":
                for form in {actor.name, *actor.aliases}:
                    by_key[name_key(form)].append(actor)
        for code, label in sorted(self.cameo.groups.items()):
            if code in SKIPPED_GROUPS:
                self.report.drop("cameo", f"{code} {label}", SKIPPED_GROUPS[code])
                continue
            acronyms = [m for m in _PAREN.findall(label) if m.strip()]
            plain = " ".join(_PAREN.sub(" ", label).split())
            name = GROUP_NAMES.get(code, plain)
            kind = "igo" if code in IGO_GROUPS else "group"
            qid = GROUP_QIDS.get(code, "")
            actor_id = f"wd:{qid}" if qid else f"cameo:{code}"
            actor = Actor(actor_id, kind, name, qid=qid)
            forms = [plain, *acronyms, *GROUP_EXTRA_NAMES.get(code, ())]
            keys = {name_key(f) for f in (name, *forms)}
            absorbed = {a.id: a for k in keys for a in by_key.get(k, ()) if a.id in self.actors}
            codes: Counter[str] = Counter()
            for old in sorted(absorbed.values(), key=lambda a: a.id):
                if old.kind == "person":
                    continue
                del self.actors[old.id]
                forms.extend([old.name, *old.aliases])
                codes.update(role.code for role in old.roles)
            # Phoenix's own code wins, one naming the group first ("IGOWSTNAT"), else the
            # most used ("AFGREB" for the Taliban); with none, CAMEO's bare group code.
            ranked = sorted(
                codes.items(), key=lambda kv: (code not in _segments(kv[0]), -kv[1], kv[0])
            )
            best = ranked[0][0] if ranked else ("IGO" + code if kind == "igo" else code)
            parsed = self.cameo.parse(best) or ("", "")
            actor.add_role(RoleRow("", "", parsed[0], parsed[1], best, name, "day", "cameo",
                                   CONFIDENCE["cameo"]))  # fmt: skip
            self.clean_aliases(actor, forms, set())
            if actor.id in self.actors:
                raise SystemExit(f"known group {code} collides with {actor.id}")
            self.actors[actor.id] = actor

    # -- one actor, one entry (rule 9)

    def merge(self, curated: list[KbActor]) -> None:
        merge_actors(self.actors, curated, self.report)

    # -- output

    def render(self) -> tuple[str, str, Counter[str]]:
        stats: Counter[str] = Counter()
        actor_lines = [ACTORS_HEADER, "\t".join(ACTOR_COLUMNS) + "\n"]
        role_lines = [ROLES_HEADER, "\t".join(ROLE_COLUMNS) + "\n"]
        for actor_id in sorted(self.actors):
            actor = self.actors[actor_id]
            aliases = sorted(
                {a for a in actor.aliases if a != actor.name}, key=lambda a: (a.casefold(), a)
            )
            for text in (actor.name, *aliases):
                if "|" in text or "\t" in text:
                    raise SystemExit(f"{actor_id}: separator in name {text!r}")
            fields = (actor.id, actor.kind, actor.name, actor.qid, "|".join(aliases),
                      "|".join(sorted(actor.members)), "|".join(sorted(actor.also)))  # fmt: skip
            actor_lines.append("\t".join(fields) + "\n")
            for role in sorted(set(actor.roles)):
                role_lines.append("\t".join(role.fields(actor.id)) + "\n")
                stats[f"roles from {role.source}"] += 1
            stats[f"actors: {actor.kind}"] += 1
            stats["actors with a QID"] += bool(actor.qid)
            stats["aliases"] += len(aliases)
        return "".join(actor_lines), "".join(role_lines), stats


def _segments(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


ACTORS_HEADER = (
    "# Actors of kabar's knowledge base: people, organisations, IGOs and groups. Sources: "
    "Phoenix/PETRARCH2 actor dictionaries (MIT, (c) 2014 Open Event Data Alliance); "
    "Wikidata world leaders via every-politician-scrapers/world-leaders-2021 (CC0); CAMEO "
    "known groups (CAMEO codebook, Schrodt et al., via GDELT). Built by tools/build_kb.py: "
    "do not edit by hand; hand corrections go in curated.yaml (kabar's own, MIT), whose ids and "
    "names the rows merged into its entries take. Lists are |-separated; also lists the ids "
    "of the entries merged into the row.\n"
)
ROLES_HEADER = (
    "# Dated roles of the actors in actors.tsv (same sources and licences: Phoenix/PETRARCH2 "
    "MIT, Wikidata CC0, CAMEO codebook via GDELT). end is exclusive; empty dates are open; "
    "precision year means the source gave years only. Built by tools/build_kb.py: do not "
    "edit by hand.\n"
)


def build(shared: Path, curated: Path = DEFAULT_CURATED) -> tuple[str, str, Report, Counter[str]]:
    """The actors.tsv and roles.tsv texts, the report and counts."""
    report = Report()
    builder = Builder(shared, report)
    entries = load_curated(curated)
    builder.add_phoenix(entries)
    builder.add_wikidata()
    builder.add_groups()
    builder.merge(entries)
    actors, roles, stats = builder.render()
    return actors, roles, report, stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the ../shared folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the TSV files")
    parser.add_argument("--report", type=Path, help="write every dropped row with its reason")
    parser.add_argument(
        "--curated", type=Path, default=DEFAULT_CURATED, help="the curated layer to merge into"
    )
    args = parser.parse_args(argv)
    actors, roles, report, stats = build(args.shared, args.curated)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "actors.tsv").write_text(actors, encoding="utf-8", newline="\n")
    (args.out / "roles.tsv").write_text(roles, encoding="utf-8", newline="\n")
    for source, what, why in report.dropped:
        if source.startswith("wikidata"):
            print(f"dropped {what}: {why}", file=sys.stderr)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    for reason, count in sorted(report.counts().items()):
        print(f"dropped {count:6d}  {reason}", file=sys.stderr)
    for rule, actor_id, into, why in report.merges:
        print(f"merged by {rule}: {actor_id} into {into} ({why})", file=sys.stderr)
    for rule, count in sorted(Counter(rule for rule, *_ in report.merges).items()):
        print(f"merged {count:6d}  by {rule}", file=sys.stderr)
    refusals = Counter(f"{rule}: {why.split(':')[0]}" for rule, _, _, why in report.refused)
    for reason, count in sorted(refusals.items()):
        print(f"kept apart {count:3d}  {reason}", file=sys.stderr)
    if args.report:
        lines = [f"{s}\t{w}\t{y}\n" for s, w, y in sorted(report.dropped)]
        lines += [f"merged by {r}\t{a} into {b}\t{y}\n" for r, a, b, y in report.merges]
        lines += [f"kept apart by {r}\t{a} and {b}\t{y}\n" for r, a, b, y in report.refused]
        lines += [f"note\t\t{note}\n" for note in report.notes]
        args.report.write_text("".join(lines), encoding="utf-8")
    summary = ", ".join(f"{value} {key}" for key, value in sorted(stats.items()))
    print(f"wrote {args.out}: {summary}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
