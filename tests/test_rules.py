"""Every built-in rule documents itself, and its examples are executed."""

from __future__ import annotations

import pytest

from copylint.rule import load_rules
from copylint.testing import iter_cases, run_case

RULES = load_rules()
CASES = list(iter_cases(RULES))


@pytest.mark.parametrize(("case_id", "rule", "example", "bad"), CASES, ids=[c[0] for c in CASES])
def test_rule_example(case_id, rule, example, bad):
    assert run_case(rule, example, bad) is None, f"{case_id}: {run_case(rule, example, bad)}"


def test_the_four_news_rules_are_built_in():
    assert {r.id for r in RULES} >= {"unbalanced-quotes", "unattributed-quote", "missing-dateline", "scare-quotes"}


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_documents_itself(rule):
    assert rule.bad and rule.good, "a rule needs bad and good examples"
    assert "## What it does" in rule.description and "## Why is this bad?" in rule.description
    assert rule.summary and "\n" not in rule.summary


def test_a_failing_example_is_detected(rule_by_id):
    rule = rule_by_id["unbalanced-quotes"]
    from copylint.rule import Example

    assert run_case(rule, Example('"Balanced," she said.'), bad=True) == "expected a unbalanced-quotes finding, got none"
    assert "expected unbalanced-quotes at ['1:2']" in run_case(rule, Example('"Open', expect=("1:2",)), bad=True)
    assert run_case(rule, Example('"Open'), bad=False) == "expected no unbalanced-quotes finding, got ['1:1']"
