"""Typed options of a check kind, validated when a rule file is loaded."""

from __future__ import annotations

import re

from copylint import regexes
from copylint.record import Record

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any


class Option(Record):
    """One option: `type` is bool, int, str, choice, regex, words (terms), regexes, map (a mapping
    of names to lists of strings) or pairs (a mapping of strings to strings)."""

    __slots__ = ("type", "default", "doc", "choices")

    type: str
    default: Any
    doc: str
    choices: tuple[str, ...]

    def __init__(self, type: str, default: Any, doc: str, choices: tuple[str, ...] = ()) -> None:
        self.type = type
        self.default = default
        self.doc = doc
        self.choices = choices


class NoOptions(Record):
    """The prepared options of a kind that has none."""

    __slots__ = ()


def no_options(options: dict[str, Any]) -> NoOptions:
    return NoOptions()


def check_value(name: str, spec: Option, value: Any) -> str | None:
    """Return a problem with `value` for option `name`, or None when it is valid."""
    if spec.type == "bool":
        return None if isinstance(value, bool) else f"option '{name}' must be true or false"
    if spec.type == "int":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return None if ok else f"option '{name}' must be a non-negative integer"
    if spec.type in ("str", "regex", "choice"):
        if not isinstance(value, str):
            return f"option '{name}' must be a string"
        if spec.type == "choice" and value not in spec.choices:
            return f"option '{name}' must be one of {', '.join(spec.choices)} (got '{value}')"
        return _regex_problem(name, value) if spec.type == "regex" else None
    if spec.type == "pairs":
        ok = isinstance(value, dict) and all(isinstance(k, str) and k.strip() and isinstance(v, str) for k, v in value.items())
        return None if ok else f"option '{name}' must map terms to their replacements (strings)"
    if spec.type == "map":
        ok = isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v) for k, v in value.items()
        )
        return None if ok else f"option '{name}' must map names to lists of strings"
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        return f"option '{name}' must be a list of non-empty strings"
    if spec.type == "regexes" and _regex_problem(name, "|".join(f"(?:{v})" for v in value)):
        # One compile checks them all; only on failure find which pattern is at fault.
        for v in value:
            problem = _regex_problem(name, v)
            if problem:
                return problem
    return None


def _regex_problem(name: str, pattern: str) -> str | None:
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"option '{name}': invalid regular expression {pattern!r}: {exc}"
    return None


def words_pattern(words: list[str]) -> str:
    """An alternation matching any of `words` as whole words; spaces match any whitespace."""
    # Longest first, so that a phrase wins over its first word; ties alphabetically, so that the
    # pattern is the same in every run (the compiled-pattern store is keyed by it).
    parts = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words}, key=lambda p: (-len(p), p))
    return r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])"


_TOKEN_RE = regexes.compile(r"[^\W_]+(?:-[^\W_]+)*")
# French inverts subject pronouns onto the verb in an incise (« … », explique-t-il): the verb is
# the part before the clitic.
CLITIC_RE = regexes.compile(r"(?:-t)?-(?:il|elle|on|ils|elles|je|nous|vous)$")


class Lexicon:
    """Whole-word lookup of words and phrases by token sets: much faster than a regex alternation
    of hundreds of words, which Python's engine tries at every position of the text."""

    def __init__(self, phrases: list[str]) -> None:
        self.single: set[str] = set()
        self.multi: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            tokens = _TOKEN_RE.findall(phrase.lower())
            if len(tokens) == 1:
                self.single.add(tokens[0])
            elif tokens:
                self.multi.setdefault(tokens[0], []).append(tuple(tokens[1:]))

    def search(self, text: str) -> str | None:
        """The first word or phrase of the lexicon found in `text`, or None."""
        tokens = _tokens(text)
        if self.single.isdisjoint(tokens) and self.multi.keys().isdisjoint(tokens) and "-" not in text:
            return None  # (most texts asked about hold none: ruled out by set operations in C)
        for i, token in enumerate(tokens):
            if token in self.single:
                return token
            if "-" in token:
                stem = CLITIC_RE.sub("", token)
                if stem != token and stem in self.single:
                    return stem
            for rest in self.multi.get(token, ()):
                if tuple(tokens[i + 1 : i + 1 + len(rest)]) == rest:
                    return " ".join((token, *rest))
        return None


# The tokens of the texts looked up last: the two quote kinds ask several lexicons about the same
# sentence halves (the speech verbs and reported speech, before and after each quotation), so
# most texts come twice or more. A few hundred entries hold a story's; then it starts afresh.
_TOKENS: dict[str, list[str]] = {}


def _tokens(text: str) -> list[str]:
    tokens = _TOKENS.get(text)
    if tokens is None:
        tokens = _TOKEN_RE.findall(text.lower())
        if len(text) <= 2000:  # (a sentence half or a paragraph; a huge one is not kept)
            if len(_TOKENS) >= 512:
                _TOKENS.clear()
            _TOKENS[text] = tokens
    return tokens
