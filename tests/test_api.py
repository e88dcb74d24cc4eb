"""The public API: one __all__, complete and importable, and importing is cheap."""

from __future__ import annotations

import subprocess
import sys

import kabar


def test_all_lists_exactly_the_public_names() -> None:
    public = {name for name in dir(kabar) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(kabar, name)).__name__ == "module"}
    assert set(kabar.__all__) - {"__version__"} == public - modules - {"annotations"}


def test_every_exported_name_resolves() -> None:
    for name in kabar.__all__:
        assert getattr(kabar, name) is not None, name


def test_import_loads_no_model() -> None:
    code = "import sys, kabar; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
