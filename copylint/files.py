"""Writing files safely: a temporary file in the same folder, then an atomic rename.

copylint never writes to a story; this is for reports, baselines and the cache, so that an
interrupted or concurrent run leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import time


def _create_temporary(path: str) -> tuple[int, str]:
    """A new private file beside `path`, as tempfile.mkstemp makes one (O_EXCL, 0600), without
    importing tempfile, which costs a one-story run 5 ms."""
    folder, name = os.path.split(path)
    for attempt in range(100):
        tmp = os.path.join(folder, f".{name}.{os.getpid()}.{time.monotonic_ns()}.{attempt}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"{folder}: cannot create a temporary file")


def write_atomic(path: str | os.PathLike, text: str | bytes) -> None:
    """Write `text` (UTF-8, newlines as given) or `bytes` (as they are) to `path` atomically."""
    path = os.fspath(path)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    fd, tmp = _create_temporary(path)
    try:
        # The temporary file is private (0600); a report or baseline gets the mode a plain write
        # would give it: the existing file's, or the default under the user's umask.
        try:
            mode = os.stat(path).st_mode & 0o777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_cache_file(directory: str | os.PathLike, name: str, text: str) -> None:
    """Write `name` into the cache folder, which is created ignoring itself in Git."""
    gitignore = os.path.join(directory, ".gitignore")
    if not os.path.exists(gitignore):
        write_atomic(gitignore, "# created by copylint\n*\n")
    write_atomic(os.path.join(directory, name), text)
