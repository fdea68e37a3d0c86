"""What the typography kinds share: every quotation mark the scanner paired, its role, and the
story's majority style (curly or straight)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from copylint.document import Document

STRAIGHT = frozenset("\"'＂")
CURLY = frozenset("“”‘’„‚‛‟«»‹›″")
# Two single marks typed for one double mark, and the double mark they stand for.
DOUBLED = {"‘‘": "“", "‘’": "“", "’’": "”", "''": '"', ",,": "„"}
# The marks a curly house uses for a straight mark, by language (German opens low).
CURLY_PAIRS = {"double": {"de": ("„", "“")}, "single": {"de": ("‚", "‘")}}
DEFAULT_CURLY = {"double": ("“", "”"), "single": ("‘", "’")}
STRAIGHT_PAIRS = {"double": ('"', '"'), "single": ("'", "'")}
FIXED_PAIRS = {"«": ("«", "»"), "»": ("»", "«"), "‹": ("‹", "›"), "›": ("›", "‹"), "„": ("„", "“"), "‚": ("‚", "‘"),
               "「": ("「", "」"), "『": ("『", "』")}
DOUBLE_GLYPHS = frozenset('"＂“”‟″')
SINGLE_GLYPHS = frozenset("'‘’‛")


@dataclass(frozen=True, slots=True)
class Mark:
    offset: int
    width: int  # 2 for doubled marks (’’)
    glyph: str  # what the mark stands for (” for ’’)
    role: str  # open, close or reopen
    opener: str  # the glyph that opened its quotation


def marks(doc: Document) -> list[Mark]:
    """Every paired quotation mark of the story, in order (built once per document)."""
    built = doc.derived.get("marks")
    if built is not None:
        return built
    text, out = doc.text, []
    for q in doc.quotes:
        pair = text[q.open : q.open + 2]
        opening = Mark(q.open, 2, DOUBLED[pair], "open", DOUBLED[pair]) if pair in DOUBLED else \
            Mark(q.open, 1, text[q.open], "open", text[q.open])
        out.append(opening)
        out += [Mark(r, 1, text[r], "reopen", opening.glyph) for r in q.reopen]
        pair = text[q.close - 1 : q.close + 1]
        if pair in ("’’", "''") and q.close - 1 > q.open + opening.width - 1:
            out.append(Mark(q.close - 1, 2, DOUBLED[pair], "close", opening.glyph))
        else:
            out.append(Mark(q.close, 1, text[q.close], "close", opening.glyph))
    out.sort(key=lambda m: m.offset)
    if doc.layout is not None:  # marks the HTML reader made for <q> are the page's, typed by no one
        out = [m for m in out if doc.source[doc.layout.source_offset(m.offset)] == text[m.offset]]
    doc.derived["marks"] = out
    return out


def family(glyph: str) -> str:
    return "double" if glyph in DOUBLE_GLYPHS else "single" if glyph in SINGLE_GLYPHS else "other"


def majority_style(doc: Document) -> str | None:
    """curly or straight, by the story's quotation marks (a tie, or no marks: None)."""
    built = doc.derived.get("majority_style", "")
    if built != "":
        return built
    counts = Counter("straight" if m.glyph in STRAIGHT else "curly" for m in marks(doc) if family(m.glyph) != "other")
    style = None if counts["curly"] == counts["straight"] else max(counts, key=counts.__getitem__)
    doc.derived["majority_style"] = style
    return style


def house_pair(fam: str, style: str, language: str) -> tuple[str, str]:
    """The opening and closing glyph of `fam` (double, single) in a curly or straight house."""
    if style == "straight":
        return STRAIGHT_PAIRS[fam]
    return CURLY_PAIRS[fam].get(language, DEFAULT_CURLY[fam])
