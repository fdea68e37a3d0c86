"""A synthetic recall suite, written for copylint: attributed quotes in every common form, the
same quotes with the attribution removed, and partial quotes, mentions and scare quotes."""

from __future__ import annotations

import pytest

from conftest import positions

HEAD = "Council votes on harbour plan\n\nHARBOURTON (AP) — The council met on Tuesday.\n\n"
LINE = 5  # the line each case starts on, after the headline and a dated first paragraph

ATTRIBUTED = [
    '"The harbour plan will cost far more than anyone admits," she said.',
    '"The harbour plan will cost far more than anyone admits," said Sen. Ann Lee, D-Mass.',
    'Lee said: "The harbour plan will cost far more than anyone admits."',
    '"The harbour plan will cost far more than anyone admits." — Ann Lee',
    '"The harbour plan will cost far more than anyone admits." — @annlee',
    'According to Lee, "the harbour plan will cost far more than anyone admits."',
    '"The harbour plan will cost far more than anyone admits," Lee, who chairs the panel, told reporters on Tuesday.',
    '"The harbour plan," Lee said, "will cost far more than anyone admits."',
    '"Who will pay for the harbour when the money runs out?" Lee asked.',
    '"Stop this harbour plan before it ruins us all!" shouted a protester.',
    '"The harbour plan will cost far more than anyone admits." Lee said the vote was a mistake.',
    'LEE: "The harbour plan will cost far more than anyone admits."',
    '((Ann Lee)) "The harbour plan will cost far more than anyone admits."',
    '"The harbour plan will cost far more than anyone admits," the mayor\'s office said in a statement.',
]

UNATTRIBUTED = [
    '"The harbour plan will cost far more than anyone admits."',
    'The vote was close. "The harbour plan will cost far more than anyone admits."',
    '"Who will pay for the harbour when the money runs out?"',
    '"Stop this harbour plan before it ruins us all!"',
]


@pytest.mark.parametrize("case", ATTRIBUTED)
def test_attributed_quotes_are_not_reported(lint, case):
    assert positions(lint(HEAD + case + "\n", "unattributed-quote"), "unattributed-quote") == []


@pytest.mark.parametrize("case", UNATTRIBUTED)
def test_unattributed_quotes_are_reported_at_the_opening_mark(lint, case):
    col = case.index('"') + 1
    assert positions(lint(HEAD + case + "\n", "unattributed-quote"), "unattributed-quote") == [f"{LINE}:{col}"]


def test_floating_quote_paragraph_is_reported_unless_allowed(lint, rule_by_id):
    text = HEAD + '"We will fight this," Lee said.\n\n"The harbour plan will cost far more than anyone admits."\n'
    assert positions(lint(text, "unattributed-quote"), "unattributed-quote") == ["7:1"]
    from copylint.engine import lint_text

    relaxed = rule_by_id["unattributed-quote"].with_options({"allow_floating": True})
    assert lint_text(text, [relaxed]) == []


def test_dash_credit_paragraph_after_a_pull_quote(lint):
    text = HEAD + '"The harbour plan will cost far more than anyone admits."\n\n—Ann Lee, council chair\n'
    assert lint(text, "unattributed-quote") == []


def test_colon_at_the_end_of_the_previous_paragraph_attributes(lint):
    text = HEAD + "The mayor told the council:\n\n\"The harbour plan will cost far more than anyone admits.\"\n"
    assert lint(text, "unattributed-quote") == []


def test_attributed_multi_paragraph_quote_and_its_continuation(lint):
    text = HEAD + '"The harbour plan will cost far more than anyone admits.\n\n"And it will take a decade," Lee said.\n'
    findings = lint(text)
    assert positions(findings, "unattributed-quote") == []
    assert positions(findings, "unbalanced-quotes") == []


NOT_SCARE = [
    'Smith called the plan "reckless."',
    'The firm blamed "market conditions" for the delay.',
    'He said the talks had been "constructive."',
    'According to police, the man was "armed and dangerous."',
    'The word "harbour" has two spellings.',
    'She starred in the film "Harbour Lights" last year.',
    'The storm, dubbed "Harbourgeddon" by forecasters, flooded the quay.',
    'Joe "Big Joe" Smith runs the ferry.',
    'The group is known as "the Dockers" in town.',
    'The "Save Our Harbour" campaign collected signatures.',
]

SCARE = [
    ('The council denied allegations of "corruption" at the port.', "corruption"),
    ('It used so-called "efficiency savings" to cut jobs.', "efficiency savings"),
    ('The delay followed "market conditions" at the port.', "market conditions"),
    ('There is no "crisis" at the harbour, the mayor said.', "crisis"),
    ('Critics doubt the self-styled "reformer" will last.', "reformer"),
]


@pytest.mark.parametrize("case", NOT_SCARE)
def test_partial_quotes_and_mentions_are_not_scare_quotes(lint, case):
    assert lint(HEAD + case + "\n", "scare-quotes") == []


@pytest.mark.parametrize(("case", "term"), SCARE)
def test_scare_quotes_are_reported_at_the_opening_mark(lint, case, term):
    findings = lint(HEAD + case + "\n", "scare-quotes")
    assert positions(findings, "scare-quotes") == [f"{LINE}:{case.index(chr(34)) + 1}"]
    assert f'"{term}"' in findings[0].message


def test_nested_term_inside_a_speakers_quote_is_judged_inside_it(lint):
    text = HEAD + '"Their \'reform\' is nothing but a tax," Lee said.\n'
    assert positions(lint(text, "scare-quotes"), "scare-quotes") == ["5:8"]


def test_quotes_inside_interview_answers_belong_to_the_speaker(lint):
    text = (HEAD + "((WN)) What happened that night?\n\n((Ann Lee)) I was at home when the water came.\n\n"
            'Then I thought, "This is the worst night of my whole life."\n')
    assert lint(text, "unattributed-quote") == []
    single_label = HEAD.replace("HARBOURTON (AP) —", "HARBOURTON:") + '"This is the worst night of my whole life."\n'
    assert positions(lint(single_label, "unattributed-quote"), "unattributed-quote") == ["5:1"]


def test_chinese_japanese_and_korean_quotations_are_not_judged(lint):
    text = HEAD + "他表示“一带一路”倡议将继续推进。 그는 “우리는 이 다리를 봄까지 다시 지을 것입니다”라고 말했다.\n"
    assert lint(text, "scare-quotes") == [] and lint(text, "unattributed-quote") == []
    assert lint(text, "unbalanced-quotes") == []  # their marks are still paired and checked


def test_an_answer_to_an_indirect_question_is_the_person_asked_and_the_verbs_are_a_house_list(lint, rule_by_id):
    from copylint.engine import lint_text

    asked = HEAD + 'A reporter asked the mayor whether the harbour would open. "Not this year, and not the next."\n'
    queried = asked.replace("asked", "queried")
    assert lint(asked, "unattributed-quote") == []
    assert positions(lint(queried, "unattributed-quote"), "unattributed-quote") == ["5:62"]
    house = rule_by_id["unattributed-quote"].with_options({"question_verbs": ["asked", "queried"]})
    assert lint_text(queried, [house]) == []
    no_conjunctions = house.with_options({"question_conjunctions": []})
    assert [(f.line, f.column) for f in lint_text(queried, [no_conjunctions])] == [(5, 62)]
