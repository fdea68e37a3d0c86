"""A time budget for rules on one story, so that a runaway regular expression in a house rule
(`(a+)+$` on a long line) becomes a reported error instead of a hung CI job.

Python's regex engine checks for signals while it backtracks, so a SIGALRM timer interrupts it.
Chosen over a linear-time engine (google-re2) because it covers every kind and every regex
option, keeps Python's regex syntax (lookbehind, which re2 lacks), and needs no dependency.
Where SIGALRM does not exist (Windows) or off the main thread, no budget applies.
"""

from __future__ import annotations

import math
import signal
import sys
import time
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
    """SIGALRM exists and this is the main thread. A process that never imported threading has
    no other thread (and a one-story run need not import it)."""
    threading = sys.modules.get("threading")
    return hasattr(signal, "setitimer") and (threading is None or threading.current_thread() is threading.main_thread())


# Inside session(): [budget of the story being linted (inf between stories), when it started].
_session: list[float] = []
TICK = 0.5  # seconds between the session timer's checks


def _check(signum, frame) -> None:
    seconds, started = _session
    if time.monotonic() - started > seconds:
        raise RuleTimeout(seconds)


@contextmanager
def session() -> Iterator[None]:
    """One timer for many stories (a run's worth): it fires every TICK seconds and interrupts the
    story being linted once that story is over its budget, so a story costs no system call at
    all. Arming a timer per story cost a run of 3,000 stories 5 % of its time; a runaway pattern
    is now stopped within TICK of its budget."""
    if not _usable() or _session:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _check)
    _session[:] = [math.inf, time.monotonic()]
    signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _session.clear()
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def budget(doc: Document) -> Iterator[None]:
    """Arm the timer for the rules of one story; disarm it (and restore the old handler) after."""
    if not _usable():
        yield
        return
    seconds = seconds_for(doc)
    if _session:
        _session[:] = [seconds, time.monotonic()]
        try:
            yield
        finally:
            _session[0] = math.inf
        return

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
    if _session:
        _session[1] = time.monotonic()
    elif _usable():
        signal.setitimer(signal.ITIMER_REAL, seconds_for(doc))
