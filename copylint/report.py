"""Reporters: findings to text, JSON, JSON lines, GitHub annotations, SARIF or JUnit XML.

Each is a pure function of the findings (and, for snippets, the stories' text). Columns are
characters (code points) everywhere; SARIF declares it with `columnKind: unicodeCodePoints`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from copylint import __version__
from copylint.finding import Finding
from copylint.rule import Rule

TYPE_CHECKING = False  # pathlib costs a one-story run 3 ms; annotations are never evaluated
if TYPE_CHECKING:
    from pathlib import Path

FORMATS = ("text", "json", "jsonl", "github", "sarif", "junit", "html")
INFORMATION_URI = "https://pypi.org/project/copylint/"
SNIPPET_WIDTH = 100


def text(findings: Sequence[Finding], files: int, sources: dict[str, str] | None = None, fixed: int = 0) -> str:
    """`path:line:col: rule [severity] message` lines; with `sources`, a snippet and carets too."""
    out: list[str] = []
    lines: dict[str, list[str]] = {}  # each story split once, however many findings it has
    for f in findings:
        out.append(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}")
        if sources is not None and f.path in sources:
            if f.path not in lines:
                lines[f.path] = sources[f.path].splitlines()
            out += snippet(lines[f.path], f)
    out.append(summary(findings, files))
    if fixed:
        out.append(f"Fixed {fixed} problem{'s' if fixed != 1 else ''}.")
    return "\n".join(out) + "\n"


def snippet(lines: list[str], f: Finding) -> list[str]:
    """The finding's line (a window of it, for long paragraphs) with carets under the span."""
    if not 0 < f.line <= len(lines):
        return []
    line = lines[f.line - 1]
    start = max(0, f.column - 1 - SNIPPET_WIDTH // 2)
    window = line[start : start + SNIPPET_WIDTH]
    end_col = f.end_column if f.end_line == f.line else len(line) + 1
    width = max(1, min(end_col - f.column, len(window) - (f.column - 1 - start)))
    gutter = " " * len(str(f.line))
    prefix, suffix = ("…" if start else ""), ("…" if start + SNIPPET_WIDTH < len(line) else "")
    return [
        f"{gutter} |",
        f"{f.line} | {prefix}{window}{suffix}",
        f"{gutter} | {' ' * (len(prefix) + f.column - 1 - start)}{'^' * width}",
    ]


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


def as_jsonl(findings: Sequence[Finding]) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in findings)


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def github(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    return "".join(
        f"::{GITHUB_LEVEL[f.severity]} file={_gh_property(f.path)},line={f.line},col={f.column},"
        f"endLine={f.end_line},endColumn={f.end_column},title={_gh_property(f.rule)}::{_gh_data(f.message)}\n"
        for f in findings
    )


SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def repo_root(start: Path | None = None) -> Path:
    """The enclosing Git work tree (SARIF URIs are relative to it), else the current directory."""
    from pathlib import Path  # only SARIF needs it: a plain run does not import pathlib

    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / ".git").exists():
            return d
    return here


def _uri(path: str, root: Path) -> str:
    from pathlib import Path

    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def sarif(findings: Sequence[Finding], rules: Sequence[Rule], root: Path | None = None) -> str:
    """SARIF 2.1.0 for GitHub code scanning, URIs relative to the repository root."""
    root = root or repo_root()
    index = {r.id: k for k, r in enumerate(rules)}
    driver = {
        "name": "copylint",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [
            {
                "id": r.id,
                "name": r.id,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.description or r.summary},
                "help": {"text": r.description or r.summary, "markdown": r.description or r.summary},
                "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]},
            }
            for r in rules
        ],
    }
    results = []
    for f in findings:
        result = {
            "ruleId": f.rule,
            "level": SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path, root), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column},
                }
            }],
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.fix is not None:
            result["fixes"] = [{
                "description": {"text": f.fix.message or "copylint fix"},
                "properties": {"applicability": f.fix.applicability},
                "artifactChanges": [{
                    "artifactLocation": {"uri": _uri(f.path, root), "uriBaseId": "%SRCROOT%"},
                    "replacements": [{
                        "deletedRegion": {"startLine": a, "startColumn": b, "endLine": c, "endColumn": d},
                        "insertedContent": {"text": e.content},
                    } for (a, b, c, d), e in zip(f.fix_positions, f.fix.edits, strict=True)],
                }],
            }]
        results.append(result)
    log = {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def junit(findings: Sequence[Finding], paths: Sequence[str]) -> str:
    """JUnit XML: one test case per story, failing with its findings."""
    from xml.sax.saxutils import escape, quoteattr  # imports urllib: only when asked for

    by_path: dict[str, list[Finding]] = {p: [] for p in paths}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    failures = sum(1 for items in by_path.values() if items)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="copylint" tests="{len(by_path)}" failures="{failures}">',
           f'  <testsuite name="copylint" tests="{len(by_path)}" failures="{failures}">']
    for path, items in by_path.items():
        out.append(f"    <testcase classname={quoteattr(path)} name={quoteattr(path)}>")
        if items:
            lines = "\n".join(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}" for f in items)
            message = f"{len(items)} problem{'s' if len(items) != 1 else ''}"
            out.append(f"      <failure message={quoteattr(message)}>{escape(lines)}</failure>")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"
