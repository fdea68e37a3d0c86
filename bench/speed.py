"""Speed benchmark: engine throughput, CLI wall times, linear scaling; optionally side by side
with proselint, so that every figure can be read as a ratio measured in the same run.

    python bench/speed.py [CORPUS] [--story FILE] [--repeat N] [--compare-proselint [EXE]]

Not a test: timings depend on the machine. Run it before and after an optimisation.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from copylint.engine import lint_text  # noqa: E402
from copylint.rule import load_rules  # noqa: E402


def best_of(n: int, fn) -> float:
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def wall(cmd: list[str], n: int) -> float:
    def run() -> None:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=HERE)
    return best_of(n, run)


def copylint_cmd() -> list[str]:
    exe = shutil.which("copylint")
    return [exe] if exe else [sys.executable, "-m", "copylint"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=HERE.parent / "shared/corpus")
    parser.add_argument("--story", type=Path, default=HERE / "seeds/000_e89cc9545c4c39cd.txt")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (the best is kept)")
    parser.add_argument("--compare-proselint", nargs="?", const="proselint", metavar="EXE",
                        help="also time proselint (give its executable, e.g. a venv's bin/proselint)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"speed: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    files = sorted(args.corpus.glob("*.txt"))
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in files]
    size = sum(len(t.encode("utf-8")) for _, t in texts)
    rules = load_rules()
    rows: list[tuple[str, str]] = []

    engine = best_of(args.repeat, lambda: [lint_text(t, rules, p) for p, t in texts])
    rows.append(("engine, one core, in-process", f"{engine:.3f} s = {len(texts) / engine:,.0f} files/s, {size / engine / 1e6:.1f} MB/s"))

    cmd = copylint_cmd()
    cold = wall([*cmd, "check", "--no-cache", str(args.corpus)], args.repeat)
    rows.append((f"CLI, {len(files)} files, cold (--no-cache, {os.cpu_count()} jobs)", f"{cold:.3f} s"))
    single_core = wall([*cmd, "check", "--no-cache", "--jobs", "1", str(args.corpus)], args.repeat)
    rows.append(("CLI, same, --jobs 1", f"{single_core:.3f} s"))
    with tempfile.TemporaryDirectory() as cache:
        subprocess.run([*cmd, "check", "--cache-dir", cache, str(args.corpus)], stdout=subprocess.DEVNULL, cwd=HERE)
        warm = wall([*cmd, "check", "--cache-dir", cache, str(args.corpus)], args.repeat)
    rows.append(("CLI, same, warm cache", f"{warm:.3f} s"))
    with tempfile.TemporaryDirectory() as cache:  # as a user runs it: rules and results cached
        subprocess.run([*cmd, "check", "--cache-dir", cache, str(args.story)], stdout=subprocess.DEVNULL, cwd=HERE)
        one = wall([*cmd, "check", "--cache-dir", cache, str(args.story)], max(7, args.repeat))
    rows.append(("CLI, one story (copylint check STORY)", f"{one:.3f} s"))
    one_cold = wall([*cmd, "check", "--no-cache", str(args.story)], max(7, args.repeat))
    rows.append(("CLI, one story, --no-cache (YAML rules parsed)", f"{one_cold:.3f} s"))

    story = args.story.read_text(encoding="utf-8")
    base = None
    for times in (1, 10, 100, 1000):
        text = "\n\n".join([story.strip()] * times) + "\n"
        elapsed = best_of(1 if times == 1000 else args.repeat, lambda text=text: lint_text(text, rules))
        tracemalloc.start()
        lint_text(text, rules)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        base = base or elapsed
        rows.append((f"story x{times} in one file ({len(text) / 1e3:,.0f} kB)",
                     f"{elapsed:.4f} s = {elapsed / base / times:.2f} x linear, peak {peak / len(text.encode()):.1f} x file size"))

    if args.compare_proselint:
        exe = shutil.which(args.compare_proselint) or args.compare_proselint
        prose = wall([exe, "check", str(args.corpus)], 1)
        prose_one = wall([exe, "check", str(args.story)], max(5, args.repeat))
        rows.append(("proselint 0.16, same corpus", f"{prose:.3f} s (copylint cold = {cold / prose:.3f} x, i.e. {prose / cold:.1f} x faster)"))
        rows.append(("proselint, one story", f"{prose_one:.3f} s (copylint = {one / prose_one:.2f} x)"))
        rows.append(("Vale (issue figure: 1/20 of proselint)", f"~{prose / 20:.3f} s (copylint cold = {cold / (prose / 20):.2f} x)"))

    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key.ljust(width)}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
