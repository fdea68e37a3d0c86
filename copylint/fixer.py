"""Applying fixes: non-overlapping edits per pass, re-linting until nothing changes (ruff's loop).

A story is rewritten only through `write_story`: atomically, in its own encoding, with its BOM
and line endings kept, so that every byte outside the edits stays as it was.
"""

from __future__ import annotations

import codecs
import difflib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from copylint.finding import Edit, Finding

MAX_PASSES = 10


class FixError(Exception):
    """Fixes that do not converge, or a story that cannot be written; the message names it."""


@dataclass
class FixResult:
    text: str
    fixed: int = 0  # findings fixed
    findings: list[Finding] = field(default_factory=list)  # what is left after the last pass
    rules: dict[str, int] = field(default_factory=dict)  # fixes applied, by rule


def select_edits(findings: Sequence[Finding], unsafe: bool) -> tuple[list[Edit], list[Finding]]:
    """The edits of the fixes that can be applied together in one pass: fixes are taken in
    document order and one that overlaps (or inserts at the same place as) an accepted edit waits
    for the next pass. Returns the edits and the findings they fix."""
    taken: list[tuple[int, int]] = []
    edits: list[Edit] = []
    fixed: list[Finding] = []
    candidates = [f for f in findings if f.fix is not None and f.fix.edits and (unsafe or f.fix.applicability == "safe")]
    candidates.sort(key=lambda f: (min(e.start for e in f.fix.edits), f.rule))
    for f in candidates:
        spans = [(e.start, e.end) for e in f.fix.edits]
        if any(_overlap(a, b) for a in spans for b in taken):
            continue
        taken += spans
        edits += f.fix.edits
        fixed.append(f)
    return edits, fixed


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # an insertion collides with anything at or around its point
        return b[0] <= a[0] <= b[1] or a[0] <= b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    for e in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: e.start] + e.content + text[e.end :]
    return text


def fix_text(text: str, lint: Callable[[str], list[Finding]], unsafe: bool = False, path: str = "<text>",
             pairing: Callable[[str], tuple[int, int]] | None = None) -> FixResult:
    """Lint, apply what can be fixed, and repeat until a pass changes nothing.

    A fix must not change how the story's quotation marks pair: `pairing(text)` gives (quotations,
    unpaired marks), and a pass whose edits change it (beyond the quotations an unsafe fix
    deliberately unquotes) is retried fix by fix, keeping only those that leave it intact."""
    pairing = pairing or _plain_pairing
    result = FixResult(text)
    for _ in range(MAX_PASSES):
        findings = lint(result.text)
        edits, fixed = select_edits(findings, unsafe)
        if not edits:
            result.findings = findings
            return result
        before = pairing(result.text)
        candidate = apply_edits(result.text, edits)
        if not _keeps_pairing(before, pairing(candidate), fixed):
            kept: list[Finding] = []  # one fix at a time, each checked together with those kept
            for f in fixed:
                trial = apply_edits(result.text, [e for g in (*kept, f) for e in g.fix.edits])
                if _keeps_pairing(before, pairing(trial), [*kept, f]):
                    kept.append(f)
            if not kept:
                result.findings = findings
                return result
            fixed = kept
            candidate = apply_edits(result.text, [e for f in fixed for e in f.fix.edits])
        result.text = candidate
        result.fixed += len(fixed)
        for f in fixed:
            result.rules[f.rule] = result.rules.get(f.rule, 0) + 1
    rules = ", ".join(sorted(result.rules))
    raise FixError(f"{path}: fixes did not converge after {MAX_PASSES} passes (rules: {rules}); nothing written")


def _plain_pairing(text: str) -> tuple[int, int]:
    from copylint.document import parse

    doc = parse(text)
    return len(doc.quotes), len(doc.stray)


def _keeps_pairing(before: tuple[int, int], after: tuple[int, int], fixed: Sequence[Finding]) -> bool:
    """Same unpaired marks, and no quotation gained or lost but those a fix removes on purpose
    (an unsafe fix deleting both marks of a scare quote)."""
    unquoted = sum(1 for f in fixed if f.fix and len(f.fix.edits) == 2 and all(e.content == "" for e in f.fix.edits))
    return after[1] <= before[1] and before[0] - unquoted <= after[0] <= before[0]


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    out = "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)
    return out


def has_bom(path: str) -> bool:
    """Whether the story starts with a UTF-8 byte-order mark (reading it as text drops it)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8
    except OSError:
        return False


def write_story(path: str, text: str, encoding: str | None, bom: bool) -> None:
    """Atomically replace the story, in its encoding, keeping its BOM; refuse a read-only file."""
    from copylint.files import write_atomic

    if not os.access(path, os.W_OK):
        raise FixError(f"{path}: cannot write the fixes (the file is read-only); nothing written")
    try:
        data = text.encode(encoding or "utf-8")
    except UnicodeEncodeError as exc:
        raise FixError(f"{path}: a fix puts {text[exc.start : exc.end]!r} in a {encoding} story, "
                       f"which cannot hold it; nothing written") from None
    try:
        write_atomic(Path(path), (codecs.BOM_UTF8 if bom else b"") + data)
    except OSError as exc:
        raise FixError(f"{path}: cannot write the fixes: {exc.strerror or exc}; nothing written") from None
