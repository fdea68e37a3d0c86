"""A story's prose as markup formats see it: text blocks with roles, mapped back to the source.

Markdown and HTML adapters build a Layout: the prose of each block (heading, paragraph, caption,
blockquote …) joined by blank lines, plus a map from every character back to its offset in the
source file, so that findings point at the original line and column. Plain text needs none.
"""

from __future__ import annotations

import bisect

from copylint.record import Record

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any


class Layout(Record):
    __slots__ = ("text", "origins", "sources", "roles", "meta", "body_start")

    text: str
    origins: tuple[int, ...]  # where each mapped segment starts in `text` …
    sources: tuple[int, ...]  # … and where that segment starts in the source
    roles: tuple[str, ...]  # one role per block (= paragraph of `text`)
    meta: dict[str, Any]  # front matter
    body_start: int  # source offset where the body starts (after front matter): fixes never edit before it

    def __init__(self, text: str, origins: tuple[int, ...], sources: tuple[int, ...], roles: tuple[str, ...],
                 meta: dict[str, Any] | None = None, body_start: int = 0) -> None:
        self.text = text
        self.origins = origins
        self.sources = sources
        self.roles = roles
        self.meta = {} if meta is None else meta
        self.body_start = body_start

    def source_offset(self, offset: int) -> int:
        k = bisect.bisect_right(self.origins, offset) - 1
        return self.sources[k] + (offset - self.origins[k]) if k >= 0 else 0


class LayoutBuilder:
    """Collects blocks of prose; each added piece maps onto a run of the source."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.origins: list[int] = []
        self.sources: list[int] = []
        self.roles: list[str] = []
        self.length = 0
        self.block: list[tuple[str, int, bool]] | None = None
        self.role = "body"

    def start(self, role: str) -> None:
        self.end()
        self.block, self.role = [], role

    def add(self, text: str, source_offset: int) -> None:
        """Text copied from the source at `source_offset` (one character per character)."""
        if self.block is not None and text:
            self.block.append((text, source_offset, True))

    def add_synthetic(self, text: str, source_offset: int) -> None:
        """Text that is not in the source (a decoded entity, <q>'s marks): all of it maps to one spot."""
        if self.block is not None and text:
            self.block.append((text, source_offset, False))

    def end(self) -> None:
        block, self.block = self.block, None
        if not block or not "".join(t for t, _, _ in block).strip():
            return
        if self.roles:
            self._emit("\n\n", block[0][1], False)
        for text, source, linear in block:
            self._emit(text.replace("\r", " ").replace("\n", " ") if not linear else _one_paragraph(text), source, linear)
        self.roles.append(self.role)

    def _emit(self, text: str, source: int, linear: bool) -> None:
        if linear:
            self.origins.append(self.length)
            self.sources.append(source)
        else:
            for k in range(len(text)):
                self.origins.append(self.length + k)
                self.sources.append(source)
        self.parts.append(text)
        self.length += len(text)

    def build(self, meta: dict[str, Any] | None = None, body_start: int = 0) -> Layout:
        self.end()
        return Layout("".join(self.parts), tuple(self.origins), tuple(self.sources), tuple(self.roles), meta or {}, body_start)


def _one_paragraph(text: str) -> str:
    """A block must stay one paragraph: blank lines inside it become spaces (same length)."""
    if "\n" not in text and "\r" not in text:
        return text
    lines = text.splitlines(keepends=True)
    return "".join(" " * len(line) if not line.strip() else line for line in lines)
