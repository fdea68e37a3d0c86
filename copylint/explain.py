"""Rule documentation for the command line: a table of rules and one rule explained."""

from __future__ import annotations

from collections.abc import Sequence

from copylint.kinds import KINDS
from copylint.rule import Rule


def fixes(rule: Rule) -> str:
    """What the rule can fix: safe, unsafe (…), or nothing ("-")."""
    fix = getattr(KINDS[rule.kind], "FIX", "")
    if rule.kind == "pattern" and not rule.options.get("substitutions"):
        return "-"
    return fix.split(" (")[0] if fix else "-"


def table(rules: Sequence[Rule]) -> str:
    width = max((len(r.id) for r in rules), default=2)
    lines = [f"{'id'.ljust(width)}  severity  fix     summary"]
    lines += [f"{r.id.ljust(width)}  {r.severity.ljust(8)}  {fixes(r).ljust(6)}  {r.summary}" for r in rules]
    return "\n".join(lines) + "\n"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 70 else text[:67] + "..."


def describe(rule: Rule) -> str:
    fix = getattr(KINDS[rule.kind], "FIX", "")
    fixable = f"; fix: {fix}" if fixes(rule) != "-" else ""
    out = [f"{rule.id} ({rule.severity}, kind: {rule.kind}{fixable})", "", rule.summary, "", rule.description, "", "Options:"]
    for name, spec in KINDS[rule.kind].OPTIONS.items():
        out.append(f"  {name} ({spec.type}) = {_short(rule.options[name])}")
        out.append(f"      {spec.doc}")
    for label, examples in (("Bad", rule.bad), ("Good", rule.good)):
        out += ["", f"{label} examples:"]
        for ex in examples:
            out += ["  " + line for line in ex.text.rstrip("\n").splitlines()] + ["  ---"]
    return "\n".join(out).rstrip("-\n ") + "\n"
