"""Shared fixtures: the real spaCy pipeline once per session, and ../shared when present."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kabar.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]

# User dictionaries (`kabar kb add`) live under KABAR_HOME: point it at an empty
# folder so that a developer's own dictionaries never change what tests see.
os.environ["KABAR_HOME"] = tempfile.mkdtemp(prefix="kabar-test-home-")
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


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty event store: a SQLite file, then a fresh schema in the PostgreSQL
    database of $KABAR_TEST_POSTGRES_URL (set by .ci/run; skipped, with the reason,
    only when it is unset)."""
    if request.param == "sqlite":
        yield str(tmp_path / "kabar.db")
        return
    base = os.environ.get("KABAR_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("KABAR_TEST_POSTGRES_URL is unset: no PostgreSQL to test (.ci/run sets it)")
    from kabar.store.postgres import scratch_schema

    with scratch_schema(base, "test") as url:
        yield url
