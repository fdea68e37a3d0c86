"""The results cache: re-running on an unchanged archive reads findings instead of linting.

A folder per rule-set fingerprint (rules, options, severities, copylint version) holding 256 JSON
shards (by a hash of the story's path), each mapping a path to the SHA-256 of its text, its
findings and its file stamp (size, modification time, inode): a story whose stamp is unchanged is
not even read, one whose stamp changed is read and its hash compared. A one-story run reads one
small shard, an archive run reads them all once. JSON, not pickle: a cache folder can
arrive from anywhere (a checkout, a CI artefact) and must never be able to run code. Files are
written atomically, so concurrent or interrupted runs leave the old store or the new one; a store
that cannot be read is simply ignored.
"""

from __future__ import annotations

import json
import os
import time

from copylint import __version__
from copylint.files import write_cache_file
from copylint.finding import Edit, Finding, Fix

Entry = tuple[str, list[Finding]]


def digest(text: str) -> str:
    return digest_data(text.encode("utf-8", "surrogatepass"))


def digest_data(data: bytes) -> str:
    """The hash of a text by its UTF-8 bytes (a story read as bytes hashes as when decoded)."""
    import hashlib  # a run without the results cache never loads OpenSSL

    return hashlib.sha256(data).hexdigest()


class ResultCache:
    def __init__(self, directory: str | os.PathLike | None) -> None:
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
                    with open(os.path.join(self.directory, name), encoding="utf-8") as handle:
                        loaded = json.load(handle)
                    if isinstance(loaded, dict):
                        data = loaded
                except (OSError, ValueError):
                    pass
            self._stores[name] = data
        return name, self._stores[name]

    def entry(self, fingerprint: str, path: str) -> tuple[str, list, list | None] | None:
        """What the cache holds for `path`: (SHA-256 of its text, finding rows, file stamp or None)."""
        if self.directory is None:
            return None
        entry = self._store(fingerprint, path)[1].get(path)
        if not isinstance(entry, list) or len(entry) < 2 or not isinstance(entry[0], str) or not isinstance(entry[1], list):
            return None  # absent, or damaged: lint again
        return entry[0], entry[1], entry[2] if len(entry) > 2 and isinstance(entry[2], list) else None

    @staticmethod
    def findings(path: str, rows: list) -> list[Finding] | None:
        """The findings of cached rows, or None when a row is damaged (then the story is linted)."""
        try:
            return [_finding(path, row) for row in rows]
        except (TypeError, ValueError):
            return None

    def put(self, fingerprint: str, path: str, sha: str, findings: list[Finding], stamp: list[int] | None = None) -> None:
        """Remember a story's findings by the hash of its text and, when it can be trusted (see
        `file_stamp`), the size and modification time that let a later run skip reading it."""
        if self.directory is None:
            return
        rows = [[f.line, f.column, f.end_line, f.end_column, f.rule, f.severity, f.message, f.language, _fix_row(f)]
                for f in findings]
        name, store = self._store(fingerprint, path)
        store[path] = [sha, rows, stamp]
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


def file_stamp(path: str) -> list[int] | None:
    """[size, mtime in ns, inode] of a story, trusted to identify its text only when the file was
    last written over two seconds ago: a story rewritten twice within one tick of the file
    system's clock (same size) would otherwise look unchanged. Git's index has the same rule
    ("racily clean" entries are compared by content)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if time.time_ns() - st.st_mtime_ns < 2_000_000_000:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


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
