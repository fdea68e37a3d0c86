"""Speed benchmark: every figure of the speed targets as a ratio against a baseline measured in
the same run, with the target beside it.

    python bench/speed.py [CORPUS] [--story FILE] [--repeat N] [--compare-proselint [EXE]] [--skip-big]

It runs the installed `copylint` command as a user does (or `python -m copylint` when none is on
PATH), each measurement the best of several runs:

- one story, rules cached, results cache off (`--no-cache`): against `python -c pass`;
- the corpus, results cache off, default --jobs: against proselint (with --compare-proselint);
- the corpus again with a warm results cache: against proselint;
- `--jobs 2` against `--jobs 1` on the corpus;
- the seed repeated 100, 1,000 and 23,300 times in one story (100 MB): peak memory (the child's
  maximum resident set) against the file size, and the time of 1,000 against 100 copies.

Not a test: timings depend on the machine and its load. Run it before and after a change.
PYTHONDONTWRITEBYTECODE is dropped for the commands, so that a checkout (whose modules are not
byte-compiled by an installer) starts like an installed copy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(cmd: list[str], n: int) -> float:
    """The best wall time of `n` runs of `cmd` (output discarded)."""
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=HERE, env=ENV)
        best = min(best, time.perf_counter() - start)
    return best


def peak_memory(cmd: list[str]) -> tuple[float, int]:
    """(wall time, peak resident set in bytes) of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=HERE, env=ENV)
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped by wait4
    return time.perf_counter() - start, usage.ru_maxrss * 1024  # Linux reports kilobytes


def _write_copies(story: Path, copies: int, target: Path) -> None:
    """`copies` copies of the story, a blank line apart, written by a child process. Not here:
    a child started by vfork reports the parent's peak resident set as its own maximum (Linux
    carries the larger one over exec), so this process must never hold the 200 MB text."""
    code = ("import sys; s = open(sys.argv[1], encoding='utf-8').read().strip(); "
            "open(sys.argv[3], 'w', encoding='utf-8').write('\\n\\n'.join([s] * int(sys.argv[2])) + '\\n')")
    subprocess.run([sys.executable, "-c", code, str(story), str(copies), str(target)], check=True)


def copylint_cmd() -> list[str]:
    exe = shutil.which("copylint")
    return [exe] if exe else [sys.executable, "-m", "copylint"]


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, value: str, ratio: str = "", target: str = "", met: bool | None = None) -> None:
        verdict = "" if met is None else ("met" if met else "MISSED")
        self.rows.append((what, value, ratio, f"{target} {verdict}".strip()))

    def print(self) -> None:
        widths = [max(len(r[i]) for r in self.rows) for i in range(3)]
        for what, value, ratio, target in self.rows:
            print(f"{what.ljust(widths[0])}  {value.rjust(widths[1])}  {ratio.ljust(widths[2])}  {target}".rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=HERE.parent / "shared/corpus")
    parser.add_argument("--story", type=Path, default=HERE / "seeds/000_e89cc9545c4c39cd.txt")
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement (the best is kept)")
    parser.add_argument("--compare-proselint", nargs="?", const="proselint", metavar="EXE",
                        help="also time proselint 0.16 on the corpus (give its executable, e.g. a venv's bin/proselint)")
    parser.add_argument("--skip-big", action="store_true", help="skip the 100 MB story (it takes about a minute)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"speed: corpus not found: {args.corpus} (give the folder of stories as the first argument)", file=sys.stderr)
        return 2
    if not args.story.is_file():
        print(f"speed: story not found: {args.story}", file=sys.stderr)
        return 2
    cmd = copylint_cmd()
    table = Table()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cache = str(work / "cache")
        n = max(15, args.repeat)

        # One story: Python's own start is the floor.
        subprocess.run([*cmd, "check", "--no-cache", "--cache-dir", cache, str(args.story)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, cwd=HERE, env=ENV)  # the first run caches rules and patterns
        python = wall([sys.executable, "-c", "pass"], n)
        one = wall([*cmd, "check", "--no-cache", "--cache-dir", cache, str(args.story)], n)
        table.add("python -c pass", f"{python * 1000:.1f} ms")
        table.add("one story (copylint check --no-cache STORY)", f"{one * 1000:.1f} ms",
                  f"{one / python:.2f} x python -c pass", "<= 4 x", one / python <= 4)

        # The corpus: cold (results cache off), parallel and serial, then a warm results cache.
        files = sum(1 for p in args.corpus.rglob("*") if p.suffix in (".txt", ".md", ".html", ".htm", ".markdown"))
        runs = {"cold": [*cmd, "check", "--no-cache", "--cache-dir", cache, str(args.corpus)],
                "jobs1": [*cmd, "check", "--no-cache", "--cache-dir", cache, "--jobs", "1", str(args.corpus)],
                "jobs2": [*cmd, "check", "--no-cache", "--cache-dir", cache, "--jobs", "2", str(args.corpus)]}
        best = {name: float("inf") for name in runs}
        for _ in range(args.repeat):  # in turn, so that a busy spell of the machine hits all three alike
            for name, command in runs.items():
                best[name] = min(best[name], wall(command, 1))
        cold, jobs1, jobs2 = best["cold"], best["jobs1"], best["jobs2"]
        subprocess.run([*cmd, "check", "--cache-dir", cache, str(args.corpus)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, cwd=HERE, env=ENV)
        warm = wall([*cmd, "check", "--cache-dir", cache, str(args.corpus)], args.repeat)
        cores = os.cpu_count() or 1
        table.add(f"corpus, {files} stories, --no-cache, default jobs ({cores})", f"{cold:.3f} s")
        table.add("corpus, --jobs 1", f"{jobs1:.3f} s")
        table.add("corpus, --jobs 2", f"{jobs2:.3f} s", f"{jobs1 / jobs2:.2f} x faster than --jobs 1", ">= 1.7 x",
                  jobs1 / jobs2 >= 1.7)
        table.add("corpus, warm results cache", f"{warm:.3f} s")
        if args.compare_proselint:
            exe = shutil.which(args.compare_proselint) or args.compare_proselint
            prose = wall([exe, "check", str(args.corpus)], 1)
            table.add("proselint, same corpus", f"{prose:.3f} s")
            table.add("  corpus --no-cache vs proselint", "", f"1/{prose / cold:.0f} of proselint", "<= 1/35",
                      cold <= prose / 35)
            table.add("  corpus warm cache vs proselint", "", f"1/{prose / warm:.0f} of proselint", "<= 1/150",
                      warm <= prose / 150)

        # One very long story: memory proportional to the file, time linear.
        if not args.skip_big:
            times: dict[int, float] = {}
            for copies in (100, 1000, 23300):
                big = work / f"seed-x{copies}.txt"
                _write_copies(args.story, copies, big)
                size = big.stat().st_size
                if copies == 23300:
                    elapsed, peak = peak_memory([*cmd, "check", "--no-cache", "--cache-dir", cache, str(big)])
                    table.add(f"seed x{copies} in one story ({size / 1e6:.0f} MB)", f"{elapsed:.1f} s",
                              f"peak {peak / 1e6:.0f} MB = {peak / size:.2f} x file", "<= 4 x", peak / size <= 4)
                else:
                    times[copies] = wall([*cmd, "check", "--no-cache", "--cache-dir", cache, str(big)], 3)
                    table.add(f"seed x{copies} in one story ({size / 1e6:.1f} MB)", f"{times[copies]:.3f} s")
                big.unlink()
            grow = times[1000] / times[100]
            table.add("  x1000 vs x100 time", "", f"{grow:.1f} x", "<= 11 x", grow <= 11)
    table.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
