"""Mark-deletion recall: delete each quotation mark of each labelled article, one at a time.

    python bench/deletion.py [--labels DIR] [--articles DIR] [--show]

For every paired mark the scanner finds in a published article (opening, closing and AP
reopening marks), lint the article with that one character removed and count how often
`unbalanced-quotes` reports something new. Prints the share detected and, with --show, the
deletions that went unnoticed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from copylint.document import parse  # noqa: E402
from copylint.engine import lint_document  # noqa: E402
from copylint.rule import load_rules  # noqa: E402


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=here.parent / "shared/labels/dev")
    parser.add_argument("--articles", type=Path, default=here.parent / "shared/corpus")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    if not args.labels.is_dir() or not args.articles.is_dir():
        print(f"deletion: labels or articles not found ({args.labels}, {args.articles})", file=sys.stderr)
        return 2
    rule = [r for r in load_rules() if r.id == "unbalanced-quotes"]
    total = caught = 0
    missed: list[str] = []
    for label_path in sorted(args.labels.glob("*.yaml")):
        name = yaml.safe_load(label_path.read_text(encoding="utf-8"))["file"]
        text = (args.articles / name).read_text(encoding="utf-8")
        doc = parse(text, name)
        before = len(lint_document(doc, rule))
        marks = sorted({m for q in doc.quotes for m in (q.open, q.close, *q.reopen)})
        for m in marks:
            total += 1
            after = lint_document(parse(text[:m] + text[m + 1 :], name), rule)
            if len(after) > before:
                caught += 1
            else:
                line, col = doc.position(m)
                missed.append(f"{name}:{line}:{col}: {text[max(0, m - 50) : m + 50]!r}")
    print(f"{caught} of {total} single-mark deletions reported ({caught / max(total, 1):.1%})")
    if args.show:
        print("\n".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
