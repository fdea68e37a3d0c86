"""The editorial-repository workflow on a sample repository: configuration, suppression, every
output format, the baseline flow, the pytest plugin (pytester) and the real pre-commit hook."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import sample_repo
from conftest import ROOT

pytest_plugins = ["pytester"]

EXPECTED = [
    ("stories/features/ferry.md", 3, 10, "unbalanced-quotes", "error"),
    ("stories/harbour.txt", 3, 28, "no-slammed", "warning"),
    ("stories/harbour.txt", 3, 60, "scare-quotes", "error"),
    ("stories/vote.txt", 6, 1, "unused-suppression", "info"),
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return sample_repo.build(tmp_path / "newsroom")


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "copylint", *args], cwd=repo, capture_output=True, text=True, timeout=120)


def test_text_output_applies_config_suppression_and_excludes(repo):
    result = run(repo, "check", "stories", "drafts")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [tuple(line.split(": ")[0].rsplit(":", 2)) for line in lines[:-1]] == [
        (p, str(l), str(c)) for p, l, c, _, _ in EXPECTED
    ]
    assert [line.split(" ")[1] for line in lines[:-1]] == [r for *_, r, _ in EXPECTED]
    assert lines[-1] == "Found 4 problems (2 error, 1 warning, 1 info) in 3 files."


def test_json_and_jsonl(repo):
    data = json.loads(run(repo, "check", "--format", "json", "stories").stdout)
    assert [(d["path"], d["line"], d["column"], d["rule"], d["severity"]) for d in data] == EXPECTED
    lines = run(repo, "check", "--format", "jsonl", "stories").stdout.splitlines()
    assert [json.loads(line) for line in lines] == data


def test_github_annotations(repo):
    out = run(repo, "check", "--format", "github", "stories").stdout.splitlines()
    assert out[0] == ("::error file=stories/features/ferry.md,line=3,col=10,endLine=3,endColumn=11,"
                      "title=unbalanced-quotes::Unbalanced quotation: opening quotation mark \" is never closed.")
    assert out[3].startswith("::notice file=stories/vote.txt,line=6,col=1,")


def test_sarif_has_what_github_code_scanning_requires(repo):
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    log = json.loads(run(repo, "check", "--format", "sarif", "stories").stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    run0 = log["runs"][0]
    driver = run0["tool"]["driver"]
    assert {"name", "version", "informationUri", "rules"} <= set(driver)
    rule_ids = [r["id"] for r in driver["rules"]]
    assert "no-slammed" in rule_ids and "scare-quotes" in rule_ids
    for r in driver["rules"]:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
    assert run0["columnKind"] == "unicodeCodePoints"
    got = []
    for res in run0["results"]:
        loc = res["locations"][0]["physicalLocation"]
        region = loc["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
        assert res["message"]["text"] and res["level"] in ("error", "warning", "note")
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        got.append((loc["artifactLocation"]["uri"], region["startLine"], region["startColumn"], res["ruleId"]))
    assert got == [(p, l, c, r) for p, l, c, r, _ in EXPECTED]


def test_junit_report(repo):
    out = repo / "reports" / "copylint.xml"
    result = run(repo, "check", "--format", "junit", "--output-file", str(out), "stories")
    assert result.stdout == "" and result.returncode == 1
    suite = ET.parse(out).getroot().find("testsuite")
    cases = {c.get("name"): c.find("failure") for c in suite.findall("testcase")}
    assert set(cases) == {"stories/features/ferry.md", "stories/harbour.txt", "stories/vote.txt"}
    assert "stories/harbour.txt:3:60: scare-quotes [error]" in cases["stories/harbour.txt"].text


def test_show_source_points_a_caret_at_the_span(repo):
    out = run(repo, "check", "--show-source", "stories/harbour.txt").stdout.splitlines()
    assert out[1:4] == [
        "  |",
        "3 | LONDON (Reuters) - Critics slammed the council's so-called \"efficiency plan\" on Monday.",
        "  |                            ^^^^^^^",
    ]


def test_cli_flags_override_the_file(repo):
    result = run(repo, "check", "--ignore", "scare-quotes,no-slammed", "--fail-on", "error", "stories/harbour.txt")
    assert result.returncode == 0 and result.stdout == "No problems found in 1 file.\n"
    isolated = run(repo, "check", "--isolated", "--select", "missing-dateline", "stories/features/ferry.md")
    assert isolated.stdout.startswith("stories/features/ferry.md:3:1: missing-dateline")
    assert run(repo, "check", "--exit-zero", "stories").returncode == 0


def test_show_settings(repo):
    out = run(repo, "check", "--show-settings", "stories/vote.txt").stdout
    assert f"config file: {repo / 'pyproject.toml'}" in out
    assert "scare-quotes: {'severity': 'error'}" in out
    assert "active rules:" in out and "no-slammed" in out


def test_dedicated_yaml_config_wins_in_its_folder(repo):
    (repo / "stories" / "features" / ".copylint.yaml").write_text("select: [missing-dateline]\n")
    result = run(repo, "check", "stories/features/ferry.md")
    assert result.stdout.splitlines()[0].startswith("stories/features/ferry.md:3:1: missing-dateline")


@pytest.mark.parametrize(("config", "message"), [
    ('[tool.copylint]\ncolour = "red"\n', "[tool.copylint]: unknown key `colour`"),
    ('[tool.copylint]\nfail-on = "fatal"\n', "`fail-on` must be one of info, warning, error"),
    ('[tool.copylint]\nselect = ["no-such-rule"]\n', "unknown rule id 'no-such-rule'"),
    ('[tool.copylint.rules.scare-quotes]\noptions = { max_words = "four" }\n', "rules.scare-quotes.options.max_words"),
])
def test_bad_configuration_exits_two_naming_file_and_key(repo, config, message):
    (repo / "pyproject.toml").write_text(config)
    result = run(repo, "check", "stories")
    assert result.returncode == 2
    assert str(repo / "pyproject.toml") in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_suppression_range_and_file_directives(repo, tmp_path):
    story = repo / "stories" / "ranges.txt"
    story.write_text(
        "Head\n\n<!-- copylint: disable-file missing-dateline -->\nThe so-called \"plan\" failed.\n\n"
        "<!-- copylint: disable scare-quotes -->\nThe \"plan\" again.\n\n<!-- copylint: enable scare-quotes -->\n"
        "The \"plan\" once more.\n"
    )
    out = run(repo, "check", "--isolated", "stories/ranges.txt").stdout.splitlines()
    assert [line.split(" ")[0] + line.split(" ")[1] for line in out[:-1]] == [
        "stories/ranges.txt:4:15:scare-quotes", "stories/ranges.txt:10:5:scare-quotes",
    ]


def test_comment_between_paragraphs_does_not_break_a_multi_paragraph_quote(repo):
    story = repo / "stories" / "running.txt"
    story.write_text('Head\n\nLONDON (Reuters) - "We will build it.\n\n<!-- an editor note -->\n\n"And it will last," she said.\n')
    assert run(repo, "check", "--isolated", "stories/running.txt").stdout == "No problems found in 1 file.\n"


def test_baseline_survives_edits_elsewhere_and_catches_new_findings(repo):
    baseline = repo / "copylint-baseline.json"
    made = run(repo, "baseline", str(baseline), "stories")
    assert made.returncode == 0 and "Recorded 4 finding(s) from 3 file(s)" in made.stdout
    assert run(repo, "check", "--baseline", str(baseline), "stories").stdout == "No problems found in 3 files.\n"
    harbour = repo / "stories" / "harbour.txt"
    harbour.write_text(harbour.read_text().replace("Council backs", "Update: the council backs\n\nCouncil backs")
                       + '\nThe so-called "consultation" ended.\n')
    out = run(repo, "check", "--baseline", str(baseline), "stories").stdout.splitlines()
    assert out == ["stories/harbour.txt:11:15: scare-quotes [error] Scare quotes around \"consultation\": "
                   "'so-called' already signals distance, so the quotation marks add nothing.",
                   "Found 1 problem (1 error) in 3 files."]


def test_pytest_plugin_lints_stories_and_rule_examples(repo, pytester):
    for item in repo.iterdir():
        dest = pytester.path / item.name
        shutil.copytree(item, dest) if item.is_dir() else shutil.copy(item, dest)
    result = pytester.runpytest("--copylint", "-v")
    result.assert_outcomes(passed=3, failed=2)
    result.stdout.fnmatch_lines([
        "house/no-slammed.yaml::no-slammed::bad?0? PASSED*",
        "stories/features/ferry.md:3:10: unbalanced-quotes Unbalanced quotation*",
        "stories/harbour.txt:3:28: no-slammed Avoid \"slammed\"*",
        "stories/harbour.txt:3:60: scare-quotes Scare quotes around \"efficiency plan\"*",
    ])
    (pytester.path / "stories" / "harbour.txt").write_text("Fixed\n\nLONDON (Reuters) - All quiet.\n")
    (pytester.path / "stories" / "features" / "ferry.md").write_text("# Fixed\n\nAll quiet.\n")
    assert pytester.runpytest("--copylint").ret == 0
    again = pytester.runpytest("--copylint", "-v")  # the cached passes are reported as passed
    again.assert_outcomes(passed=5)


def test_pytest_plugin_is_inert_without_the_flag(repo, pytester):
    shutil.copytree(repo / "stories", pytester.path / "stories")
    pytester.runpytest().assert_outcomes()


@pytest.mark.slow
def test_real_pre_commit_hook(tmp_path):
    if shutil.which("pre-commit") is None and shutil.which("git") is None:
        pytest.skip("pre-commit and git are needed")
    work = tmp_path / "desk"
    work.mkdir()
    git = ["git", "-c", "user.email=desk@example.com", "-c", "user.name=Desk"]
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    story = work / "story.txt"
    story.write_text('Head\n\nLONDON (Reuters) - "We will build it, the mayor said.\n')
    subprocess.run([*git, "add", "story.txt"], cwd=work, check=True)
    env_home = {"PRE_COMMIT_HOME": str(tmp_path / "pc-cache")}
    import os

    env = {**os.environ, **env_home}
    cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "copylint", "--files", "story.txt"]
    failed = subprocess.run(cmd, cwd=work, capture_output=True, text=True, env=env, timeout=600)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "story.txt:3:20: unbalanced-quotes" in failed.stdout
    story.write_text('Head\n\nLONDON (Reuters) - "We will build it," the mayor said.\n')
    passed = subprocess.run(cmd, cwd=work, capture_output=True, text=True, env=env, timeout=600)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    # The fixing hook: it fixes, and fails because it changed a file; run again, it passes.
    story.write_text('Head\n\nLONDON (Reuters) - The mayor called it "a good plan". “It will open,” she said. “Soon.”\n')
    fix_cmd = [*cmd[:-4], str(ROOT), "copylint-fix", "--files", "story.txt"]
    fixed = subprocess.run(fix_cmd, cwd=work, capture_output=True, text=True, env=env, timeout=600)
    assert fixed.returncode == 1 and "files were modified by this hook" in fixed.stdout, fixed.stdout + fixed.stderr
    assert story.read_text() == 'Head\n\nLONDON (Reuters) - The mayor called it “a good plan.” “It will open,” she said. “Soon.”\n'
    again = subprocess.run(fix_cmd, cwd=work, capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode == 0, again.stdout + again.stderr


def test_pytest_plugin_cache_is_invalidated_by_a_house_rule_edit(repo, pytester):
    for item in repo.iterdir():
        dest = pytester.path / item.name
        shutil.copytree(item, dest) if item.is_dir() else shutil.copy(item, dest)
    (pytester.path / "stories" / "harbour.txt").write_text("Head\n\nLONDON (Reuters) - The plan was blasted.\n")
    (pytester.path / "house" / "no-slammed.yaml").write_text(
        sample_repo.HOUSE_RULE.replace("[slammed, blasted]", "[slammed]"))
    assert pytester.runpytest("--copylint", "stories/harbour.txt").ret == 0
    (pytester.path / "house" / "no-slammed.yaml").write_text(sample_repo.HOUSE_RULE)
    result = pytester.runpytest("--copylint", "stories/harbour.txt")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["stories/harbour.txt:3:33: no-slammed Avoid \"blasted\"*"])
