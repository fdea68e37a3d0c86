"""--fix --unsafe-fixes on every story of a folder, checked: convergence, idempotence, pairing kept
one to one, primes and apostrophes' positions unchanged, no character outside the edits changed,
and no new unbalanced-quotes finding.

    python bench/fixall.py [FOLDER ...]      (default: ../shared/corpus and ../shared/modern)

Works on copies in memory (nothing is written). Prints fixes per rule, the problems found and
the time taken.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from copylint.document import parse  # noqa: E402
from copylint.engine import lint_text  # noqa: E402
from copylint.fixer import FixError, fix_text  # noqa: E402
from copylint.rule import load_rules  # noqa: E402

# What a fix may change: quotation marks, apostrophes, the spaces around marks, and the comma or
# full stop it moves inside a closing mark. Everything else must stay character for character.
_FIXABLE = re.compile("[\"'“”‘’„‚«»‹›″ .,\u00a0]")
_PRIME = re.compile(r"\d['′\"″]")


def _primes(text: str, doc) -> list[str]:
    """Primes and inch marks: a mark after a digit that the scanner did not pair (5'7", 12" pizza)."""
    marks = {m for q in doc.quotes for m in (q.open, q.close, *q.reopen)}
    return [m.group() for m in _PRIME.finditer(text) if m.start() + 1 not in marks]


def check_story(name: str, text: str, rules: list) -> tuple[Counter, list[str]]:
    problems: list[str] = []

    def lint(story: str) -> list:
        return lint_text(story, rules, name)

    try:
        once = fix_text(text, lint, unsafe=True, path=name)
    except FixError as exc:
        return Counter(), [str(exc)]
    twice = fix_text(once.text, lint, unsafe=True, path=name)
    if twice.text != once.text:
        problems.append(f"{name}: not idempotent")
    before, after = parse(text), parse(once.text)
    unquoted = once.rules.get("scare-quotes", 0)
    if len(after.quotes) != len(before.quotes) - unquoted:
        problems.append(f"{name}: {len(before.quotes)} quotations before, {len(after.quotes)} after ({unquoted} unquoted)")
    if _FIXABLE.sub("", text) != _FIXABLE.sub("", once.text):
        problems.append(f"{name}: a character other than a mark, space or point changed")
    if _primes(text, before) != _primes(once.text, after):
        problems.append(f"{name}: a prime or inch mark changed")
    strays_before = sum(f.rule == "unbalanced-quotes" for f in lint(text))
    strays_after = sum(f.rule == "unbalanced-quotes" for f in lint(once.text))
    if strays_after > strays_before:
        problems.append(f"{name}: unbalanced-quotes {strays_before} → {strays_after}")
    return Counter(once.rules), problems


def main() -> int:
    folders = [Path(a) for a in sys.argv[1:]] or [HERE.parent / "shared" / "corpus", HERE.parent / "shared" / "modern"]
    rules = load_rules()
    for folder in folders:
        if not folder.is_dir():
            print(f"fixall: {folder} not found", file=sys.stderr)
            return 2
        start = time.perf_counter()
        totals: Counter = Counter()
        problems: list[str] = []
        stories = sorted(folder.glob("*.txt"))
        changed = 0
        for path in stories:
            fixed, found = check_story(path.name, path.read_text(encoding="utf-8"), rules)
            totals += fixed
            changed += bool(fixed)
            problems += found
        elapsed = time.perf_counter() - start
        print(f"{folder}: {len(stories)} stories, {changed} changed, {sum(totals.values())} fixes in {elapsed:.1f} s; "
              + ", ".join(f"{rule} {n}" for rule, n in totals.most_common()))
        print(f"  problems: {len(problems)}")
        for p in problems:
            print("  " + p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
