"""`copylint server`: a Language Server Protocol server, so writers see findings as they type.

Built on pygls (the optional extra `copylint[server]`); the `check` command never imports it.
Stories are linted from the editor's in-memory text with exactly the configuration the CLI would
resolve for their path, in a worker process, so that the message loop stays responsive, a
runaway house rule can be stopped (the worker is replaced), and results for a version of the
document that is no longer current are dropped.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from copylint import __version__

TYPES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
CONFIG_NAMES = frozenset({".copylint.yaml", ".copylint.yml", "pyproject.toml"})
DEBOUNCE_SECONDS = 0.3  # typing pauses this long before a story is linted again
BUDGET_SECONDS = 20.0  # a story whose lint takes longer is reported as over budget (plus 4 s per MB)
_SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
             "info": lsp.DiagnosticSeverity.Information}
_WHERE_RE = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::(?P<col>\d+))?: ")


# --- the worker process ----------------------------------------------------------------------

_runner: Any = None
_generation = -1


def lint_in_worker(path: str, text: str, filetype: str, generation: int) -> dict[str, Any]:
    """Lint one story as the CLI would for `path` (its folder's configuration and rules). A new
    `generation` means a configuration or rule file changed: everything is resolved again."""
    global _runner, _generation
    from copylint.config import ConfigError
    from copylint.engine import RuleFailure, lint_text
    from copylint.rule import RuleLoadError
    from copylint.runner import Runner, RunOptions

    try:
        if _runner is None or generation != _generation:
            _runner, _generation = Runner(RunOptions()), generation
        settings = _runner.settings_for(path)
        rules = _runner.rules_for(settings)
    except ConfigError as exc:
        return {"config_error": str(exc)}
    except RuleLoadError as exc:
        return {"config_error": exc.problems[0], "more": exc.problems[1:]}
    if settings.excluded(Path(path)):
        return {"findings": []}
    failures: list[RuleFailure] = []
    try:
        findings = lint_text(text, rules, path, settings.ignored_for(Path(path)), failures, filetype,
                             settings.html_skip, settings.language)
    except Exception as exc:  # e.g. broken front matter: shown on the story, not a crash
        return {"findings": [], "errors": [str(exc)]}
    return {"findings": [f.to_dict() for f in findings], "errors": [f"{e.rule}: {e.error}" for e in failures]}


# --- the server ------------------------------------------------------------------------------

class CopylintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("copylint", __version__)
        self.generation = 0
        self.pool: ProcessPoolExecutor | None = None
        self.tasks: dict[str, asyncio.Task] = {}
        self.findings: dict[str, list[dict[str, Any]]] = {}
        self.config_uris: set[str] = set()
        self.explainer: Any = None  # a Runner for `explain`-style hovers, reset with the generation
        self.budget = BUDGET_SECONDS  # the editor may set another: initializationOptions {"budget": s}

    def executor(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        return self.pool

    def replace_worker(self, pool: ProcessPoolExecutor | None = None) -> None:
        """Stop a worker stuck on a story (a runaway regular expression) and start afresh; with
        `pool`, only if that is still the current one (another story may have replaced it)."""
        if self.pool is not None and (pool is None or pool is self.pool):
            for proc in list(getattr(self.pool, "_processes", {}).values()):
                proc.terminate()
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def schedule(self, uri: str, delay: float, attempt: int = 0) -> None:
        if uri in self.tasks:
            self.tasks[uri].cancel()
        self.tasks[uri] = asyncio.get_running_loop().create_task(self._lint(uri, delay, attempt))

    async def _lint(self, uri: str, delay: float, attempt: int = 0) -> None:
        await asyncio.sleep(delay)
        doc = self.workspace.get_text_document(uri)
        path = to_fs_path(uri) or uri
        filetype = TYPES.get(Path(path).suffix.lower())
        if filetype is None:
            return
        version, text = doc.version, doc.source
        budget = self.budget + 4.0 * len(text) / 1e6
        loop = asyncio.get_running_loop()
        pool = self.executor()
        try:
            result = await asyncio.wait_for(
                loop.run_in_executor(pool, lint_in_worker, path, text, filetype, self.generation), budget)
        except asyncio.TimeoutError:
            self.replace_worker(pool)
            self.publish(uri, version, [_whole_story_diagnostic(
                f"copylint stopped: linting this story took longer than {budget:.3g} s (a runaway house rule?)")])
            return
        except BrokenProcessPool:  # the worker was replaced while this story waited for it: once more
            self.replace_worker(pool)
            if attempt == 0:
                self.schedule(uri, 0, attempt + 1)
            return
        except Exception as exc:  # a crashed worker must not take the server with it
            self.replace_worker(pool)
            self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, f"copylint: {type(exc).__name__}: {exc}"))
            return
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return  # a newer version arrived (or the story was closed): its own lint will report
        if "config_error" in result:
            self.config_problem(result["config_error"])
            return
        self.findings[uri] = result["findings"]
        diagnostics = [_diagnostic(f, current.lines) for f in result["findings"]]
        diagnostics += [_whole_story_diagnostic(f"copylint: {e}") for e in result.get("errors", [])]
        self.publish(uri, version, diagnostics)

    def publish(self, uri: str, version: int | None, diagnostics: list[lsp.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))

    def config_problem(self, message: str) -> None:
        """A broken configuration or rule file: one diagnostic on that file and a log message."""
        self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, f"copylint: {message}"))
        m = _WHERE_RE.match(message)
        path = m.group("path") if m else ""
        line = int(m.group("line")) - 1 if m else 0
        uri = from_fs_path(path) if path and Path(path).exists() else None
        if uri:
            self.config_uris.add(uri)
            rng = lsp.Range(lsp.Position(max(line, 0), 0), lsp.Position(max(line, 0) + 1, 0))
            self.publish(uri, None, [lsp.Diagnostic(range=rng, message=message, severity=lsp.DiagnosticSeverity.Error,
                                                    source="copylint")])

    def configuration_changed(self) -> None:
        """A configuration or rule file changed: resolve again and re-lint every open story."""
        self.generation += 1
        self.explainer = None
        for uri in list(self.config_uris):
            self.publish(uri, None, [])
        self.config_uris.clear()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    def explain(self, uri: str, rule_id: str) -> str | None:
        """`copylint explain RULE` for the rule as configured for this story."""
        from copylint.explain import describe
        from copylint.runner import Runner, RunOptions

        try:
            if self.explainer is None:
                self.explainer = Runner(RunOptions())
            path = to_fs_path(uri) or uri
            rules = self.explainer.rules_for(self.explainer.settings_for(path))
        except Exception:  # a broken configuration is reported by the lint itself
            return None
        rule = next((r for r in rules if r.id == rule_id), None)
        return describe(rule) if rule else None


def _utf16(line: str, column: int) -> int:
    """LSP positions count UTF-16 code units; copylint's columns count code points (1-based)."""
    prefix = line[: max(column - 1, 0)]
    return len(prefix.encode("utf-16-le")) // 2


def _diagnostic(f: dict[str, Any], lines: list[str]) -> lsp.Diagnostic:
    def pos(line: int, column: int) -> lsp.Position:
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return lsp.Position(line - 1, _utf16(text, column))

    return lsp.Diagnostic(
        range=lsp.Range(pos(f["line"], f["column"]), pos(f["end_line"], f["end_column"])),
        message=f["message"], severity=_SEVERITY.get(f["severity"], lsp.DiagnosticSeverity.Warning),
        code=f["rule"], code_description=lsp.CodeDescription(href=_rule_doc(f["rule"])), source="copylint",
    )


def _rule_doc(rule_id: str) -> str:
    from copylint.rule import builtin_rules_dir

    path = builtin_rules_dir() / f"{rule_id}.yaml"
    return from_fs_path(str(path)) if path.exists() else f"https://pypi.org/project/copylint/#{rule_id}"


def _whole_story_diagnostic(message: str) -> lsp.Diagnostic:
    return lsp.Diagnostic(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 1)), message=message,
                          severity=lsp.DiagnosticSeverity.Error, source="copylint")


def _inside(d: dict[str, Any], line: int, character: int, lines: list[str]) -> bool:
    start = (d["line"] - 1, _utf16(lines[d["line"] - 1] if d["line"] <= len(lines) else "", d["column"]))
    end = (d["end_line"] - 1, _utf16(lines[d["end_line"] - 1] if d["end_line"] <= len(lines) else "", d["end_column"]))
    return start <= (line, character) < end or (line, character) == start


def _fix_action(uri: str, f: dict[str, Any], d: lsp.Diagnostic, lines: list[str]) -> lsp.CodeAction:
    """The finding's own fix as a code action; a safe one is the preferred quick fix."""
    fix = f["fix"]

    def pos(line: int, column: int) -> lsp.Position:
        return lsp.Position(line - 1, _utf16(lines[line - 1] if 0 < line <= len(lines) else "", column))

    edits = [lsp.TextEdit(range=lsp.Range(pos(e["line"], e["column"]), pos(e["end_line"], e["end_column"])), new_text=e["content"])
             for e in fix["edits"]]
    safe = fix["applicability"] == "safe"
    title = f"{fix['message'] or 'Fix'} ({f['rule']}{'' if safe else ', unsafe'})"
    return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[d], is_preferred=safe,
                          edit=lsp.WorkspaceEdit(changes={uri: edits}))


def _is_config(path: str) -> bool:
    p = Path(path)
    return p.name in CONFIG_NAMES or (p.suffix in (".yaml", ".yml") and (p.parent.name == "lists" or "rules" in p.parts
                                                                          or p.parent.name.endswith("rules")))


def build() -> CopylintServer:
    server = CopylintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: CopylintServer, params: lsp.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("budget"), (int, float)) and options["budget"] > 0:
            ls.budget = float(options["budget"])

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: CopylintServer, params: lsp.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watch = caps and caps.did_change_watched_files and caps.did_change_watched_files.dynamic_registration
        if watch:
            watchers = [lsp.FileSystemWatcher(glob_pattern=g) for g in
                        ("**/.copylint.yaml", "**/.copylint.yml", "**/pyproject.toml", "**/*.yaml", "**/*.yml")]
            ls.client_register_capability(lsp.RegistrationParams(registrations=[lsp.Registration(
                id="copylint-config", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CopylintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CopylintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: CopylintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        path = to_fs_path(params.text_document.uri) or ""
        if _is_config(path):
            ls.configuration_changed()
        else:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CopylintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.tasks.pop(uri, None)
        if task:
            task.cancel()
        ls.findings.pop(uri, None)
        ls.publish(uri, None, [])

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: CopylintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(_is_config(to_fs_path(c.uri) or "") for c in params.changes):
            ls.configuration_changed()

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: CopylintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        uri, pos = params.text_document.uri, params.position
        lines = ls.workspace.get_text_document(uri).lines
        hits = [f for f in ls.findings.get(uri, []) if _inside(f, pos.line, pos.character, lines)]
        texts = [t for t in (ls.explain(uri, f["rule"]) for f in hits) if t]
        if not texts:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(texts)))

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION)
    def code_action(ls: CopylintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        lines = ls.workspace.get_text_document(uri).lines
        actions = []
        for d in params.context.diagnostics:
            if d.source != "copylint" or not d.code:
                continue
            for f in ls.findings.get(uri, []):
                if f["rule"] == d.code and "fix" in f and _diagnostic(f, lines).range == d.range:
                    actions.append(_fix_action(uri, f, d, lines))
            line = d.range.start.line
            indent = re.match(r"[ \t]*", lines[line] if line < len(lines) else "").group()
            comment = f"{indent}<!-- copylint: disable-next-line {d.code} -- reason -->\n"
            edit = lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(range=lsp.Range(lsp.Position(line, 0), lsp.Position(line, 0)),
                                                                 new_text=comment)]})
            actions.append(lsp.CodeAction(title=f"Disable {d.code} for this line (copylint)", kind=lsp.CodeActionKind.QuickFix,
                                          diagnostics=[d], edit=edit))
        return actions

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: CopylintServer, params: None) -> None:
        ls.replace_worker()

    return server


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    build().start_io()
