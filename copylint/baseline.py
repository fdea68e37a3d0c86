"""Baselines for legacy archives: record today's findings, report only new ones tomorrow.

An entry is matched on path, rule and a fingerprint of the text at the finding (its span and a
little context on its line), never on the line number, so it survives edits elsewhere.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from copylint import __version__
from copylint.engine import Report
from copylint.files import write_atomic
from copylint.finding import Finding

CONTEXT = 30


class BaselineError(Exception):
    """An unreadable or invalid baseline file."""


def fingerprint(f: Finding, lines: list[str]) -> str:
    line = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
    end = f.end_column if f.end_line == f.line else len(line) + 1
    context = line[max(0, f.column - 1 - CONTEXT) : end - 1 + CONTEXT]
    key = f"{f.rule}\0{' '.join(context.split())}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _keys(report: Report) -> list[tuple[str, str, str]]:
    """(path, rule, fingerprint) of each finding, in order; each story is split into lines once."""
    lines: dict[str, list[str]] = {}
    keys = []
    for f in report.findings:
        if f.path not in lines:
            lines[f.path] = report.sources.get(f.path, "").splitlines()
        keys.append((Path(f.path).as_posix(), f.rule, fingerprint(f, lines[f.path])))
    return keys


def save_baseline(path: Path, report: Report) -> int:
    keys = sorted(_keys(report))
    entries = [{"path": p, "rule": r, "fingerprint": h} for p, r, h in keys]
    data = {"tool": "copylint", "version": __version__, "format": 1, "entries": entries}
    write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    return len(entries)


def load_baseline(path: Path) -> Counter[tuple[str, str, str]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        entries = data["entries"]
        return Counter((e["path"], e["rule"], e["fingerprint"]) for e in entries)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise BaselineError(f"{path}: not a copylint baseline ({type(exc).__name__}: {exc})") from None


def filter_new(report: Report, known: Counter[tuple[str, str, str]]) -> Report:
    """The report without findings recorded in the baseline (each entry absorbs one finding)."""
    remaining = Counter(known)
    kept: list[Finding] = []
    for f, key in zip(report.findings, _keys(report), strict=True):
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            kept.append(f)
    report.findings = kept
    return report
