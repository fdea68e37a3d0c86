"""A run over many stories: each story's configuration, its rule set, the engine, the results."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from copylint.config import ConfigError, Finder, Settings, load_file
from copylint.engine import InputError, Report, collect, lint_text, read
from copylint.rule import Rule, RuleLoadError, load_rules, resolve_options, word_lists


@dataclass
class RunOptions:
    """What the command line says; None means: take it from the configuration file."""

    rule_dirs: list[Path] = field(default_factory=list)
    config: Path | None = None
    isolated: bool = False
    select: list[str] | None = None
    extend_select: list[str] | None = None
    ignore: list[str] | None = None
    fail_on: str | None = None
    keep_sources: bool = False


class Runner:
    """Resolves settings and rule sets once per configuration file, then lints stories."""

    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self.finder = Finder()
        self._fixed: Settings | None = None
        if options.isolated:
            self._fixed = Settings()
        elif options.config is not None:
            loaded = load_file(options.config)
            if loaded is None:
                raise ConfigError(f"{options.config}: no [tool.copylint] table")
            self._fixed = loaded
        self._rules: dict[str, list[Rule]] = {}

    def settings_for(self, path: str) -> Settings:
        base = self._fixed or self.finder.for_path(Path.cwd() if path == "-" else Path(path))
        o = self.options
        return base.with_cli(o.select, o.extend_select, o.ignore, o.fail_on)

    def rules_for(self, settings: Settings) -> list[Rule]:
        key = settings.key()
        if key not in self._rules:
            self._rules[key] = build_rules(settings, self.options.rule_dirs)
        return self._rules[key]

    def run(self, paths: list[str], stdin: bytes | None = None) -> Report:
        files, errors = collect(paths)
        report = Report(errors=errors)
        for path in files:
            settings = self.settings_for(path)
            if path != "-" and settings.excluded(Path(path)):
                continue
            rules = self.rules_for(settings)
            try:
                text = read(path, stdin)
            except InputError as exc:
                report.errors.append(str(exc))
                continue
            report.files += 1
            report.paths.append(path)
            if self.options.keep_sources:
                report.sources[path] = text
            ignore = frozenset(settings.ignored_for(Path(path))) if path != "-" else frozenset()
            report.fail_on[path] = settings.fail_on
            report.findings.extend(lint_text(text, rules, path, ignore))
        report.findings.sort()
        return report


def build_rules(settings: Settings, extra_dirs: list[Path]) -> list[Rule]:
    """The rules a configuration selects, with its severity and option overrides applied."""
    dirs = [*settings.rule_dirs, *extra_dirs]
    rules = {r.id: r for r in load_rules(dirs)}
    where = str(settings.source or "command line")
    named = {*(settings.select or ()), *settings.extend_select, *settings.ignore, *settings.per_file_ignores_ids(), *settings.rules}
    unknown = sorted(named - set(rules) - {"ALL"})
    if unknown:
        raise ConfigError(f"{where}: unknown rule id '{unknown[0]}' (see `copylint rules`)")
    selected = set(rules) if settings.select is None or "ALL" in settings.select else set(settings.select)
    selected = (selected | set(settings.extend_select)) - set(settings.ignore)
    lists = word_lists(dirs) if settings.rules else {}
    out: list[Rule] = []
    for rule_id in sorted(selected):
        rule = rules[rule_id]
        override = settings.rules.get(rule_id, {})
        if "options" in override:
            options, problems = resolve_options(rule.kind, {**rule.options, **override["options"]}, lists)
            if problems:
                key, message = problems[0]
                raise ConfigError(f"{where}: rules.{rule_id}.{key}: {message}")
            rule = rule.with_options(options)
        if "severity" in override:
            rule = rule.with_severity(override["severity"])
        out.append(rule)
    return out


__all__ = ["RunOptions", "Runner", "build_rules", "ConfigError", "RuleLoadError"]
