"""Shared fixtures: the real spaCy pipeline once per session, and ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from kabar.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the calling test with a reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (../shared is not beside this checkout)")
    return path


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default pipeline with the real en_core_web_sm model, built once."""
    return Pipeline.default()
