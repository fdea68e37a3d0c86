"""The document model: a story parsed once and shared read-only by every rule kind."""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from copylint import regexes
from copylint.language import detect, normalise
from copylint.layout import Layout
from copylint.quotes import FAMILY, Quote, StrayMark, scan
from copylint.record import Record

_NEWLINE_RE = regexes.compile(r"\r\n|\r|\n")
_LINE_RUN_RE = regexes.compile(r"[^\r\n]+")
_BLANK_LINES_RE = regexes.compile(r"(?:\r\n|\r|\n)(?:[^\S\r\n]*(?:\r\n|\r|\n))+")
# The same for text without \r (most files): a pattern that opens with one character is searched
# for with a tight loop, one that opens with a choice of two tests each character against a set.
_BLANK_LF_LINES_RE = regexes.compile(r"\n(?:[^\S\n]*\n)+")
_COMMENT_RE = regexes.compile(r"<!--.*?-->", re.DOTALL)
# A sentence ends at . ! ? (plus closing marks) before whitespace and a capital, digit or opener.
# German „…“ closes with “, which right after a full stop can only be a closing mark.
_BOUNDARY_RE = regexes.compile(r"[.!?…]+[\"'”’»“)\]]*(?=\s+[\"'“‘«„‚(\[]?[A-Z0-9ÀÁÂÄÇÉÈÊÍÓÔÖÚÜÑ¿¡])")
_LAST_WORD_RE = regexes.compile(r"[\w.’'-]+$")
# Abbreviations after which a full stop does not end a sentence (titles, months, states, U.S.).
_ABBREVIATIONS = frozenset(
    """Mr Mrs Ms Mx Dr Prof Sen Rep Gov Gen Lt Col Maj Capt Cmdr Adm Sgt Cpl Pvt Rev Fr Sr Jr St Hon
    Pres Supt Insp Det Atty Amb Mt Ft Ave Blvd Rd Co Corp Inc Ltd Bros Dept Univ No Nos Vol vs v
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind
    Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Vt Va Wash Wis Wyo approx est
    fig e.g i.e cf al""".split()
)
_INITIALISM_RE = regexes.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$|^[A-Z]$")
_BREADCRUMB_RE = regexes.compile(r"\S\s+[›»>|/]\s+\S.*\S\s+[›»>|/]\s+\S|\s›\s")
_DATE_HEADING_RE = regexes.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|\d{4}-\d\d-\d\d)\.?$"
)
# A photo caption ends in a credit, (Xinhua/Sadat), (AP Photo/Jane Doe), "Image: Name.", or opens with one.
_CAPTION_START_RE = regexes.compile(r"(?:Image|Photo|Picture|Caption|File photo)s?:\s")
_CAPTION_END_RE = regexes.compile(
    r"\((?:[^()]*/[^()]*|[^()]*\bPhoto\b[^()]*)\)\s*$|(?:^|[.!?]\s+)(?:Image|Photo|Picture|Credit)s?:\s[^.]{1,80}\.?$"
)

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any
_BYLINE_RE = regexes.compile(r"^(?:By|BY|Reporting by|Written by)\s+[A-Z][^.!?]{0,80}$")
_HEADLINE_END = set('.:;,"”')


class Span(Record):
    __slots__ = ("start", "end")

    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end


class Paragraph(Record):
    """A block of text between blank lines; hard-wrapped lines belong to one paragraph.

    `role` is body, headline, breadcrumb, dateheading, caption or byline (read from plain text),
    or standfirst, subhead, blockquote or table (given by Markdown and HTML layouts). Its
    sentences are split when first asked for: the rules read the sentences around quotations
    only, and most paragraphs of a story hold none."""

    __slots__ = ("index", "start", "end", "role", "_text", "_quoted", "_sentences", "_starts")

    index: int
    start: int
    end: int
    role: str

    def __init__(self, index: int, start: int, end: int, role: str, text: str, quoted: list[tuple[int, int]]) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.role = role
        self._text = text  # the document's text, and the quotations inside this paragraph
        self._quoted = quoted
        self._sentences: tuple[Span, ...] | None = None
        self._starts: tuple[int, ...] = ()

    @property
    def sentences(self) -> tuple[Span, ...]:
        if self._sentences is None:
            self._split()
        return self._sentences  # type: ignore[return-value]

    @property
    def sentence_starts(self) -> tuple[int, ...]:
        if self._sentences is None:
            self._split()
        return self._starts

    def _split(self) -> None:
        self._sentences = split_sentences(self._text, self.start, self.end, self._quoted)
        self._starts = tuple(x.start for x in self._sentences)

    def _values(self) -> tuple:
        return (self.index, self.start, self.end, self.role, self.sentences)


class Document(Record):
    """A parsed story. For plain text, `text` is the source with HTML comments blanked out (same
    offsets); for Markdown and HTML it is the prose of the layout, mapped back by `position`."""

    __slots__ = ("path", "source", "text", "_line_starts", "paragraphs", "quotes", "stray", "paragraph_starts",
                 "narrative", "quote_at", "layout", "meta", "language", "continued", "derived")

    path: str
    source: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    quotes: tuple[Quote, ...]
    stray: tuple[StrayMark, ...]
    paragraph_starts: tuple[int, ...]
    narrative: str  # `text` with every outermost quotation (marks included) blanked out
    quote_at: dict[int, Quote]  # each quotation by the offset of its opening mark
    layout: Layout | None  # for Markdown and HTML: maps `text` back to `source`
    meta: dict[str, Any]  # front matter
    language: str  # ISO 639-1 code: configured, from metadata, or detected (copylint.language)
    continued: bool  # a later section of a long story: its start is not the story's (no dateline)
    # Derived views built on first use and shared by the rules that read them (see kinds.context).
    derived: dict[str, Any]

    def __init__(self, path: str, source: str, text: str, line_starts: tuple[int, ...] | None,
                 paragraphs: tuple[Paragraph, ...], quotes: tuple[Quote, ...], stray: tuple[StrayMark, ...],
                 paragraph_starts: tuple[int, ...], narrative: str, quote_at: dict[int, Quote],
                 layout: Layout | None = None, meta: dict[str, Any] | None = None, language: str = "en",
                 continued: bool = False) -> None:
        self.path = path
        self.source = source
        self.text = text
        self._line_starts = line_starts  # None: found when first needed (a story with no findings never is)
        self.paragraphs = paragraphs
        self.quotes = quotes
        self.stray = stray
        self.paragraph_starts = paragraph_starts
        self.narrative = narrative
        self.quote_at = quote_at
        self.layout = layout
        self.meta = {} if meta is None else meta
        self.language = language
        self.continued = continued
        self.derived = {}

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the source file of an offset into `text`."""
        if self.layout is not None:
            offset = self.layout.source_offset(offset)
        return self.source_position(offset)

    @property
    def line_starts(self) -> tuple[int, ...]:
        """Where each line of `source` starts."""
        if self._line_starts is None:
            self._line_starts = line_starts(self.source)
        return self._line_starts

    def source_position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset into `source`; columns count code points."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    @property
    def body(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.role == "body")

    def paragraph_at(self, offset: int) -> Paragraph:
        return self.paragraphs[max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)]

    def sentence_at(self, offset: int) -> tuple[Paragraph, int]:
        """The paragraph holding `offset` and the index of its sentence there."""
        para = self.paragraph_at(offset)
        return para, max(0, bisect.bisect_right(para.sentence_starts, offset) - 1)


def mask_comments(source: str) -> str:
    """Blank out HTML comments, keeping newlines so that every offset stays where it was."""
    if "<!--" not in source:
        return source
    return _COMMENT_RE.sub(lambda m: blanked(m.group()), source)


def blanked(text: str) -> str:
    """`text` with every character but line breaks turned into a space (a run of characters at
    a time: one substitution per character costs five times as much on hard-wrapped copy)."""
    return _LINE_RUN_RE.sub(lambda m: " " * (m.end() - m.start()), text)


def line_starts(text: str) -> tuple[int, ...]:
    if "\r" in text:
        return (0, *(m.end() for m in _NEWLINE_RE.finditer(text)))
    # Only \n breaks (most files): the lines' lengths give their starts, without a match object each.
    return tuple(accumulate([len(line) + 1 for line in text.split("\n")[:-1]], initial=0))


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of non-blank lines, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    pos = 0
    blank_lines = _BLANK_LINES_RE if "\r" in text else _BLANK_LF_LINES_RE
    for m in (*blank_lines.finditer(text), None):
        cut = m.start() if m else len(text)
        if pos < cut and not text[pos].isspace() and not text[cut - 1].isspace():
            spans.append((pos, cut))  # the usual paragraph, nothing to trim: no copies made
        else:
            chunk = text[pos:cut]
            stripped = chunk.strip()
            if stripped:
                first = pos + len(chunk) - len(chunk.lstrip())
                spans.append((first, first + len(stripped)))
        pos = m.end() if m else cut
    return spans


def _is_boundary(text: str, start: int, punct_start: int) -> bool:
    if text[punct_start] != ".":
        return True
    word = _LAST_WORD_RE.search(text, max(start, punct_start - 40), punct_start)
    if word is None:
        return True
    token = word.group().strip("'’-").rstrip(".")
    return not (token in _ABBREVIATIONS or _INITIALISM_RE.match(token))


def split_sentences(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> tuple[Span, ...]:
    """Sentences of one paragraph; a boundary inside a quotation does not split the sentence."""
    spans: list[Span] = []
    begin = start
    k = 0  # `quoted` is in order: walk it alongside the boundaries (linear, not quadratic)
    for m in _BOUNDARY_RE.finditer(text, start, end):
        cut = m.end()
        while k < len(quoted) and quoted[k][1] < cut:
            k += 1
        if (k < len(quoted) and quoted[k][0] < cut <= quoted[k][1]) or not _is_boundary(text, start, m.start()):
            continue
        spans.append(Span(begin, cut))
        begin = cut
        while begin < end and text[begin].isspace():
            begin += 1
    spans.append(Span(begin, end))
    return tuple(spans)


def _looks_credited(tail: str) -> bool:
    return (tail.endswith(")") or ":" in tail) and bool(_CAPTION_END_RE.search(tail))


def _roles(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Story structure: breadcrumbs, headline, date heading, captions and bylines before the body."""
    roles: list[str] = []
    lead = True
    for k, (a, b) in enumerate(spans):
        if not lead:  # past the lead only captions are told from the body (without copying the paragraph)
            caption = b - a < 600 and (_CAPTION_START_RE.match(text, a, b) or _looks_credited(text[max(a, b - 100) : b]))
            roles.append("caption" if caption else "body")
            continue
        chunk = text[a:b]
        one_line = "\n" not in chunk and "\r" not in chunk
        if lead and k < 3 and one_line and len(chunk) < 200 and _BREADCRUMB_RE.search(chunk):
            role = "breadcrumb"
        elif (lead and "headline" not in roles and len(spans) > 1 and one_line
              and len(chunk.split()) <= 30 and chunk[-1] not in _HEADLINE_END):
            role = "headline"
        elif lead and len(chunk) < 60 and _DATE_HEADING_RE.match(chunk):
            role = "dateheading"
        elif len(chunk) < 600 and (_CAPTION_START_RE.match(chunk) or _looks_credited(chunk[-100:])):
            role = "caption"
        elif lead and _BYLINE_RE.match(chunk):
            role = "byline"
        else:
            role = "body"
            lead = False
        roles.append(role)
    return roles


def story_language(text: str, meta: dict[str, Any], configured: str | None) -> str:
    """The configured language, else the front matter's `lang`/`language` (or an HTML page's lang
    attribute), else the one detected from the prose."""
    if configured and configured != "auto":
        return configured
    for key in ("lang", "language"):
        code = normalise(meta.get(key)) if meta else None
        if code:
            return code
    return detect(text)


def parse(source: str, path: str = "<text>", layout: Layout | None = None, language: str | None = None,
          continued: bool = False) -> Document:
    """Parse a story: lines, paragraphs, structure, quotations and sentences.

    Without a layout the source is plain text and its structure is read from blank lines and
    the shapes of breadcrumbs, headlines and captions; a layout (Markdown, HTML) gives the
    blocks and their roles itself. A `continued` source is a later section of a long story
    (see engine.lint_story): all body, no headline or lead of its own."""
    if source.startswith("\ufeff"):
        source = source[1:]
    if layout is None:
        text = mask_comments(source)
        spans = split_paragraphs(text)
        roles = _roles(text, spans) if not continued else ["body"] * len(spans)
    else:
        text = layout.text
        spans = split_paragraphs(text)
        roles = list(layout.roles)
        assert len(roles) == len(spans), "a layout block must be exactly one paragraph"
    meta = layout.meta if layout else {}
    skip = {k for k, r in enumerate(roles) if r == "breadcrumb"}
    language = story_language(text, meta, language)
    quotes, stray = scan(text, spans, skip, language)
    outer: dict[int, list[tuple[int, int]]] = {}
    for q in quotes:
        if q.level == 0:
            outer.setdefault(q.paragraph, []).append((q.open, q.close if q.close_paragraph == q.paragraph else spans[q.paragraph][1]))
            for p in range(q.paragraph + 1, q.close_paragraph + 1):
                outer.setdefault(p, []).append((spans[p][0], q.close if p == q.close_paragraph else spans[p][1]))
    paragraphs = []
    for k, (a, b) in enumerate(spans):
        paragraphs.append(Paragraph(k, a, b, roles[k], text, outer.get(k, [])))
    return Document(
        path, source, text, None, tuple(paragraphs), tuple(quotes), tuple(stray),
        tuple(a for a, _ in spans), _narrative(text, quotes), {q.open: q for q in quotes},
        layout, meta, language, continued,
    )


def _narrative(text: str, quotes: list[Quote]) -> str:
    """The writer's own words: outermost quotations replaced by spaces (newlines kept)."""
    pieces: list[str] = []
    pos = 0
    for q in quotes:
        if q.level == 0:
            pieces.append(text[pos : q.open])
            quoted = text[q.open : q.close + 1]
            multiline = "\n" in quoted or "\r" in quoted
            pieces.append(blanked(quoted) if multiline else " " * len(quoted))
            pos = q.close + 1
    pieces.append(text[pos:])
    return "".join(pieces)


__all__ = ["Document", "Paragraph", "Quote", "Span", "StrayMark", "FAMILY", "parse"]
