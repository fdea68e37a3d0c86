"""Reading stories: expanding folders, decoding bytes, and saying clearly what cannot be read."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence

STORY_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


class InputError(Exception):
    """A story that cannot be read; the message names the file (and the position, if any)."""


class Skipped(Exception):
    """A file that is not a story (binary): skipped with a one-line notice, not an error."""


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode a story: UTF-8 by default (a BOM is dropped), or the given encoding; never guess."""
    if b"\0" in data:
        raise Skipped(f"{path}: binary file (contains NUL bytes), skipped")
    if encoding is None and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # the BOM, dropped by hand: the utf-8-sig codec is one more module to import
    try:
        return data.decode(encoding or "utf-8")
    except LookupError:
        raise InputError(f"unknown encoding '{encoding}'") from None
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode(encoding or "utf-8", "replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        bad = data[exc.start : exc.start + 1].hex()
        hint = "; if it is Windows-1252 (curly quotes as 0x93/0x94), use --encoding cp1252" if not encoding else ""
        raise InputError(f"{path}:{line}:{col}: not valid {encoding or 'UTF-8'} (byte 0x{bad}){hint}") from None


def collect(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """Expand folders (recursively, story suffixes, no hidden folders, symlinked folders not
    followed so loops cannot trap the walk); return (files, errors)."""
    files: list[str] = []
    errors: list[str] = []
    for p in paths:
        if p == "-":
            files.append(p)
        elif os.path.isdir(p):
            _walk(os.path.normpath(p), files, errors)
        elif os.path.exists(p):
            if _regular(p):
                files.append(p)
            else:
                errors.append(f"{p}: not a regular file (a FIFO, socket or device), skipped")
        else:
            errors.append(f"{p}: no such file or directory")
    return files, errors


def _walk(folder: str, files: list[str], errors: list[str]) -> None:
    """Stories under `folder`, sorted by name, hidden folders skipped. os.scandir tells files from
    folders without a stat call per file (half the time of a warm archive run went on those)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        errors.append(f"{exc.filename}: cannot list: {exc.strerror}")
        return
    folders = []
    for entry in entries:
        if entry.is_symlink():  # a link to a story counts; a linked folder is not followed
            if entry.name.endswith(STORY_SUFFIXES) and _regular(entry.path):
                files.append(entry.path)
        elif entry.is_dir():
            if not entry.name.startswith("."):
                folders.append(entry.path)
        elif entry.name.endswith(STORY_SUFFIXES) and entry.is_file():
            files.append(entry.path)
    for sub in folders:
        _walk(sub, files, errors)


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # let reading it report the problem (permission denied, broken link)


def read(path: str, stdin: bytes | None = None, encoding: str | None = None) -> str:
    if path == "-":
        return decode(stdin or b"", "-", encoding)
    return decode(read_raw(path), path, encoding)


def read_raw(path: str) -> bytes:
    """A story's bytes, as stored: read to its end with os.read (no file object, which costs
    more than reading a 2 KB story), asking for one byte more than its size first."""
    try:
        fd = os.open(path, os.O_RDONLY | _BINARY)
        try:
            size = os.fstat(fd).st_size
            parts = []
            while part := os.read(fd, max(size + 1, 1 << 16)):
                parts.append(part)
            return b"".join(parts)
        finally:
            os.close(fd)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def utf8_body(data: bytes, path: str) -> bytes:
    """A UTF-8 story's bytes without a BOM, for reading it a section at a time (not yet checked
    as UTF-8: each section is decoded on its own)."""
    if b"\0" in data:
        raise Skipped(f"{path}: binary file (contains NUL bytes), skipped")
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data
