"""Quotation marks and apostrophes in the house's glyphs: curly or straight (or the story's own
majority). Straight marks become curly in the direction the scanner already decided; primes and
inch marks (5'7", a 12" pizza) are not quotation marks and are never touched."""

from __future__ import annotations

from collections.abc import Iterator

from copylint import regexes
from copylint.document import Document
from copylint.finding import Edit, Fix, Hit
from copylint.kinds.marks import (
    CURLY,
    STRAIGHT,
    family,
    forms_doubled,
    house_pair,
    majority_style,
    marks,
    mismatched,
    nests_ambiguously,
)
from copylint.kinds.options import Option
from copylint.record import Record

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any

OPTIONS = {
    "style": Option("choice", "consistent", "curly, straight, or consistent (the story's majority style wins).",
                    ("curly", "straight", "consistent")),
    "apostrophes": Option("bool", True, "Also report apostrophes in the other style (don't / don’t)."),
}
FIELDS = frozenset({"mark", "want", "what"})
FIX = "safe"

# An apostrophe: inside a word (don't, O'Brien), before a decade ('90s), or after a plural s
# (the students' union). A mark after a digit is a prime (5'7") and is left alone.
_APOSTROPHE_RE = regexes.compile(r"['’]")
_AFTER_DECADE_RE = regexes.compile(r"\d\ds?\b")


def _is_apostrophe(text: str, at: int) -> bool:
    before, after = text[at - 1 : at], text[at + 1 : at + 2]
    if before.isalpha() and after.isalpha():
        return True  # don't, O'Brien
    if not (before.isalnum() or before in ("'", "’")) and _AFTER_DECADE_RE.match(text, at + 1):
        return True  # '90s
    return before in ("s", "S") and (after == "" or after.isspace() or after in ".,;:!?)")  # students'


class Prepared(Record):
    __slots__ = ("style", "apostrophes")

    style: str
    apostrophes: bool

    def __init__(self, style: str, apostrophes: bool) -> None:
        self.style = style
        self.apostrophes = apostrophes


def prepare(options: dict[str, Any]) -> Prepared:
    return Prepared(options["style"], options["apostrophes"])


def check(doc: Document, p: Prepared) -> Iterator[Hit]:
    style = majority_style(doc) if p.style == "consistent" else p.style
    if style is None:
        return
    quote_offsets: set[int] = set()
    skip = mismatched(doc)
    for m in marks(doc):
        quote_offsets.update(range(m.offset, m.offset + m.width))
        fam = family(m.glyph)
        if fam == "other" or m.width != 1 or m.opener in "„‚" and style == "curly" or m.offset in skip:
            continue  # guillemets, „ ‚ and corner marks are every house's; doubled marks: quote-spacing
        if style == "straight" and m.opener in "„‚":
            continue  # German (and others') low-opening pairs are not the straight/curly question
        wrong = m.glyph in STRAIGHT if style == "curly" else m.glyph in CURLY
        if wrong:
            if style == "curly" and fam == "double" and family(m.parent_opener) == "double":
                fam = "single"  # a quotation inside a double quotation alternates: “… ‘reckless’ …”
            opening, closing = house_pair(fam, style, doc.language)
            want = closing if m.role == "close" else opening
            if not nests_ambiguously(want, m) and not forms_doubled(doc.text, m.offset, 1, want):
                yield _hit(m.offset, m.glyph, want, "quotation mark", style)
    if p.apostrophes:
        wrong, want = ("'", "’") if style == "curly" else ("’", "'")
        text = doc.text
        at = text.find(wrong)
        while at >= 0:  # only where the wrong glyph is (most stories have none): no regex over the whole story
            if at not in quote_offsets and _APOSTROPHE_RE.match(text, at) and _is_apostrophe(text, at):
                yield _hit(at, wrong, want, "apostrophe", style)
            at = text.find(wrong, at + 1)


def _hit(offset: int, mark: str, want: str, what: str, style: str) -> Hit:
    fix = Fix((Edit(offset, offset + 1, want),), "safe", f"Replace {mark} with {want}")
    return Hit(offset, offset + 1, {"mark": mark, "want": want, "what": f"{style} {what}"}, fix)
