"""`copylint server` end to end: the real server as a subprocess, driven by pygls's client the way
an editor drives it (the command is the README's: `copylint server`)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls: pip install \"copylint[server]\"")

from lsprotocol import types as lsp  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e89cc9545c4c39cd.txt"
TIMEOUT = 30


def _command() -> list[str]:
    exe = shutil.which("copylint", path=str(Path(sys.executable).parent)) or shutil.which("copylint")
    return [exe, "server"] if exe else [sys.executable, "-m", "copylint", "server"]


class Editor:
    """A client with a queue of the diagnostics the server publishes, per document."""

    def __init__(self, workspace: Path, options: dict | None = None) -> None:
        self.workspace, self.options = workspace, options
        self.client = LanguageClient("copylint-tests", "1")
        self.published: dict[str, asyncio.Queue] = {}
        self.versions: dict[str, int] = {}
        self.logs: list[str] = []

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: lsp.PublishDiagnosticsParams) -> None:
            self.queue(params.uri).put_nowait(params.diagnostics)

        @self.client.feature(lsp.WINDOW_LOG_MESSAGE)
        def log(params: lsp.LogMessageParams) -> None:
            self.logs.append(params.message)

    def queue(self, uri: str) -> asyncio.Queue:
        return self.published.setdefault(uri, asyncio.Queue())

    async def start(self) -> None:
        cmd = _command()
        await self.client.start_io(*cmd, cwd=str(self.workspace))
        caps = lsp.ClientCapabilities(workspace=lsp.WorkspaceClientCapabilities(
            did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(dynamic_registration=False)))
        await self.client.initialize_async(lsp.InitializeParams(capabilities=caps, root_uri=from_fs_path(str(self.workspace)),
                                                                initialization_options=self.options))
        self.client.initialized(lsp.InitializedParams())

    async def stop(self) -> int | None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        server = self.client._server
        code = await asyncio.wait_for(server.wait(), TIMEOUT) if server else None
        await self.client.stop()
        return code

    def open(self, path: Path, text: str | None = None) -> str:
        uri = from_fs_path(str(path))
        self.versions[uri] = 1
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
            uri=uri, language_id="plaintext", version=1, text=path.read_text(encoding="utf-8") if text is None else text)))
        return uri

    def change(self, uri: str, text: str) -> None:
        self.versions[uri] += 1
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [lsp.TextDocumentContentChangeWholeDocument(text=text)]))

    async def diagnostics(self, uri: str) -> list[lsp.Diagnostic]:
        return list(await asyncio.wait_for(self.queue(uri).get(), TIMEOUT))


def run(scenario) -> None:
    asyncio.run(asyncio.wait_for(scenario(), 120))


def _json_ranges(path: Path) -> list[tuple[int, int, int, int]]:
    """The CLI's findings as 0-based LSP ranges (the seed is ASCII, so columns are UTF-16 units)."""
    import json

    run_ = subprocess.run([sys.executable, "-m", "copylint", "check", "--no-cache", "--format", "json", str(path)],
                          capture_output=True, text=True, cwd=ROOT)
    return [(f["line"] - 1, f["column"] - 1, f["end_line"] - 1, f["end_column"] - 1) for f in json.loads(run_.stdout)]


def _ranges(diagnostics: list[lsp.Diagnostic]) -> list[tuple[int, int, int, int]]:
    return [(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) for d in diagnostics]


def test_an_editing_session(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")

    async def scenario() -> None:
        ed = Editor(tmp_path)
        await ed.start()
        uri = ed.open(story)
        found = await ed.diagnostics(uri)
        assert _ranges(found) == _json_ranges(SEED) and len(found) == 5
        first = found[0]
        assert (first.code, first.source, first.severity) == ("scare-quotes", "copylint", lsp.DiagnosticSeverity.Warning)
        assert first.code_description.href.endswith("scare-quotes.yaml")

        # Hover shows what `copylint explain` prints.
        hover = await ed.client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(6, 182)))
        explained = subprocess.run([sys.executable, "-m", "copylint", "explain", "scare-quotes"], capture_output=True, text=True).stdout
        assert hover.contents.value.strip() == explained.strip()

        # Remove the dateline from the in-memory text (the file on disk keeps it).
        text = story.read_text(encoding="utf-8").replace("BEIJING, Feb. 1 (Xinhua) -- ", "")
        ed.change(uri, text)
        changed = await ed.diagnostics(uri)
        assert [d.code for d in changed].count("missing-dateline") == 1
        dateline = next(d for d in changed if d.code == "missing-dateline")
        assert _ranges([dateline]) == [(6, 0, 6, 1)]

        # The quick fix inserts a suppression comment above the line; applied, the finding goes.
        actions = await ed.client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), dateline.range, lsp.CodeActionContext(diagnostics=[dateline])))
        assert [a.title for a in actions] == ["Disable missing-dateline for this line (copylint)"]
        edit = actions[0].edit.changes[uri][0]
        assert (edit.range.start.line, edit.new_text) == (6, "<!-- copylint: disable-next-line missing-dateline -- reason -->\n")
        lines = text.splitlines(keepends=True)
        text = "".join(lines[:6] + [edit.new_text] + lines[6:])
        ed.change(uri, text)
        assert "missing-dateline" not in [d.code for d in await ed.diagnostics(uri)]

        # A finding with a fix offers it: the safe one as the preferred quick fix.
        text = text.replace("He noted", "He called it “as usual”. He noted", 1)
        ed.change(uri, text)
        punct = next(d for d in await ed.diagnostics(uri) if d.code == "quote-punctuation")
        actions = await ed.client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), punct.range, lsp.CodeActionContext(diagnostics=[punct])))
        assert [(a.title, a.is_preferred) for a in actions][0] == ("Move . inside the closing mark (quote-punctuation)", True)
        assert [(e.new_text, e.range.end.character - e.range.start.character) for e in actions[0].edit.changes[uri]] == [(".”", 2)]

        # A configuration change is followed.
        (tmp_path / ".copylint.yaml").write_text("ignore: [scare-quotes]\n", encoding="utf-8")
        ed.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(uri=from_fs_path(str(tmp_path / ".copylint.yaml")), type=lsp.FileChangeType.Created)]))
        followed = [d.code for d in await ed.diagnostics(uri)]
        assert "scare-quotes" not in followed and "quote-punctuation" in followed

        # Closing clears the story's diagnostics; the server shuts down cleanly.
        ed.client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
        assert await ed.diagnostics(uri) == []
        assert await ed.stop() == 0

    run(scenario)


def test_markdown_and_positions_in_utf16(tmp_path):
    story = tmp_path / "story.md"
    # An astral character before the quote: one code point, two UTF-16 units.
    story.write_text("---\ntitle: Bridge\n---\n\nLONDON (Reuters) - 🌉 The ministry denied allegations of \"torture\" at the camp.\n",
                     encoding="utf-8")

    async def scenario() -> None:
        ed = Editor(tmp_path)
        await ed.start()
        uri = ed.open(story)
        found = await ed.diagnostics(uri)
        line = story.read_text(encoding="utf-8").splitlines()[4]
        start = len(line[: line.index('"torture"')].encode("utf-16-le")) // 2
        assert _ranges(found) == [(4, start, 4, start + 9)]
        assert await ed.stop() == 0

    run(scenario)


def test_bad_input_leaves_the_server_running(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.docx").write_text("not a story", encoding="utf-8")

    async def scenario() -> None:
        ed = Editor(tmp_path)
        await ed.start()
        # A malformed request is answered with an error (or dropped), never a crash: the server
        # still answers a well-formed request afterwards.
        try:
            answer = await asyncio.wait_for(ed.client.protocol.send_request_async("textDocument/hover", {"bogus": True}), 3)
        except Exception as exc:  # an error response (or none at all)
            answer = exc
        assert not isinstance(answer, lsp.Hover)
        probe = await ed.client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(from_fs_path(str(story))), lsp.Position(0, 0)))
        assert probe is None
        # An unknown file type is simply not linted.
        ed.open(tmp_path / "notes.docx")
        # A configuration that cannot be read: one diagnostic on it, and a log message.
        config = tmp_path / ".copylint.yaml"
        config.write_text("ignore: [scare-quotes\n", encoding="utf-8")
        uri = ed.open(story)
        config_diag = await ed.diagnostics(from_fs_path(str(config)))
        assert len(config_diag) == 1 and "invalid YAML" in config_diag[0].message
        assert any("invalid YAML" in m for m in ed.logs)
        # Fixed, the story is linted again and the config diagnostic is cleared.
        config.write_text("ignore: []\n", encoding="utf-8")
        ed.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(uri=from_fs_path(str(config)), type=lsp.FileChangeType.Changed)]))
        assert await ed.diagnostics(from_fs_path(str(config))) == []
        assert len(await ed.diagnostics(uri)) == 5
        assert await ed.stop() == 0

    run(scenario)


def test_a_story_over_the_time_budget_gets_one_diagnostic(tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "runaway.yaml").write_text(
        "id: runaway\nseverity: warning\nkind: pattern\nsummary: A catastrophic pattern.\nmessage: 'x {match}'\n"
        "options:\n  pattern: '(a+)+$'\n", encoding="utf-8")
    (tmp_path / ".copylint.yaml").write_text("rule-dirs: [house]\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("LONDON (Reuters) - " + "a" * 40 + "b\n", encoding="utf-8")

    async def scenario() -> None:
        ed = Editor(tmp_path, {"budget": 1})
        await ed.start()
        uri = ed.open(story)
        found = await ed.diagnostics(uri)
        assert len(found) == 1 and "took longer than 1 s" in found[0].message
        # The worker was replaced: a harmless edit is linted normally again.
        ed.change(uri, "LONDON (Reuters) - The bridge reopened.\n")
        assert await ed.diagnostics(uri) == []
        assert await ed.stop() == 0

    run(scenario)


def test_check_never_imports_the_language_server():
    run_ = subprocess.run([sys.executable, "-X", "importtime", "-m", "copylint", "check", str(SEED)],
                          capture_output=True, text=True, cwd=ROOT)
    assert run_.returncode == 1
    imported = {line.split("|")[-1].strip().split(".")[0] for line in run_.stderr.splitlines() if line.startswith("import time:")}
    assert "pygls" not in imported and "lsprotocol" not in imported and "typer" not in imported
