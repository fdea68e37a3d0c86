"""A very long plain-text story is linted in sections, with the findings of a whole reading."""

from __future__ import annotations

import pytest
from conftest import ROOT

from copylint import engine
from copylint.document import parse
from copylint.engine import lint_document, lint_story, section_starts
from copylint.rule import load_rules

SEED = (ROOT / "seeds" / "000_e89cc9545c4c39cd.txt").read_text(encoding="utf-8").strip()
# A quotation carried on over three paragraphs (AP style): no cut may fall inside it.
CARRIED = ('The minister said: "We will not build the tower this year.\n\n'
           '"Nor will we build it next year.\n\n"Perhaps never," she added.')


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def whole(text: str, rules, path: str) -> list:
    return lint_document(parse(text, path), rules)


def test_sections_give_the_findings_of_a_whole_reading(rules, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join([SEED, CARRIED] * 12) + "\n"
    monkeypatch.setattr(engine, "SECTION_CHARS", 3000)
    cuts = section_starts(text, 3000)
    assert len(cuts) > 5
    for cut in cuts[1:]:
        assert text[cut - 2 : cut] == "\n\n" and text[cut] not in "\"“"  # paragraph starts, not continuations
    findings, language = lint_story(text, rules, "long.txt")
    assert language == "en"
    assert findings == whole(text, rules, "long.txt")
    assert [f.rule for f in findings].count("missing-dateline") == 0  # the seed has one; no section adds one
    assert max(f.line for f in findings) > text[: cuts[-1]].count("\n")  # the last section's, moved to their lines


def test_a_later_section_does_not_ask_for_a_dateline(rules, monkeypatch: pytest.MonkeyPatch) -> None:
    story = "Harbour plan\n\n" + "\n\n".join(["The council met on Monday and talked about the harbour."] * 400) + "\n"
    monkeypatch.setattr(engine, "SECTION_CHARS", 2000)
    assert len(section_starts(story, 2000)) > 3
    findings, _ = lint_story(story, rules, "s.txt")
    assert [(f.rule, f.line) for f in findings] == [("missing-dateline", 3)] == [(f.rule, f.line) for f in whole(story, rules, "s.txt")]


def test_a_story_with_suppression_comments_is_read_whole() -> None:
    story = "\n\n".join(["A paragraph of plain words about the harbour."] * 200) + "\n<!-- copylint: disable-file -->\n"
    assert section_starts(story, 1000) == [0]


def test_short_stories_are_not_cut() -> None:
    assert section_starts(SEED) == [0]
