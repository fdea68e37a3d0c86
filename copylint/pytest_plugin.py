"""pytest plugin: `pytest --copylint` lints copy files and tests house rules' examples.

Inert unless `--copylint` is given. Ini options (pytest.ini / [tool.pytest.ini_options]):
  copylint_paths      folders or files holding copy (default: the rootdir)
  copylint_globs      file patterns to lint (default: *.txt *.md)
  copylint_rule_dirs  house rule directories: used for linting, and their examples become tests
Passing stories are cached (content + resolved configuration + copylint version) in pytest's
cache, so unchanged stories are not linted again; a cached pass is reported as passed.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
from pathlib import Path

import pytest
import yaml  # noqa: F401  imported up front: pytester's module unloading breaks a lazy re-import of libyaml

CACHE_KEY = "copylint/passed"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("copylint")
    group.addoption("--copylint", action="store_true", default=False, help="lint copy files with copylint")
    parser.addini("copylint_paths", "folders or files holding copy to lint", type="args", default=[])
    parser.addini("copylint_globs", "file patterns to lint", type="args", default=["*.txt", "*.md"])
    parser.addini("copylint_rule_dirs", "house rule directories (linted with, and examples tested)", type="args", default=[])


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "copylint: a copylint check of a story or a rule example")
    if config.getoption("copylint"):
        config.stash[_STATE] = _State(config)


def pytest_sessionfinish(session: pytest.Session) -> None:
    state = session.config.stash.get(_STATE, None)
    if state is not None and not hasattr(session.config, "workerinput"):  # xdist: the controller saves
        session.config.cache.set(CACHE_KEY, sorted(state.passed))


class _State:
    """Per-session: the runner (config and rule sets resolved once) and the pass cache."""

    def __init__(self, config: pytest.Config) -> None:
        from copylint.runner import Runner, RunOptions

        root = Path(config.rootpath)
        self.paths = [(root / p).resolve() for p in config.getini("copylint_paths")] or [root.resolve()]
        self.globs = config.getini("copylint_globs")
        self.rule_dirs = [(root / d).resolve() for d in config.getini("copylint_rule_dirs")]
        self.runner = Runner(RunOptions(rule_dirs=self.rule_dirs))
        self.passed: set[str] = set(config.cache.get(CACHE_KEY, []))

    def wants_story(self, path: Path) -> bool:
        inside = any(path == p or p in path.parents for p in self.paths)
        return inside and any(fnmatch.fnmatch(path.name, g) for g in self.globs)

    def wants_rule(self, path: Path) -> bool:
        return path.suffix in (".yaml", ".yml") and path.parent in self.rule_dirs


_STATE = pytest.StashKey[_State]()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.File | None:
    state = parent.config.stash.get(_STATE, None)
    if state is None:
        return None
    resolved = file_path.resolve()
    if state.wants_rule(resolved):
        return RuleExamplesFile.from_parent(parent, path=file_path)
    if state.wants_story(resolved):
        return StoryFile.from_parent(parent, path=file_path)
    return None


class CopylintFailure(Exception):
    """Findings that fail a story, as `path:line:col: rule message` lines."""


class StoryFile(pytest.File):
    def collect(self):
        yield StoryItem.from_parent(self, name="copylint")


class StoryItem(pytest.Item):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_marker("copylint")

    def runtest(self) -> None:
        from copylint.cache import fingerprint
        from copylint.config import ConfigError
        from copylint.rule import RuleLoadError

        state = self.config.stash[_STATE]
        path = os.path.relpath(self.path, self.config.rootpath)  # findings read as in the CLI
        try:
            settings = state.runner.settings_for(path)
            # The rules' own text, options and severities and the copylint version (a house
            # rule edited since the last run re-lints every story), plus the story's bytes.
            rules = fingerprint(state.runner.rules_for(settings), settings.ignored_for(self.path), settings.key)
            key = hashlib.sha256(self.path.read_bytes() + rules.encode()).hexdigest()
            if key in state.passed:
                return
            report = state.runner.run([path])
        except (ConfigError, RuleLoadError, OSError) as exc:
            raise CopylintFailure(str(exc)) from None
        if report.errors:
            raise CopylintFailure("\n".join(report.errors))
        if report.failing:
            lines = [f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}" for f in report.findings]
            raise CopylintFailure("\n".join(lines))
        state.passed.add(key)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CopylintFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"copylint {self.path.name}"


class RuleExamplesFile(pytest.File):
    def collect(self):
        from copylint.rule import load_rules
        from copylint.testing import iter_cases

        rule_dir = self.path.resolve().parent
        rules = [r for r in load_rules([rule_dir]) if r.path.resolve() == self.path.resolve()]
        for case_id, rule, example, bad in iter_cases(rules):
            yield RuleExampleItem.from_parent(self, name=case_id, rule=rule, example=example, bad=bad)


class RuleExampleItem(pytest.Item):
    def __init__(self, *, rule, example, bad, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rule, self.example, self.bad = rule, example, bad
        self.add_marker("copylint")

    def runtest(self) -> None:
        from copylint.testing import run_case

        problem = run_case(self.rule, self.example, self.bad)
        if problem:
            raise CopylintFailure(f"{self.rule.path}: {self.name}: {problem}")

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CopylintFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, self.name
