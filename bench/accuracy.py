"""Score copylint against labelled articles (format: ../shared/labels/README.md).

    python bench/accuracy.py [--labels DIR] [--articles DIR] [--show]

Scoring follows the labels README: a finding matches a labelled quote when its rule fits the
label and its line:col is the opening mark; quotes marked `ambiguous:` count for neither
precision nor recall; missing-dateline is one decision per article; unbalanced-quotes positives
are the `stray` marks.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from copylint.engine import lint_text  # noqa: E402
from copylint.rule import load_rules  # noqa: E402

QUOTE_RULES = {"unattributed-quote", "scare-quotes"}
RULES = ("unbalanced-quotes", "unattributed-quote", "missing-dateline", "scare-quotes")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fps: list[str] = field(default_factory=list)
    fns: list[str] = field(default_factory=list)

    def row(self, rule: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return f"{rule:20} {self.tp:4} {self.fp:4} {self.fn:4}   {p:6.3f} {r:6.3f} {f1:6.3f}"


def _positives(label: dict) -> tuple[dict[str, set[tuple[int, int]]], set[tuple[int, int]]]:
    """Positive positions per rule, and the ambiguous positions that are left out."""
    pos: dict[str, set[tuple[int, int]]] = defaultdict(set)
    ambiguous: set[tuple[int, int]] = set()
    for q in label.get("quotes") or []:
        at = (q["line"], q["col"])
        if q.get("ambiguous"):
            ambiguous.add(at)
        elif q["kind"] == "direct" and q.get("attributed") is False:
            pos["unattributed-quote"].add(at)
        elif q["kind"] == "scare":
            pos["scare-quotes"].add(at)
    for s in label.get("stray") or []:
        pos["unbalanced-quotes"].add((s["line"], s["col"]))
    return pos, ambiguous


def _context(lines: list[str], line: int, col: int) -> str:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    lo = max(0, col - 80)
    return ("…" if lo else "") + text[lo : col + 100].strip() + ("…" if col + 100 < len(text) else "")


def score(labels: Path, articles: Path) -> dict[str, Score]:
    rules = load_rules()
    scores = {r: Score() for r in RULES}
    for label_path in sorted(labels.glob("*.yaml")):
        label = yaml.safe_load(label_path.read_text(encoding="utf-8"))
        name = label["file"]
        text = (articles / name).read_text(encoding="utf-8")
        lines = text.splitlines()
        findings = lint_text(text, rules, name)
        pos, ambiguous = _positives(label)
        for rule in ("unbalanced-quotes", "unattributed-quote", "scare-quotes"):
            found = {(f.line, f.column) for f in findings if f.rule == rule}
            if rule in QUOTE_RULES:
                found -= ambiguous
            s = scores[rule]
            for at in sorted(found):
                if at in pos[rule]:
                    s.tp += 1
                else:
                    s.fp += 1
                    s.fps.append(f"{name}:{at[0]}:{at[1]}: {_context(lines, *at)}")
            for at in sorted(pos[rule] - found):
                s.fn += 1
                s.fns.append(f"{name}:{at[0]}:{at[1]}: {_context(lines, *at)}")
        s = scores["missing-dateline"]
        predicted = any(f.rule == "missing-dateline" for f in findings)
        actual = not label["dateline"]["present"]
        where = next((f"{f.line}:{f.column}" for f in findings if f.rule == "missing-dateline"), "3:1")
        if predicted and actual:
            s.tp += 1
        elif predicted:
            s.fp += 1
            s.fps.append(f"{name}:{where}: {_context(lines, *map(int, where.split(':')))}")
        elif actual:
            s.fn += 1
            s.fns.append(f"{name}: no finding, but the label says there is no dateline")
    return scores


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=here.parent / "shared/labels/dev")
    parser.add_argument("--articles", type=Path, default=here.parent / "shared/corpus")
    parser.add_argument("--show", action="store_true", help="print every false positive and false negative")
    args = parser.parse_args()
    if not args.labels.is_dir() or not args.articles.is_dir():
        print(f"accuracy: labels or articles not found ({args.labels}, {args.articles})", file=sys.stderr)
        return 2
    scores = score(args.labels, args.articles)
    print(f"{'rule':20} {'TP':>4} {'FP':>4} {'FN':>4}   {'prec':>6} {'recall':>6} {'F1':>6}")
    for rule, s in scores.items():
        print(s.row(rule))
    if args.show:
        for rule, s in scores.items():
            for kind, items in (("FP", s.fps), ("FN", s.fns)):
                for item in items:
                    print(f"{kind} {rule}: {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
