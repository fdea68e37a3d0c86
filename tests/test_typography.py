"""The quote scanner on real-world typography (CMS and extraction noise), on invented sentences.

Each construction pairs, and each one with a mark missing is still reported, at its line:col."""

from __future__ import annotations

import pytest

from copylint.engine import lint_text
from copylint.rule import load_rules

UNBALANCED = [r for r in load_rules() if r.id == "unbalanced-quotes"]


def strays(text: str) -> list[str]:
    return [f"{f.line}:{f.column}" for f in lint_text(text, UNBALANCED)]


@pytest.mark.parametrize("text", [
    # two single marks standing for one double mark
    "“It was a mistake,’’ the minister said on Monday.",
    "‘‘We will appeal,’’ she said after the hearing.",
    "''We will appeal,'' she said after the hearing.",
    ",,Wir gehen in Berufung“, sagte sie nach der Anhörung.",
    # spaces inside marks, the same glyph on both sides
    "The opera “ Il Trovatore “, staged in the old theatre, sold out.",
    "“I told them: ‘ we can do this.’” said the coach.",
    "“She told us: ‘We knew it would be hard, and we knew it would end in the end.’ ”",
    # mixed and wrong-way glyphs, across families
    '"We will rebuild the bridge by the spring,” the mayor said.',
    "”We will rebuild the bridge by the spring,” the mayor said.",
    'Die Fledermäuse fühlen sich in «menschlichen Nischen" ganz wohl.',
    "“The clock shows two numbers and both of them matter″ said the activist.",
    # elision before a guillemet or a double mark
    "Il accuse son rival d’« insultes racistes » devant la presse.",
    "Le dossier de l’«affaire» a été rouvert mardi soir.",
    "Il a répondu qu’« il » ne savait rien de ce dossier.",
    # marks glued to words by a CMS
    'New chief named the minister"We will appeal the ruling"',
    'They signed "a fair deal"Reuters reported on Monday.',
])
def test_noisy_typography_pairs(text):
    assert strays(text) == []


def test_apostrophe_typo_inside_a_word_is_still_reported():
    assert strays('The bank said India"s reserves fell.') == ["1:20"]


@pytest.mark.parametrize("bullet", ["• ", "- ", "* ", "– ", "— ", "1. ", "2) "])
def test_a_quote_continued_over_bulleted_paragraphs_is_one_quotation(bullet):
    text = (f"The statement said:\n\n{bullet}\"First, we will rebuild the bridge.\n\n"
            f"{bullet}\"Second, we will pay for it ourselves.\n\n{bullet}\"Last, we will open it in May.\"\n")
    assert strays(text) == []


@pytest.mark.parametrize("interlude", ["Read more: Bridge talks stall", "Photo: Ann Lee/Daily Post", "Embedded video"])
def test_a_quote_interrupted_by_a_short_non_prose_line_is_one_quotation(interlude):
    text = ("“We will rebuild the bridge by the spring, whatever it costs.\n\n"
            f"{interlude}\n\n“And we will open it to cyclists first,” the mayor said.\n")
    assert strays(text) == []


def test_a_real_prose_paragraph_between_does_not_join_two_quotations():
    text = ("“We will rebuild the bridge by the spring, whatever it costs.\n\n"
            "The council met for three hours on Tuesday evening.\n\n“And it will open to cyclists,” she said.\n")
    assert strays(text) == ["1:1"]


@pytest.mark.parametrize("text, expect", [
    # the typo variants of the constructions above: one mark really missing
    ("“It was a mistake, the minister said on Monday.", ["1:1"]),
    ("It was a mistake,’’ the minister said on Monday.", ["1:18"]),
    ("Il accuse son rival d’« insultes racistes devant la presse.", ["1:23"]),
    ("Die Fledermäuse fühlen sich in «menschlichen Nischen ganz wohl.", ["1:32"]),
    ('They signed a fair deal"Reuters reported on Monday.', ["1:24"]),
    ("The statement said:\n\n• \"First, we will rebuild the bridge.\n\n• Second, we will pay for it.\n", ["3:3"]),
])
def test_a_mark_really_missing_is_still_reported(text, expect):
    assert strays(text) == expect


def test_nested_single_quotations_closing_together_are_not_a_double_mark():
    assert strays("‘The sign said ‘closed’’ and we left.") == []


@pytest.mark.parametrize("text, expect", [
    ("Critics loved the film Parasite’ and its cast.", ["1:32"]),
    ("The students’ union met in the good ol’ days of rock ’n’ roll.", []),
    ("Jesus’ words and the boss’ plan were goin’ nowhere.", []),
])
def test_a_word_final_apostrophe_after_other_letters_is_a_lost_quotation(text, expect):
    assert strays(text) == expect


def test_an_opening_mark_repeated_inside_an_open_quotation_is_a_lost_paragraph_break():
    text = "He added, “We will rebuild the bridge. “And we will pay for it ourselves,” he said.\n"
    found = lint_text(text, UNBALANCED)
    assert [(f.line, f.column) for f in found] == [(1, 40)]
    assert "start a new paragraph here" in found[0].message
    attribution = [r for r in load_rules() if r.id == "unattributed-quote"]
    assert lint_text(text, attribution) == []  # still one quotation, with its speaker


def test_an_unclosed_low_doubled_mark_is_reported_as_the_mark_it_stands_for():
    found = lint_text(",,Wir bauen die Brücke neu, sagte sie.\n", UNBALANCED)
    assert [(f.line, f.column, f.message) for f in found] == [
        (1, 1, "Unbalanced quotation: opening quotation mark „ is never closed.")]


@pytest.mark.parametrize("typo", ["He paused,,. Then he left.", "It rained,,! Then it stopped.", "Two commas,, here.",
                                  "A list (one,,) ends."])
def test_a_doubled_comma_before_a_space_or_punctuation_is_no_quotation_mark(typo):
    assert lint_text(typo + "\n", UNBALANCED) == []
