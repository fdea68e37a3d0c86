"""Suppression comments that silence nothing, or cannot be read.

These depend on the other rules' findings, so the engine reports them after every other rule
has run (see `copylint.suppression`); `check` itself finds nothing in the text.
"""

from __future__ import annotations

from collections.abc import Iterator

from copylint.document import Document
from copylint.finding import Hit
from copylint.kinds.options import Option

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any

OPTIONS = {
    "report": Option("choice", "unused", "Which directives to report: unused (silence nothing) or malformed.", ("unused", "malformed")),
}
FIELDS = frozenset({"directive", "problem"})


def prepare(options: dict[str, Any]) -> str:
    return options["report"]


def check(doc: Document, prepared: str) -> Iterator[Hit]:
    return iter(())
