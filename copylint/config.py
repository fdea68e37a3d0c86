"""Configuration: `.copylint.yaml` or `[tool.copylint]` in pyproject.toml, found from a story upwards.

The closest configuration file wins, whole (no merging across directories, as in ruff). In one
directory `.copylint.yaml` wins over `pyproject.toml`. Command-line flags override the file.
"""

from __future__ import annotations

import fnmatch
import os
import re

from copylint.finding import SEVERITIES
from copylint.language import normalise
from copylint.record import Record

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

YAML_NAMES = (".copylint.yaml", ".copylint.yml")
KEYS = {"select", "extend-select", "ignore", "rules", "rule-dirs", "exclude", "per-file-ignores", "fail-on", "html-skip", "language"}
RULE_KEYS = {"severity", "options"}


def _posix(path: str) -> str:
    """A path with forward slashes, as globs in a configuration are written (PurePath.as_posix)."""
    return path.replace(os.sep, "/") if os.sep != "/" else path


class ConfigError(Exception):
    """An invalid configuration file or value; the message names the file and key."""


class Settings(Record):
    """Resolved settings for a group of stories. Paths in `rule_dirs` are absolute."""

    __slots__ = ("source", "root", "select", "extend_select", "ignore", "rules", "rule_dirs", "exclude",
                 "per_file_ignores", "fail_on", "html_skip", "language", "key")

    source: Path | None
    root: str | Path
    select: tuple[str, ...] | None
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    rules: dict[str, dict[str, Any]]
    rule_dirs: tuple[Path, ...]
    exclude: tuple[str, ...]
    per_file_ignores: dict[str, tuple[str, ...]]
    fail_on: str
    html_skip: tuple[str, ...] | None  # HTML elements whose text is not copy (None: the default list)
    language: str  # the stories' language (ISO 639-1), or auto: front matter, HTML lang, detection
    key: str  # a stable text of everything that selects and configures rules (for caches)

    def __init__(self, source: Path | None = None, root: str | Path | None = None, select: tuple[str, ...] | None = None,
                 extend_select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                 rules: dict[str, dict[str, Any]] | None = None, rule_dirs: tuple[Path, ...] = (),
                 exclude: tuple[str, ...] = (), per_file_ignores: dict[str, tuple[str, ...]] | None = None,
                 fail_on: str = "warning", html_skip: tuple[str, ...] | None = None, language: str = "auto") -> None:
        self.source = source
        self.root = os.getcwd() if root is None else root
        self.select = select
        self.extend_select = extend_select
        self.ignore = ignore
        self.rules = {} if rules is None else rules
        self.rule_dirs = rule_dirs
        self.exclude = exclude
        self.per_file_ignores = {} if per_file_ignores is None else per_file_ignores
        self.fail_on = fail_on
        self.html_skip = html_skip
        self.language = language
        self.key = repr((select, extend_select, ignore, sorted(self.rules.items()), rule_dirs, html_skip, language))

    def per_file_ignores_ids(self) -> set[str]:
        return {r for ids in self.per_file_ignores.values() for r in ids}

    def relative(self, path: str | Path) -> str:
        """`path` relative to the configuration's folder (as written in globs), else as given."""
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))
        return _posix(os.path.normpath(path)) if rel.startswith("..") else _posix(rel)

    def excluded(self, path: str | Path) -> bool:
        if not self.exclude:
            return False
        rel = self.relative(path)
        return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(os.path.basename(path), g) for g in self.exclude)

    def ignored_for(self, path: str | Path) -> frozenset[str]:
        if not self.per_file_ignores:
            return frozenset()
        rel = self.relative(path)
        return frozenset(r for g, ids in self.per_file_ignores.items() if fnmatch.fnmatch(rel, g) for r in ids)

    def with_cli(self, select: list[str] | None, extend_select: list[str] | None, ignore: list[str] | None,
                 fail_on: str | None) -> Settings:
        """Command-line flags override the file: --select replaces, --extend-select and --ignore add."""
        return Settings(self.source, self.root, tuple(select) if select else self.select,
                        self.extend_select + tuple(extend_select or ()), self.ignore + tuple(ignore or ()), self.rules,
                        self.rule_dirs, self.exclude, self.per_file_ignores, fail_on or self.fail_on, self.html_skip,
                        self.language)

    def describe(self) -> str:
        """The resolved configuration, for `copylint check --show-settings`."""
        lines = [f"config file: {self.source or '(none: defaults)'}", f"root: {self.root}"]
        for name in ("select", "extend_select", "ignore", "rule_dirs", "exclude", "fail_on", "html_skip", "language"):
            value = getattr(self, name)
            lines.append(f"{name.replace('_', '-')}: {_show(value)}")
        lines.append("per-file-ignores:" + ("" if self.per_file_ignores else " {}"))
        lines += [f"  {g}: {', '.join(ids)}" for g, ids in sorted(self.per_file_ignores.items())]
        lines.append("rules:" + ("" if self.rules else " {}"))
        for rule_id, setting in sorted(self.rules.items()):
            lines.append(f"  {rule_id}: {setting}")
        return "\n".join(lines) + "\n"


def _show(value: Any) -> str:
    if value is None:
        return "(default)"
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _strings(where: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of strings")
    return tuple(value)


def parse_settings(data: Any, where: str, base: Path, source: Path | None) -> Settings:
    """Validate a configuration mapping; relative paths are relative to `base`."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: the configuration must be a mapping")
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key `{unknown[0]}` (known: {', '.join(sorted(KEYS))})")
    fail_on = data.get("fail-on", "warning")
    if fail_on not in SEVERITIES:
        raise ConfigError(f"{where}: `fail-on` must be one of {', '.join(SEVERITIES)} (got {fail_on!r})")
    rules = data.get("rules", {}) or {}
    if not isinstance(rules, dict):
        raise ConfigError(f"{where}: `rules` must map rule ids to settings")
    for rule_id, setting in rules.items():
        if not isinstance(setting, dict) or set(setting) - RULE_KEYS:
            raise ConfigError(f"{where}: `rules.{rule_id}` may only set {', '.join(sorted(RULE_KEYS))}")
        if "severity" in setting and setting["severity"] not in SEVERITIES:
            raise ConfigError(f"{where}: `rules.{rule_id}.severity` must be one of {', '.join(SEVERITIES)}")
        if not isinstance(setting.get("options", {}), dict):
            raise ConfigError(f"{where}: `rules.{rule_id}.options` must be a mapping")
    language = data.get("language", "auto")
    if language != "auto" and normalise(language) is None:
        raise ConfigError(f"{where}: `language` must be auto or a language code such as en, es, pt-BR (got {language!r})")
    pfi = data.get("per-file-ignores", {}) or {}
    if not isinstance(pfi, dict):
        raise ConfigError(f"{where}: `per-file-ignores` must map globs to rule ids")
    return Settings(
        source=source,
        root=base,
        select=_strings(where, "select", data["select"]) if "select" in data else None,
        extend_select=_strings(where, "extend-select", data.get("extend-select", [])),
        ignore=_strings(where, "ignore", data.get("ignore", [])),
        rules={str(k): dict(v) for k, v in rules.items()},
        rule_dirs=tuple((base / d).resolve() for d in _strings(where, "rule-dirs", data.get("rule-dirs", []))),
        exclude=_strings(where, "exclude", data.get("exclude", [])),
        per_file_ignores={g: _strings(where, f"per-file-ignores.{g}", ids) for g, ids in pfi.items()},
        fail_on=fail_on,
        html_skip=tuple(t.lower() for t in _strings(where, "html-skip", data["html-skip"])) if "html-skip" in data else None,
        language=language if language == "auto" else str(normalise(language)),
    )


# Where a [tool.copylint] table can come from in TOML: its header (bare or quoted keys), a [tool]
# table, or a top-level `tool.copylint… =` / `tool = {…}` key before the first header. A file
# without any of these cannot configure copylint; anything that might is parsed properly.
_OUR_HEADER = re.compile(rb"""^\s*\[\s*(?:(["']?)tool\1\s*\.\s*(["']?)copylint\2\s*[\].]|(["']?)tool\3\s*\])""", re.M)
_TOP_LEVEL_TOOL = re.compile(rb"""^\s*(["']?)tool\1\s*[.=]""", re.M)
_FIRST_HEADER = re.compile(rb"^\s*\[", re.M)


def _may_hold_our_table(raw: bytes) -> bool:
    if b"copylint" not in raw:
        return False
    if _OUR_HEADER.search(raw):
        return True
    first = _FIRST_HEADER.search(raw)
    return _TOP_LEVEL_TOOL.search(raw, 0, first.start() if first else len(raw)) is not None


def load_file(path: str | Path) -> Settings | None:
    """Settings from a `.copylint.yaml` or a pyproject.toml (None if it has no [tool.copylint])."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if os.path.basename(path) == "pyproject.toml" and not _may_hold_our_table(raw):
        return None  # spare the TOML parser (5 ms of a one-story run), and pathlib
    from pathlib import Path  # only for a configuration file

    path = Path(path)
    if path.name == "pyproject.toml":
        import tomllib

        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        if "copylint" not in data.get("tool", {}):
            return None
        return parse_settings(data["tool"]["copylint"], f"{path}: [tool.copylint]", path.parent, path)
    import yaml

    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(f"{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    return parse_settings(data, str(path), path.parent, path)


class Finder:
    """Finds the closest configuration for each story, caching per directory."""

    def __init__(self) -> None:
        self._by_dir: dict[str, Settings] = {}
        self._by_name: dict[str, Settings] = {}

    def for_path(self, path: str | Path) -> Settings:
        folder = os.path.dirname(path)  # by the folder as named first: most stories share a few folders
        settings = self._by_name.get(folder)
        if settings is None:
            settings = self._by_name[folder] = self._for_dir(os.path.dirname(os.path.abspath(path)))
        return settings

    def _for_dir(self, directory: str) -> Settings:
        if directory in self._by_dir:
            return self._by_dir[directory]
        settings = None
        for name in (*YAML_NAMES, "pyproject.toml"):
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate):
                settings = load_file(candidate)
                if settings is not None:
                    break
        parent = os.path.dirname(directory)
        if settings is None:
            settings = self._for_dir(parent) if parent != directory else Settings(root=os.getcwd())
        self._by_dir[directory] = settings
        return settings
