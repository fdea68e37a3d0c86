"""Deleted-opening-mark recall: remove one opening quotation mark at a time and see it reported.

    python bench/deletion.py [--set modern|corpus|dev] [--sample N] [--seed S] [--show]

`modern` (default: both modern and corpus): every labelled quote of ../shared/labels/modern/
(continuations included, ambiguous ones too: each is a real opening mark in a published
article) has its opening mark deleted, one at a time. `corpus`: a fixed random sample of the
opening marks the scanner pairs in ../shared/corpus/ (the corpus has no labels beyond dev/).
`dev`: every labelled quote of ../shared/labels/dev/. A deletion is caught when
`unbalanced-quotes` reports more findings than on the intact article. Prints the share caught
and, with --show, every deletion that went unnoticed with its context.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from copylint.document import line_starts, parse  # noqa: E402
from copylint.engine import lint_document  # noqa: E402
from copylint.rule import load_rules  # noqa: E402

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def labelled_marks(labels: Path, articles: Path) -> Iterator[tuple[str, str, int]]:
    """(name, text, offset of the opening mark) of every labelled quote."""
    for label_path in sorted(labels.glob("*.yaml")):
        label = yaml.safe_load(label_path.read_text(encoding="utf-8"))
        text = (articles / label["file"]).read_text(encoding="utf-8")
        starts = line_starts(text)
        for q in label.get("quotes") or []:
            yield label["file"], text, starts[q["line"] - 1] + q["col"] - 1


def scanned_marks(articles: Path, sample: int, seed: int) -> list[tuple[str, str, int]]:
    """A fixed random sample of the opening marks the scanner pairs in every article."""
    marks = []
    for path in sorted(articles.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        marks += [(path.name, text, q.open) for q in parse(text, path.name).quotes]
    random.Random(seed).shuffle(marks)
    return sorted(marks[:sample], key=lambda m: (m[0], m[2]))


def measure(marks: list[tuple[str, str, int]], show: bool) -> tuple[int, int, list[str]]:
    rule = [r for r in load_rules() if r.id == "unbalanced-quotes"]
    caught, missed, baseline = 0, [], {}
    for name, text, offset in marks:
        if name not in baseline:
            baseline[name] = len(lint_document(parse(text, name), rule))
        after = lint_document(parse(text[:offset] + text[offset + 1 :], name), rule)
        if len(after) > baseline[name]:
            caught += 1
        else:
            line = text.count("\n", 0, offset) + 1
            col = offset - (text.rfind("\n", 0, offset) + 1) + 1
            missed.append(f"{name}:{line}:{col}: {text[max(0, offset - 60) : offset + 60]!r}")
    return caught, len(marks), missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("modern", "corpus", "dev"), action="append")
    parser.add_argument("--sample", type=int, default=2000, help="corpus: how many opening marks (default 2000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    for which in args.set or ["modern", "corpus"]:
        if which == "corpus":
            if not (SHARED / "corpus").is_dir():
                print(f"deletion: {SHARED / 'corpus'} not found", file=sys.stderr)
                return 2
            marks = scanned_marks(SHARED / "corpus", args.sample, args.seed)
        else:
            labels, articles = SHARED / "labels" / which, SHARED / ("modern" if which == "modern" else "corpus")
            if not labels.is_dir() or not articles.is_dir():
                print(f"deletion: {labels} or {articles} not found", file=sys.stderr)
                return 2
            marks = list(labelled_marks(labels, articles))
        caught, total, missed = measure(marks, args.show)
        print(f"{which}: {caught} of {total} deleted opening marks reported ({caught / max(total, 1):.1%})")
        if args.show:
            print("\n".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
