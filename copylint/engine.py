"""The engine: read stories, run every rule on the shared document, collect sorted findings."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from copylint.document import Document, parse
from copylint.finding import Finding, severity_rank
from copylint.kinds import KINDS
from copylint.rule import Rule

STORY_SUFFIXES = (".txt", ".md", ".markdown")


class InputError(Exception):
    """A story that cannot be read; the message names the file."""


@dataclass
class Report:
    """The outcome of a run: findings in stable order, plus input and internal errors."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files: int = 0

    def failed(self, fail_on: str = "warning") -> bool:
        return any(severity_rank(f.severity) >= severity_rank(fail_on) for f in self.findings)


def lint_document(doc: Document, rules: Iterable[Rule]) -> list[Finding]:
    """Every rule's findings on one parsed document, sorted by position then rule."""
    findings: list[Finding] = []
    for rule in rules:
        for hit in KINDS[rule.kind].check(doc, rule.prepared):
            line, col = doc.position(hit.start)
            end_line, end_col = doc.position(max(hit.end, hit.start + 1))
            message = rule.message.format_map(hit.args)
            findings.append(Finding(doc.path, line, col, end_line, end_col, rule.id, rule.severity, message))
    findings.sort()
    return findings


def lint_text(text: str, rules: Iterable[Rule], path: str = "<text>") -> list[Finding]:
    return lint_document(parse(text, path), rules)


def decode(data: bytes, path: str) -> str:
    """Decode a story as UTF-8 (a BOM is dropped); name the byte offset of invalid input."""
    if b"\0" in data:
        raise InputError(f"{path}: binary file (contains NUL bytes), skipped")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 at byte {exc.start}") from None


def collect(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """Expand directories (recursively, story suffixes only); return (files, errors)."""
    files: list[str] = []
    errors: list[str] = []
    for p in paths:
        if p == "-":
            files.append(p)
        elif os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(os.path.join(root, n) for n in sorted(names) if n.endswith(STORY_SUFFIXES))
        elif os.path.exists(p):
            files.append(p)
        else:
            errors.append(f"{p}: no such file or directory")
    return files, errors


def read(path: str, stdin: bytes | None = None) -> str:
    if path == "-":
        return decode(stdin or b"", "-")
    try:
        return decode(Path(path).read_bytes(), path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def lint_paths(paths: Sequence[str], rules: Sequence[Rule], stdin: bytes | None = None) -> Report:
    """Lint files and directories; unreadable input is reported and the rest still linted."""
    files, errors = collect(paths)
    report = Report(errors=errors)
    for path in files:
        try:
            text = read(path, stdin)
        except InputError as exc:
            report.errors.append(str(exc))
            continue
        report.files += 1
        report.findings.extend(lint_text(text, rules, path))
    report.findings.sort()
    return report
