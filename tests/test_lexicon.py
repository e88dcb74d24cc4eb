"""The verb-pattern lexicon: bundled coverage and the errors a user file gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from kabar.errors import LexiconError
from kabar.events.lexicon import bundled_lexicon, load_lexicon


def test_bundled_lexicon_covers_every_cameo_root() -> None:
    lexicon = bundled_lexicon()
    roots = {code[:2] for code in lexicon.codes()}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    assert len(lexicon) > 300


def test_more_specific_patterns_come_first() -> None:
    hold = bundled_lexicon().candidates("hold")
    assert hold, "light verb 'hold' has patterns"
    assert all(p.objects for p in hold), "bare 'hold' must not code an event by itself"
    sign = bundled_lexicon().candidates("sign")
    assert sign[0].objects and not sign[-1].objects


def test_user_file_adds_and_replaces_patterns(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "patterns:\n"
        "  - {id: my.snub, code: '125', verbs: [snub]}\n"
        "  - {id: 042.visit, code: '043', verbs: [visit]}\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon([extra])
    assert lexicon.candidates("snub")[0].code == "125"
    assert [p.code for p in lexicon.candidates("visit")] == ["043"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("patterns: [{id: a, code: '999', verbs: [x]}]", "unknown CAMEO code '999'"),
        ("patterns: [{id: a, code: '042'}]", "give either 'verbs' or 'nouns'"),
        ("patterns: [{id: a, code: '042', verbs: [x], colour: red}]", "unknown key(s) ['colour']"),
        (
            "patterns: [{id: a, code: '042', verbs: [x], targets: [elsewhere]}]",
            "unknown target slot 'elsewhere'",
        ),
        ("patterns: [{code: '042', verbs: [x]}]", "needs an 'id' and a 'code'"),
        (
            "patterns:\n - {id: a, code: '042', verbs: [x]}\n - {id: a, code: '043', verbs: [y]}",
            "duplicate id 'a'",
        ),
        ("just text", "expected a mapping with a 'patterns' list"),
        ("patterns: [unclosed", "not valid YAML"),
    ],
)
def test_malformed_user_file_names_file_and_problem(
    tmp_path: Path, body: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon([path])
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_nominal_patterns_are_indexed_apart_from_verbs(tmp_path: Path) -> None:
    extra = tmp_path / "nouns.yaml"
    extra.write_text(
        "patterns:\n  - {id: my.siege, code: '191', nouns: [encirclement], targets: ['prep:of']}\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon([extra])
    assert "encirclement" in lexicon.nouns
    (pattern,) = lexicon.candidates("encirclement", nominal=True)
    assert pattern.nominal and pattern.targets == ("prep:of",)
    assert not any(p.id == "my.siege" for p in lexicon.candidates("encirclement"))


def test_objects_on_a_noun_pattern_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("patterns: [{id: a, code: '042', nouns: [visit], objects: [x]}]\n")
    with pytest.raises(LexiconError, match="'objects' applies to verbs"):
        load_lexicon([path])


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read lexicon file"):
        load_lexicon([tmp_path / "absent.yaml"])


@pytest.mark.parametrize("key", ["future", "obligation"])
def test_recoding_rule_must_name_a_complement_rule(tmp_path: Path, key: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(f"patterns: []\n{key}: nosuchrule\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=f"'{key}: nosuchrule' names no complement rule"):
        load_lexicon([path])


def test_bundled_lexicon_recodes_obligations_as_demands() -> None:
    rule = bundled_lexicon().obligation
    assert rule is not None
    assert rule.code_for("0874") == "106"  # "must withdraw": demand withdrawal
