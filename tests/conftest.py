"""Shared fixtures: the built-in rules (loaded once) and helpers to lint text in tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint.engine import lint_text
from copylint.finding import Finding
from copylint.rule import Rule, load_rules

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e89cc9545c4c39cd.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def rules() -> list[Rule]:
    return load_rules()


@pytest.fixture(scope="session")
def rule_by_id(rules: list[Rule]) -> dict[str, Rule]:
    return {r.id: r for r in rules}


def positions(findings: list[Finding], rule: str) -> list[str]:
    """`line:col` of every finding of `rule`, in order."""
    return [f"{f.line}:{f.column}" for f in findings if f.rule == rule]


@pytest.fixture(scope="session")
def lint(rules: list[Rule]):
    def run(text: str, rule: str | None = None) -> list[Finding]:
        selected = [r for r in rules if rule is None or r.id == rule]
        return lint_text(text, selected)

    return run


def shared_dir(*parts: str) -> Path:
    """A folder of ../shared, or skip the test with a message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.is_dir():
        pytest.skip(f"{path} is not available (the shared data sits beside the repository)")
    return path
