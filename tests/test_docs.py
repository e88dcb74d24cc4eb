"""The README is executable documentation: its two commands work and it names every option."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO
from kabar.cli import _parser

README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    """The shell commands of the README's "The two commands" section."""
    section = README.split("## The two commands", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_readme_has_exactly_two_commands_and_ci_runs_the_second() -> None:
    commands = readme_commands()
    assert commands == ["make demo", "make test"]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(rf"^{re.escape(commands[1])}$", ci, re.M), ".ci/run must run the test command"


def _commands(
    parser: argparse.ArgumentParser, prefix: str
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every command and nested sub-command ("kabar eval plover-gsr") with its parser."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield f"{prefix} {name}", sub
                yield from _commands(sub, f"{prefix} {name}")


def test_readme_names_every_command_and_option() -> None:
    commands = list(_commands(_parser(), "kabar"))
    assert any(name == "kabar eval plover-gsr" for name, _ in commands)
    for name, sub in commands:
        assert name in README, f"command '{name}' is not in the README"
        for option in sub._actions:
            for flag in option.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in README, f"option {flag} of '{name}' is not documented"


@pytest.mark.slow
def test_demo_command_works_on_a_fresh_clone(tmp_path: Path) -> None:
    if not (REPO / ".git").exists():
        pytest.skip("needs a git checkout to clone")
    clone = tmp_path / "kabar"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    done = subprocess.run(
        readme_commands()[0], shell=True, cwd=clone, capture_output=True, text=True, timeout=1200
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "0 articles with errors" in done.stderr
    events = (clone / "out" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert events and all(json.loads(line)["schema_version"] for line in events)
    # ... and stored them in the embedded default store, which the demo lists.
    assert (clone / "out" / "kabar.db").is_file()
    assert "CONSULT" in done.stdout or "040" in done.stdout, done.stdout[-2000:]
    dry_run = subprocess.run(["make", "-n", "test"], cwd=clone, capture_output=True, text=True)
    for step in ("ruff check", "mypy", "pytest"):
        assert step in dry_run.stdout
