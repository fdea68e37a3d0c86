"""A time budget for rules on one story, so that a runaway regular expression in a house rule
(`(a+)+$` on a long line) becomes a reported error instead of a hung CI job.

Python's regex engine checks for signals while it backtracks, so a SIGALRM timer interrupts it.
Chosen over a linear-time engine (google-re2) because it covers every kind and every regex
option, keeps Python's regex syntax (lookbehind, which re2 lacks), and needs no dependency.
Where SIGALRM does not exist (Windows) or off the main thread, no budget applies.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from copylint.document import Document

BASE_SECONDS = 5.0
SECONDS_PER_MB = 2.0


class RuleTimeout(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"exceeded its {seconds:g} s time budget on this story (a runaway regular expression?)")


def seconds_for(doc: Document) -> float:
    return BASE_SECONDS + SECONDS_PER_MB * len(doc.text) / 1e6


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def budget(doc: Document) -> Iterator[None]:
    """Arm the timer for the rules of one story; disarm and restore the old handler after."""
    if not _usable():
        yield
        return
    seconds = seconds_for(doc)

    def expire(signum, frame) -> None:
        raise RuleTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def restart(doc: Document) -> None:
    """A fresh budget for the rules still to run, after one of them used it up."""
    if _usable():
        signal.setitimer(signal.ITIMER_REAL, seconds_for(doc))
