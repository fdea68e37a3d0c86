"""The engine: run every rule on the shared document, apply inline suppression, sort findings."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from copylint import regexes, suppression
from copylint.document import Document, parse
from copylint.finding import Edit, Finding, Fix, Hit, severity_rank
from copylint.kinds import KINDS
from copylint.quotes import FAMILY
from copylint.record import Record
from copylint.rule import Rule, builtin_rules_dir
from copylint.timebudget import RuleTimeout, budget, restart

# A paragraph break: a line end, blank lines, and the spaces before the next paragraph's first mark.
_BREAK_RE = regexes.compile(r"(?:\r\n|\r|\n)(?:[^\S\r\n]*(?:\r\n|\r|\n))+[^\S\r\n]*")
# The same in UTF-8 bytes: ASCII blank lines only (a line of other spaces is not cut at).
_DATA_BREAK_RE = regexes.compile(rb"(?:\r\n|\r|\n)(?:[ \t\f\v]*(?:\r\n|\r|\n))+[ \t\f\v]*")


class RuleFailure(Exception):
    """A rule kind raised on a story: a bug in copylint or a house rule, reported as exit 2."""

    def __init__(self, rule: str, error: BaseException) -> None:
        super().__init__(f"{rule}: {type(error).__name__}: {error}")
        self.rule, self.error = rule, f"{type(error).__name__}: {error}"


class Report(Record):
    """The outcome of a run: findings in stable order, plus input and internal errors."""

    __slots__ = ("findings", "errors", "notices", "files", "fail_on", "paths", "sources", "fixed", "diffs",
                 "fixed_stdin")

    findings: list[Finding]
    errors: list[str]
    notices: list[str]  # skipped files: said, but not errors
    files: int
    fail_on: dict[str, str]  # each story's configured fail-on severity
    paths: list[str]
    sources: dict[str, str]  # kept only for snippets and baselines
    fixed: int  # findings fixed by --fix (or that --diff would fix)
    diffs: list[str]  # --diff: one unified diff per story it would change
    fixed_stdin: str | None  # --fix on standard input: the fixed story

    def __init__(self, findings: list[Finding] | None = None, errors: list[str] | None = None,
                 notices: list[str] | None = None, files: int = 0, fail_on: dict[str, str] | None = None,
                 paths: list[str] | None = None, sources: dict[str, str] | None = None, fixed: int = 0,
                 diffs: list[str] | None = None, fixed_stdin: str | None = None) -> None:
        self.findings = [] if findings is None else findings
        self.errors = [] if errors is None else errors
        self.notices = [] if notices is None else notices
        self.files = files
        self.fail_on = {} if fail_on is None else fail_on
        self.paths = [] if paths is None else paths
        self.sources = {} if sources is None else sources
        self.fixed = fixed
        self.diffs = [] if diffs is None else diffs
        self.fixed_stdin = fixed_stdin

    @property
    def failing(self) -> int:
        """How many findings are at or above their story's fail-on severity."""
        return sum(severity_rank(f.severity) >= severity_rank(self.fail_on.get(f.path, "warning")) for f in self.findings)


def lint_document(doc: Document, rules: Iterable[Rule], ignore: frozenset[str] = frozenset(),
                  failures: list[RuleFailure] | None = None, unjudged: set[str] | None = None) -> list[Finding]:
    """Every rule's findings on one parsed document, after inline suppression, sorted.

    A rule kind that raises is a RuleFailure: collected in `failures` when given (the other rules
    still run), else raised. Front matter can switch rules off for one story (`copylint: {ignore: […]}`).
    Rules without word lists for the story's language skip it; their ids are added to `unjudged`."""
    if doc.meta:
        ignore = ignore | _story_ignores(doc)
    active = [r for r in rules if r.id not in ignore]
    findings: list[Finding] = []
    with budget(doc):
        for rule in active:
            if rule.kind == "suppression":
                continue
            prepared = rule.prepared_for(doc.language)
            if prepared is None:
                if unjudged is not None:
                    unjudged.add(rule.id)
                continue
            try:
                findings.extend(_run(doc, rule, prepared))
            except RuleFailure as exc:
                if failures is None:
                    raise
                failures.append(exc)
    directives, malformed = suppression.parse(doc.source, doc.source_position)
    if directives or malformed:
        findings = _suppress(doc, active, findings, directives, malformed)
    findings.sort()
    return findings


def _story_ignores(doc: Document) -> frozenset[str]:
    settings = doc.meta.get("copylint") if doc.meta else None
    if not isinstance(settings, dict):
        return frozenset()
    ids = settings.get("ignore", [])
    return frozenset(ids) if isinstance(ids, list) and all(isinstance(i, str) for i in ids) else frozenset()


def _run(doc: Document, rule: Rule, prepared: object) -> list[Finding]:
    try:
        return [_finding(doc, rule, hit) for hit in KINDS[rule.kind].check(doc, prepared)]
    except RuleTimeout as exc:
        restart(doc)  # the other rules get a fresh budget
        raise RuleFailure(rule.id, exc) from exc
    except Exception as exc:  # one broken rule must not hide the others' results
        raise RuleFailure(rule.id, exc) from exc


def _finding(doc: Document, rule: Rule, hit: Hit, in_source: bool = False) -> Finding:
    """A located finding; `in_source` when the hit's offsets are into the source (a directive),
    not into the document's prose (which, for Markdown and HTML, is mapped back)."""
    position = doc.source_position if in_source else doc.position
    line, col = position(hit.start)
    end_line, end_col = position(max(hit.end, hit.start + 1))
    fix = _source_fix(doc, hit.fix) if hit.fix is not None else None
    positions = tuple((*doc.source_position(e.start), *doc.source_position(e.end)) for e in fix.edits) if fix else ()
    return Finding(doc.path, line, col, end_line, end_col, rule.id, rule.severity, rule.message.format_map(hit.args),
                   doc.language, fix, positions)


def _source_fix(doc: Document, fix: Fix) -> Fix | None:
    """The fix with its edits moved from the prose to the source. Only prose that is the very
    same characters in the source is edited: an edit touching markup (an entity, a tag, a mark
    the HTML reader added for <q>) or a masked comment is dropped, with the whole fix."""
    edits = []
    for e in fix.edits:
        if doc.layout is None:
            start, end = e.start, e.end
        else:
            start = doc.layout.source_offset(e.start)
            end = start if e.end == e.start else doc.layout.source_offset(e.end - 1) + 1
        if doc.source[start:end] != doc.text[e.start : e.end] or (doc.layout is not None and start < doc.layout.body_start):
            return None  # markup, a masked comment, or front matter: not prose to edit
        edits.append(Edit(start, end, e.content))
    return Fix(tuple(edits), fix.applicability, fix.message)


def _suppress(doc: Document, active: list[Rule], findings: list[Finding],
              directives: list[suppression.Directive], malformed: list[suppression.Malformed]) -> list[Finding]:
    """Apply suppression comments; report the unused and malformed ones if those rules are on."""
    lines = [doc.source[a:b] for a, b in zip(doc.line_starts, (*doc.line_starts[1:], len(doc.source)), strict=True)]
    malformed = malformed + suppression.resolve(directives, lines, len(lines))
    ids = {r.id for r in active}
    known = set(all_rule_ids()) | ids
    for d in directives:
        unknown = sorted((d.rules or frozenset()) - known)
        if unknown:
            malformed.append(suppression.Malformed(d.start, d.end, f"unknown rule '{unknown[0]}'"))
    kept = suppression.apply(findings, directives)
    for rule in active:
        if rule.kind != "suppression":
            continue
        if rule.prepared == "malformed":
            for m in malformed:
                hit = Hit(m.start, m.end, {"directive": doc.source[m.start : m.end], "problem": m.problem})
                kept.append(_finding(doc, rule, hit, in_source=True))
        else:
            for d, what in suppression.unused(directives):
                if what == "all rules" or what in ids:
                    problem = f"`{d.action}` of {what} silences nothing here"
                    hit = Hit(d.start, d.end, {"directive": doc.source[d.start : d.end], "problem": problem})
                    kept.append(_finding(doc, rule, hit, in_source=True))
    return kept


@functools.cache
def all_rule_ids() -> list[str]:
    """Ids of the built-in rules (a suppression may name a rule that is switched off)."""
    return [p.stem for p in builtin_rules_dir().glob("*.yaml")]


# A plain-text story longer than SECTION_CHARS × 2 characters is linted in sections of about
# SECTION_CHARS, so that memory stays a small multiple of the file (a 100 MB file of wire copy
# must not need gigabytes). Cuts fall at paragraph breaks where the next paragraph does not open
# with a quotation mark (which could carry a quotation on, AP style); each later section is read
# as the middle of the story (no headline or dateline of its own) in the first one's language,
# and its findings are moved to their lines in the story. A story with suppression comments is
# never cut: a directive may cover more than one section. A story file is cut in its UTF-8 bytes
# (lint_story_data: sizes are then bytes), so that its whole text is never decoded at once.
SECTION_CHARS = 2_000_000


def lint_story(text: str, rules: list[Rule], path: str = "<text>", ignore: frozenset[str] = frozenset(),
               failures: list[RuleFailure] | None = None, filetype: str = "text",
               html_skip: tuple[str, ...] | None = None, language: str | None = None,
               unjudged: set[str] | None = None) -> tuple[list[Finding], str]:
    """The findings of a story and the language it was read in, in sections when it is long."""
    if text.startswith("\ufeff"):
        text = text[1:]  # as parse drops it: later sections' offsets count from the text after it
    cuts = section_starts(text) if filetype == "text" and len(text) > 2 * SECTION_CHARS else [0]
    if len(cuts) == 1:
        doc = load_document(text, path, filetype, html_skip, language)
        return lint_document(doc, rules, ignore, failures, unjudged), doc.language
    sections = (text[start:end] for start, end in zip(cuts, (*cuts[1:], len(text))))
    return _lint_sections(sections, rules, path, ignore, failures, language, unjudged)


def lint_story_data(data: bytes, rules: list[Rule], path: str = "<text>", ignore: frozenset[str] = frozenset(),
                    failures: list[RuleFailure] | None = None, language: str | None = None,
                    unjudged: set[str] | None = None) -> tuple[list[Finding], str]:
    """lint_story for a long plain-text story given as UTF-8 bytes (no BOM, no NUL): cut in the
    bytes and decoded a section at a time, so that the whole text (two or four bytes a character
    for most news, where one character is not Latin-1) is never held at once."""
    cuts = section_starts(data)
    spans = zip(cuts, (*cuts[1:], len(data)))
    return _lint_sections((_decoded(data, start, end, path) for start, end in spans), rules, path, ignore, failures,
                          language, unjudged)


def _decoded(data: bytes, start: int, end: int, path: str) -> str:
    try:
        return data[start:end].decode("utf-8")
    except UnicodeDecodeError:
        from copylint.sources import decode

        decode(data, path)  # the whole story, to report the first bad byte's line and column
        raise


def _lint_sections(sections: Iterable[str], rules: list[Rule], path: str, ignore: frozenset[str],
                   failures: list[RuleFailure] | None, language: str | None,
                   unjudged: set[str] | None) -> tuple[list[Finding], str]:
    findings: list[Finding] = []
    first_line = offset = 0  # lines and characters before the section
    for k, section in enumerate(sections):
        doc = parse(section, path, language=language, continued=k > 0)
        language = doc.language
        found = lint_document(doc, rules, ignore, failures, unjudged)
        findings += [_moved(f, offset, first_line) for f in found] if k else found
        first_line += len(doc.line_starts) - 1
        offset += len(section)
        del doc, found
    return findings, language or "en"


def section_starts(story: str | bytes, size: int | None = None) -> list[int]:
    """Where the sections of a long plain-text story start (see SECTION_CHARS), in its text or
    in its UTF-8 bytes (there after ASCII blanks only, so always on a character boundary)."""
    size = SECTION_CHARS if size is None else size
    binary = isinstance(story, bytes)
    if (b"copylint" if binary else "copylint") in story:  # perhaps a suppression comment: read whole
        return [0]
    breaks = _DATA_BREAK_RE if binary else _BREAK_RE
    cuts = [0]
    m = breaks.search(story, size)
    while m is not None and len(story) - m.end() >= size:
        head = story[m.end() : m.end() + 32].decode("utf-8", "ignore").lstrip() if binary else story[m.end()]
        if not head or head[0] in FAMILY:  # this paragraph may carry a quotation on: cut at a later one
            m = breaks.search(story, m.end())
            continue
        cuts.append(m.end())
        m = breaks.search(story, m.end() + size)
    return cuts


def _moved(f: Finding, offset: int, lines: int) -> Finding:
    """A finding of a later section, moved to its place in the whole story."""
    fix = None
    if f.fix is not None:
        fix = Fix(tuple(Edit(e.start + offset, e.end + offset, e.content) for e in f.fix.edits), f.fix.applicability,
                  f.fix.message)
    positions = tuple((a + lines, b, c + lines, d) for a, b, c, d in f.fix_positions)
    return Finding(f.path, f.line + lines, f.column, f.end_line + lines, f.end_column, f.rule, f.severity, f.message,
                   f.language, fix, positions)


def lint_text(text: str, rules: Iterable[Rule], path: str = "<text>", ignore: frozenset[str] = frozenset(),
              failures: list[RuleFailure] | None = None, filetype: str = "text",
              html_skip: tuple[str, ...] | None = None, language: str | None = None,
              unjudged: set[str] | None = None) -> list[Finding]:
    return lint_document(load_document(text, path, filetype, html_skip, language), rules, ignore, failures, unjudged)


def load_document(text: str, path: str = "<text>", filetype: str = "text", html_skip: tuple[str, ...] | None = None,
                  language: str | None = None) -> Document:
    """The story as a Document; Markdown and HTML readers are imported only when needed."""
    if filetype == "text":
        return parse(text, path, language=language)
    from copylint.formats import load

    return load(text, path, filetype, html_skip, language)
