"""The cheap lower-case pre-check of the cue patterns never changes what they find."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.kinds.context import _lowercase_twin, _search_near
from copylint.rule import load_rules

RULES = {r.id: r for r in load_rules()}
CUE_PATTERNS = [RULES["unattributed-quote"].prepared.mention, RULES["scare-quotes"].prepared.mention,
                RULES["scare-quotes"].prepared.distancing]
# Words that make the cues and their filler, in any case, among ordinary words and punctuation.
PIECES = ["the", "THE", "word", "Words", "term", "so-called", "So-Called", "allegations", "of", "such", "as",
          "e.g.", "E.G.", "for", "example", "phrase", "slogan", "like", "its", "a", "an", "mayor", "said",
          "K", "s", "plan", " ", " ", ", ", ": ", "-", "(", "’", "'", "é", "\u017f"]


@pytest.mark.parametrize("pattern", CUE_PATTERNS)
def test_the_built_in_cue_patterns_have_a_twin(pattern: re.Pattern[str]) -> None:
    assert _lowercase_twin(pattern) is not None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from(range(len(CUE_PATTERNS))))
def test_search_near_finds_what_search_finds(pieces: list[str], which: int) -> None:
    pattern = CUE_PATTERNS[which]
    text = "".join(pieces)[-120:]
    found, expected = _search_near(pattern, text), pattern.search(text)
    assert (found and (found.span(), found.group(1))) == (expected and (expected.span(), expected.group(1)))


def test_a_pattern_with_capitals_or_case_tricks_gets_no_twin() -> None:
    assert _lowercase_twin(re.compile(r"the Word", re.IGNORECASE)) is None
    assert _lowercase_twin(re.compile("\u017fo-called", re.IGNORECASE)) is None  # long s matches s
    assert _lowercase_twin(re.compile(r"so-called", 0)) is None  # case-sensitive already
    assert _lowercase_twin(re.compile(r"\x41\x42c", re.IGNORECASE)) is None  # capitals by number
    assert _lowercase_twin(re.compile(r"(a)\1", re.IGNORECASE)) is None
    twin = _lowercase_twin(re.compile(r"\Wso-called\S", re.IGNORECASE))
    assert twin is not None and twin.pattern == r"\Wso-called\S" and not twin.flags & re.IGNORECASE
