"""What the typography kinds share: every quotation mark the scanner paired, its role, and the
story's majority style (curly or straight)."""

from __future__ import annotations

from collections import Counter

from copylint.document import Document
from copylint.quotes import DOUBLED  # two single marks typed for one double mark
from copylint.record import Record

STRAIGHT = frozenset("\"'＂")
CURLY = frozenset("“”‘’„‚‛‟«»‹›″")
# The marks a curly house uses for a straight mark, by language (German opens low).
CURLY_PAIRS = {"double": {"de": ("„", "“")}, "single": {"de": ("‚", "‘")}}
DEFAULT_CURLY = {"double": ("“", "”"), "single": ("‘", "’")}
STRAIGHT_PAIRS = {"double": ('"', '"'), "single": ("'", "'")}
FIXED_PAIRS = {"«": ("«", "»"), "»": ("»", "«"), "‹": ("‹", "›"), "›": ("›", "‹"), "„": ("„", "“"), "‚": ("‚", "‘"),
               "「": ("「", "」"), "『": ("『", "』")}
# Pairs that belong together: the house pairs and every language's own.
PARTNERS = frozenset({('"', '"'), ("“", "”"), ("‘", "’"), ("'", "'"), ("«", "»"), ("»", "«"), ("„", "“"), ("„", "”"),
                      ("‚", "‘"), ("‚", "’"), ("‹", "›"), ("›", "‹"), ("「", "」"), ("『", "』"), ("＂", "＂")})
SAME_GLYPH_LANGUAGES = frozenset({"sv", "fi"})  # ”…” is their own style
DOUBLE_GLYPHS = frozenset('"＂“”‟″')
SINGLE_GLYPHS = frozenset("'‘’‛")


class Mark(Record):
    __slots__ = ("offset", "width", "glyph", "role", "opener", "level", "parent_opener")

    offset: int
    width: int  # 2 for doubled marks (’’)
    glyph: str  # what the mark stands for (” for ’’)
    role: str  # open, close or reopen
    opener: str  # the glyph that opened its quotation
    level: int  # nesting level of its quotation
    parent_opener: str  # the glyph that opened the enclosing quotation, if any

    def __init__(self, offset: int, width: int, glyph: str, role: str, opener: str, level: int = 0,
                 parent_opener: str = "") -> None:
        self.offset = offset
        self.width = width
        self.glyph = glyph
        self.role = role
        self.opener = opener
        self.level = level
        self.parent_opener = parent_opener


def marks(doc: Document) -> list[Mark]:
    """Every paired quotation mark of the story, in order (built once per document)."""
    built = doc.derived.get("marks")
    if built is not None:
        return built
    text, out = doc.text, []
    closes = {q.close for q in doc.quotes}
    for q in doc.quotes:
        parent = doc.quote_at.get(q.parent)
        around = text[parent.open] if parent else ""
        pair = text[q.open : q.open + 2]
        opening = Mark(q.open, 2, DOUBLED[pair], "open", DOUBLED[pair], q.level, around) if pair in DOUBLED else \
            Mark(q.open, 1, text[q.open], "open", text[q.open], q.level, around)
        out.append(opening)
        out += [Mark(r, 1, text[r], "reopen", opening.glyph, q.level, around) for r in q.reopen]
        pair = text[q.close - 1 : q.close + 1]
        if pair in ("’’", "''") and q.close - 1 > q.open + opening.width - 1 and q.close - 1 not in closes:
            out.append(Mark(q.close - 1, 2, DOUBLED[pair], "close", opening.glyph, q.level, around))
        else:
            out.append(Mark(q.close, 1, text[q.close], "close", opening.glyph, q.level, around))
    out.sort(key=lambda m: m.offset)
    if doc.layout is not None:  # marks the HTML reader made for <q> are the page's, typed by no one
        out = [m for m in out if doc.source[doc.layout.source_offset(m.offset)] == text[m.offset]]
    doc.derived["marks"] = out
    return out


def mismatched(doc: Document) -> set[int]:
    """Offsets of the marks of every quotation whose two marks do not belong together (the
    mismatched-quotes rule's business, so the glyph rule leaves them to it)."""
    built = doc.derived.get("mismatched")
    if built is not None:
        return built
    opens = {m.offset: m for m in marks(doc) if m.role == "open"}
    closes = {m.offset + m.width - 1: m for m in marks(doc) if m.role == "close"}
    out: set[int] = set()
    for q in doc.quotes:
        o, c = opens.get(q.open), closes.get(q.close)
        if o and c and (o.glyph, c.glyph) not in PARTNERS and not ((o.glyph, c.glyph) == ("”", "”") and doc.language in SAME_GLYPH_LANGUAGES):
            out |= {o.offset, c.offset}
    doc.derived["mismatched"] = out
    return out


def family(glyph: str) -> str:
    return "double" if glyph in DOUBLE_GLYPHS else "single" if glyph in SINGLE_GLYPHS else "other"


def majority_style(doc: Document) -> str | None:
    """curly or straight, by the story's quotation marks (a tie, or no marks: None)."""
    built = doc.derived.get("majority_style", "")
    if built != "":
        return built
    found = marks(doc)
    counts = Counter("straight" if m.glyph in STRAIGHT else "curly" for m in found if family(m.glyph) != "other") \
        if found else {}
    style = None if counts.get("curly", 0) == counts.get("straight", 0) else max(counts, key=counts.__getitem__)
    doc.derived["majority_style"] = style
    return style


def nests_ambiguously(glyph: str, m: Mark) -> bool:
    """A straight `glyph` for a mark inside a quotation opened with that same straight glyph:
    `'a 'b' c'` cannot be paired again, so such a mark is left as it is."""
    return glyph in STRAIGHT and glyph == m.parent_opener


def forms_doubled(text: str, offset: int, width: int, new: str) -> bool:
    """Would putting `new` at `offset` make two marks side by side that read as one double mark
    (‘’, ’’, ‘‘, '')? Then the edit would change how the story pairs, and is not made."""
    return (text[offset - 1 : offset] + new) in DOUBLED or (new + text[offset + width : offset + width + 1]) in DOUBLED


def house_pair(fam: str, style: str, language: str) -> tuple[str, str]:
    """The opening and closing glyph of `fam` (double, single) in a curly or straight house."""
    if style == "straight":
        return STRAIGHT_PAIRS[fam]
    return CURLY_PAIRS[fam].get(language, DEFAULT_CURLY[fam])
