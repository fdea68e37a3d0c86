"""The base of copylint's small value types: equality, hashing and repr by their slots.

Why not dataclasses: importing `dataclasses` (which imports `inspect`, `ast`, `dis` …) and
generating the methods of the thirty classes on the lint path cost about 20 ms of every run,
more than the linting of a story. Each type declares its fields (annotated, for readers and type
checkers), lists them in `__slots__`, and writes its `__init__`; this base adds the rest. The
records are treated as immutable: nothing assigns to a public field after `__init__` except in
the few mutable ones that say so (`Directive.used`, the scanner's `_Open`, the run's jobs and
report); private slots (`_sentences`, `_line_starts`, `_cues`) cache what is derived on first use.
"""

from __future__ import annotations


class Record:
    __slots__ = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__name__}({fields})"
