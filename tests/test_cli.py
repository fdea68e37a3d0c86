"""The command line as a user runs it: output formats, exit codes, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEED

STORY = 'Bridge to reopen\n\nThe mayor said the bridge "will reopen" soon.\n'


def run(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "copylint", *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd, timeout=60)


def test_text_output_on_the_seed():
    result = run("check", "seeds/000_e89cc9545c4c39cd.txt")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("seeds/000_e89cc9545c4c39cd.txt:7:181: scare-quotes [warning] Scare quotes around \"genocide\"")
    assert lines[-1] == "Found 5 problems (5 warning) in 1 file."
    assert result.stderr == ""


def test_json_output_fields_and_order():
    result = run("check", "--format", "json", str(SEED))
    data = json.loads(result.stdout)
    assert [(d["line"], d["column"]) for d in data] == [(7, 181), (7, 198), (9, 239), (17, 169), (25, 276)]
    first = data[0]
    assert set(first) == {"path", "line", "column", "end_line", "end_column", "rule", "severity", "message", "language", "fix"}
    assert first["fix"] == {"applicability": "unsafe", "message": "Remove the quotation marks (the cue already distances)",
                            "edits": [{"line": 7, "column": 181, "end_line": 7, "end_column": 182, "content": ""},
                                      {"line": 7, "column": 190, "end_line": 7, "end_column": 191, "content": ""}]}
    assert "fix" not in data[2]  # "determination": no cue, no fix
    assert first["language"] == "en"
    assert (first["end_line"], first["end_column"], first["rule"], first["severity"]) == (7, 191, "scare-quotes", "warning")


def test_output_is_byte_identical_across_runs():
    assert run("check", "seeds").stdout == run("check", "seeds").stdout


def test_clean_story_exits_zero(tmp_path):
    (tmp_path / "ok.txt").write_text('LONDON, Feb 1 (Reuters) - "We are pleased," the chairman said.\n')
    result = run("check", str(tmp_path))
    assert result.returncode == 0
    assert result.stdout == "No problems found in 1 file.\n"


def test_standard_input():
    result = run("check", "-", stdin='"Unclosed quote here.\n')
    assert result.returncode == 1
    assert "-:1:1: unbalanced-quotes [error]" in result.stdout


def test_directory_recursion_picks_stories_only(tmp_path):
    (tmp_path / "desk" / "sub").mkdir(parents=True)
    (tmp_path / "desk" / "sub" / "a.md").write_text(STORY)
    (tmp_path / "desk" / "b.txt").write_text(STORY)
    (tmp_path / "desk" / "notes.csv").write_text('"x')
    result = run("check", str(tmp_path / "desk"))
    paths = [line.split(":")[0] for line in result.stdout.splitlines()[:-1]]
    assert sorted(set(paths)) == [str(tmp_path / "desk" / "b.txt"), str(tmp_path / "desk" / "sub" / "a.md")]


def test_missing_path_exits_two_and_still_lints_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    result = run("check", str(tmp_path / "nope.txt"), str(tmp_path / "a.txt"))
    assert result.returncode == 2
    assert f"copylint: {tmp_path / 'nope.txt'}: no such file or directory" in result.stderr
    assert f"{tmp_path / 'a.txt'}:3:1: missing-dateline" in result.stdout
    assert "Traceback" not in result.stderr


def test_invalid_utf8_is_a_clear_error(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"Caf\xe9 \x93quoted\x94\n")
    result = run("check", str(tmp_path / "bad.txt"))
    assert result.returncode == 2
    assert result.stderr.strip() == (f"copylint: {tmp_path / 'bad.txt'}:1:4: not valid UTF-8 (byte 0xe9); "
                                     "if it is Windows-1252 (curly quotes as 0x93/0x94), use --encoding cp1252")


def test_bad_rule_directory_exits_two_listing_problems(tmp_path):
    (tmp_path / "x.yaml").write_text("id: x\nseverity: loud\nkind: pattern\nsummary: s\nmessage: m\noptions: {terms: [a]}\n")
    result = run("check", "--rules", str(tmp_path), str(SEED))
    assert result.returncode == 2
    assert f"{tmp_path}/x.yaml:2: severity must be one of info, warning, error (got 'loud')" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_two():
    assert run("check").returncode == 2
    assert run("check", "--format", "xml", str(SEED)).returncode == 2
    assert run("frobnicate").returncode == 2


def test_rules_and_explain_commands():
    table = run("rules").stdout.splitlines()
    assert table[0].split() == ["id", "severity", "fix", "summary"]
    rows = {line.split()[0]: line.split()[1:3] for line in table[1:]}
    assert rows["missing-dateline"] == ["warning", "-"] and rows["quote-glyphs"] == ["info", "safe"]
    assert rows["scare-quotes"] == ["warning", "unsafe"] and rows["mismatched-quotes"] == ["warning", "safe"]
    explained = run("explain", "scare-quotes").stdout
    assert "## Why is this bad?" in explained and "max_words (int) = 4" in explained
    assert "Smith called the plan" in explained
    assert run("explain", "no-such-rule").returncode == 2


def test_fast_path_flags_match_typer_check_options():
    import typer.main

    from copylint.check import FLAGS, CheckArgs, parse_fast
    from copylint.cli import app

    command = typer.main.get_command(app).commands["check"]
    declared = {opt: p.name for p in command.params if p.param_type_name == "option" for opt in p.opts}
    assert declared == FLAGS
    assert {p.name for p in command.params} - {"paths"} == set(CheckArgs.__slots__) - {"paths"}
    parsed = parse_fast(["check", "-f", "json", "--select=a,b", "--select", "c", "--jobs", "2", "--no-cache", "x.txt"])
    assert (parsed.format, parsed.select, parsed.jobs, parsed.no_cache, parsed.paths) == ("json", ["a", "b", "c"], 2, True, ["x.txt"])
    assert parse_fast(["check", "--help"]) is None and parse_fast(["rules"]) is None and parse_fast(["check"]) is None
