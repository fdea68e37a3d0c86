"""The first body paragraph must open with a dateline (AP, Reuters, Xinhua, dpa and bare forms)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from copylint.document import Document
from copylint.finding import Hit
from copylint.kinds.options import Option, words_pattern

OPTIONS = {
    "months": Option("words", ["@months"], "Month names and abbreviations a dateline may carry (matched in any case)."),
    "cities": Option("words", ["@dateline-cities"], "Stand-alone cities that may open a dateline in mixed case with only a dash (Berlin —)."),
    "lead_paragraphs": Option("int", 2, "How many short paragraphs (a standfirst) may precede the dated first paragraph."),
    "standfirst_words": Option("int", 45, "Longest paragraph, in words, that counts as a standfirst."),
}
FIELDS = frozenset({"start"})

_CAPS = r"[A-Z][A-Z.'’-]*[A-Z.](?:[ /-]+[A-Z][A-Z.'’-]*)*"
_NAME = r"[A-Z][\w.'’-]*(?:[ /-]+(?:[A-Z][\w.'’-]*|de|del|la|am|upon|on|sur|du|da|do|el))*"
_REGION = r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
_AGENCY = r"\(\s*[A-Za-z][^()\n]{0,30}\)"
_END = r"\s*(?:—|–|--?|:)"


@dataclass(frozen=True, slots=True)
class Prepared:
    pattern: re.Pattern[str]
    lead: int
    standfirst_words: int


def prepare(options: dict[str, Any]) -> Prepared:
    date = r"(?:,\s*(?i:" + words_pattern(options["months"]) + r")\.?(?:\s*\d{1,2})?)"
    city = r"(?i:" + words_pattern(options["cities"]) + r")"
    forms = [
        # WASHINGTON (AP) —, BEIJING, Feb. 1 (Xinhua) --, CONCORD, N.H. -, NEW DELHI:
        _CAPS + _REGION + r"{0,2}" + date + r"?\s*(?:" + _AGENCY + r"(?:" + _END + r")?|" + _END + r")",
        # Caracas, march 13 -, Frankfurt/Main (dpa) -, Hong Kong (CNN Business)
        _NAME + _REGION + r"{0,2}(?:" + date + r"\s*(?:" + _AGENCY + r")?|\s*" + _AGENCY + r")(?:" + _END + r")?(?=\s)",
        # Berlin — (a stand-alone city in mixed case)
        city + _END,
    ]
    # Leading wire debris (****WASHINGTON) is tolerated.
    pattern = re.compile(r"[*#•·\s]*(?:" + "|".join(f"(?:{f})" for f in forms) + r")")
    return Prepared(pattern, options["lead_paragraphs"], options["standfirst_words"])


def check(doc: Document, p: Prepared) -> Iterator[Hit]:
    body = doc.body
    if not body:
        return
    for para in body[: p.lead + 1]:
        if p.pattern.match(doc.text, para.start, para.end):
            return
        if len(doc.text[para.start : para.end].split()) > p.standfirst_words:
            break  # a long paragraph is the story itself, not a standfirst
    first = body[0]
    opening = " ".join(doc.text[first.start : first.end].split()[:6])
    yield Hit(first.start, first.start + 1, {"start": opening})

