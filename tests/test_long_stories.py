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


def test_a_long_story_read_as_bytes_gives_the_findings_of_a_whole_reading(rules, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join([SEED, CARRIED] * 12) + "\n"
    monkeypatch.setattr(engine, "SECTION_CHARS", 3000)
    data = text.encode("utf-8")
    assert len(section_starts(data)) > 5
    findings, language = engine.lint_story_data(data, rules, "long.txt")
    assert language == "en" and findings == whole(text, rules, "long.txt")


def test_the_runner_reads_a_long_story_a_section_at_a_time(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from copylint import runner
    from copylint.runner import RunOptions, Runner

    monkeypatch.setattr(engine, "SECTION_CHARS", 3000)
    monkeypatch.setattr(runner, "SECTION_CHARS", 3000)
    sections: list[int] = []
    real = engine._decoded
    monkeypatch.setattr(engine, "_decoded", lambda data, a, b, path: sections.append(b - a) or real(data, a, b, path))
    story = tmp_path / "long.txt"
    text = "\n\n".join([SEED, CARRIED] * 12) + "\n"
    story.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # with a BOM, which is not part of the text
    report = Runner(RunOptions(isolated=True, results_cache=False)).run([str(story)])
    assert len(sections) > 5 and max(sections) < 3 * 3000
    assert report.findings == whole(text, load_rules(), str(story)) and report.errors == []

    story.write_bytes(text.encode("utf-8")[:-20] + b"caf\xe9 au lait\n")  # Latin-1 in the last section
    report = Runner(RunOptions(isolated=True, results_cache=False)).run([str(story)])
    kept = text.encode("utf-8")[:-20]
    line, column = kept.count(b"\n") + 1, len(kept.rsplit(b"\n", 1)[1].decode()) + 4  # the é of café
    assert report.files == 0 and report.findings == [] and report.errors == [
        f"{story}:{line}:{column}: not valid UTF-8 (byte 0xe9); if it is Windows-1252 (curly quotes as 0x93/0x94), "
        "use --encoding cp1252"]
