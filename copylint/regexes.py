"""Compiled regular expressions kept between runs.

Why: Python's regex compiler is itself written in Python. The word-list patterns of the built-in
rules took about 60 ms to compile on every run, several times the whole budget for linting one
story from a pre-commit hook. CPython's matcher (`_sre`) runs a compiled program, a list of
integers; that list is stored as JSON in the cache folder, keyed by the Python build and the
engine's MAGIC number, and handed back to `_sre.compile`, which validates it, so a damaged or
foreign store can only fail to load (and then everything is compiled as usual), never run code.

Patterns compiled before a store is chosen (`use_store`), or when the private compiler API is
not what this module expects, are compiled the ordinary way: the store is an optimisation only.
"""

from __future__ import annotations

import binascii
import json
import os
import re
import sys
import zlib

try:
    import _sre
    from re import _compiler, _parser

    if memoryview(bytes(4)).cast("I").itemsize != _sre.CODESIZE:
        raise ImportError("code words are not C unsigned ints here")
except ImportError:  # another Python implementation or build: no store
    _sre = None

_KEY = f"2-{sys.implementation.name}-{sys.version}-{getattr(_sre, 'MAGIC', 0)}"  # 2: the store's format

_store: dict[str, list] | None = None  # "flags:pattern" -> the arguments of _sre.compile
_path: str | None = None
_compiled: dict[str, re.Pattern[str]] = {}
_dirty = False


def use_store(directory: str | os.PathLike | None) -> None:
    """Read compiled programs from (and later save new ones to) `directory`; None: none."""
    global _store, _path, _dirty
    _store, _path, _dirty = None, None, False
    _compiled.clear()
    if directory is None or _sre is None:
        return
    from copylint import __version__

    name = f"regex-{zlib.crc32(f'{_KEY}-{__version__}'.encode()):08x}.json"
    _path = os.path.join(directory, name)
    try:
        with open(_path, encoding="utf-8") as handle:
            loaded = json.load(handle)
        _store = loaded["programs"] if isinstance(loaded, dict) and loaded.get("key") == _KEY else {}
    except (OSError, ValueError, KeyError, TypeError):
        _store = {}


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - the name re uses
    """re.compile(pattern, flags), from the store when it holds the compiled program."""
    if _store is None:
        return re.compile(pattern, flags)
    key = f"{int(flags)}:{pattern}"
    compiled = _compiled.get(key)  # one object per pattern, as re.compile's cache gives
    if compiled is None:
        compiled = _compiled[key] = _from_store(key, pattern) or _compile_and_keep(key, pattern, flags)
    return compiled


# A store that grew past this many programs (house rules edited over months) keeps only those
# the run that writes it used.
_MAX_PROGRAMS = 2000


def _from_store(key: str, pattern: str) -> re.Pattern[str] | None:
    args = _store.get(key) if _store is not None else None
    if args is None:
        return None
    try:
        final_flags, code, groups, groupindex, indexgroup = args
        program = memoryview(binascii.a2b_base64(code)).cast("I").tolist()
        return _sre.compile(pattern, final_flags, program, groups, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - a stale or damaged entry: compile it afresh
        return None


def _compile_and_keep(key: str, pattern: str, flags: int) -> re.Pattern[str]:
    global _dirty
    compiled, args = _compile_program(pattern, flags)
    if args is not None and _store is not None:
        _store[key] = args
        _dirty = True
    return compiled


def _compile_program(pattern: str, flags: int) -> tuple[re.Pattern[str], list | None]:
    """Compile as re does, keeping the program; re.compile alone if its internals differ."""
    try:
        parsed = _parser.parse(pattern, int(flags))
        code = _compiler._code(parsed, int(flags))
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        compiled = _sre.compile(pattern, int(flags) | parsed.state.flags, code, parsed.state.groups - 1, groupindex,
                                tuple(indexgroup))
        # The program as base64 of 32-bit words: a fifth of the JSON list's parsing time.
        from array import array

        packed = binascii.b2a_base64(array("I", code).tobytes(), newline=False).decode("ascii")
        args = [int(flags) | parsed.state.flags, packed, parsed.state.groups - 1, groupindex, indexgroup]
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - a Python whose compiler internals changed
        return re.compile(pattern, flags), None
    return compiled, args


def save() -> None:
    """Write the store when this run compiled anything new; failure to write is not an error."""
    global _dirty, _store
    if not _dirty or _path is None or _store is None:
        return
    _dirty = False
    if len(_store) > _MAX_PROGRAMS:
        _store = {key: args for key, args in _store.items() if key in _compiled}
    try:
        from copylint.files import write_cache_file

        write_cache_file(os.path.dirname(_path), os.path.basename(_path), json.dumps({"key": _KEY, "programs": _store}))
    except (OSError, TypeError, ValueError):
        pass
