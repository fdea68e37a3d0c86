"""What makes a one-story run start fast: the compiled-pattern store, the cached rules, the
pyproject pre-check, and the short list of modules a plain `copylint check story.txt` imports."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from copylint import regexes
from copylint.config import _may_hold_our_table

STORY = 'LONDON (Reuters) - Officials dismissed the "crisis" on Monday.\n'


@pytest.fixture
def store(tmp_path: Path):
    regexes.use_store(tmp_path)
    yield tmp_path
    regexes.use_store(None)


def test_a_stored_program_matches_like_a_fresh_compile(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = r"(?P<verb>said|told)\s+(\w+)(?=[.,])"
    regexes.compile(pattern, re.IGNORECASE)
    regexes.save()
    assert [p.name for p in store.glob("regex-*.json")] and (store / ".gitignore").exists()

    regexes.use_store(store)

    def no_compiling(*args):  # the second run must not compile: the program comes from the store
        raise AssertionError("compiled again")

    monkeypatch.setattr(regexes, "_compile_program", no_compiling)
    stored = regexes.compile(pattern, re.IGNORECASE)
    fresh = re.compile(pattern, re.IGNORECASE)
    text = "He SAID Smith. They told Jones, then said nothing"
    assert [m.span() for m in stored.finditer(text)] == [m.span() for m in fresh.finditer(text)] == [(3, 13), (20, 30)]
    assert stored.groupindex == fresh.groupindex and stored.groups == fresh.groups == 2
    assert stored.search(text).group("verb") == "SAID"


def test_a_damaged_store_or_program_is_compiled_afresh(store: Path) -> None:
    regexes.compile(r"\bquote\b")
    regexes.save()
    path = next(store.glob("regex-*.json"))
    data = json.loads(path.read_text())
    data["programs"]["0:\\bquote\\b"][1] = "AAAAAP////8="  # a program CPython's validator rejects
    path.write_text(json.dumps(data))
    regexes.use_store(store)
    assert regexes.compile(r"\bquote\b").search("a quote here").span() == (2, 7)

    path.write_text("{not json")
    regexes.use_store(store)
    assert regexes.compile(r"\bquote\b").search("quote").span() == (0, 5)


def test_an_invalid_pattern_still_raises(store: Path) -> None:
    with pytest.raises(re.error):
        regexes.compile(r"(unclosed")


@pytest.mark.parametrize(("toml", "may"), [
    ('[tool.copylint]\nselect = ["scare-quotes"]\n', True),
    ('[ "tool" . copylint ]\n', True),
    ("[tool.'copylint'.rules.scare-quotes]\nseverity = 'error'\n", True),
    ('[tool]\ncopylint = { select = ["scare-quotes"] }\n', True),
    ('tool.copylint.select = ["scare-quotes"]\n[project]\nname = "x"\n', True),
    ('tool = { copylint = { fail-on = "error" } }\n', True),
    ('[project]\nname = "copylint"\n[tool.setuptools.package-data]\ncopylint = ["rules/*"]\n', False),
    ('[project]\nname = "newsdesk"\n', False),
    ('[project]\ntool.copylint = 1\n', False),  # that is project.tool.copylint
])
def test_pyproject_is_parsed_whenever_it_may_configure_copylint(toml: str, may: bool) -> None:
    assert _may_hold_our_table(toml.encode()) is may


def test_no_cache_skips_results_but_keeps_rules_and_patterns(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "copylint", "check", "--no-cache", "--cache-dir", str(cache), str(story)],
                         cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 1, run.stderr
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()) == [".gitignore", "regex", "rules"]


# Everything a plain one-story run may import from copylint; the rest (YAML, typer, the fixer,
# the results cache's hashing, the HTML and Markdown readers) stays out of a pre-commit hook.
ONE_STORY_MODULES = {
    "copylint", "copylint.cache", "copylint.check", "copylint.config", "copylint.document", "copylint.engine",
    "copylint.files", "copylint.finding", "copylint.formats", "copylint.kinds",
    "copylint.kinds.attribution", "copylint.kinds.balance", "copylint.kinds.context", "copylint.kinds.dateline",
    "copylint.kinds.glyphs", "copylint.kinds.marks", "copylint.kinds.mismatch", "copylint.kinds.options",
    "copylint.kinds.pattern", "copylint.kinds.punctuation", "copylint.kinds.scare", "copylint.kinds.spacing",
    "copylint.kinds.suppression", "copylint.language", "copylint.layout", "copylint.quotes", "copylint.record",
    "copylint.regexes", "copylint.report", "copylint.rule", "copylint.runner", "copylint.sources",
    "copylint.suppression", "copylint.timebudget",
}
NEVER_ON_THE_PLAIN_PATH = {
    "yaml", "typer", "click", "rich", "markdown_it", "pygls", "tomllib", "dataclasses", "typing", "hashlib",
    "tempfile", "multiprocessing", "concurrent.futures", "difflib", "html.parser", "inspect", "asyncio",
    "pathlib", "threading", "encodings.utf_8_sig",
}


@pytest.mark.parametrize(("flags", "allowed"), [
    ([], {"hashlib"}),  # the results cache hashes the story
    (["--no-cache"], set()),
])
def _modules_of_a_warm_run(tmp_path: Path, name: str, text: str, flags: list[str]) -> tuple[str, set[str]]:
    """The output of `copylint check FLAGS NAME` run twice (rules cached by the first run) and the
    modules the second one imported. Only what copylint brings counts: the interpreter's own
    start-up (a site-packages .pth file that imports certifi, say) may already hold pathlib or
    typing before copylint is imported."""
    story = tmp_path / name
    story.write_text(text)
    probe = (f"import sys\nbefore = set(sys.modules)\nsys.argv = ['copylint', 'check', *{flags!r}, {name!r}]\n"
             "from copylint.check import parse_fast, run_check\nrun_check(parse_fast(sys.argv[1:]))\nsys.stdout.flush()\n"
             "sys.stderr.write('\\n'.join(sorted(set(sys.modules) - before)))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60)
    assert "yaml" in first.stderr.split("\n")  # the first run reads the YAML rules and caches them
    story.write_text(text + "\n")  # not a results-cache hit: the warm run lints
    warm = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60)
    return warm.stdout, set(warm.stderr.split("\n"))


@pytest.mark.parametrize(("flags", "allowed"), [
    ([], {"hashlib"}),  # the results cache hashes the story
    (["--no-cache"], set()),
])
def test_a_one_story_run_imports_only_what_the_plain_text_path_needs(tmp_path: Path, flags: list[str], allowed: set[str]) -> None:
    out, modules = _modules_of_a_warm_run(tmp_path, "story.txt", STORY, flags)
    assert "1:44: scare-quotes" in out
    assert {m for m in modules if m.split(".")[0] == "copylint"} == ONE_STORY_MODULES
    assert modules & NEVER_ON_THE_PLAIN_PATH == allowed


@pytest.mark.parametrize(("front", "parser"), [("", None), ("---\ntitle: Talks\n---\n", "yaml"), ("+++\ntitle = 'Talks'\n+++\n", "tomllib")])
def test_a_markdown_story_imports_a_front_matter_parser_only_when_it_has_front_matter(tmp_path: Path, front: str, parser: str | None) -> None:
    out, modules = _modules_of_a_warm_run(tmp_path, "story.md", front + "# Talks end\n\n" + STORY, ["--no-cache"])
    line = 3 + front.count("\n")  # the story's line after the front matter and the heading
    assert f"story.md:{line}:44: scare-quotes" in out and "markdown_it" in modules
    assert modules & {"yaml", "tomllib"} == ({parser} if parser else set())


def test_a_store_that_grew_too_large_keeps_the_programs_of_the_run_that_writes_it(store: Path, monkeypatch) -> None:
    monkeypatch.setattr(regexes, "_MAX_PROGRAMS", 3)
    for word in ("alpha", "beta", "gamma", "delta"):
        regexes.compile(rf"\b{word}\b")
    regexes.save()
    regexes.use_store(store)
    regexes.compile(r"\bbeta\b")
    regexes.compile(r"\bepsilon\b")  # new: the store is written, and trimmed to this run's two
    regexes.save()
    kept = json.loads(next(store.glob("regex-*.json")).read_text())["programs"]
    assert sorted(kept) == ["0:\\bbeta\\b", "0:\\bepsilon\\b"]
