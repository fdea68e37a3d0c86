"""The quote scanner: pairing, direction, apostrophes, nesting, AP continuation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.document import parse, split_paragraphs
from copylint.quotes import FAMILY, MARK_RE, marks_by_paragraph, marks_in


def pairs(text: str) -> list[tuple[str, int]]:
    """Each quotation as (its text with marks, nesting level)."""
    doc = parse(text)
    return [(doc.text[q.open : q.close + 1], q.level) for q in doc.quotes]


def strays(text: str) -> list[tuple[int, int, bool]]:
    doc = parse(text)
    return [(*doc.position(s.offset), s.problem == "unclosed") for s in doc.stray]


def test_apostrophes_are_never_quotation_marks():
    text = "Don't blame the ’90s or rock ’n’ roll; the students' union and 'em, Ahmed's O'Brien."
    assert pairs(text) == []
    assert strays(text) == []


def test_primes_are_not_quotation_marks():
    text = 'The 5\'7" guard scored.'
    assert pairs(text) == [] and strays(text) == []


def test_nesting_two_levels_deep():
    text = '"He told me, \'She said “go home” twice,\' and left," Lee said.'
    assert pairs(text) == [
        ('"He told me, \'She said “go home” twice,\' and left,"', 0),
        ("'She said “go home” twice,'", 1),
        ("“go home”", 2),
    ]


def test_curly_straight_and_mixed_pairs():
    assert pairs('“Curly,” she said. "Straight," he said. “Mixed," they said.') == [
        ("“Curly,”", 0), ('"Straight,"', 0), ('“Mixed,"', 0)
    ]


def test_guillemets_and_low_nine_marks():
    assert pairs("« Bonjour », dit-il. „Guten Tag“, sagte sie. »Hej«, sagde han.") == [
        ("« Bonjour »", 0), ("„Guten Tag“", 0), ("»Hej«", 0)
    ]


def test_wrong_way_closing_mark_still_pairs():
    assert pairs("The decree “AI-5“ was signed.") == [("“AI-5“", 0)]


def test_breadcrumb_separators_are_skipped():
    doc = parse("News › World › Asia\n\nHeadline\n\nBody text.\n")
    assert doc.quotes == () and doc.stray == ()


def test_ap_continuation_across_three_paragraphs():
    text = '"First paragraph of the quote.\n\n"Second paragraph.\n\n"Third and last," she said.\n'
    doc = parse(text)
    assert len(doc.quotes) == 1
    q = doc.quotes[0]
    assert doc.position(q.open) == (1, 1)
    assert [doc.position(r) for r in q.reopen] == [(3, 1), (5, 1)]
    assert doc.position(q.close) == (5, 17)
    assert doc.stray == ()


def test_open_paragraph_not_reopened_is_stray():
    assert strays('"Never closed, she said.\n\nThe next paragraph.\n') == [(1, 1, True)]


def test_closing_mark_without_opener_is_stray():
    assert strays('She said it was over," he added.') == [(1, 22, False)]


def test_unclosed_nested_mark_is_reported_at_the_nested_opener():
    assert strays('"He said \'stop now," Lee said.') == [(1, 10, True)]


def test_hard_wrapped_quote_pairs_across_lines():
    text = 'NEW YORK, March 5 - "The market is\nweak," he said. "We expect a\nrebound."\n'
    assert [lvl for _, lvl in pairs(text)] == [0, 0]
    assert strays(text) == []


def test_crlf_and_bom_positions():
    text = '\ufeffHeadline\r\n\r\n"Open but never closed.\r\n'
    assert strays(text) == [(3, 1, True)]


def test_in_word_double_mark_is_a_stray_that_opens_nothing():
    text = 'India"s budget was called "bold" by analysts.'
    assert strays(text) == [(1, 6, False)]
    assert parse(text).stray[0].problem == "in-word"
    assert pairs(text) == [('"bold"', 0)]


def test_typewriter_mixed_pair_is_repaired():
    assert pairs("It entered the \"final phase' of talks.") == [("\"final phase'", 0)]
    assert strays("It entered the \"final phase' of talks.") == []


MARKS = list(FAMILY)
news_text = st.lists(
    st.one_of(
        st.sampled_from(["The", "minister", "said", "don't", "’90s", "U.S.", "Feb.", "5'7\"", "\n", "\n\n", "\r\n"]),
        st.sampled_from(MARKS),
        st.text(alphabet="abc .,;:!?-—", max_size=6),
    ),
    max_size=60,
).map(" ".join)


@settings(max_examples=300)
@given(news_text)
def test_scanner_never_crashes_and_positions_lie_inside(text):
    doc = parse(text)
    n = len(doc.text)
    for q in doc.quotes:
        assert 0 <= q.open < q.close < n
        assert (doc.text[q.open] in FAMILY or doc.text[q.open : q.open + 2] == ",,") and doc.text[q.close] in FAMILY
    for s in doc.stray:
        assert 0 <= s.offset < n and (doc.text[s.offset] == s.char or doc.text[s.offset : s.offset + 2] == ",,")
    marks_used = [q.open for q in doc.quotes] + [q.close for q in doc.quotes] + [s.offset for s in doc.stray]
    assert len(marks_used) == len(set(marks_used))


def test_typewriter_inner_quote_closed_with_a_single_mark_keeps_nesting():
    text = '"The rule that this "when issued\' trading may start is agreed," he said.'
    assert pairs(text) == [
        ('"The rule that this "when issued\' trading may start is agreed,"', 0),
        ('"when issued\'', 1),
    ]
    assert strays(text) == []


def test_seed_repeated_a_thousand_times_scans_in_linear_time():
    from conftest import SEED
    import time

    story = SEED.read_text(encoding="utf-8").strip()
    timings = []
    for times in (50, 500):
        text = "\n\n".join([story] * times)
        best = float("inf")
        for _ in range(3):  # the best of three: one run on a busy machine says little
            start = time.perf_counter()
            doc = parse(text)
            best = min(best, time.perf_counter() - start)
        timings.append(best / times)
        assert len(doc.quotes) == 14 * times and doc.stray == ()
    assert timings[1] < 3 * timings[0]  # per-copy cost does not grow with the file


def test_inch_mark_after_a_number_is_not_a_stray():
    assert strays('They ordered a 12" pizza and a 6\' ladder.') == []
    assert pairs('"The flood reached 1987 levels in 2019" she said.') == [('"The flood reached 1987 levels in 2019"', 0)]


def _marks_by_the_alternation(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """What marks_in must give: every MARK_RE match but a single mark between two alphanumerics."""
    return [(m.start(), m.group()) for m in MARK_RE.finditer(text, start, end)
            if not (FAMILY.get(m.group()) == "single" and start < m.start() < end - 1
                    and text[m.start() - 1].isalnum() and text[m.start() + 1].isalnum())]


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from([*FAMILY, "a", "Z", "5", "_", "é", "²", " ", ",", "\n"]), max_size=40),
       st.integers(0, 5), st.integers(0, 5))
def test_the_scanner_reads_the_marks_the_alternation_finds_less_in_word_apostrophes(text, cut_start, cut_end):
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    assert marks_in(text, start, end) == _marks_by_the_alternation(text, start, end)


def test_typed_pairs_and_apostrophes_in_words():
    text = "O'Brien’s ''plan'' and ‘‘this’’ or ‘’that’’ rock’n’roll 5'7 'x' y'"
    assert marks_in(text, 0, len(text)) == [(10, "''"), (16, "''"), (23, "‘‘"), (29, "’’"), (35, "‘’"), (41, "’’"),
                                            (60, "'"), (62, "'"), (65, "'")]
    assert marks_in(",,x’s y'", 0, 8) == [(0, ",,"), (7, "'")]  # the other path: ,, opens „


@settings(max_examples=300)
@given(st.lists(st.sampled_from([*FAMILY, "a", "5", " ", ",", "\n", "\n\n", "\r\n \r\n"]), max_size=40))
def test_one_search_over_all_paragraphs_finds_what_a_search_of_each_finds(pieces):
    text = "".join(pieces)
    spans = split_paragraphs(text)
    assert marks_by_paragraph(text, spans) == [marks_in(text, a, b) for a, b in spans]
