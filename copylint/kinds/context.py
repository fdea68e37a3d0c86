"""What surrounds a quotation: its words, its sentence, the sentences beside it.

Shared by the attribution and scare-quote kinds, which judge the same quotations from
opposite sides (a long quote needs a speaker; a short one with no speaker is a scare quote).
"""

from __future__ import annotations

import re

from copylint import regexes
from copylint.document import Document, Paragraph, split_sentences
from copylint.kinds.options import CLITIC_RE
from copylint.quotes import Quote
from copylint.record import Record

_WORD_RE = regexes.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# After a cue, only articles, conjunctions, commas and other (blanked) quotations may come before the
# quotation: `allegations of "genocide" and a "crime against humanity"` — both terms follow the cue.
_FILLER = (r"(?:[\s,]+(?:a|an|the|and|or|of|its|their|his|her|this|these|those|such|any|like|as"
           r"|de|del|da|do|das|dos|des|du|di|y|e|et|und|o|ou|oder|el|la|los|las|le|les|il|lo|gli|l['’]"
           r"|der|die|das|den|dem|um|uma|un|una|une|ein|eine|einen|sus?|seus?|suas?|ses|son|sa|seine[nmr]?|ihre[nmr]?))*[\s,:]*$")
# Words a title leaves in lower case, in the six languages with word lists.
_SMALL_WORDS = frozenset(
    """a an and at by for from in of on or the to with de la le du del von van des les et en au aux à pour
    sur dans y el los las con por para do da dos das e em com o os as di della dello dei il lo gli per
    für und mit zu zum zur im am an auf aus bei dem den der die das ein eine""".split())
# A word with a capital after its first letter is a name (iPhone, McDonald, A-Team).
_INNER_CAPITAL_RE = regexes.compile(r"^[^\W\d_]+[-’']?[^\W\d_]*[A-ZÀ-ÖØ-Þ]")


def _search_near(pattern: re.Pattern[str], near: str) -> re.Match[str] | None:
    """pattern.search(near), first ruled out cheaply where possible. A case-insensitive pattern is
    slow in Python's engine: every branch of a long alternation is entered at every position,
    where a case-sensitive one skips a branch whose first letter differs. On ASCII text, the same
    pattern without IGNORECASE on the lower-cased text finds a match exactly when the original
    does (see _lowercase_twin), so it rules out the usual case, no cue at all, several times
    faster; the original runs only to give the match itself."""
    known = _TWINS.get(id(pattern))
    if known is None or known[0] is not pattern:
        known = _TWINS[id(pattern)] = (pattern, _lowercase_twin(pattern))  # holding the pattern keeps its id
    twin = known[1]
    if twin is not None and near.isascii() and twin.search(near.lower()) is None:
        return None
    return pattern.search(near)


_TWINS: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
_CODED_ESCAPES = frozenset("xuUN0123456789")


def _lowercase_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern without IGNORECASE, when that matches lower-cased ASCII text exactly as the
    pattern matches the text: it has no capital letter outside escapes (\\W, \\S stay), and no
    character whose other case is ASCII (ſ, the Kelvin sign, dotless ı). None otherwise."""
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or not isinstance(source, str):
        return None
    k = 0
    while k < len(source):
        ch = source[k]
        if ch == "\\":
            if source[k + 1 : k + 2] in _CODED_ESCAPES:
                return None  # \x41, \N{…}, \101: a letter by its number, of either case
            k += 2
            continue
        if "A" <= ch <= "Z" or (not ch.isascii() and (ch.lower().isascii() or ch.upper().isascii())):
            return None
        k += 1
    return regexes.compile(source, pattern.flags & ~re.IGNORECASE)


class QuoteView(Record):
    """A quotation seen in its sentence. `before`/`after` are the sentence's own words around it."""

    __slots__ = ("quote", "inner", "inner_words", "words", "paragraph", "sentence", "before", "after", "_cues")

    quote: Quote
    inner: str
    inner_words: list[str]  # words_of(inner)
    words: int  # how many
    paragraph: Paragraph
    sentence: int
    before: str
    after: str

    def __init__(self, quote: Quote, inner: str, inner_words: list[str], paragraph: Paragraph, sentence: int,
                 before: str, after: str) -> None:
        self.quote = quote
        self.inner = inner
        self.inner_words = inner_words
        self.words = len(inner_words)
        self.paragraph = paragraph
        self.sentence = sentence
        self.before = before
        self.after = after
        self._cues: dict[tuple[int, bool], re.Match[str] | None] = {}

    def cue(self, pattern: re.Pattern[str], after: bool = False) -> re.Match[str] | None:
        """`pattern` searched in the last 120 characters before the quotation, or matched at the
        start of the words after it; once per pattern and view, because both quote kinds ask the
        same questions (the mention cues' pattern alone was a tenth of the engine's time). Keyed by
        identity: hashing a pattern hashes its whole program, and equal patterns are one object
        (re's cache, or copylint.regexes)."""
        key = (id(pattern), after)
        if key not in self._cues:
            self._cues[key] = pattern.match(self.after) if after else _search_near(pattern, self.before[-120:])
        return self._cues[key]

    @property
    def nested(self) -> bool:
        return self.quote.level > 0


_CJK = "[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"


def unjudged_script(text: str) -> bool:
    """Chinese, Japanese or Korean: scripts whose cue words (speech verbs, so-called …) the lists
    do not hold yet, so their quotations are not judged at all rather than judged blind."""
    return not text.isascii() and max(text) >= "\u1100" and re.search(_CJK, text) is not None


def cue_before(cues: list[str]) -> re.Pattern[str]:
    """A pattern for any of `cues` ending the text before a quotation (group 1 is the cue)."""
    return regexes.compile(r"(?<![\w-])(" + "|".join(cues) + r")" + _FILLER, re.IGNORECASE)


def any_of(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern for any of `patterns` (one that never matches when empty)."""
    return regexes.compile("|".join(f"(?:{c})" for c in patterns) or "(?!)", re.IGNORECASE)


def cue_after(cues: list[str]) -> re.Pattern[str]:
    """A pattern for any of `cues` starting the text after a quotation."""
    return regexes.compile(r"[\s,.]*(?:" + "|".join(cues) + r")", re.IGNORECASE)


def words_of(text: str) -> list[str]:
    return _WORD_RE.findall(text)


# Languages that capitalise every noun: there a capital says nothing about a name.
NOUN_CAPITALISING = frozenset({"de", "lb"})


def is_title_case(inner: str, language: str = "en", words: list[str] | None = None) -> bool:
    """A name or title ('Operation Warp Speed', 'Parasite'): every major word capitalised.
    `words` are words_of(inner) when the caller has them already."""
    words = words_of(inner) if words is None else words
    if len(words) == 1 and _INNER_CAPITAL_RE.match(words[0]) and not words[0].isupper():
        return True  # „A-Team“, "iPhone": a name by its shape
    if language in NOUN_CAPITALISING and len(words) < 2:
        return False  # „Ordnungswidrigkeit“: a German noun, capitalised like every noun
    if len(words) > 2 and inner.isupper():
        return False  # a shouted sentence (WE WANT JUSTICE), not a title
    if not words or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in words)


def is_sentence(inner: str) -> bool:
    """A complete utterance: starts with a capital and ends with terminal punctuation."""
    s = inner.strip()
    return len(s) > 1 and s[0].isupper() and s.rstrip("\"'”’)")[-1:] in (".", "!", "?", ",")


def view(doc: Document, q: Quote) -> QuoteView:
    """Build the view of `q`; a nested quotation's sentence is the one inside its enclosing quote."""
    text = doc.text
    inner = text[q.open + 1 : q.close]
    para, si = doc.sentence_at(q.open)
    if q.level == 0:
        s_start = para.sentences[si].start
        close_para, ci = doc.sentence_at(q.close)
        s_end = close_para.sentences[ci].end
        before = doc.narrative[s_start : q.open]
        after = doc.narrative[q.close + 1 : s_end]
    else:
        outer = doc.quote_at.get(q.parent)
        lo, hi = (outer.open + 1, outer.close) if outer else (para.start, para.end)
        local = text[lo:hi]
        spans = split_sentences(local, 0, len(local), [])
        a, b = q.open - lo, q.close + 1 - lo
        sent = next((s for s in spans if s.start <= a < s.end), spans[-1])
        before = local[sent.start : a]
        after = local[b : max(b, sent.end)]
    return QuoteView(q, inner, words_of(inner), para, si, before, after)


def views(doc: Document) -> list[QuoteView]:
    """The view of every quotation of `doc`, built once, kept by the document and shared read-only
    by the kinds that judge quotes."""
    built = doc.derived.get("quote_views")
    if built is None:
        built = doc.derived["quote_views"] = [view(doc, q) for q in doc.quotes]
    return built


_OPENERS = "\"'“‘«„‹»"
_CLOSERS = "\"'”’»“‹«"
_LIST_AFTER_RE = regexes.compile(r"\s*(?:\.\.\.|…)?\s*(?:,|\b(?:or|and|o|y|ou|et|oder|und|e)\b)\s*(?:even\s+)?[" + _OPENERS + "]")
_LIST_BEFORE_RE = regexes.compile(r"[" + _CLOSERS + r"]\s*(?:,|\b(?:or|and|o|y|ou|et|oder|und|e)\b)\s*(?:even\s+)?$")


_NAME_BEFORE_RE = regexes.compile(r"(?:^|\s)[A-ZÀ-ÖØ-Þ][\w'’.-]+\s*$")
_NAME_AFTER_RE = regexes.compile(r"\s*[A-ZÀ-ÖØ-Þ][\w'’-]+")


def is_nickname(v: QuoteView) -> bool:
    """A short quotation between a first name and a surname: Joe "Big Joe" Smith."""
    return v.words <= 3 and bool(_NAME_BEFORE_RE.search(v.before)) and bool(_NAME_AFTER_RE.match(v.after))


def in_compound(doc: Document, v: QuoteView) -> bool:
    """The quotation is glued by a hyphen into a compound word (Industrie-„Preis“, „Rubygate“-Prozess,
    the "no-fly"-style list): it names a thing, it does not distance a term."""
    q = v.quote
    before = doc.text[max(0, q.open - 2) : q.open]
    after = doc.text[q.close + 1 : q.close + 3]
    return (len(before) == 2 and before[1] == "-" and before[0].isalpha()) or (
        len(after) == 2 and after[0] == "-" and after[1].isalpha())


def in_enumeration(doc: Document, v: QuoteView) -> bool:
    """One of several quotations listed side by side (`"A", "B" or "C"`): phrases named as items
    of a list (titles, expressions, slogans), not one speaker's utterance. Read in the text, not
    the narrative, where the neighbouring quotations are blanked out."""
    q = v.quote
    return bool(_LIST_AFTER_RE.match(doc.text, q.close + 1, q.close + 12)
                or _LIST_BEFORE_RE.search(doc.text, max(0, q.open - 12), q.open))


# The first words after a quotation, up to the end of its clause.
_TAG_RE = regexes.compile(r"\s*[,]?\s*([^\W\d_][\w'’-]*(?:\s+[\w'’-]+){0,2})")
_CAPITALISED_RE = regexes.compile(r"[A-ZÀ-ÖØ-Þ]")
_ARTICLES = frozenset("the a an la el los las le les l' l’ un una une o os as um uma der die das den ein eine il lo gli".split())
# Words that open a new clause rather than a tag ("…," and the council agreed).
_NOT_TAG = frozenset("and but or so yet then while as if when because y pero o e et mais ou und aber oder doch ma però".split())


def dialogue_tag(v: QuoteView, pronouns: frozenset[str]) -> bool:
    """`"…," the coach grumbles.` / `«…», explique-t-il.` / `„…“, sagte er.` / `"…?" she wondered.`

    A quotation closed by a comma, question or exclamation mark (inside or outside the mark) and
    followed by a subject next to a verb is a dialogue tag, whatever the verb: the subject is the
    speaker. The subject is a pronoun (also one inverted onto the verb, explique-t-il), a
    capitalised name before or after the verb, or an article and noun after it (cuenta la vecina)."""
    ended = v.inner.rstrip()[-1:] in (",", "?", "!") or v.after.lstrip()[:1] == ","
    m = _TAG_RE.match(v.after) if ended else None
    if not m:
        return False
    words = m.group(1).split()
    lowered = [w.lower() for w in words]
    if lowered[0] in _NOT_TAG:
        return False
    if CLITIC_RE.search(lowered[0]):
        return True  # « … », soupire-t-elle
    if len(words) == 1:
        # “…”, justifica. / “…”, afirmou.: Spanish and Portuguese drop the subject, so a lone verb
        # ending the sentence is the tag.
        rest = v.after.strip().lstrip(",").strip()
        return words[0].islower() and len(words[0]) >= 4 and rest[len(words[0]) :].strip() in ("", ".", "!", "?")
    first, second = words[0], words[1]
    if lowered[0] in pronouns or lowered[1] in pronouns:
        return True
    if _CAPITALISED_RE.match(first):
        return not _CAPITALISED_RE.match(second)  # "…," Smith grumbled.
    if _CAPITALISED_RE.match(second):
        return True  # "…," grumbled Smith. / „…“, schreiben Forscher
    # cuenta la vecina (verb, article, noun) / the coach grumbles (article, noun, verb)
    return len(words) == 3 and (lowered[1] in _ARTICLES or lowered[0] in _ARTICLES)


def views_in(doc: Document, paragraph: int) -> list[QuoteView]:
    """The views of the quotations that open in one paragraph (indexed once per document)."""
    index = doc.derived.get("views_by_paragraph")
    if index is None:
        index = doc.derived["views_by_paragraph"] = {}
        for v in views(doc):
            index.setdefault(v.paragraph.index, []).append(v)
    return index.get(paragraph, [])


def introduces(doc: Document, para: Paragraph) -> bool:
    """A paragraph that ends by introducing what follows: `The minister said:` or `… --`."""
    tail = doc.text[para.end - 2 : para.end]
    return tail[-1:] == ":" or tail in ("--", " —", " –")


def neighbour_text(doc: Document, v: QuoteView, step: int) -> str:
    """The narrative of the sentence before (step=-1) or after (step=+1) the quote, same paragraph."""
    if step < 0:
        para, k = v.paragraph, v.sentence - 1
    else:
        para, k = doc.sentence_at(v.quote.close)
        k += 1
    if 0 <= k < len(para.sentences):
        s = para.sentences[k]
        return doc.narrative[s.start : s.end]
    return ""
