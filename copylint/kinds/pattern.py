"""A house rule without code: a regular expression, a term list, or substitutions (wrong → right,
each finding with a safe fix), within a scope of the story."""

from __future__ import annotations

import re
from collections.abc import Iterator

from copylint import regexes
from copylint.document import Document
from copylint.finding import Edit, Fix, Hit
from copylint.kinds.options import Option, words_pattern
from copylint.record import Record

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any

SCOPES = ("text", "body", "headline", "outside-quotes", "inside-quotes")
OPTIONS = {
    "pattern": Option("regex", "", "A regular expression to report (give this or `terms`)."),
    "terms": Option("words", [], "Words or phrases to report, matched as whole words."),
    "ignore_case": Option("bool", True, "Match without regard to case."),
    "scope": Option("choice", "text", "Where to look: " + ", ".join(SCOPES) + ". Substitutions default to outside quotations.",
                    SCOPES),
    "substitutions": Option("pairs", {}, "Wrong → right terms (Kiev: Kyiv), matched as whole words; each finding gets a "
                                         "safe fix that keeps the case (KIEV → KYIV, kiev → kyiv)."),
}
FIELDS = frozenset({"match", "replacement"})
FIX = "safe (substitutions)"


class Prepared(Record):
    __slots__ = ("regex", "scope", "substitutions")

    regex: re.Pattern[str]
    scope: str
    substitutions: dict[str, str]

    def __init__(self, regex: re.Pattern[str], scope: str, substitutions: dict[str, str]) -> None:
        self.regex = regex
        self.scope = scope
        self.substitutions = substitutions


def prepare(options: dict[str, Any]) -> Prepared:
    subs = options["substitutions"]
    parts = [x for x in (options["pattern"], options["terms"] and words_pattern(options["terms"]),
                         subs and words_pattern(list(subs))) if x]
    if not parts:
        raise ValueError("the pattern kind needs a `pattern`, `terms` or `substitutions` option")
    flags = re.IGNORECASE if options["ignore_case"] else 0
    lowered = {re.sub(r"\s+", " ", k.lower()): v for k, v in subs.items()}
    scope = options["scope"]
    if subs and scope == "text" and not options["pattern"] and not options["terms"]:
        scope = "outside-quotes"  # a quotation is someone's words: never "corrected"
    return Prepared(regexes.compile("|".join(f"(?:{x})" for x in parts), flags), scope, lowered)


def _regions(doc: Document, scope: str) -> Iterator[tuple[str, int, int]]:
    if scope == "outside-quotes":
        yield doc.narrative, 0, len(doc.text)
    elif scope == "inside-quotes":
        for q in doc.quotes:
            if q.level == 0:
                yield doc.text, q.open + 1, q.close
    elif scope in ("body", "headline"):
        for para in doc.paragraphs:
            if para.role == scope:
                yield doc.text, para.start, para.end
    else:
        yield doc.text, 0, len(doc.text)


def check(doc: Document, p: Prepared) -> Iterator[Hit]:
    for text, start, end in _regions(doc, p.scope):
        for m in p.regex.finditer(text, start, end):
            if m.end() <= m.start():
                continue
            found = m.group()
            right = p.substitutions.get(re.sub(r"\s+", " ", found.lower()))
            if right is None:
                yield Hit(m.start(), m.end(), {"match": found, "replacement": ""})
                continue
            right = keep_case(found, right)
            yield Hit(m.start(), m.end(), {"match": found, "replacement": right},
                      Fix((Edit(m.start(), m.end(), right),), "safe", f"Replace with {right}"))


def keep_case(found: str, right: str) -> str:
    """The replacement in the case of what was found: KIEV → KYIV, kiev → kyiv, Kiev → Kyiv."""
    if found.isupper() and len(found) > 1:
        return right.upper()
    if found.islower():
        return right.lower()
    if found[:1].isupper() and found[1:].islower():
        return right[:1].upper() + right[1:]
    return right
