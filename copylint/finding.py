"""Findings: what a rule reports, with its exact place in the story."""

from __future__ import annotations

from copylint.record import Record

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


class Edit(Record):
    """Replace `start:end` with `content` (an insertion when start == end). Offsets are into the
    document's prose in a Hit, and into the story's source (without a BOM) in a Finding."""

    __slots__ = ("start", "end", "content")

    start: int
    end: int
    content: str

    def __init__(self, start: int, end: int, content: str) -> None:
        self.start = start
        self.end = end
        self.content = content


class Fix(Record):
    """Edits that correct one finding together. `safe` fixes are applied by --fix; `unsafe` ones
    (which may change meaning) only with --unsafe-fixes."""

    __slots__ = ("edits", "applicability", "message")

    edits: tuple[Edit, ...]
    applicability: str
    message: str

    def __init__(self, edits: tuple[Edit, ...], applicability: str = "safe", message: str = "") -> None:
        self.edits = edits
        self.applicability = applicability
        self.message = message


class Hit(Record):
    """What a check kind yields: a span of the document, the fields its message may use, and
    optionally a fix."""

    __slots__ = ("start", "end", "args", "fix")

    start: int
    end: int
    args: dict[str, Any]
    fix: Fix | None

    def __init__(self, start: int, end: int, args: dict[str, Any] | None = None, fix: Fix | None = None) -> None:
        self.start = start
        self.end = end
        self.args = {} if args is None else args
        self.fix = fix


class Finding(Record):
    """A located problem. Lines and columns are 1-based, columns count characters, end is exclusive."""

    __slots__ = ("path", "line", "column", "end_line", "end_column", "rule", "severity", "message", "language",
                 "fix", "fix_positions")

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: str
    message: str
    language: str  # the story's language (see copylint.language)
    fix: Fix | None  # edits into the story's source
    fix_positions: tuple[tuple[int, int, int, int], ...]  # (line, col, end_line, end_col) per edit

    def __init__(self, path: str, line: int, column: int, end_line: int, end_column: int, rule: str, severity: str,
                 message: str, language: str = "", fix: Fix | None = None,
                 fix_positions: tuple[tuple[int, int, int, int], ...] = ()) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.rule = rule
        self.severity = severity
        self.message = message
        self.language = language
        self.fix = fix
        self.fix_positions = fix_positions

    # Findings sort and compare by where they are and what they say; the language and the fix
    # only accompany them.
    def _values(self) -> tuple:
        return (self.path, self.line, self.column, self.end_line, self.end_column, self.rule, self.severity, self.message)

    def __lt__(self, other: Finding) -> bool:
        return self._values() < other._values()

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
