"""Inline suppression written in the copy as HTML comments (invisible in rendered Markdown).

    <!-- copylint: disable-next-line scare-quotes, unattributed-quote -- reason -->
    <!-- copylint: disable scare-quotes -->  …  <!-- copylint: enable scare-quotes -->
    <!-- copylint: disable-file missing-dateline -- a feature, no dateline -->

A bare `disable` (no rule) means every rule. The parser keeps each directive's position so
that one which suppresses nothing, or cannot be read, is itself reported.
"""

from __future__ import annotations

import re

from copylint import regexes
from copylint.finding import Finding
from copylint.record import Record

_COMMENT_RE = regexes.compile(r"<!--\s*copylint\s*:(.*?)-->", re.DOTALL)
_ID_RE = regexes.compile(r"^[a-z][a-z0-9-]*$")
ACTIONS = ("disable-next-line", "disable", "enable", "disable-file")


class Directive(Record):
    """One suppression comment; `rules` is None for all rules. `used` records what it silenced."""

    __slots__ = ("action", "rules", "start", "end", "line", "end_line", "target", "used")

    action: str
    rules: frozenset[str] | None
    start: int
    end: int
    line: int
    end_line: int
    target: tuple[int, int]  # the lines it covers (inclusive), set by `resolve`
    used: set[str]

    def __init__(self, action: str, rules: frozenset[str] | None, start: int, end: int, line: int, end_line: int,
                 target: tuple[int, int] = (0, 0), used: set[str] | None = None) -> None:
        self.action = action
        self.rules = rules
        self.start = start
        self.end = end
        self.line = line
        self.end_line = end_line
        self.target = target
        self.used = set() if used is None else used


class Malformed(Record):
    __slots__ = ("start", "end", "problem")

    start: int
    end: int
    problem: str

    def __init__(self, start: int, end: int, problem: str) -> None:
        self.start = start
        self.end = end
        self.problem = problem


def parse(source: str, position) -> tuple[list[Directive], list[Malformed]]:
    """Read every `<!-- copylint: … -->` comment; `position(offset)` gives (line, column)."""
    directives: list[Directive] = []
    malformed: list[Malformed] = []
    if "copylint" not in source:
        return directives, malformed
    for m in _COMMENT_RE.finditer(source):
        body = m.group(1).split(" -- ", 1)[0].strip()
        action, _, rest = body.partition(" ")
        ids = [r.strip() for r in rest.split(",") if r.strip()]
        bad = [r for r in ids if not _ID_RE.match(r)]
        if action not in ACTIONS:
            malformed.append(Malformed(m.start(), m.end(), f"unknown action '{action}' (use {', '.join(ACTIONS)})"))
        elif bad:
            malformed.append(Malformed(m.start(), m.end(), f"'{bad[0]}' is not a rule id"))
        else:
            line, end_line = position(m.start())[0], position(m.end() - 1)[0]
            directives.append(Directive(action, frozenset(ids) or None, m.start(), m.end(), line, end_line))
    return directives, malformed


def resolve(directives: list[Directive], lines: list[str], last_line: int) -> list[Malformed]:
    """Work out the lines each directive covers; an `enable` with no open `disable` is malformed."""
    problems: list[Malformed] = []
    open_ranges: list[Directive] = []
    for d in directives:
        if d.action == "disable-next-line":
            nxt = d.end_line + 1
            while nxt <= len(lines) and not lines[nxt - 1].strip():
                nxt += 1
            d.target = (nxt, nxt)
        elif d.action == "disable-file":
            d.target = (1, last_line)
        elif d.action == "disable":
            d.target = (d.end_line, last_line)
            open_ranges.append(d)
        else:  # enable: closes the matching disable ranges
            closed = [o for o in open_ranges if d.rules is None or o.rules is None or o.rules & d.rules]
            if not closed:
                problems.append(Malformed(d.start, d.end, "`enable` without a matching `disable`"))
            for o in closed:
                o.target = (o.target[0], d.line)
                open_ranges.remove(o)
    return problems


def apply(findings: list[Finding], directives: list[Directive]) -> list[Finding]:
    """Drop the findings a directive covers, and note on each directive what it silenced."""
    active = [d for d in directives if d.action != "enable"]
    kept: list[Finding] = []
    for f in findings:
        covering = [d for d in active if d.target[0] <= f.line <= d.target[1] and (d.rules is None or f.rule in d.rules)]
        for d in covering:
            d.used.add(f.rule)
        if not covering:
            kept.append(f)
    return kept


def unused(directives: list[Directive]) -> list[tuple[Directive, str]]:
    """(directive, what) for every rule a directive names but never silenced."""
    out: list[tuple[Directive, str]] = []
    for d in directives:
        if d.action == "enable":
            continue
        if d.rules is None and not d.used:
            out.append((d, "all rules"))
        for rule in sorted(d.rules or ()):
            if rule not in d.used:
                out.append((d, rule))
    return out
