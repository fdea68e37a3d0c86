"""Spaces around quotation marks, and two single marks typed for one double mark.

A space just inside a mark (`“ Il Trovatore “`), a mark glued to the word outside it
(`said"We`, `deal"Reuters`), and `’’`/`‘‘`/`''`/`,,` for `”`/`“`/`"`/`„`. Guillemets are left
alone: French sets them off with (narrow) spaces by rule."""

from __future__ import annotations

from collections.abc import Iterator

from copylint.document import Document
from copylint.finding import Edit, Fix, Hit
from copylint.kinds.marks import family, marks
from copylint.kinds.options import NoOptions, no_options

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any

OPTIONS: dict[str, Any] = {}
FIELDS = frozenset({"problem"})
FIX = "safe"
_MARKS = tuple("\"'“”‘’„‚«»")  # a space between two marks, or at a line's edge, is not inside a quotation


prepare = no_options


def check(doc: Document, p: NoOptions) -> Iterator[Hit]:
    text = doc.text
    for m in marks(doc):
        if family(m.glyph) == "other" and m.width == 1:
            continue
        if m.width == 2:
            yield Hit(m.offset, m.offset + 2, {"problem": f"two single marks {text[m.offset:m.offset + 2]} typed for {m.glyph}"},
                      Fix((Edit(m.offset, m.offset + 2, m.glyph),), "safe", f"Replace with {m.glyph}"))
            continue
        end = m.offset + 1
        if m.role in ("open", "reopen"):
            gap = _spaces(text, end, +1)
            if gap and text[end + gap : end + gap + 1] not in ("", "\n", "\r", *_MARKS):
                yield Hit(m.offset, end, {"problem": f"space after the opening mark {m.glyph}"},
                          Fix((Edit(end, end + gap, ""),), "safe", "Remove the space"))
            if m.offset > 0 and text[m.offset - 1].isalnum():
                yield Hit(m.offset, end, {"problem": f"no space before the opening mark {m.glyph}"},
                          Fix((Edit(m.offset, m.offset, " "),), "safe", "Insert a space"))
        else:
            gap = _spaces(text, m.offset, -1)
            if gap and m.offset - gap > 0 and text[m.offset - gap - 1] not in ("\n", "\r", *_MARKS):
                yield Hit(m.offset, end, {"problem": f"space before the closing mark {m.glyph}"},
                          Fix((Edit(m.offset - gap, m.offset, ""),), "safe", "Remove the space"))
            if end < len(text) and text[end].isalnum():
                yield Hit(m.offset, end, {"problem": f"no space after the closing mark {m.glyph}"},
                          Fix((Edit(end, end, " "),), "safe", "Insert a space"))


def _spaces(text: str, at: int, step: int) -> int:
    """How many spaces (not line breaks) run from `at` forwards (step 1) or back from `at`."""
    n = 0
    i = at if step > 0 else at - 1
    while 0 <= i < len(text) and text[i] in " \t\u00a0":
        n += 1
        i += step
    return n
