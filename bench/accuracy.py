"""Score copylint against labelled articles (format: ../shared/labels/README.md).

    python bench/accuracy.py [--labels DIR --articles DIR] [--show] [--rule RULE]

Without --labels, scores ../shared/labels/dev/ (on ../shared/corpus/) and ../shared/labels/modern/
(on ../shared/modern/), the latter also split by language (English / other) and by source
(scrapinghub / readability / trafilatura, which extracted the goose3 and newspaper4k pages too).

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

from copylint.rule import load_rules  # noqa: E402

QUOTE_RULES = {"unattributed-quote", "scare-quotes"}
RULES = ("unbalanced-quotes", "unattributed-quote", "missing-dateline", "scare-quotes")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0  # missing-dateline only: articles rightly left alone
    fps: list[str] = field(default_factory=list)
    fns: list[str] = field(default_factory=list)
    files_with_fp: set[str] = field(default_factory=set)

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn, self.tn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn
        self.fps += other.fps
        self.fns += other.fns
        self.files_with_fp |= other.files_with_fp

    def row(self, rule: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return f"{rule:20} {self.tp:4} {self.fp:4} {self.fn:4}   {p:6.3f} {r:6.3f} {f1:6.3f} {len(self.files_with_fp):6}"


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


def source_of(name: str) -> str:
    """The extraction source of a modern/ article, from its file name."""
    return name.split("-")[0] if name.startswith(("scrapinghub-", "readability-")) else "trafilatura"


def _match_strays(found: list[tuple[int, int]], strays: set[tuple[int, int]]) -> tuple[set, set]:
    """The README's rule: a finding on a stray mark's line matches it, one finding per stray,
    nearest first. Returns (matched findings, matched strays)."""
    pairs = sorted((abs(f[1] - s[1]), f, s) for f in found for s in strays if f[0] == s[0])
    used_f: set = set()
    used_s: set = set()
    for _, f, s in pairs:
        if f not in used_f and s not in used_s:
            used_f.add(f)
            used_s.add(s)
    return used_f, used_s


def score_article(label: dict, text: str, rules: list) -> dict[str, Score]:
    """Every rule's score on one labelled article."""
    from copylint.engine import load_document, lint_document

    name = label["file"]
    lines = text.splitlines()
    findings = lint_document(load_document(text, name), rules)
    pos, ambiguous = _positives(label)
    scores = {r: Score() for r in RULES}
    for rule in ("unbalanced-quotes", "unattributed-quote", "scare-quotes"):
        found = {(f.line, f.column) for f in findings if f.rule == rule}
        if rule in QUOTE_RULES:
            found -= ambiguous
        s = scores[rule]
        if rule == "unbalanced-quotes":
            hit_f, hit_s = _match_strays(sorted(found), pos[rule])
        else:
            hit_f = hit_s = found & pos[rule]
        for at in sorted(found):
            if at in hit_f:
                s.tp += 1
            else:
                s.fp += 1
                s.files_with_fp.add(name)
                s.fps.append(f"{name}:{at[0]}:{at[1]}: {_context(lines, *at)}")
        for at in sorted(pos[rule] - hit_s):
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
        s.files_with_fp.add(name)
        s.fps.append(f"{name}:{where}: {_context(lines, *map(int, where.split(':')))}")
    elif actual:
        s.fn += 1
        s.fns.append(f"{name}: no finding, but the label says there is no dateline")
    else:
        s.tn += 1
    return scores


def score(labels: Path, articles: Path, split: bool = False) -> dict[str, dict[str, Score]]:
    """Scores per group ("all", and with `split` "english", "other", and each source) and rule."""
    from copylint.language import detect

    rules = load_rules()
    groups: dict[str, dict[str, Score]] = defaultdict(lambda: {r: Score() for r in RULES})
    for label_path in sorted(labels.glob("*.yaml")):
        label = yaml.safe_load(label_path.read_text(encoding="utf-8"))
        text = (articles / label["file"]).read_text(encoding="utf-8")
        article = score_article(label, text, rules)
        keys = ["all"]
        if split:
            keys += ["english" if detect(text) == "en" else "other", source_of(label["file"])]
        for key in keys:
            for rule, s in article.items():
                groups[key][rule].add(s)
    return dict(groups)


def _table(title: str, scores: dict[str, Score]) -> None:
    print(f"\n{title}")
    print(f"{'rule':20} {'TP':>4} {'FP':>4} {'FN':>4}   {'prec':>6} {'recall':>6} {'F1':>6} {'FPfile':>6}")
    for rule, s in scores.items():
        print(s.row(rule))
    d = scores["missing-dateline"]
    total = d.tp + d.fp + d.fn + d.tn
    if total:
        print(f"{'missing-dateline accuracy':26} {(d.tp + d.tn) / total:.3f} ({d.tp + d.tn}/{total} articles)")


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, help="a folder of label YAML files (default: dev/ and modern/)")
    parser.add_argument("--articles", type=Path, help="the folder of the labelled articles")
    parser.add_argument("--show", action="store_true", help="print every false positive and false negative")
    parser.add_argument("--rule", help="with --show, only this rule's")
    args = parser.parse_args()
    shared = here.parent / "shared"
    if args.labels:
        sets = [(args.labels.name, args.labels, args.articles or shared / "corpus", False)]
    else:
        sets = [("dev", shared / "labels/dev", shared / "corpus", False),
                ("modern", shared / "labels/modern", shared / "modern", True)]
    for title, labels, articles, split in sets:
        if not labels.is_dir() or not articles.is_dir():
            print(f"accuracy: labels or articles not found ({labels}, {articles})", file=sys.stderr)
            return 2
        groups = score(labels, articles, split)
        for key, scores in groups.items():
            _table(f"{title}: {key}", scores)
        if args.show:
            for rule, s in groups["all"].items():
                if args.rule and rule != args.rule:
                    continue
                for kind, items in (("FP", s.fps), ("FN", s.fns)):
                    for item in items:
                        print(f"{kind} {rule}: {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
