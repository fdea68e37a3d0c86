"""The results cache: re-running on an unchanged archive reads findings instead of linting.

A folder per rule-set fingerprint (rules, options, severities, copylint version) holding 256 JSON
shards (by a hash of the story's path), each mapping a path to the SHA-256 of its text and its
findings: a one-story run reads one small shard, an archive run reads them all once. JSON, not pickle: a cache folder can
arrive from anywhere (a checkout, a CI artefact) and must never be able to run code. Files are
written atomically, so concurrent or interrupted runs leave the old store or the new one; a store
that cannot be read is simply ignored.
"""

from __future__ import annotations

import json
from pathlib import Path

from copylint import __version__
from copylint.files import write_cache_file
from copylint.finding import Edit, Finding, Fix

Entry = tuple[str, list[Finding]]


def digest(text: str) -> str:
    import hashlib  # a run without the results cache never loads OpenSSL

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ResultCache:
    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._stores: dict[str, dict[str, list]] = {}
        self._dirty: set[str] = set()

    def _store(self, fingerprint: str, path: str) -> tuple[str, dict[str, list]]:
        import hashlib

        name = f"{fingerprint}/{hashlib.sha1(path.encode('utf-8', 'surrogatepass')).hexdigest()[:2]}.json"
        if name not in self._stores:
            data: dict[str, list] = {}
            if self.directory is not None:
                try:
                    loaded = json.loads((self.directory / name).read_text(encoding="utf-8"))
                    if isinstance(loaded, dict):
                        data = loaded
                except (OSError, ValueError):
                    pass
            self._stores[name] = data
        return name, self._stores[name]

    def get(self, fingerprint: str, path: str, sha: str) -> list[Finding] | None:
        if self.directory is None:
            return None
        entry = self._store(fingerprint, path)[1].get(path)
        try:
            if entry and entry[0] == sha:
                return [_finding(path, row) for row in entry[1]]
        except TypeError:  # a damaged entry: lint again
            return None
        return None

    def put(self, fingerprint: str, path: str, sha: str, findings: list[Finding]) -> None:
        if self.directory is None:
            return
        rows = [[f.line, f.column, f.end_line, f.end_column, f.rule, f.severity, f.message, f.language, _fix_row(f)]
                for f in findings]
        name, store = self._store(fingerprint, path)
        store[path] = [sha, rows]
        self._dirty.add(name)

    def save(self) -> None:
        """Write the stores that changed; a cache that cannot be written is not an error."""
        if self.directory is None:
            return
        for name in sorted(self._dirty):
            try:
                write_cache_file(self.directory, name, json.dumps(self._stores[name], ensure_ascii=False))
            except OSError:
                pass
        self._dirty.clear()


def _fix_row(f: Finding) -> list | None:
    if f.fix is None:
        return None
    return [f.fix.applicability, f.fix.message, [[e.start, e.end, e.content] for e in f.fix.edits],
            [list(p) for p in f.fix_positions]]


def _finding(path: str, row: list) -> Finding:
    fix, positions = None, ()
    if len(row) > 8 and row[8] is not None:
        applicability, message, edits, spans = row[8]
        fix = Fix(tuple(Edit(*e) for e in edits), applicability, message)
        positions = tuple(tuple(p) for p in spans)
    return Finding(path, *row[:8], fix, positions)


def fingerprint(rules: list, ignore: frozenset[str], filetype: str = "text") -> str:
    """What the findings of a story depend on besides its text."""
    import hashlib

    parts = [__version__, sorted(ignore), filetype]
    parts += [(r.id, r.severity, r.kind, r.message, r.bad, r.good, sorted(r.options.items()), r.variants) for r in rules]
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:24]
