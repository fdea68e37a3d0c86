"""Screenshot of an HTML report in headless Chromium, as the README shows it.

    python bench/screenshot.py [STORY ...] [-o docs/report-seed.png] [--size 1280x800]

Lints the stories (default: the seed) with `--format html`, opens the report in headless
Chromium (Debian's chromium and chromium-driver) and saves a PNG of the viewport, after opening
the first finding so that the highlight is in view. Also prints the report's size and the time the
browser took to load it (until the page's script had run), which is how the corpus report was
measured: `python bench/screenshot.py ../shared/corpus -o /tmp/corpus.png`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from bench.webdriver import Browser  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="*", default=["seeds/000_e89cc9545c4c39cd.txt"])
    parser.add_argument("-o", "--output", type=Path, default=HERE / "docs" / "report-seed.png")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "copylint", "check", "--no-cache", *args.stories, "--format", "html",
                        "-o", str(report)], cwd=HERE, check=False, stdout=subprocess.DEVNULL)
        lint = time.perf_counter() - start
        with Browser.start(width, height) as browser:
            browser.viewport(width, height)
            start = time.perf_counter()
            browser.get(report.as_uri())
            browser.wait_for("return document.documentElement.dataset.ready")
            load = time.perf_counter() - start
            browser.execute("var a = document.querySelector('a.jump'); if (a) { a.click(); }")
            args.output.parent.mkdir(parents=True, exist_ok=True)
            browser.screenshot(args.output)
        print(f"report {report.stat().st_size:,} bytes, written in {lint:.2f} s, loaded in {load:.2f} s; screenshot {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
