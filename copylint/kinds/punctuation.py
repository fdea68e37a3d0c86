"""A comma or full stop against a closing quotation mark, on the side the house style puts it.

American style (AP, Chicago): commas and periods always go inside the closing mark, whatever
they belong to: `"reckless".` → `"reckless."`, safely fixed. British (logical) style: inside only
when they belong to the quotation; that needs judgement, so a fragment with the point inside is
reported without a fix. Only English stories: other languages place them by their own rules."""

from __future__ import annotations

from collections.abc import Iterator

from copylint.document import Document
from copylint.finding import Edit, Fix, Hit
from copylint.kinds.marks import family, marks
from copylint.kinds.options import Option
from copylint.record import Record

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any

OPTIONS = {
    "style": Option("choice", "american", "american (always inside) or british (inside only when it belongs to the quotation).",
                    ("american", "british")),
    "languages": Option("words", ["en"], "Languages whose stories this style applies to."),
}
FIELDS = frozenset({"punct", "why"})
FIX = "safe"
_CLOSERS = frozenset("\"'”’“‘»«")


class Prepared(Record):
    __slots__ = ("style", "languages")

    style: str
    languages: frozenset[str]

    def __init__(self, style: str, languages: frozenset[str]) -> None:
        self.style = style
        self.languages = languages


def prepare(options: dict[str, Any]) -> Prepared:
    return Prepared(options["style"], frozenset(options["languages"]))


def check(doc: Document, p: Prepared) -> Iterator[Hit]:
    if doc.language not in p.languages:
        return
    text = doc.text
    closed_by = {q.close: q for q in doc.quotes}
    for m in marks(doc):
        if m.role != "close" or m.width != 1 or family(m.glyph) == "other":
            continue
        end = m.offset + 1
        if p.style == "american":
            punct = text[end : end + 1]
            if punct not in (".", ",") or text[end + 1 : end + 2] in _CLOSERS or text[end + 1 : end + 2] == punct:
                continue  # not a point, or part of a closing cluster or an ellipsis
            if text[m.offset - 1 : m.offset] in (".", ",", "?", "!", "…"):
                continue  # "Why?". or "no.", : the quotation already ends in punctuation
            fix = Fix((Edit(m.offset, end + 1, punct + m.glyph),), "safe", f"Move {punct} inside the closing mark")
            yield Hit(end, end + 1, {"punct": punct, "why": "American style puts commas and periods inside the closing mark"}, fix)
        else:
            punct = text[m.offset - 1 : m.offset]
            q = closed_by.get(m.offset)
            inner = text[q.open + 1 : m.offset - 1].strip() if q else ""
            if punct in (".", ",") and inner[:1].islower() and len(inner.split()) <= 4:
                yield Hit(m.offset - 1, m.offset, {"punct": punct, "why": "British style puts a point outside a quoted fragment "
                                                   "unless it belongs to the quotation"})
