"""Findings: what a rule reports, with its exact place in the story."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `start:end` with `content` (an insertion when start == end). Offsets are into the
    document's prose in a Hit, and into the story's source (without a BOM) in a Finding."""

    start: int
    end: int
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits that correct one finding together. `safe` fixes are applied by --fix; `unsafe` ones
    (which may change meaning) only with --unsafe-fixes."""

    edits: tuple[Edit, ...]
    applicability: str = "safe"
    message: str = ""


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check kind yields: a span of the document, the fields its message may use, and
    optionally a fix."""

    start: int
    end: int
    args: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """A located problem. Lines and columns are 1-based, columns count characters, end is exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: str
    message: str
    language: str = field(default="", compare=False)  # the story's language (see copylint.language)
    fix: Fix | None = field(default=None, compare=False)  # edits into the story's source
    fix_positions: tuple[tuple[int, int, int, int], ...] = field(default=(), compare=False)  # (line, col, end_line, end_col) per edit

    def to_dict(self) -> dict[str, Any]:
        out = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }
        if self.language:
            out["language"] = self.language
        if self.fix is not None:
            out["fix"] = {
                "applicability": self.fix.applicability, "message": self.fix.message,
                "edits": [{"line": a, "column": b, "end_line": c, "end_column": d, "content": e.content}
                          for (a, b, c, d), e in zip(self.fix_positions, self.fix.edits, strict=True)],
            }
        return out
