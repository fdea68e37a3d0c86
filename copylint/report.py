"""Reporters: findings to text or JSON. Pure functions of the findings."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from copylint.finding import Finding


def text(findings: Sequence[Finding], files: int) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}" for f in findings]
    lines.append(summary(findings, files))
    return "\n".join(lines) + "\n"


def summary(findings: Sequence[Finding], files: int) -> str:
    noun = "file" if files == 1 else "files"
    if not findings:
        return f"No problems found in {files} {noun}."
    counts = Counter(f.severity for f in findings)
    parts = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
    problem = "problem" if len(findings) == 1 else "problems"
    return f"Found {len(findings)} {problem} ({parts}) in {files} {noun}."


def as_json(findings: Sequence[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False) + "\n"


FORMATS = ("text", "json")
