"""The quote scanner: pairs quotation marks across a story's paragraphs.

Straight marks carry no direction, curly ones are often typed the wrong way round, and ’ is
also the apostrophe, so every mark is judged from its neighbours (see `_context`) and from
what is already open. Pairing is by family (a `“` may close a `"`), never by exact glyph.
"""

from __future__ import annotations

import re

from copylint import regexes
from copylint.record import Record

FAMILY: dict[str, str] = {
    '"': "double", "＂": "double", "“": "double", "”": "double", "„": "double", "‟": "double", "″": "double",
    "'": "single", "‘": "single", "’": "single", "‚": "single", "‛": "single",
    "«": "guillemet", "»": "guillemet",
    "‹": "angle", "›": "angle",
    "「": "corner", "」": "corner", "『": "white-corner", "』": "white-corner",
}
# Two commas stand for „ only before a letter or digit (,,Wir): a doubled comma before a space or
# punctuation (paused,, then; said,,.) is a typo, not a quotation.
MARK_RE = regexes.compile("’’|‘‘|‘’|''|,,(?=[^\\W_])|[" + re.escape("".join(FAMILY)) + "]")

_OPEN_PUNCT = set("([{<—–-/")
_CLOSE_PUNCT = set(".,;:!?)]}>…—–-/")
_SENTENCE_PUNCT = set(".,!?;:")
# Word-initial apostrophes that look like opening single quotes ('em, 'til, rock 'n' roll).
_ELISIONS = frozenset(
    "s bout burbs cause cos cuz em er lil n ol ole round spose sposed til till tis twas twere twill kay"
    " specially net nuff cept fraid gainst".split()
)
_DECADE_RE = regexes.compile(r"\d\d(?:s\b|\b)")
_PRIME_RE = regexes.compile(r"\d['′]\d{1,2}$")
_WORD_RE = regexes.compile(r"[A-Za-z]+")

# A list bullet, dash or item number opening a paragraph: a continued quotation may follow it.
_BULLET_RE = regexes.compile(r"(?:[•·▪◦‣*\-–—]|\d{1,2}[.)])[^\S\r\n]+")
# Two single marks typed for one double mark (’’ for ”, ‘‘ for “, '' for ", ,, for „).
# ‘’ is MediaWiki's ''italic'' markup turned curly by extraction: it opens like “.
DOUBLED = {"’’": "”", "‘‘": "“", "‘’": "“", "''": '"', ",,": "„"}
_PARTNER = {"double": "guillemet", "guillemet": "double"}
# The end of a word that a possessive or dialect apostrophe cannot follow: in English apostrophes
# end only words in s, z or x (students’, Jesus’), dropped-g -in (goin’) and ol’, so any other
# word-final ’ is a closing mark. Spanish, Portuguese and French put no apostrophe at the end of
# a word at all; German (hab’) and Italian (po’) do, so they are left out.
_NO_FINAL_APOSTROPHE = frozenset({"en", "es", "pt", "fr"})
_LOST_OPENER_RE = regexes.compile(r"(?<![\w’'])(?!(?:ol|Ol|OL)$)[^\W\d_]{2,}(?<![sSzZxX])(?<!in)(?<!IN)$")
_ELIDED_RE = regexes.compile(r"(?:^|(?<=[^\w]))[a-zà-ÿ]{1,4}$")
# Labels of the lines a CMS puts between a story's paragraphs (compiled when first needed).
_INTERLUDE = (r"(?i:read more|related|see also|also read|more on this|watch|listen|photo|image|credit|advertisement|"
              r"lea también|leia também|lire aussi|à lire aussi|lesen sie auch|mehr zum thema|leggi anche)\b")
_CLUSTER = 4  # marks side by side ("'“) are looked through; longer runs are not text anyway
_SINGLE = frozenset(ch for ch, family in FAMILY.items() if family == "single")
# One mark, then: the second of a typed pair (’’ ‘‘ ‘’ ''); else nothing, unless it is a single
# mark with a letter or digit on both sides ([^\W_] is exactly str.isalnum), which is not read.
_SCAN_RE = regexes.compile(
    "[" + re.escape("".join(FAMILY)) + "](?:(?<=’)’|(?<=‘)[‘’]|(?<=')'|(?<![^\\W_][" + re.escape("".join(sorted(_SINGLE)))
    + "])|(?![^\\W_]))"
)


def marks_in(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, mark as typed) of each quotation mark in text[start:end] that the scanner reads:
    what MARK_RE finds, less the single marks between two letters or digits (don't, O'Brien: the
    commonest mark by far is an apostrophe, as _decide_single says). Unless the paragraph holds
    ",,", one pattern that starts with a character class does it three times faster: it is
    skipped through in C, where MARK_RE's alternation is tried at every position. (Its look-behind
    sees the character before `start`: a letter there, never the case before a paragraph, takes
    the other path too.)"""
    if text.find(",,", start, end) != -1 or (start and text[start - 1].isalnum()):
        return [(m.start(), m.group()) for m in MARK_RE.finditer(text, start, end)
                if not (m.group() in _SINGLE and start < m.start() < end - 1
                        and text[m.start() - 1].isalnum() and text[m.start() + 1].isalnum())]
    return [(m.start(), m.group()) for m in _SCAN_RE.finditer(text, start, end)]


def marks_by_paragraph(text: str, paragraphs: list[tuple[int, int]]) -> list[list[tuple[int, str]]]:
    """marks_in of each paragraph, from one search over them all: paragraphs are trimmed and
    apart, so whitespace borders each, and a search across them sees the same neighbours (no
    mark pair, ,, or word runs over a paragraph break)."""
    if not paragraphs:
        return []
    found = marks_in(text, paragraphs[0][0], paragraphs[-1][1])
    out: list[list[tuple[int, str]]] = []
    k = 0
    for _, end in paragraphs:
        first = k
        while k < len(found) and found[k][0] < end:
            k += 1
        out.append(found[first:k])
    return out


OPEN, CLOSE, EITHER, STRAY = "open", "close", "either", "stray"


class Quote(Record):
    """A pair of quotation marks; `reopen` holds AP continuation marks of later paragraphs."""

    __slots__ = ("open", "close", "level", "family", "paragraph", "close_paragraph", "reopen", "parent")

    open: int
    close: int
    level: int
    family: str
    paragraph: int
    close_paragraph: int
    reopen: tuple[int, ...]
    parent: int  # opening offset of the enclosing quotation, -1 at level 0

    def __init__(self, open: int, close: int, level: int, family: str, paragraph: int, close_paragraph: int,
                 reopen: tuple[int, ...] = (), parent: int = -1) -> None:
        self.open = open
        self.close = close
        self.level = level
        self.family = family
        self.paragraph = paragraph
        self.close_paragraph = close_paragraph
        self.reopen = reopen
        self.parent = parent


class StrayMark(Record):
    """A mark the scanner could not pair; `problem` is unclosed, unopened, in-word, or lost-break
    (a second opening mark inside an open quotation, after a full sentence)."""

    __slots__ = ("offset", "char", "problem")

    offset: int
    char: str
    problem: str

    def __init__(self, offset: int, char: str, problem: str) -> None:
        self.offset = offset
        self.char = char
        self.problem = problem


class _Open(Record):
    __slots__ = ("offset", "char", "family", "paragraph", "level", "parent", "reopen", "suspect", "inner_end")

    offset: int
    char: str
    family: str
    paragraph: int
    level: int
    parent: int
    reopen: list[int]
    suspect: bool  # held a straight " inside a straight ": one of them lost its partner
    inner_end: int  # where the last quotation nested in this one closed

    def __init__(self, offset: int, char: str, family: str, paragraph: int, level: int, parent: int,
                 reopen: list[int] | None = None, suspect: bool = False, inner_end: int = -1) -> None:
        self.offset = offset
        self.char = char
        self.family = family
        self.paragraph = paragraph
        self.level = level
        self.parent = parent
        self.reopen = [] if reopen is None else reopen
        self.suspect = suspect
        self.inner_end = inner_end


def _is_free_left(text: str, i: int, start: int) -> bool:
    """True when nothing word-like touches the mark on its left (a quote could open here)."""
    j = i - 1
    while j >= max(start, i - _CLUSTER) and text[j] in FAMILY:  # look through ,'" clusters, briefly
        j -= 1
    return j < start or text[j].isspace() or text[j] in _OPEN_PUNCT


def _is_free_right(text: str, i: int, end: int) -> bool:
    """True when nothing word-like touches the mark on its right (a quote could close here)."""
    j = i + 1
    while j < min(end, i + _CLUSTER) and text[j] in FAMILY:
        j += 1
    return j >= end or text[j].isspace() or text[j] in _CLOSE_PUNCT


def _context(text: str, i: int, start: int, end: int, width: int = 1) -> str:
    left, right = _is_free_left(text, i, start), _is_free_right(text, i + width - 1, end)
    if left and not right:
        return OPEN
    if right and not left:
        return CLOSE
    return EITHER


def _is_elision(text: str, i: int, end: int) -> bool:
    """'90s, 'em, 'n': a word-initial apostrophe, not an opening quote."""
    if text[i - 1 : i] == "[":
        return True  # can['t]: an editor's bracketed insertion
    rest = text[i + 1 : min(end, i + 12)]
    if _DECADE_RE.match(rest):
        return True
    word = _WORD_RE.match(rest)
    return bool(word) and word.group().lower() in _ELISIONS and not rest[word.end() : word.end() + 1].isalpha()


class _Stack(list):
    """The open quotations, innermost last, with the positions of each family's openers so
    that finding the innermost open quote of a family costs O(1) even when nesting is deep."""

    def __init__(self) -> None:
        super().__init__()
        self.by_family: dict[str, list[int]] = {}

    def append(self, o: _Open) -> None:
        self.by_family.setdefault(o.family, []).append(len(self))
        super().append(o)

    def pop(self) -> _Open:  # type: ignore[override]
        o = super().pop()
        self.by_family[o.family].pop()
        return o

    def innermost(self, family: str) -> int:
        found = self.by_family.get(family)
        return found[-1] if found else -1


class _Scanner:
    def __init__(self, text: str, paragraphs: list[tuple[int, int]], skip: set[int], lost_openers: bool = True) -> None:
        self.text = text
        self.lost_openers = lost_openers
        self.paragraphs = paragraphs
        self.skip = set(skip)
        self.stack = _Stack()
        self.quotes: list[Quote] = []
        self.stray: list[StrayMark] = []
        self.carried = False  # stack carried into this paragraph without a reopening mark
        self.loose: list[int] = []  # word-final ' read as apostrophes in this paragraph

    def push(self, i: int, ch: str, family: str, p: int) -> None:
        self.carried = False
        if ch == '"' and self.stack and self.stack[-1].char == '"':
            self.stack[-1].suspect = True
        parent = self.stack[-1].offset if self.stack else -1
        self.stack.append(_Open(i, ch, family, p, len(self.stack), parent))

    def _lost_break(self, i: int, ch: str, start: int) -> bool:
        """A curly opening mark after a full sentence inside a quotation opened with the same mark:
        nested quotations take the other family (‘ ’), so this is the reopening mark of a
        paragraph whose break was lost in editing or extraction (an AP continuation)."""
        if ch not in "“«„" or not self.stack or self.stack[-1].char != ch or self.stack[-1].inner_end > self.stack[-1].offset:
            return False
        before = self.text[max(start, i - 3) : i]
        return before.endswith(" ") and before.rstrip()[-1:] in (".", "!", "?")

    def _after_elision(self, i: int, start: int) -> bool:
        """d’« insultes », l’«affaire», dell’“arte”: an elided article or conjunction (a short
        lower-case word and an apostrophe) glued to the mark, which therefore opens. Not when a
        single quotation is open or the ’ has just closed one (‘the’“)."""
        if i - 2 < start or self.text[i - 1] not in "’'" or self.stack.innermost("single") >= 0:
            return False
        if self.quotes and self.quotes[-1].close == i - 1:
            return False  # the ’ just closed a quotation
        word = _ELIDED_RE.search(self.text, max(start, i - 6), i - 1)
        return word is not None

    def _cross_open(self, family: str) -> int:
        """The innermost open quotation of the partner family (double marks and guillemets stand
        in for each other in mixed copy: «…", "…»), or -1."""
        partner = _PARTNER.get(family)
        return self.stack.innermost(partner) if partner else -1

    def close(self, i: int, ch: str, family: str, p: int, width: int = 1) -> None:
        self.carried = False
        if ch == "'" and self._typewriter_inner():
            family = "double"
        k = self.stack.innermost(family)
        if k < 0:
            k = self._cross_open(family)
        if k < 0:
            self.stray.append(StrayMark(i, self.text[i], "unopened"))
            if ch == "'":
                self.loose.append(i)  # may yet close a "…' typewriter pair (see _repair_mixed)
            return
        while len(self.stack) > k + 1:
            self.unclosed(self.stack.pop())
        self._pop_quote(i + width - 1, p)  # a doubled closing mark (’’) ends at its second character

    def _pop_quote(self, i: int, p: int) -> None:
        o = self.stack.pop()
        self.quotes.append(Quote(o.offset, i, o.level, o.family, o.paragraph, p, tuple(o.reopen), o.parent))
        if self.stack:
            self.stack[-1].inner_end = i

    def unclosed(self, o: _Open) -> None:
        typed = self.text[o.offset]  # as typed; ,, (no quotation mark by itself) stands for „
        self.stray.append(StrayMark(o.offset, typed if typed in FAMILY else o.char, "unclosed"))

    def decide(self, i: int, ch: str, start: int, end: int, width: int = 1) -> str | None:
        """OPEN, CLOSE, STRAY (a mark that can pair with nothing) or None (not a quotation mark).
        `width` is 2 for two single marks typed for one double mark (’’)."""
        text, family = self.text, FAMILY[ch]
        ctx = _context(text, i, start, end, width)
        if ctx != OPEN and family != "single" and self._after_elision(i, start):
            ctx = EITHER if _is_free_right(text, i + width - 1, end) else OPEN
        has_open = self.stack.innermost(family) >= 0
        after = i + width  # the first character after the mark
        if family == "single":
            return self._decide_single(i, ch, ctx, has_open, start, end)
        if ch == "″":  # a double prime typed for the closing mark; otherwise seconds or inches
            return CLOSE if has_open or self._cross_open(family) >= 0 else None
        if ch in '"＂':
            if i > start and _PRIME_RE.search(text, max(start, i - 6), i):
                return None  # 5'7"
            if i > start and after < end and text[i - 1].isalpha() and text[after].isalpha():
                if text[after].isupper():
                    # Glued to both words by a CMS (minister"We will…", deal"Reuters): it closes
                    # the open quotation, or opens one.
                    return CLOSE if has_open else OPEN
                return STRAY  # India"s: a mistyped apostrophe, unpaired, and it must not open a quote
            if ctx == EITHER:
                return CLOSE if has_open else OPEN
            if ctx == CLOSE and not has_open and text[i - 1].isdigit() and text[after : after + 1] not in tuple(".,;:!?)"):
                return None  # a 12" pizza: an inch mark (a quotation ending in a number, 60,000". is not)
            return ctx
        if ch == "“":
            # Spaced on both sides (“ Il Trovatore “,): it closes when punctuation or nothing follows.
            if ctx == CLOSE or (ctx == EITHER and has_open and text[after:end].lstrip()[:1] in ("", *_CLOSE_PUNCT)):
                return CLOSE
            return OPEN
        if ch == "”":
            # ”…” (Swedish, Finnish, and some Arabic copy) opens with the same glyph that closes.
            return OPEN if ctx != CLOSE and not has_open else CLOSE
        if ch in "„‟「『":
            return OPEN
        if ch in "」』":
            return CLOSE
        return self._decide_guillemet(i, ch, ctx, family, start, end)

    def _decide_single(self, i: int, ch: str, ctx: str, has_open: bool, start: int, end: int) -> str | None:
        text = self.text
        if i > start and i + 1 < end and text[i - 1].isalnum() and text[i + 1].isalnum():
            return None  # don't, O'Brien, 5'7
        if ch == "‛" or (ch == "‚" and ctx == OPEN):
            return OPEN
        if ch == "‚":
            return None
        if ctx == OPEN:
            if ch == "’" or _is_elision(text, i, end):
                return None  # ’90s, ’em
            return OPEN
        if ctx == CLOSE:
            if has_open or text[i - 1] in _SENTENCE_PUNCT:
                return CLOSE
            if ch == "'" and self._typewriter_inner():
                return CLOSE
            if ch == "'":
                self.loose.append(i)
            elided = text[i + 1 : i + 3].strip()[:1] in FAMILY  # qu’« il »: an elision before a mark
            if self.lost_openers and not elided and _LOST_OPENER_RE.search(text, max(start, i - 12), i) \
                    and not self._typewriter_inner():
                return CLOSE  # ‘Madre’ with its opener lost: only a plural or -s name takes a bare ’
            return None  # students', goin'
        if ch == "‘" and i + 1 < end and not text[i + 1].isspace():
            return OPEN
        if ch == "‘" and not has_open and text[i + 1 : i + 3].strip()[:1].isalnum():
            return OPEN  # ‘ we can do this.’: a space typed inside the opening mark
        return None

    def _typewriter_inner(self) -> bool:
        """`"… "when issued' …"`: a straight " opened inside a straight " and closed with '."""
        return len(self.stack) > 1 and self.stack[-1].char == '"' and self.stack[-2].char == '"'

    def _decide_guillemet(self, i: int, ch: str, ctx: str, family: str, start: int, end: int) -> str | None:
        canonical_open = ch in "«‹"
        k = self.stack.innermost(family)
        if k >= 0 and self.stack[k].char != ch:
            return CLOSE  # «…» or German »…«
        if ctx == OPEN or (ctx == EITHER and canonical_open):
            return OPEN
        if ctx == EITHER and self.text[i + 1 : min(end, i + 8)].strip()[:1].isalnum() and (ch == "›" or end - start < 200):
            # "News › World": a spaced separator in a short line, not a quotation mark. In running
            # prose a spaced » between words is French spacing, so it closes (or is a stray).
            return None
        return CLOSE

    def mark(self, i: int, ch: str, width: int, p: int, start: int, end: int) -> None:
        verdict = self.decide(i, ch, start, end, width)
        if verdict == OPEN and self._lost_break(i, ch, start):
            # “… exposure. “Because …”: a paragraph break lost. Read as a continuation (so the
            # quotation keeps its speaker) and reported, since the published text is wrong.
            self.stack[-1].reopen.append(i)
            self.stray.append(StrayMark(i, self.text[i], "lost-break"))
        elif verdict == OPEN:
            self.push(i, ch, FAMILY[ch], p)
        elif verdict == CLOSE:
            self.close(i, ch, FAMILY[ch], p, width)
        elif verdict == STRAY:
            self.stray.append(StrayMark(i, self.text[i], "in-word"))

    def end_paragraph(self, p: int) -> None:
        """Apply the AP rule: an open quote continues if the next paragraph reopens it."""
        loose, self.loose = self.loose, []
        if not self.stack:
            return
        if self.carried:  # carried a paragraph already and still not closed
            self.flush()
            return
        outer = self.stack[0]
        if self._may_continue(outer):
            candidates = self._next_paragraphs(p)
            for nxt in candidates:
                start, end = self.paragraphs[nxt]
                first = self._content_start(nxt)
                ch = self.text[first] if first < end else ""
                if ch in FAMILY and FAMILY[ch] == outer.family and self.decide(first, ch, start, end) == OPEN:
                    while len(self.stack) > 1:
                        self.unclosed(self.stack.pop())
                    outer.reopen.append(first)
                    self.skip.update(range(p + 1, nxt))  # the interlude lines between (see below)
                    return
                if nxt == candidates[0] and self._closes_first(nxt, outer.family):
                    self.carried = True  # a run-on quote closed in the next paragraph without reopening
                    return
        self._repair_mixed(loose, p)
        self.flush()

    def _next_paragraphs(self, p: int) -> list[int]:
        """The paragraph after `p` that could continue its quotation, and, when that one is a
        short non-prose line (an embed caption, a `Read more:` link, a photo credit), the one
        after it too: a statement interrupted by such a line is still one quotation."""
        out: list[int] = []
        nxt = p + 1
        while nxt < len(self.paragraphs) and len(out) < 3:
            if nxt in self.skip:
                nxt += 1
                continue
            out.append(nxt)
            if not self._is_interlude(nxt):
                break
            nxt += 1
        return out

    def _is_interlude(self, p: int) -> bool:
        start, end = self.paragraphs[p]
        chunk = self.text[start:end]
        if len(chunk) > 120 or "\n" in chunk or MARK_RE.search(chunk):
            return False
        return chunk.rstrip()[-1:] not in ".!?…" or bool(re.match(_INTERLUDE, chunk))

    def _content_start(self, p: int) -> int:
        """Where a paragraph's prose starts, after a list bullet, dash or item number: a quotation
        continued over bulleted paragraphs reopens after the bullet."""
        start, end = self.paragraphs[p]
        m = _BULLET_RE.match(self.text, start, end)
        return m.end() if m else start

    def _repair_mixed(self, loose: list[int], p: int) -> None:
        """Typewriter copy closes "…' with the wrong key: pair a double opener with a later loose '.

        Only tried when the paragraph would otherwise end unbalanced, so that a real apostrophe
        (the students' union) never steals a closing mark."""
        while self.stack and self.stack[-1].family == "double":
            top = self.stack[-1]
            after = [i for i in loose if i > max(top.offset, top.inner_end)]  # keep quotations nested
            if not after:
                return
            self._pop_quote(after[0], p)
            self.stray = [s for s in self.stray if s.offset != after[0]]
            loose = [i for i in loose if i > after[0]]

    def _may_continue(self, outer: _Open) -> bool:
        """AP: leave a paragraph open only when the quoted material is a full sentence.

        A quote that opens the paragraph, follows . ! ? : or a comma introduction, or starts with
        a capital is taken as a sentence; a lower-case fragment mid-sentence is not. A straight
        mark nested in a straight mark means one of them lost its partner.
        """
        if outer.suspect:
            return False
        start = self._content_start(outer.paragraph)
        before = self.text[start : outer.offset].rstrip()
        first = self.text[outer.offset + 1 : outer.offset + 3].lstrip("\"'“‘[(")[:1]
        return not before or before[-1] in ".!?:,—-" or first.isupper() or first.isdigit()

    def _closes_first(self, p: int, family: str) -> bool:
        start, end = self.paragraphs[p]
        for m in MARK_RE.finditer(self.text, start, end):
            ch = DOUBLED.get(m.group(), m.group())
            if FAMILY[ch] != family:
                continue
            return self.decide(m.start(), ch, start, end, len(m.group())) == CLOSE
        return False

    def flush(self) -> None:
        while self.stack:
            self.unclosed(self.stack.pop())
        self.carried = False

    def run(self) -> None:
        reopened: set[int] = set()
        text = self.text
        for p, ((start, end), marks) in enumerate(zip(self.paragraphs, marks_by_paragraph(text, self.paragraphs))):
            if p in self.skip:
                continue
            for i, raw in marks:
                if i in reopened:
                    continue
                if raw in ("’’", "''") and self.stack.innermost("single") >= 0:
                    parts = [(i, raw[0], 1), (i + 1, raw[1], 1)]  # ‘a ‘b’’: two nested quotations close
                else:
                    parts = [(i, DOUBLED.get(raw, raw), len(raw))]
                for at, ch, width in parts:
                    self.mark(at, ch, width, p, start, end)
            self.end_paragraph(p)
            if self.stack and self.stack[0].reopen:
                reopened.add(self.stack[0].reopen[-1])
        self.flush()


def scan(text: str, paragraphs: list[tuple[int, int]], skip: set[int] | None = None,
         language: str = "en") -> tuple[list[Quote], list[StrayMark]]:
    """Pair the quotation marks of `text`, paragraph by paragraph; `skip` lists paragraphs to ignore."""
    scanner = _Scanner(text, paragraphs, skip or set(), language in _NO_FINAL_APOSTROPHE)
    scanner.run()
    quotes = sorted(scanner.quotes, key=lambda q: q.open)
    stray = sorted(scanner.stray, key=lambda s: s.offset)
    return quotes, stray
