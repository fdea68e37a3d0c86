"""The seed article (a Xinhua wire story) and one-edit variants of it: the first acceptance test."""

from __future__ import annotations

import pytest

from conftest import SEED, positions

SEED_TEXT = SEED.read_text(encoding="utf-8")
LINES = SEED_TEXT.split("\n")


def edit_line(number: int, old: str, new: str) -> str:
    """The seed with one replacement on one line (1-based), which must apply exactly once."""
    lines = list(LINES)
    assert lines[number - 1].count(old) == 1, f"{old!r} is not unique on line {number}"
    lines[number - 1] = lines[number - 1].replace(old, new)
    return "\n".join(lines)


def test_seed_findings_are_exactly_the_scare_quotes(lint):
    findings = lint(SEED_TEXT)
    scare = positions(findings, "scare-quotes")
    assert set(scare) >= {"7:181", "7:198", "9:239", "17:169", "25:276"}
    assert set(scare) <= {"7:181", "7:198", "9:239", "17:169", "25:276", "27:429", "27:463"}
    assert {f.rule for f in findings} == {"scare-quotes"}


def test_seed_scare_quote_messages_explain_the_cue(lint):
    by_pos = {f"{f.line}:{f.column}": f.message for f in lint(SEED_TEXT, "scare-quotes")}
    assert "'so-called' already signals distance" in by_pos["17:169"]
    assert "'allegations of' already signals distance" in by_pos["7:198"]
    assert '"crime against humanity"' in by_pos["7:198"]


def test_deleting_the_dateline(lint):
    text = edit_line(7, "BEIJING, Feb. 1 (Xinhua) -- ", "")
    assert positions(lint(text), "missing-dateline") == ["7:1"]


def test_deleting_a_closing_mark_before_attribution(lint):
    text = edit_line(13, '," Xu said.', ", Xu said.")
    assert positions(lint(text), "unbalanced-quotes") == ["13:1"]


def test_deleting_an_opening_mark(lint):
    text = "\n".join(LINES[:20] + [LINES[20][1:]] + LINES[21:])
    assert positions(lint(text), "unbalanced-quotes") == ["21:281"]


@pytest.mark.parametrize(("line", "old"), [(13, '," Xu said.'), (21, '," he added.')])
def test_removing_the_attribution(lint, line, old):
    findings = lint(edit_line(line, old, '."'))
    assert positions(findings, "unattributed-quote") == [f"{line}:1"]
    assert positions(findings, "unbalanced-quotes") == []


def test_ap_multi_paragraph_quote_is_accepted(lint):
    ninth = LINES[8]
    cut = ninth.index("wasted paper") + len("wasted paper")
    text = "\n".join(LINES[:8] + [ninth[:cut] + "."] + LINES[9:])
    findings = lint(text)
    assert positions(findings, "unbalanced-quotes") == []
    assert "9:1" not in positions(findings, "unattributed-quote")
    assert "11:1" not in positions(findings, "unattributed-quote")


def test_forgotten_closing_mark_before_an_attribution_tail(lint):
    text = edit_line(11, '," he said.', ", he said.")
    assert positions(lint(text), "unbalanced-quotes") == ["11:1"]
