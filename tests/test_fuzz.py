"""Property-based tests on generated news-like text: invariants that must hold for any story."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copylint.document import parse
from copylint.engine import RuleFailure, lint_text
from copylint.quotes import FAMILY
from copylint.rule import load_rules

RULES = load_rules()
PAIRS = [('"', '"'), ("“", "”"), ("‘", "’"), ("«", "»"), ("„", "“"), ("»", "«"), ("‹", "›"), ("「", "」"), ("'", "'")]

word = st.sampled_from([
    "the", "minister", "said", "talks", "were", "over", "don't", "’90s", "rock", "’n’", "roll", "students'",
    "U.S.", "Sen.", "Feb.", "No.", "5'7\"", "Xinjiang", "émigré", "naïve", "😀", "\u200b", "\u00a0", "—", "--",
    "reform", "so-called", "alleged", "according", "to", "police", "O'Brien", "'em", "1987",
])
odd = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3)


plain = st.sampled_from(["the", "minister", "said", "talks", "were", "over", "police", "reform"])


@st.composite
def quoted(draw, words=word):
    """A balanced quotation: a pair of one style around words, sometimes with a nested pair."""
    left, right = draw(st.sampled_from(PAIRS))
    inner = " ".join(draw(st.lists(words, min_size=1, max_size=6)))
    if draw(st.booleans()):
        l2, r2 = draw(st.sampled_from(PAIRS[1:3]))
        inner = f"{inner} {l2}{draw(words)}{r2}"
    return f"{left}{inner}{right}"


sentence = st.lists(st.one_of(word, quoted(), odd), min_size=1, max_size=12).map(lambda ws: " ".join(ws) + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
dateline = st.sampled_from(["", "WASHINGTON (AP) — ", "LONDON, Feb 1 (Reuters) - ", "Caracas, march 13 - "])
newline = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def story(draw, balanced: bool = False):
    nl = draw(newline)
    paras = draw(st.lists(paragraph if not balanced else balanced_paragraph, min_size=1, max_size=5))
    paras[0] = draw(dateline) + paras[0]
    return (nl + nl).join([draw(st.lists(word, max_size=6).map(" ".join)), *paras]) + nl


balanced_sentence = st.lists(st.one_of(plain, quoted(plain)), min_size=1, max_size=10).map(lambda ws: " ".join(ws) + ".")
balanced_paragraph = st.lists(balanced_sentence, min_size=1, max_size=3).map(" ".join)

SETTINGS = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(story())
def test_no_exception_and_findings_lie_inside_the_text(text):
    failures: list[RuleFailure] = []
    findings = lint_text(text, RULES, "fuzz", failures=failures)
    assert failures == []
    doc = parse(text)
    last_line = len(doc.line_starts)
    for f in findings:
        assert 1 <= f.line <= last_line and 1 <= f.end_line <= last_line
        assert (f.end_line, f.end_column) >= (f.line, f.column)
        line_start = doc.line_starts[f.line - 1]
        line_end = doc.line_starts[f.line] if f.line < last_line else len(doc.text)
        assert 1 <= f.column <= line_end - line_start + 1


@SETTINGS
@given(story())
def test_output_is_deterministic(text):
    assert lint_text(text, RULES) == lint_text(text, RULES)


@SETTINGS
@given(story())
def test_without_quotation_marks_nothing_is_unbalanced(text):
    stripped = "".join(ch for ch in text if ch not in FAMILY)
    while ",," in stripped:  # two commas stand for „ (quotes.DOUBLED): a quotation mark too
        stripped = stripped.replace(",,", ",")
    assert [f for f in lint_text(stripped, RULES) if f.rule == "unbalanced-quotes"] == []


@SETTINGS
@given(story(balanced=True), st.data())
def test_one_stray_opening_mark_in_balanced_text_is_found(text, data):
    unbalanced = [r for r in RULES if r.id == "unbalanced-quotes"]
    assert lint_text(text, unbalanced) == []
    # Insert before a word of the last paragraph: a quote left open before a paragraph that reopens
    # is legal AP style, so the last paragraph is where a stray opener is always an error.
    last = parse(text).paragraphs[-1]
    spots = [i for i in range(last.start, last.end) if i == last.start or text[i - 1] == " " and text[i].isalpha()]
    at = data.draw(st.sampled_from(spots))
    mark = data.draw(st.sampled_from(["“", '"', "«", "„"]))
    assert lint_text(text[:at] + mark + text[at:], unbalanced) != []
