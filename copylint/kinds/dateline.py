"""The first body paragraph must open with a dateline (AP, Reuters, Xinhua, dpa and bare forms)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from copylint import regexes
from copylint.document import Document
from copylint.finding import Hit
from copylint.kinds.options import Option, words_pattern
from copylint.record import Record

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any

OPTIONS = {
    "months": Option("words", ["@months"], "Month names and abbreviations a dateline may carry (matched in any case)."),
    "cities": Option("words", ["@dateline-cities"], "Stand-alone cities that may open a dateline in mixed case with only a dash (Berlin —)."),
    "lead_paragraphs": Option("int", 2, "How many short paragraphs (a standfirst) may precede the dated first paragraph."),
    "standfirst_words": Option("int", 45, "Longest paragraph, in words, that counts as a standfirst."),
    "not_places": Option("words", ["BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION", "EDITORIAL",
                                   "COMMENT", "WATCH", "LIVE", "VIDEO", "PHOTOS", "CORRECTION", "CLARIFICATION",
                                   "EDITOR'S NOTE", "NOTE", "FACT CHECK", "REVIEW", "INTERVIEW", "Q&A", "FILE", "ADVISORY"],
                         "Capitalised labels that open copy like a dateline but name no place (BREAKING:, UPDATE —)."),
    "exempt_when": Option("map", {"type": ["opinion", "feature", "review", "analysis", "column", "editorial", "obituary"],
                                  "dateline": ["none"]},
                          "Front-matter values that exempt a story (type: opinion, dateline: none)."),
}
FIELDS = frozenset({"start"})

_CAPS = r"[A-Z][A-Z.'’-]*[A-Z.](?:[ /-]+[A-Z][A-Z.'’-]*)*"
_NOT_PLACE = r"(?!(?:The|A|An|On|In|At|By|For|Of|From|After|Before|When|While|Last|This|Since)\b)"
_NAME = _NOT_PLACE + r"[A-Z][\w.'’-]*(?:[ /-]+(?:[A-Z][\w.'’-]*|de|del|la|am|upon|on|sur|du|da|do|el)){0,3}"
_LOOSE = _NOT_PLACE + r"[A-Za-z][\w.'’-]*(?:[ /-]+[A-Za-z][\w.'’-]*){0,3}"
_REGION = r"(?:\s*,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
_AGENCY = r"(?:\(\s*[A-Za-z][^():\n]{0,30}\)|,?\s*Reuters?\b)"  # (ticker: HD) is not a credit
_END = r"\s*,?\s*(?:—|–|--?|:)"


class Prepared(Record):
    __slots__ = ("pattern", "lead", "standfirst_words", "exempt")

    pattern: re.Pattern[str]
    lead: int
    standfirst_words: int
    exempt: dict[str, frozenset[str]]

    def __init__(self, pattern: re.Pattern[str], lead: int, standfirst_words: int, exempt: dict[str, frozenset[str]]) -> None:
        self.pattern = pattern
        self.lead = lead
        self.standfirst_words = standfirst_words
        self.exempt = exempt


def prepare(options: dict[str, Any]) -> Prepared:
    # Feb. 1, 1 Feb, 5 Mar. (day first in European wires), an optional year: Jan. 1, 2020
    months = r"(?:\d{1,2}\.?\s+)?(?i:" + words_pattern(options["months"]) + r")\.?(?:\s*\d{1,2})?(?:,?\s*\d{4})?"
    date = r"(?:\s*,?\s*" + months + r")"  # WASHINGTON, D.C. March 18 - has no comma before the month
    dated = r"(?:\s*,\s*" + months + r")"
    city = r"(?i:" + words_pattern(options["cities"]) + r")"
    agency = r"\s*" + _AGENCY
    forms = [
        # WASHINGTON (AP) —, BEIJING, Feb. 1 (Xinhua) --, CONCORD, N.H. -, NEW DELHI:
        _CAPS + _REGION + r"{0,2}" + date + r"?(?:" + agency + r"(?:" + _END + r")?|" + _END + r")",
        # Frankfurt/Main (dpa) -, Hong Kong (CNN Business), Panama City, Sept. 8 (CNA) --, and
        # London (CNN)It was … with the space lost; a credit must be followed by a new sentence
        _NAME + _REGION + r"{0,2}" + dated + r"?" + agency + r"(?:" + _END + r"(?=\s)|(?=\s+[A-Z0-9\"“«„‘']|[A-Z]))",
        # Caracas, march 13 -, panama city, april 29 - (1987 wire copy in any case: the date makes it one)
        _LOOSE + _REGION + r"{0,2}" + dated + _END,
        # Berlin — (a stand-alone city in mixed case)
        city + _END,
    ]
    # Leading wire debris (****WASHINGTON, 0 LONDON) is tolerated; labels like BREAKING: are not places.
    not_place = r"(?!(?i:" + words_pattern(options["not_places"]) + r")\s*(?:[:—–-]|\())"
    pattern = regexes.compile(r"[*#•·\s]*(?:\d\s+)?" + not_place + r"(?:" + "|".join(f"(?:{f})" for f in forms) + r")")
    exempt = {key.lower(): frozenset(v.lower() for v in values) for key, values in options["exempt_when"].items()}
    return Prepared(pattern, options["lead_paragraphs"], options["standfirst_words"], exempt)


def _exempt(doc: Document, p: Prepared) -> bool:
    """Front matter: an exempt story type, or a `dateline:` field (which is the story's dateline)."""
    for key, value in doc.meta.items():
        if str(value).strip().lower() in p.exempt.get(str(key).lower(), ()):
            return True
    dateline = doc.meta.get("dateline")
    return isinstance(dateline, str) and bool(dateline.strip())


def check(doc: Document, p: Prepared) -> Iterator[Hit]:
    body = doc.body
    if not body or doc.continued or (doc.meta and _exempt(doc, p)):
        return  # (a later section of a long story starts mid-story)
    for para in body[: p.lead + 1]:
        if p.pattern.match(doc.text, para.start, para.end):
            return
        if len(doc.text[para.start : para.end].split()) > p.standfirst_words:
            break  # a long paragraph is the story itself, not a standfirst
    first = body[0]
    opening = " ".join(doc.text[first.start : first.end].split()[:6])
    yield Hit(first.start, first.start + 1, {"start": opening})

