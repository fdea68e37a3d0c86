"""Running a rule's own examples: shared by the test suite and the pytest plugin."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from copylint.engine import lint_text
from copylint.rule import Example, Rule, resolve_options


def iter_cases(rules: Sequence[Rule]) -> Iterator[tuple[str, Rule, Example, bool]]:
    """(case id, rule, example, is_bad) for every example of every rule, ids like `rule::bad[0]`."""
    for rule in rules:
        for group, examples in (("bad", rule.bad), ("good", rule.good)):
            for k, example in enumerate(examples):
                yield f"{rule.id}::{group}[{k}]", rule, example, group == "bad"


def run_case(rule: Rule, example: Example, bad: bool) -> str | None:
    """Lint the example with only this rule; return why it fails, or None when it passes."""
    if example.options:
        options, problems = resolve_options(rule.kind, {**rule.options, **example.options}, {})
        if problems:
            return "; ".join(message for _, message in problems)
        rule = rule.with_options(options)
    found = [f"{f.line}:{f.column}" for f in lint_text(example.text, [rule]) if f.rule == rule.id]
    if bad and not found:
        return f"expected a {rule.id} finding, got none"
    if bad and example.expect is not None and sorted(found) != sorted(example.expect):
        return f"expected {rule.id} at {sorted(example.expect)}, got {sorted(found)}"
    if not bad and found:
        return f"expected no {rule.id} finding, got {found}"
    if example.fixed is not None:
        from copylint.fixer import fix_text

        fixed = fix_text(example.text, lambda story: [f for f in lint_text(story, [rule]) if f.rule == rule.id], example.unsafe).text
        if fixed != example.fixed:
            return f"expected the fixed text {example.fixed!r}, got {fixed!r}"
    return None
