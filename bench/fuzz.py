"""Long fuzz run outside the test suite: many generated news-like stories, checked for crashes,
hangs and broken invariants.

    python bench/fuzz.py [--docs 100000] [--seed 1]

Each story mixes words, apostrophes, primes, abbreviations, datelines, every quotation-mark
style (balanced and not), odd Unicode and all three newline styles. Invariants: no exception;
every finding inside the text with end >= start; the same findings on a second run (every
tenth story); no unbalanced-quotes finding once all quotation marks are removed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from copylint.document import parse  # noqa: E402
from copylint.engine import RuleFailure, lint_text  # noqa: E402
from copylint.quotes import FAMILY  # noqa: E402
from copylint.rule import load_rules  # noqa: E402

WORDS = ("the minister said talks were over don't ’90s rock ’n’ roll students' U.S. Sen. Feb. No. 5'7\" "
         "Xinjiang émigré naïve so-called alleged according to police O'Brien 'em 1987 — -- : ; , ( )").split()
MARKS = list(FAMILY)
ODD = ["\u200b", "\u00a0", "\u2028", "😀", "\ufeff", "\t", "\u0301", "ﬁ", "\x0c"]
DATELINES = ["", "WASHINGTON (AP) — ", "LONDON, Feb 1 (Reuters) - ", "Caracas, march 13 - ", "BERLIN -- "]


def story(rng: random.Random) -> str:
    nl = rng.choice(["\n", "\r\n", "\r"])
    paragraphs = []
    for _ in range(rng.randint(1, 6)):
        tokens = []
        for _ in range(rng.randint(1, 40)):
            roll = rng.random()
            if roll < 0.7:
                tokens.append(rng.choice(WORDS))
            elif roll < 0.8:
                left = rng.choice(MARKS)
                tokens.append(f"{left}{rng.choice(WORDS)} {rng.choice(WORDS)}{rng.choice(MARKS)}")
            elif roll < 0.9:
                tokens.append(rng.choice(MARKS) + rng.choice(WORDS))
            else:
                tokens.append(rng.choice(ODD))
        paragraphs.append(" ".join(tokens) + rng.choice([".", "", "?", '."']))
    paragraphs[0] = rng.choice(DATELINES) + paragraphs[0]
    return (nl * rng.choice([1, 2, 2, 3])).join(paragraphs) + nl


def check(text: str, rules) -> str | None:
    failures: list[RuleFailure] = []
    findings = lint_text(text, rules, "fuzz", failures=failures)
    if failures:
        return f"rule failure: {failures[0]}"
    last = len(parse(text).line_starts)
    for f in findings:
        if not (1 <= f.line <= last and (f.end_line, f.end_column) >= (f.line, f.column) and f.column >= 1):
            return f"finding outside the text: {f}"
    stripped = "".join(ch for ch in text if ch not in FAMILY)
    if any(f.rule == "unbalanced-quotes" for f in lint_text(stripped, rules)):
        return "unbalanced-quotes without quotation marks"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rules = load_rules()
    problems: list[tuple[str, str]] = []
    slowest = 0.0
    hangs = 0
    start = time.perf_counter()
    for k in range(args.docs):
        text = story(rng)
        t = time.perf_counter()
        try:
            problem = check(text, rules)
            if problem is None and k % 10 == 0 and lint_text(text, rules) != lint_text(text, rules):
                problem = "not deterministic"
        except Exception as exc:  # a crash is what we are looking for
            problem = f"crash: {type(exc).__name__}: {exc}"
        elapsed = time.perf_counter() - t
        slowest = max(slowest, elapsed)
        hangs += elapsed > 2.0
        if problem:
            problems.append((problem, text))
    total = time.perf_counter() - start
    print(f"{args.docs} documents in {total:.1f} s; slowest {slowest * 1000:.1f} ms; "
          f"over 2 s: {hangs}; problems: {len(problems)}")
    for problem, text in problems[:10]:
        print(f"- {problem}\n  {text!r}")
    return 1 if problems or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
