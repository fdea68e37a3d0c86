"""A quotation whose two marks do not belong together (`"Hello!'`, `“…"`, `«…"`, `”…”`). The
scanner pairs them so that the story is not reported as unbalanced; a copy editor still wants
them matched: the wrong mark becomes the other's partner in the house style."""

from __future__ import annotations

from collections.abc import Iterator

from copylint.document import Document
from copylint.finding import Edit, Fix, Hit
from copylint.kinds.marks import (
    CURLY,
    FIXED_PAIRS,
    family,
    forms_doubled,
    house_pair,
    majority_style,
    marks,
    mismatched,
    nests_ambiguously,
)
from copylint.kinds.options import NoOptions, no_options

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any

OPTIONS: dict[str, Any] = {}
FIELDS = frozenset({"open", "close", "want"})
FIX = "safe"


prepare = no_options


def check(doc: Document, p: NoOptions) -> Iterator[Hit]:
    wrong = mismatched(doc)
    if not wrong:
        return  # (nearly every story)
    opens = {m.offset: m for m in marks(doc) if m.role == "open" and m.offset in wrong}
    closes = {m.offset + m.width - 1: m for m in marks(doc) if m.role == "close" and m.offset in wrong}  # by last character
    for q in doc.quotes:
        opening, closing = opens.get(q.open), closes.get(q.close)
        if opening is None or closing is None:
            continue
        want_open, want_close = _wanted(opening.glyph, closing.glyph, majority_style(doc), doc.language)
        edits = tuple(Edit(m.offset, m.offset + m.width, w) for m, w in ((opening, want_open), (closing, want_close))
                      if m.glyph != w or m.width != 1)
        ambiguous = nests_ambiguously(want_open, opening) or nests_ambiguously(want_close, closing) or any(
            forms_doubled(doc.text, e.start, e.end - e.start, e.content) for e in edits)
        fix = Fix(edits, "safe", f"Use {want_open}…{want_close}") if edits and not ambiguous else None
        yield Hit(q.open, q.close + 1, {"open": opening.glyph, "close": closing.glyph, "want": f"{want_open}…{want_close}"}, fix)


def _wanted(opening: str, closing: str, style: str | None, language: str) -> tuple[str, str]:
    """The pair the two marks should have been: a guillemet or low mark keeps its own partner;
    otherwise the family of the opening mark, in the house style (or, with no majority, curly
    when either mark is curly)."""
    if opening in FIXED_PAIRS:
        return FIXED_PAIRS[opening]
    if closing in ("»", "«") and family(opening) == "double":
        return ("«", "»") if closing == "»" else ("»", "«")
    fam = family(opening) if family(opening) != "other" else family(closing)
    if fam == "other":
        fam = "double"
    if style is None:
        style = "curly" if opening in CURLY or closing in CURLY else "straight"
    return house_pair(fam, style, language)
