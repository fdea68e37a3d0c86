"""--fix, --unsafe-fixes and --diff: exact output, only the edited characters change, every
format, encoding and line ending kept, idempotent, and safe when it cannot write."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from copylint.engine import lint_text
from copylint.finding import Edit, Finding, Fix
from copylint.fixer import FixError, fix_text
from copylint.rule import load_rules
from test_fuzz import story

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ["seeds/000_e89cc9545c4c39cd.txt", "seeds/000_e89cc9545c4c39cd.md", "seeds/000_e89cc9545c4c39cd.html"]
RULES = load_rules()
MESSY = ("Bridge reopens\n\n"
         "SPRINGFIELD (AP) — “We will rebuild the bridge,” the mayor said. “It won't cost more,’’ she added.\n\n"
         "“The council called the plan \"reckless\". It will not pass,” he said.\n")
CLEAN = ("Bridge reopens\n\n"
         "SPRINGFIELD (AP) — “We will rebuild the bridge,” the mayor said. “It won’t cost more,” she added.\n\n"
         "“The council called the plan ‘reckless.’ It will not pass,” he said.\n")


def cli(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "copylint", "check", "--no-cache", *args], capture_output=True, text=True,
                          cwd=cwd, input=stdin)


def test_fix_gives_the_exact_text_and_is_idempotent(tmp_path):
    story_ = tmp_path / "story.txt"
    story_.write_text(MESSY, encoding="utf-8")
    run = cli("--fix", str(story_))
    assert story_.read_text(encoding="utf-8") == CLEAN
    assert "Fixed 5 problems." in run.stdout
    again = cli("--fix", str(story_))
    assert story_.read_text(encoding="utf-8") == CLEAN and "Fixed" not in again.stdout


def test_diff_shows_what_fix_would_do_and_writes_nothing(tmp_path):
    story_ = tmp_path / "story.txt"
    story_.write_text(MESSY, encoding="utf-8")
    run = cli("--diff", str(story_))
    assert run.returncode == 1 and story_.read_text(encoding="utf-8") == MESSY
    assert "-“The council called the plan \"reckless\". It will not pass,” he said.\n" in run.stdout
    assert "+“The council called the plan ‘reckless.’ It will not pass,” he said.\n" in run.stdout
    assert run.stderr == "Would fix 5 problems in 1 file.\n"
    story_.write_text(CLEAN, encoding="utf-8")
    clean = cli("--diff", str(story_))
    assert (clean.returncode, clean.stdout) == (0, "")


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_unsafe_fixes_change_only_the_reported_marks(tmp_path, seed):
    copy = tmp_path / Path(seed).name
    original = (ROOT / seed).read_bytes()
    copy.write_bytes(original)
    import json

    before = json.loads(cli("--format", "json", str(copy)).stdout)
    edits = sorted((e["line"], e["column"]) for f in before if "fix" in f for e in f["fix"]["edits"])
    diff = cli("--diff", "--unsafe-fixes", str(copy))
    changed = [line for line in diff.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert diff.returncode == 1 and len(changed) == len({line for line, _ in edits})
    assert cli("--fix", str(copy)).returncode == 1 and copy.read_bytes() == original  # only unsafe fixes here
    cli("--fix", "--unsafe-fixes", str(copy))
    after = json.loads(cli("--format", "json", str(copy)).stdout)
    assert not any("fix" in f for f in after)  # what had a fix is fixed; 'determination' and the denial stay
    assert len(after) == len(before) - len(edits) // 2
    # Byte comparison: the fixed file is the original without exactly the edited marks.
    old_lines = original.decode("utf-8").splitlines(keepends=True)
    expected = [list(line) for line in old_lines]
    for line, col in sorted(edits, reverse=True):
        del expected[line - 1][col - 1]
    assert copy.read_text(encoding="utf-8") == "".join("".join(chars) for chars in expected)
    # The HTML seed writes one of these quotations with <q>: its marks are markup and stay.
    assert len(edits) == (4 if seed.endswith(".html") else 6)


def test_crlf_bom_and_cp1252_are_kept(tmp_path):
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(codecs.BOM_UTF8 + MESSY.replace("\n", "\r\n").encode("utf-8"))
    cli("--fix", str(crlf))
    assert crlf.read_bytes() == codecs.BOM_UTF8 + CLEAN.replace("\n", "\r\n").encode("utf-8")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(MESSY.replace("’’", "”").encode("cp1252"))
    cli("--fix", "--encoding", "cp1252", str(legacy))
    assert legacy.read_bytes() == CLEAN.encode("cp1252")


def test_a_read_only_story_is_an_error_and_untouched(tmp_path):
    story_ = tmp_path / "story.txt"
    story_.write_text(MESSY, encoding="utf-8")
    story_.chmod(0o444)
    try:
        if os.access(story_, os.W_OK):
            pytest.skip("running as root: a read-only mode does not stop writing")
        run = cli("--fix", str(story_))
        assert run.returncode == 2 and "read-only" in run.stderr and "Traceback" not in run.stderr
        assert story_.read_text(encoding="utf-8") == MESSY
    finally:
        story_.chmod(0o644)


def test_a_read_only_story_in_process(tmp_path, monkeypatch, capsys):
    from copylint import check, fixer

    story_ = tmp_path / "story.txt"
    story_.write_text(MESSY, encoding="utf-8")
    monkeypatch.setattr(fixer.os, "access", lambda path, mode: False)
    code = check.run_check(check.CheckArgs(paths=[str(story_)], fix=True, no_cache=True))
    assert code == 2 and f"{story_}: cannot write the fixes (the file is read-only); nothing written" in capsys.readouterr().err
    assert story_.read_text(encoding="utf-8") == MESSY


def test_an_interrupted_write_leaves_the_original(tmp_path, monkeypatch, capsys):
    from copylint import check, files

    story_ = tmp_path / "story.txt"
    story_.write_text(MESSY, encoding="utf-8")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", boom)
    code = check.run_check(check.CheckArgs(paths=[str(story_)], fix=True, no_cache=True))
    assert code == 2 and "No space left on device" in capsys.readouterr().err
    assert story_.read_text(encoding="utf-8") == MESSY
    assert [p.name for p in tmp_path.iterdir()] == ["story.txt"]  # no temporary file left behind


def test_fix_on_standard_input_writes_the_story_to_standard_output():
    run = cli("--fix", "-", stdin=MESSY)
    assert run.stdout == CLEAN and "Fixed 5 problems." in run.stderr


def test_suppression_and_ignore_apply_to_fixes(tmp_path):
    story_ = tmp_path / "story.txt"
    text = MESSY.replace("“The council", "<!-- copylint: disable-next-line quote-punctuation, quote-glyphs -->\n“The council")
    story_.write_text(text, encoding="utf-8")
    cli("--fix", str(story_))
    fixed = story_.read_text(encoding="utf-8")
    assert "\"reckless\". It will" in fixed and "won’t cost more,”" in fixed
    story_.write_text(MESSY, encoding="utf-8")
    cli("--fix", "--ignore", "quote-glyphs,quote-spacing", str(story_))
    assert story_.read_text(encoding="utf-8") == MESSY.replace('"reckless". It', '"reckless." It')


def test_markdown_and_html_edits_land_on_prose_only(tmp_path):
    md = tmp_path / "story.md"
    md.write_text("---\ntitle: 'A \"bridge\" plan'\n---\n\n“We won't,” she said. Use `don't` and \"x\" in code.\n\n"
                  "```\nsaid\"We\n```\n\n“Yes,” he said. “No,” she said.\n", encoding="utf-8")
    before = md.read_text(encoding="utf-8")
    cli("--fix", str(md))
    after = md.read_text(encoding="utf-8")
    assert after == before.replace("We won't", "We won’t").replace('and "x" in', "and “x” in")
    page = tmp_path / "story.html"
    page.write_text('<html><body><p title="won\'t">“We won\'t,” she said. “Yes,” he said.</p>'
                    "<p><q>Fine</q>, said &quot;Ann&quot;.</p></body></html>\n", encoding="utf-8")
    original = page.read_text(encoding="utf-8")
    cli("--fix", str(page))
    # Only the prose apostrophe changes: not the attribute's, not the <q> marks, not the entities.
    assert page.read_text(encoding="utf-8") == original.replace("“We won't,”", "“We won’t,”")


def test_fixes_that_do_not_converge_are_an_error():
    def lint(text: str) -> list[Finding]:
        return [Finding("s", 1, 1, 1, 2, "flipper", "info", "m", "", Fix((Edit(0, 1, "b" if text[0] == "a" else "a"),)))]

    with pytest.raises(FixError, match="did not converge after 10 passes .rules: flipper."):
        fix_text("a story", lint)


def test_the_house_terms_example_rule(tmp_path):
    story_ = tmp_path / "story.txt"
    story_.write_text("KYIV (Reuters) - Talks in Kiev moved towards a deal, \"Kiev is calm,\" he said.\n", encoding="utf-8")
    cli("--fix", "--rules", str(ROOT / "docs" / "house-rules"), str(story_))
    assert story_.read_text(encoding="utf-8") == "KYIV (Reuters) - Talks in Kyiv moved toward a deal, \"Kiev is calm,\" he said.\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(story())
def test_fixing_is_idempotent_and_never_unbalances(text):
    """On generated mark soups; the strict one-to-one pairing check runs on real copy in
    bench/fixall.py (mark soups can be read more than one way, and a fix may pick another)."""
    def lint(t: str) -> list[Finding]:
        return lint_text(t, RULES)

    once = fix_text(text, lint, unsafe=True)
    twice = fix_text(once.text, lint, unsafe=True)
    assert twice.text == once.text and twice.fixed == 0
    before = [f for f in lint_text(text, RULES) if f.rule == "unbalanced-quotes"]
    after = [f for f in lint_text(once.text, RULES) if f.rule == "unbalanced-quotes"]
    assert len(after) <= len(before)


def test_a_mismatched_pair_is_reported_once_not_also_as_glyphs():
    text = "“We will rebuild it,” she said. “It will cost less,” he said. “Soon,\" she added.\n"
    found = [(f.rule, f.column) for f in lint_text(text, RULES) if f.rule in ("quote-glyphs", "mismatched-quotes")]
    assert found == [("mismatched-quotes", 63)]
