"""The command line: parse arguments, call the engine, print a reporter's output, set the exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from copylint import __version__, report
from copylint.engine import lint_paths
from copylint.explain import describe, table
from copylint.rule import RuleLoadError, load_rules

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

app = typer.Typer(add_completion=False, no_args_is_help=True, help="A linter for news copy.")

RulesOption = Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule directory (repeatable).")]


def _fail(message: str) -> None:
    typer.echo(f"copylint: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _load(rule_dirs: Optional[list[Path]]) -> list:
    try:
        return load_rules(rule_dirs or [])
    except RuleLoadError as exc:
        for problem in exc.problems:
            typer.echo(problem, err=True)
        _fail(f"{len(exc.problems)} problem(s) in rule files")
    return []


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Story files, directories, or - for standard input.")],
    format: Annotated[str, typer.Option("--format", help="Output format: text or json.")] = "text",
    rules: RulesOption = None,
) -> None:
    """Lint stories and report findings (exit 1 if any warning or error)."""
    if format not in report.FORMATS:
        _fail(f"unknown format '{format}' (choose from {', '.join(report.FORMATS)})")
    loaded = _load(rules)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    result = lint_paths(paths, loaded, stdin)
    out = report.as_json(result.findings) if format == "json" else report.text(result.findings, result.files)
    sys.stdout.write(out)
    for error in result.errors:
        typer.echo(f"copylint: {error}", err=True)
    if result.errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if result.failed() else EXIT_CLEAN)


@app.command("rules")
def list_rules(rules: RulesOption = None) -> None:
    """List the loaded rules: id, severity, summary."""
    sys.stdout.write(table(_load(rules)))


@app.command()
def explain(rule_id: Annotated[str, typer.Argument(help="A rule id, e.g. scare-quotes.")], rules: RulesOption = None) -> None:
    """Show a rule's description, options and examples."""
    found = [r for r in _load(rules) if r.id == rule_id]
    if not found:
        _fail(f"unknown rule '{rule_id}' (see `copylint rules`)")
    sys.stdout.write(describe(found[0]))


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
