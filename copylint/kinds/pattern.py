"""A house rule without code: a regular expression or a term list, within a scope of the story."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from copylint.document import Document
from copylint.finding import Hit
from copylint.kinds.options import Option, words_pattern

SCOPES = ("text", "body", "headline", "outside-quotes", "inside-quotes")
OPTIONS = {
    "pattern": Option("regex", "", "A regular expression to report (give this or `terms`)."),
    "terms": Option("words", [], "Words or phrases to report, matched as whole words."),
    "ignore_case": Option("bool", True, "Match without regard to case."),
    "scope": Option("choice", "text", "Where to look: " + ", ".join(SCOPES) + ".", SCOPES),
}
FIELDS = frozenset({"match"})


@dataclass(frozen=True, slots=True)
class Prepared:
    regex: re.Pattern[str]
    scope: str


def prepare(options: dict[str, Any]) -> Prepared:
    parts = [x for x in (options["pattern"], options["terms"] and words_pattern(options["terms"])) if x]
    if not parts:
        raise ValueError("the pattern kind needs a `pattern` or `terms` option")
    flags = re.IGNORECASE if options["ignore_case"] else 0
    return Prepared(re.compile("|".join(f"(?:{x})" for x in parts), flags), options["scope"])


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
            if m.end() > m.start():
                yield Hit(m.start(), m.end(), {"match": m.group()})
