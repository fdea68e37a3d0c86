"""`copylint check`: the arguments, and running them (shared by the typer CLI and the fast path).

Why a fast path: importing typer (which now builds pydantic adapters for every parameter) costs
about 110 ms, more than the whole budget for linting one story from a pre-commit hook. A plain
`copylint check FILE... [--flag value]` is parsed here with a table of the same flags; anything
else (--help, a typo, an unknown flag) goes to typer, which owns help and usage errors. A test
checks that this table and typer's `check` options never drift apart.
"""

from __future__ import annotations

import os
import sys

from copylint.record import Record

TYPE_CHECKING = False  # pathlib costs a one-story run 3 ms; annotations are never evaluated
if TYPE_CHECKING:
    from pathlib import Path

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class CheckArgs(Record):
    __slots__ = ("paths", "format", "output_file", "rules", "select", "extend_select", "ignore", "config",
                 "isolated", "fail_on", "exit_zero", "show_settings", "show_source", "baseline", "jobs", "no_cache",
                 "cache_dir", "encoding", "filetype", "fix", "unsafe_fixes", "diff")

    paths: list[str]
    format: str
    output_file: Path | None
    rules: list[Path]
    select: list[str]
    extend_select: list[str]
    ignore: list[str]
    config: Path | None
    isolated: bool
    fail_on: str | None
    exit_zero: bool
    show_settings: bool
    show_source: bool
    baseline: Path | None
    jobs: int | None
    no_cache: bool
    cache_dir: str | Path | None  # a string from the fast path: a plain run builds no Path
    encoding: str | None
    filetype: str | None
    fix: bool
    unsafe_fixes: bool
    diff: bool

    def __init__(self, paths: list[str] | None = None, format: str = "text", output_file: Path | None = None,
                 rules: list[Path] | None = None, select: list[str] | None = None,
                 extend_select: list[str] | None = None, ignore: list[str] | None = None, config: Path | None = None,
                 isolated: bool = False, fail_on: str | None = None, exit_zero: bool = False,
                 show_settings: bool = False, show_source: bool = False, baseline: Path | None = None,
                 jobs: int | None = None, no_cache: bool = False, cache_dir: str | Path | None = None,
                 encoding: str | None = None, filetype: str | None = None, fix: bool = False,
                 unsafe_fixes: bool = False, diff: bool = False) -> None:
        self.paths = [] if paths is None else paths
        self.format = format
        self.output_file = output_file
        self.rules = [] if rules is None else rules
        self.select = [] if select is None else select
        self.extend_select = [] if extend_select is None else extend_select
        self.ignore = [] if ignore is None else ignore
        self.config = config
        self.isolated = isolated
        self.fail_on = fail_on
        self.exit_zero = exit_zero
        self.show_settings = show_settings
        self.show_source = show_source
        self.baseline = baseline
        self.jobs = jobs
        self.no_cache = no_cache
        self.cache_dir = cache_dir
        self.encoding = encoding
        self.filetype = filetype
        self.fix = fix
        self.unsafe_fixes = unsafe_fixes
        self.diff = diff


# Every flag of `check`, as typer declares it (tests/test_cli.py keeps the two in step).
FLAGS: dict[str, str] = {
    "--format": "format", "--output-format": "format", "-f": "format",
    "--output-file": "output_file", "-o": "output_file",
    "--rules": "rules", "--select": "select", "--extend-select": "extend_select", "--ignore": "ignore",
    "--config": "config", "--isolated": "isolated", "--fail-on": "fail_on", "--exit-zero": "exit_zero",
    "--show-settings": "show_settings", "--show-source": "show_source", "--baseline": "baseline",
    "--jobs": "jobs", "-j": "jobs", "--no-cache": "no_cache", "--cache-dir": "cache_dir",
    "--encoding": "encoding", "--type": "filetype",
    "--fix": "fix", "--unsafe-fixes": "unsafe_fixes", "--diff": "diff",
}
_TYPES: dict[str, str] = dict(CheckArgs.__annotations__)  # the declared types, as text


def parse_fast(argv: list[str]) -> CheckArgs | None:
    """CheckArgs for a plain `check` command line, or None to let typer handle it."""
    if not argv or argv[0] != "check" or len(argv) < 2:
        return None
    args = CheckArgs()
    tokens = iter(argv[1:])
    for token in tokens:
        if token == "-" or not token.startswith("-"):
            args.paths.append(token)
            continue
        name, eq, value = token.partition("=")
        dest = FLAGS.get(name)
        if dest is None:
            return None
        kind = _TYPES[dest]
        if kind == "bool":
            if eq:
                return None
            setattr(args, dest, True)
            continue
        if not eq:
            value = next(tokens, None)
            if value is None:
                return None
        if kind.startswith("list"):
            convert = _path if "Path" in kind else str
            getattr(args, dest).extend(convert(v.strip()) for v in value.split(",") if v.strip())
        elif "int" in kind:
            if not value.isdigit():
                return None
            setattr(args, dest, int(value))
        else:
            setattr(args, dest, _path(value) if kind.startswith("Path") else value)
    return args if args.paths else None


def _path(value: str) -> Path:
    from pathlib import Path  # not for a plain run: pathlib costs a one-story run 3 ms

    return Path(value)


def _error(message: str) -> int:
    sys.stderr.write(f"copylint: {message}\n")
    return EXIT_ERROR


def run_check(a: CheckArgs) -> int:
    """Lint, report and return the exit code: 0 clean, 1 findings at or above fail-on, 2 errors."""
    from copylint import regexes

    cache_dir = a.cache_dir or ".copylint_cache"
    regexes.use_store(cache_dir)  # before the rule kinds are imported: they compile patterns
    from copylint import report
    from copylint.config import ConfigError
    from copylint.finding import SEVERITIES
    from copylint.rule import RuleLoadError
    from copylint.runner import Runner, RunOptions

    if a.format not in report.FORMATS:
        return _error(f"unknown format '{a.format}' (choose from {', '.join(report.FORMATS)})")
    from copylint.formats import TYPES

    if a.filetype is not None and a.filetype not in TYPES:
        return _error(f"--type must be one of {', '.join(TYPES)} (got '{a.filetype}')")
    if a.fail_on is not None and a.fail_on not in SEVERITIES:
        return _error(f"--fail-on must be one of {', '.join(SEVERITIES)} (got '{a.fail_on}')")
    options = RunOptions(
        a.rules, a.config, a.isolated, a.select or None, a.extend_select or None, a.ignore or None, a.fail_on,
        keep_sources=a.show_source or a.baseline is not None or a.format == "html", jobs=a.jobs,
        cache_dir=cache_dir, results_cache=not a.no_cache, encoding=a.encoding, filetype=a.filetype,
        fix="diff" if a.diff else "fix" if a.fix else None, unsafe_fixes=a.unsafe_fixes,
    )
    try:
        runner = Runner(options)
        if a.show_settings:
            settings = runner.settings_for(a.paths[0])
            sys.stdout.write(settings.describe())
            sys.stdout.write("active rules: " + ", ".join(r.id for r in runner.rules_for(settings)) + "\n")
            language = runner.language_of(a.paths[0])
            if language:
                sys.stdout.write(f"story language ({a.paths[0]}): {language}\n")
            return EXIT_CLEAN
        stdin = sys.stdin.buffer.read() if "-" in a.paths else None
        result = runner.run(a.paths, stdin)
        regexes.save()
        if a.diff:
            return _report_diff(result)
    except RuleLoadError as exc:
        for problem in exc.problems:
            sys.stderr.write(problem + "\n")
        return _error(f"{len(exc.problems)} problem(s) in rule files")
    except ConfigError as exc:
        return _error(str(exc))
    if a.baseline is not None:
        from copylint.baseline import BaselineError, filter_new, load_baseline

        try:
            result = filter_new(result, load_baseline(a.baseline))
        except BaselineError as exc:
            return _error(str(exc))
    rendered = {
        "text": lambda: report.text(result.findings, result.files, result.sources if a.show_source else None, result.fixed),
        "json": lambda: report.as_json(result.findings),
        "jsonl": lambda: report.as_jsonl(result.findings),
        "github": lambda: report.github(result.findings),
        "sarif": lambda: report.sarif(result.findings, runner.rules_for(runner.settings_for(a.paths[0]))),
        "junit": lambda: report.junit(result.findings, result.paths),
        "html": lambda: _html(result, runner, a),
    }[a.format]()
    if result.fixed_stdin is not None:  # --fix on standard input: the story out, the report aside
        sys.stdout.write(result.fixed_stdin)
        sys.stderr.write(rendered)
    elif a.output_file is None:
        sys.stdout.write(rendered)
    else:
        from copylint.files import write_atomic

        try:
            write_atomic(a.output_file, rendered)
        except OSError as exc:
            return _error(f"{a.output_file}: cannot write: {exc.strerror or exc}")
    for line in (*result.notices, *result.errors):
        sys.stderr.write(f"copylint: {line}\n")
    if result.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if result.failing and not a.exit_zero else EXIT_CLEAN


def _report_diff(result) -> int:
    """--diff: what --fix would change, as a unified diff; exit 1 when there is anything to fix."""
    sys.stdout.write("".join(result.diffs))
    files = len(result.diffs)
    sys.stderr.write(f"Would fix {result.fixed} problem{'s' if result.fixed != 1 else ''} in {files} file{'s' if files != 1 else ''}.\n"
                     if result.fixed else "No fixes to apply.\n")
    for line in (*result.notices, *result.errors):
        sys.stderr.write(f"copylint: {line}\n")
    if result.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if result.diffs else EXIT_CLEAN


def _html(result, runner, a: CheckArgs) -> str:
    from copylint import html_report

    settings = runner.settings_for(a.paths[0])
    rules = [r.id for r in runner.rules_for(settings)]
    return html_report.render(result.findings, result.paths, result.sources, rules, a.fail_on or settings.fail_on)


def main() -> None:
    """The `copylint` command: the fast path for plain `check` runs, typer for everything else."""
    args = parse_fast(sys.argv[1:])
    if args is None:
        from copylint.cli import main as typer_main

        typer_main()
        return
    try:
        code = run_check(args)
    except KeyboardInterrupt:
        code = EXIT_ERROR
    except Exception as exc:  # never a traceback: one line, exit 2
        code = _error(f"internal error: {type(exc).__name__}: {exc}")
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader has gone (`| head`): nothing more to say
        pass
    except OSError as exc:  # a full disk, say: the report is cut short
        code = _error(f"cannot write the report: {exc.strerror or exc}")
    try:
        sys.stderr.flush()
    except OSError:
        pass
    # Leave without the interpreter's teardown, which frees every object of the run one by one:
    # 10-15 ms after an archive, a tenth of a one-story run. Every file the run writes (caches,
    # fixed stories) is written and closed by now, and the output is flushed above.
    os._exit(code)
