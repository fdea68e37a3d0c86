"""The document model: positions, paragraphs, sentences, story structure."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from copylint import document
from copylint.document import line_starts, parse, split_paragraphs
from conftest import SEED


def test_positions_are_one_based_code_points():
    doc = parse("ab\n“Ça va”, il dit.\n")
    offset = doc.text.index("il")
    assert doc.position(offset) == (2, 10)
    assert doc.position(0) == (1, 1)


def test_crlf_and_bom_do_not_shift_columns():
    plain = parse('Head\n\nSaid "x" here.\n')
    windows = parse('\ufeffHead\r\n\r\nSaid "x" here.\r\n')
    for doc in (plain, windows):
        assert doc.position(doc.text.index('"x')) == (3, 6)
    assert [p.role for p in windows.paragraphs] == [p.role for p in plain.paragraphs]


def test_lone_cr_line_endings_count_as_lines():
    doc = parse("one\rtwo\r\rthree")
    assert doc.position(doc.text.index("three")) == (4, 1)
    assert len(doc.paragraphs) == 2


def test_hard_wrapped_lines_form_one_paragraph():
    doc = parse("HEADLINE HERE\n\nNEW YORK, March 5 - The company said\nit would cut costs.\n\nSecond paragraph.\n")
    assert len(doc.paragraphs) == 3
    second = doc.paragraphs[1]
    assert doc.text[second.start : second.end].endswith("cut costs.")


def test_abbreviations_and_initials_do_not_split_sentences():
    text = "Sen. Ann Lee of the U.S. Senate met John F. Kennedy Jr. on Feb. 1 at No. 10 Downing Street. Then she left."
    doc = parse(text)
    sentences = [text[s.start : s.end] for s in doc.paragraphs[0].sentences]
    assert sentences == [text[: text.index(" Then")], "Then she left."]


def test_a_quotation_is_not_split_into_sentences():
    text = '"We came. We saw. We won," she said. Then she left.'
    doc = parse(text)
    sentences = [text[s.start : s.end] for s in doc.paragraphs[0].sentences]
    assert sentences == ['"We came. We saw. We won," she said.', "Then she left."]


def test_seed_structure():
    doc = parse(SEED.read_text(encoding="utf-8"))
    roles = [(doc.position(p.start)[0], p.role) for p in doc.paragraphs[:5]]
    assert roles == [(1, "breadcrumb"), (3, "headline"), (5, "caption"), (7, "body"), (9, "body")]


def test_date_heading_and_byline_are_not_body():
    doc = parse("Storm hits coast\n\nFriday, January 4, 2019\n\nBy Ann Lee\n\nThe storm arrived.\n")
    assert [p.role for p in doc.paragraphs] == ["headline", "dateheading", "byline", "body"]


def test_html_comments_are_blanked_without_moving_text():
    source = 'Head\n\n<!-- a note\nover two lines -->\n"Quote," she said.\n'
    doc = parse(source)
    assert len(doc.text) == len(source)
    assert doc.position(doc.text.index('"Quote')) == (5, 1)
    assert "note" not in doc.text


@given(st.text(alphabet=st.sampled_from(list("ab \n\r\t.\"'“”‘’«»")), max_size=200))
def test_every_offset_maps_inside_the_text(text):
    doc = parse(text)
    lines = doc.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for offset in range(len(doc.text)):
        line, col = doc.position(offset)
        assert 1 <= line <= len(lines)
        assert 1 <= col <= len(lines[line - 1]) + 2  # +2: the CR of a CRLF pair


@given(st.text(alphabet=st.sampled_from(list("ab \n\r\t“”é\u2028")), max_size=120))
def test_the_narrative_blanks_each_quotation_but_keeps_its_line_breaks(text):
    doc = parse(f"Head\n\nShe said “{text}” today.\n")
    expected = list(doc.text)
    for q in doc.quotes:
        if q.level == 0:
            for k in range(q.open, q.close + 1):
                expected[k] = doc.text[k] if doc.text[k] in "\r\n" else " "
    assert doc.narrative == "".join(expected)


@given(st.text(alphabet=st.sampled_from(list("ab \n\r\u2028\x0c")), max_size=80))
def test_line_starts_follow_every_kind_of_line_break(text):
    assert line_starts(text) == (0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text)))


@given(st.text(alphabet=st.sampled_from(list("ab \t\n\u2028\x0c\u00a0")), max_size=60))
def test_paragraphs_of_text_without_cr_are_those_the_general_pattern_finds(text):
    fast = split_paragraphs(text)
    general = document._BLANK_LF_LINES_RE
    try:
        document._BLANK_LF_LINES_RE = document._BLANK_LINES_RE
        assert fast == split_paragraphs(text)
    finally:
        document._BLANK_LF_LINES_RE = general
