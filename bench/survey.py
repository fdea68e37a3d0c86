"""False-positive survey: run every rule over a folder of published articles.

    python bench/survey.py [CORPUS] [--sample N] [--rule ID] [--seed S]

Published copy is mostly clean, so most findings here are false positives. Prints, per rule,
how many files get findings (and what share of the corpus that is), then a random sample of
findings with the text around each to read.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from copylint.engine import lint_text  # noqa: E402
from copylint.finding import Finding  # noqa: E402
from copylint.rule import load_rules  # noqa: E402


def survey(corpus: Path) -> tuple[int, dict[str, list[tuple[Finding, str]]]]:
    rules = load_rules()
    by_rule: dict[str, list[tuple[Finding, str]]] = defaultdict(list)
    files = sorted(corpus.glob("*.txt"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for f in lint_text(text, rules, path.name):
            line = lines[f.line - 1]
            lo = max(0, f.column - 70)
            by_rule[f.rule].append((f, line[lo : f.column + 90].replace("\n", " ")))
    return len(files), by_rule


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=here.parent / "shared/corpus")
    parser.add_argument("--sample", type=int, default=10, help="findings to print per rule (0: all)")
    parser.add_argument("--rule", help="only this rule")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"survey: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    total, by_rule = survey(args.corpus)
    print(f"{total} files")
    print(f"{'rule':20} {'files':>6} {'share':>7} {'findings':>9}")
    for rule in sorted(by_rule):
        items = by_rule[rule]
        n_files = len({f.path for f, _ in items})
        print(f"{rule:20} {n_files:6} {n_files / total:7.2%} {len(items):9}")
    rng = random.Random(args.seed)
    for rule in sorted(by_rule):
        if args.rule and rule != args.rule:
            continue
        items = by_rule[rule]
        sample = items if args.sample == 0 or len(items) <= args.sample else rng.sample(items, args.sample)
        print(f"\n== {rule}: {len(sample)} of {len(items)}")
        for f, context in sorted(sample, key=lambda x: x[0]):
            print(f"{f.path}:{f.line}:{f.column}: {context}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
