"""Quotation marks that open and never close, or close what never opened."""

from __future__ import annotations

import re
from collections.abc import Iterator

from copylint import regexes
from copylint.document import Document
from copylint.finding import Hit
from copylint.kinds.options import Option, words_pattern
from copylint.quotes import FAMILY
from copylint.record import Record

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any

_ALL_FAMILIES = sorted(set(FAMILY.values()))

OPTIONS = {
    "families": Option("words", _ALL_FAMILIES, "Mark families to check: " + ", ".join(_ALL_FAMILIES) + "."),
    "attribution_tail": Option("bool", True, "Report a quote left open across paragraphs when its first paragraph ends in an attribution (', he said.'): the closing mark was forgotten."),
    "tail_verbs": Option("words", ["said", "says", "added", "adds", "told", "asked", "explained", "noted", "continued"], "Speech verbs of such an attribution tail."),
    "unclosed_text": Option("str", "opening quotation mark {mark} is never closed", "Wording for an unclosed mark."),
    "unopened_text": Option("str", "closing quotation mark {mark} has no opening mark", "Wording for an unopened mark."),
    "lost_break_text": Option("str", "opening quotation mark {mark} inside a quotation that is still open: start a new paragraph here, or close the quotation before it", "Wording for an opening mark that repeats inside an open quotation after a full sentence."),
    "in_word_text": Option("str", "quotation mark {mark} inside a word pairs with nothing (a mistyped apostrophe?)", "Wording for a mark inside a word."),
}
FIELDS = frozenset({"mark", "problem"})


class Prepared(Record):
    __slots__ = ("families", "tail", "texts")

    families: frozenset[str]
    tail: re.Pattern[str] | None
    texts: dict[str, str]

    def __init__(self, families: frozenset[str], tail: re.Pattern[str] | None, texts: dict[str, str]) -> None:
        self.families = families
        self.tail = tail
        self.texts = texts


def prepare(options: dict[str, Any]) -> Prepared:
    tail = None
    if options["attribution_tail"]:
        verbs = words_pattern(options["tail_verbs"])
        # ", he said." / ", Xu, an analyst, said." / ", said Xu." closing the paragraph's last
        # sentence: the quotation ended before that comma.
        tail = regexes.compile(r"[,?!]\s+[^\"“”.!?]{0,100}?" + verbs + r"[^\"“”]{0,80}\.$")
    texts = {"unclosed": options["unclosed_text"], "unopened": options["unopened_text"], "in-word": options["in_word_text"],
             "lost-break": options["lost_break_text"]}
    return Prepared(frozenset(options["families"]), tail, texts)


def check(doc: Document, p: Prepared) -> Iterator[Hit]:
    for s in doc.stray:
        if FAMILY[s.char] in p.families:
            yield Hit(s.offset, s.offset + 1, {"mark": s.char, "problem": p.texts[s.problem].format(mark=s.char)})
    if p.tail is None:
        return
    for q in doc.quotes:
        if not q.reopen or FAMILY[doc.text[q.open]] not in p.families:
            continue
        for mark in (q.open, *q.reopen[:-1]):
            para = doc.paragraph_at(mark)
            if p.tail.search(doc.text, max(para.start, para.end - 160), para.end):
                ch = doc.text[mark]
                yield Hit(mark, mark + 1, {"mark": ch, "problem": p.texts["unclosed"].format(mark=ch)})
