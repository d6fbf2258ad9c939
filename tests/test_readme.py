"""The README's quick start is what CI runs, and what it shows is what licaudit prints."""

from __future__ import annotations

import re

from .conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
CI = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n# [12]\. .*?\n(.*?)```", section, re.S)
    return [b.strip() for b in blocks]


def test_quick_start_has_two_commands():
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert "licaudit scan examples/demo-app --offline" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    readme_test = _quick_start_commands()[1].split(" && ", 2)[
        2
    ]  # after venv creation and activation
    assert readme_test in CI.splitlines()


def test_readme_example_output_matches_the_scan(run_licaudit):
    proc = run_licaudit("scan", str(REPO_ROOT / "examples" / "demo-app"), "--offline")
    shown = README.split("```text\n", 1)[1].split("```", 1)[0].strip().splitlines()
    printed = [line.rstrip() for line in proc.stdout.splitlines()]
    for line in shown:
        if line != "...":
            assert line.rstrip() in printed
