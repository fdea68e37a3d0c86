"""The command line: parse arguments, call the runner, print a reporter's output, set the exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from copylint import __version__
from copylint.check import EXIT_CLEAN, EXIT_ERROR

app = typer.Typer(add_completion=False, no_args_is_help=True, help="A linter for news copy.")

RulesOption = Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule directory (repeatable).")]
IdsOption = Optional[list[str]]


def _fail(message: str) -> None:
    typer.echo(f"copylint: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _rule_errors(exc) -> None:
    """Print every problem of the rule files, then fail with exit 2."""
    for problem in exc.problems:
        typer.echo(problem, err=True)
    _fail(f"{len(exc.problems)} problem(s) in rule files")


def _ids(values: IdsOption) -> list[str]:
    """--select a,b --select c → [a, b, c]."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Story files, directories, or - for standard input.")],
    format: Annotated[str, typer.Option("--format", "--output-format", "-f", help="text, json, jsonl, github, sarif, junit or html.")] = "text",
    output_file: Annotated[Optional[Path], typer.Option("--output-file", "-o", help="Write the report to this file.")] = None,
    rules: RulesOption = None,
    select: Annotated[IdsOption, typer.Option("--select", help="Only these rules (comma-separated; replaces the config's).")] = None,
    extend_select: Annotated[IdsOption, typer.Option("--extend-select", help="Add these rules to the selection.")] = None,
    ignore: Annotated[IdsOption, typer.Option("--ignore", help="Skip these rules.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Use this configuration file for every story.")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore all configuration files.")] = False,
    fail_on: Annotated[Optional[str], typer.Option("--fail-on", help="Lowest severity that makes the exit code 1: info, warning or error.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when findings are reported.")] = False,
    show_settings: Annotated[bool, typer.Option("--show-settings", help="Print the resolved configuration for the first path and stop.")] = False,
    show_source: Annotated[bool, typer.Option("--show-source", help="Show each finding's line with carets under it.")] = False,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Report only findings not recorded in this baseline file.")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes for large runs (default: all cores).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the results cache.")] = False,
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir", help="Where the caches live: results, parsed rules, compiled patterns (default: .copylint_cache).")] = None,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Decode stories with this codec (e.g. cp1252) instead of UTF-8.")] = None,
    filetype: Annotated[Optional[str], typer.Option("--type", help="Read every story as text, markdown or html (default: by extension; stdin: text).")] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes in place, then report what is left.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff of what --fix would change; write nothing.")] = False,
) -> None:
    """Lint stories and report findings (exit 1 if any at or above --fail-on)."""
    from copylint.check import CheckArgs, run_check

    args = CheckArgs(paths, format, output_file, list(rules or []), _ids(select), _ids(extend_select), _ids(ignore),
                     config, isolated, fail_on, exit_zero, show_settings, show_source, baseline, jobs, no_cache, cache_dir,
                     encoding, filetype, fix, unsafe_fixes, diff)
    raise typer.Exit(run_check(args))


@app.command("baseline")
def write_baseline(
    baseline_file: Annotated[Path, typer.Argument(help="The baseline file to write.")],
    paths: Annotated[list[str], typer.Argument(help="Story files or directories whose current findings to record.")],
    rules: RulesOption = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Use this configuration file for every story.")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore all configuration files.")] = False,
) -> None:
    """Record the current findings, so that `check --baseline FILE` reports only new ones."""
    from copylint.baseline import save_baseline
    from copylint.config import ConfigError
    from copylint.rule import RuleLoadError
    from copylint.runner import Runner, RunOptions

    try:
        result = Runner(RunOptions(list(rules or []), config, isolated, keep_sources=True)).run(paths)
        count = save_baseline(baseline_file, result)
    except RuleLoadError as exc:
        _rule_errors(exc)
    except (ConfigError, OSError) as exc:
        _fail(str(exc))
    for error in result.errors:
        typer.echo(f"copylint: {error}", err=True)
    typer.echo(f"Recorded {count} finding(s) from {result.files} file(s) in {baseline_file}.")
    raise typer.Exit(EXIT_ERROR if result.errors else EXIT_CLEAN)


def _load(rule_dirs: Optional[list[Path]]) -> list:
    from copylint.rule import RuleLoadError, load_rules

    try:
        return load_rules(rule_dirs or [])
    except RuleLoadError as exc:
        _rule_errors(exc)
    return []


@app.command("rules")
def list_rules(rules: RulesOption = None) -> None:
    """List the loaded rules: id, severity, summary."""
    from copylint.explain import table

    sys.stdout.write(table(_load(rules)))


@app.command()
def explain(rule_id: Annotated[str, typer.Argument(help="A rule id, e.g. scare-quotes.")], rules: RulesOption = None) -> None:
    """Show a rule's description, options and examples."""
    from copylint.explain import describe

    found = [r for r in _load(rules) if r.id == rule_id]
    if not found:
        _fail(f"unknown rule '{rule_id}' (see `copylint rules`)")
    sys.stdout.write(describe(found[0]))


@app.command()
def server() -> None:
    """Run the language server over stdio, for editors (needs the extra: pip install "copylint\\[server]")."""
    try:
        from copylint.server import main as serve
    except ImportError as exc:
        _fail(f"the language server needs pygls: pip install \"copylint[server]\" ({exc})")
    serve()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"copylint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False) -> None:
    """copylint: a static-analysis linter for news copy."""


def main() -> None:
    """Entry point: usage errors exit 2 (typer's standalone mode); nothing else may escape as a traceback."""
    try:
        app()
    except SystemExit:
        raise
    except Exception as exc:  # anything unexpected: one line, exit 2
        typer.echo(f"copylint: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_ERROR)
