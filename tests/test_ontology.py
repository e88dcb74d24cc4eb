"""The bundled CAMEO codebook, kabar's CAMEO -> PLOVER crosswalk and the data notice.

Real data files, no mocks. Tests that read ../shared skip with a reason when it is
absent (a user's checkout has none).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kabar._datafiles import read_rows
from kabar.errors import ConfigError, KabarError, ResourceError
from kabar.model import PloverCoding
from kabar.ontology import (
    PLOVER_LEGACY_NAMES,
    PLOVER_TYPES,
    load_cameo,
    plover_for,
    quad_class_for_root,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = REPO / "src" / "kabar" / "data"
OFFICIAL_CROSSWALK = SHARED / "eval" / "plover_gsr" / "CAMEO2PLOVER-2021.txt"

# GDELT's QuadClass convention, written out rather than computed, so the test does not
# share a mistake with the code.
EXPECTED_QUAD = {f"{root:02d}": quad for root, quad in
                 [(r, 1) for r in range(1, 6)] + [(r, 2) for r in range(6, 10)]
                 + [(r, 3) for r in range(10, 15)] + [(r, 4) for r in range(15, 21)]}  # fmt: skip


def _needs_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"needs {path} (../shared is not beside this checkout)")
    return path


# ---------------------------------------------------------------------- codebook


def test_every_root_is_present_with_gdelt_quad_class() -> None:
    book = load_cameo()
    roots = {entry.code: entry for entry in book.roots()}
    assert sorted(roots) == sorted(EXPECTED_QUAD)
    for code, quad in EXPECTED_QUAD.items():
        assert roots[code].quad_class == quad, code
        assert quad_class_for_root(code) == quad


def test_every_code_has_its_root_quad_class_and_a_goldstein_score_in_range() -> None:
    book = load_cameo()
    assert len(book) >= 300  # the codebook has ~310 codes; a truncated file must fail
    for entry in book:
        assert re.fullmatch(r"\d{2,4}", entry.code)
        assert entry.root == entry.code[:2] and entry.root in book
        assert entry.quad_class == EXPECTED_QUAD[entry.root]
        assert -10.0 <= entry.goldstein <= 10.0
        assert entry.name and entry.name == entry.name.strip() and "  " not in entry.name
    scores = [entry.goldstein for entry in book]
    assert min(scores) == -10.0 and max(scores) == 10.0


def test_codebook_lookups() -> None:
    book = load_cameo()
    visit = book.get("042")
    assert (visit.name, visit.root, visit.quad_class) == ("Make a visit", "04", 1)
    assert "042" in book and "999" not in book and 42 not in book
    # 106 is missing as a line of its own in GDELT's file; the build recovers it.
    assert book.get("106").name == "Demand withdrawal"
    assert [entry.code for entry in book.codes()] == sorted(entry.code for entry in book)


def test_unknown_code_raises_a_kabar_error_naming_the_code_and_the_file() -> None:
    with pytest.raises(ConfigError) as caught:
        load_cameo().get("999")
    assert str(caught.value) == (
        "unknown CAMEO code '999': codes are listed in kabar/data/cameo_codes.tsv"
    )
    assert isinstance(caught.value, KabarError)


def test_a_code_that_lost_its_leading_zero_gets_a_hint() -> None:
    with pytest.raises(ConfigError, match=r"did you mean '042'"):
        load_cameo().get("42")


def test_quad_class_for_root_rejects_non_roots() -> None:
    for bad in ("00", "21", "042", "x1"):
        with pytest.raises(ConfigError):
            quad_class_for_root(bad)


# ---------------------------------------------------------------------- PLOVER


def test_plover_types_and_legacy_names() -> None:
    assert len(PLOVER_TYPES) == 16 == len(set(PLOVER_TYPES))
    assert dict(PLOVER_LEGACY_NAMES) == {
        "DEMAND": "REQUEST",
        "DISAPPROVE": "ACCUSE",
        "INVESTIGATE": "ACCUSE",
        "FIGHT": "ASSAULT",
    }
    assert set(PLOVER_LEGACY_NAMES.values()) <= set(PLOVER_TYPES)


def test_plover_for_known_codes() -> None:
    assert plover_for("042") == PloverCoding("CONSULT", "visit", ())
    assert plover_for("041") == PloverCoding("CONSULT", "phone", ())
    third_party = plover_for("045")
    assert third_party is not None and third_party.mode == "third-party"
    assault = plover_for("190")
    assert assault is not None and assault.event_type == "ASSAULT"
    assert plover_for("010") is None
    for code, expected in [("0231", "REQUEST"), ("1041", "REQUEST"), ("0841", "RETREAT"),
                           ("0874", "RETREAT"), ("081", "CONCEDE"), ("094", "ACCUSE"),
                           ("1125", "ACCUSE"), ("129", "REJECT"), ("1384", "THREATEN"),
                           ("1413", "PROTEST"), ("154", "MOBILIZE"), ("163", "SANCTION"),
                           ("173", "COERCE"), ("2041", "ASSAULT")]:  # fmt: skip
        coding = plover_for(code)
        assert coding is not None and coding.event_type == expected, code


def test_every_code_has_a_plover_reading_and_only_statements_lack_one() -> None:
    for entry in load_cameo():
        coding = plover_for(entry.code)
        if entry.root == "01":
            assert coding is None, entry.code
        else:
            assert coding is not None and coding.event_type in PLOVER_TYPES, entry.code
            assert all(re.fullmatch(r"[a-z_]+", ctx) for ctx in coding.contexts)


def test_plover_for_an_unknown_code_raises() -> None:
    with pytest.raises(ConfigError, match="unknown CAMEO code '999'"):
        plover_for("999")


def _official_types(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type of the official table ("042: CONSULT, visit, ..." lines)."""
    types: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if match:
            types[match.group(1)] = match.group(2)
    return types


def test_event_types_agree_with_the_official_plover_table() -> None:
    """Ours is written from the PLOVER definitions; PLOVER's CC BY-SA table is read here
    only, at test time, to catch mistakes. Disagreements are printed for review."""
    official = _official_types(_needs_shared(OFFICIAL_CROSSWALK))
    ours = {entry.code: plover_for(entry.code) for entry in load_cameo()}
    shared = sorted(code for code in official if code in ours and ours[code] is not None)
    assert len(shared) >= 250
    disagreements = []
    for code in shared:
        coding = ours[code]
        assert coding is not None
        if coding.event_type != official[code]:
            disagreements.append((code, coding.event_type, official[code]))
    for code, mine, theirs in disagreements:
        print(f"{code}: kabar {mine}, official {theirs}")
    agreement = 1 - len(disagreements) / len(shared)
    print(f"agreement on event type: {agreement:.3f} of {len(shared)} shared codes")
    assert agreement >= 0.95


# ---------------------------------------------------------------------- rebuilds


def _run(script: str, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / script), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_cameo_codes_rebuild_byte_identical(tmp_path: Path) -> None:
    shared = _needs_shared(SHARED / "kb" / "cameo_gdelt_lookups").parents[1]
    out = tmp_path / "cameo_codes.tsv"
    _run("build_cameo.py", "--shared", str(shared), "--out", str(out))
    assert out.read_bytes() == (DATA / "cameo_codes.tsv").read_bytes()


def test_plover_crosswalk_rebuilds_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "plover_crosswalk.tsv"
    _run("build_plover_crosswalk.py", "--cameo", str(DATA / "cameo_codes.tsv"), "--out", str(out))
    assert out.read_bytes() == (DATA / "plover_crosswalk.tsv").read_bytes()


def test_bundled_tables_name_source_and_licence_in_their_header() -> None:
    for name in ("cameo_codes.tsv", "plover_crosswalk.tsv", "countries.tsv", "actor_roles.tsv"):
        first = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# "), name
    crosswalk = (DATA / "plover_crosswalk.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert "written for kabar" in crosswalk and "MIT" in crosswalk
    assert "not copied" in crosswalk


def test_a_missing_data_file_is_a_resource_error_that_says_how_to_fix_it() -> None:
    with pytest.raises(ResourceError, match=r"kabar/data/no_such_table\.tsv.*reinstall kabar"):
        read_rows("no_such_table.tsv", ("code",))


# ---------------------------------------------------------------------- data notice


def test_data_notice_covers_every_data_file_and_ships_unchanged() -> None:
    notice = (REPO / "DATA_NOTICE.md").read_text(encoding="utf-8")
    for path in sorted(DATA.iterdir()):
        if path.name != "NOTICE.md" and path.is_file():
            assert f"`{path.name}`" in notice, f"DATA_NOTICE.md does not describe {path.name}"
    packaged = DATA / "NOTICE.md"
    assert packaged.read_text(encoding="utf-8") == notice, (
        "src/kabar/data/NOTICE.md must be a copy of DATA_NOTICE.md: "
        "run `cp DATA_NOTICE.md src/kabar/data/NOTICE.md`"
    )
