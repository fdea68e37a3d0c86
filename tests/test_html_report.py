"""The HTML report: its content, its escaping, and its behaviour in a real headless Chromium.

The browser tests skip with a message where chromium and chromedriver are missing; `.ci/run`
installs them, so they run in CI."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from bench.webdriver import Browser, find_binaries
from copylint.finding import Finding
from copylint.html_report import render

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ["seeds/000_e89cc9545c4c39cd.txt", "seeds/000_e89cc9545c4c39cd.md", "seeds/000_e89cc9545c4c39cd.html"]
HOSTILE = (
    "Hostile story\n\n"
    "LONDON (Reuters) - The page said <script>window.__pwned = 1; alert(1)</script> and then\n"
    "\"><img src=x onerror=\"window.__pwned = 2; alert(2)\"> and </textarea></script><b>bold</b>\n"
    "and <a href=\"javascript:window.__pwned=3\">a link</a> and a separator\u2028here.\n\n"
    "The minister denied allegations of \"torture\" at the camp <script>window.__pwned=4</script>.\n"
)


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "copylint", "check", "--no-cache", *args],
                          capture_output=True, text=True, cwd=cwd)


def _report(tmp_path: Path, *paths: str, cwd: Path = ROOT) -> tuple[Path, list[dict]]:
    out = tmp_path / "report.html"
    run = _cli(*paths, "--format", "html", "-o", str(out), cwd=cwd)
    assert run.returncode in (0, 1), run.stderr
    found = json.loads(_cli(*paths, "--format", "json", cwd=cwd).stdout)
    return out, found


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="copylint-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


# -- the page itself ---------------------------------------------------------------------------

def test_seed_report_lists_exactly_the_json_findings(tmp_path):
    out, found = _report(tmp_path, SEEDS[0])
    page = out.read_text(encoding="utf-8")
    story = _data(page)["stories"][0]
    assert [(f["line"], f["column"], f["end_line"], f["end_column"], f["rule"]) for f in found] == \
        [tuple(f[:5]) for f in story["findings"]]
    assert len(found) == 5 and page.count('<li class="finding') == 5
    assert '<dd id="files-checked">1</dd>' in page and '<dd id="files-flagged">1</dd>' in page


def test_csp_allows_only_the_pages_own_script_and_style(tmp_path):
    out, _ = _report(tmp_path, SEEDS[0])
    page = out.read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "'unsafe-inline'" not in csp
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(scripts) == 1 and len(styles) == 1
    for source, directive in ((scripts[0], "script-src"), (styles[0], "style-src")):
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp
    assert "http://" not in page.replace("http-equiv", "") and "https://" not in page


def test_everything_from_a_story_or_path_is_escaped():
    finding = Finding('x"><img src=x onerror=alert(1)>.txt', 3, 1, 3, 2, "r<b>", "warning", "m</script><script>alert(1)</script>")
    page = render([finding], [finding.path], {finding.path: HOSTILE}, ["r<b>"], "warning")
    assert "<img" not in page and "<b>bold" not in page and page.count("<script") == 2
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "\u2028" not in page
    assert _data(page)["stories"][0]["text"] == HOSTILE  # the text itself arrives unchanged


def test_stories_without_findings_are_listed_collapsed_and_carry_no_text(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("LONDON (Reuters) - Nothing happened on Monday.\n", encoding="utf-8")
    page = render([], [str(clean)], {str(clean): clean.read_text()}, ["missing-dateline"], "warning")
    assert "1 story without findings" in page and _data(page)["stories"] == []


def test_html_is_a_documented_format():
    run = subprocess.run([sys.executable, "-m", "copylint", "check", "--help"], capture_output=True, text=True)
    assert "html" in run.stdout


# -- in a real browser -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if find_binaries() is None:
        pytest.skip("chromium and chromedriver are not installed: apt-get install chromium chromium-driver")
    with Browser.start() as b:
        b.viewport(1280, 800)
        yield b


def _open(browser: Browser, path: Path) -> None:
    browser.get(path.as_uri())
    assert browser.wait_for("return document.documentElement.dataset.ready") == "1"


_MARKS = """
return Array.from(document.querySelectorAll('mark')).map(function(m){
  var row=m.closest('.line'), txt=row.querySelector('.txt'), r=document.createRange();
  r.setStart(txt,0); r.setEnd(m,0);
  return {id:m.id, finding:+m.dataset.finding, text:m.textContent, line:+row.id.split('-l')[1],
          column:Array.from(r.toString()).length+1, rule:m.dataset.rule};
});
"""


@pytest.mark.parametrize("seed", SEEDS)
def test_highlights_match_the_json_findings_one_for_one(browser, tmp_path, seed):
    out, found = _report(tmp_path, seed)
    source = (ROOT / seed).read_text(encoding="utf-8").splitlines()
    _open(browser, out)
    marks = browser.execute(_MARKS)
    assert [m["finding"] for m in marks] == list(range(len(found)))
    for m, f in zip(marks, found, strict=True):
        assert (m["line"], m["column"], m["rule"]) == (f["line"], f["column"], f["rule"])
        assert m["text"] == source[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1]


def test_clicking_a_finding_jumps_to_its_line(browser, tmp_path):
    out, found = _report(tmp_path, SEEDS[0])
    _open(browser, out)
    browser.execute("window.scrollTo(0, 0)")
    browser.click(browser.find('a.jump[data-finding="4"]'))
    state = browser.execute("""
        var m=document.getElementById('s0-f4'), r=m.getBoundingClientRect();
        return {active:document.activeElement.id, row:m.closest('.line').id, current:m.classList.contains('current'),
                visible:r.top>=0 && r.bottom<=window.innerHeight, scrolled:window.scrollY};""")
    assert state == {"active": "s0-f4", "row": f"s0-l{found[4]['line']}", "current": True, "visible": True,
                     "scrolled": state["scrolled"]} and state["scrolled"] > 0


def test_filters_hide_findings_stories_and_file_names(browser, tmp_path):
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "bridge.txt").write_text(
        "Bridge closed\n\nThe council met.\n\n\"We will never reopen this bridge to traffic again.\"\n", encoding="utf-8")
    (tmp_path / "stories" / "port.txt").write_text(
        "LONDON (Reuters) - The port denied allegations of \"torture\" at the camp.\n", encoding="utf-8")
    out, found = _report(tmp_path, "stories", cwd=tmp_path)
    assert sorted({f["rule"] for f in found}) == ["missing-dateline", "scare-quotes", "unattributed-quote"]
    _open(browser, out)
    visible = "return Array.from(document.querySelectorAll('li.finding')).filter(e=>e.offsetParent!==null).map(e=>e.dataset.rule)"
    stories = "return Array.from(document.querySelectorAll('details.story')).filter(e=>!e.classList.contains('hidden')).map(e=>e.dataset.path)"
    assert sorted(browser.execute(visible)) == sorted(f["rule"] for f in found)
    browser.click(browser.find('input.filter-rule[value="scare-quotes"]'))
    assert "scare-quotes" not in browser.execute(visible)
    assert browser.execute(stories) == ["stories/bridge.txt"]  # port.txt had only the scare quote
    browser.click(browser.find('input.filter-rule[value="scare-quotes"]'))
    browser.type(browser.find("#search"), "port")
    assert browser.execute(stories) == ["stories/port.txt"]


def test_a_hostile_story_runs_nothing_and_shows_as_text(browser, tmp_path):
    story = tmp_path / 'x"><img src=x onerror=alert(9)>.txt'
    story.write_text(HOSTILE, encoding="utf-8")
    out, found = _report(tmp_path, story.name, cwd=tmp_path)
    assert any(f["rule"] == "scare-quotes" for f in found)
    _open(browser, out)
    assert browser.alert_text() is None
    state = browser.execute("""return {pwned: window.__pwned === undefined ? null : window.__pwned,
        imgs: document.querySelectorAll('img').length, bold: document.querySelectorAll('main b').length,
        links: document.querySelectorAll('main a[href^="javascript"]').length,
        text: document.querySelector('.source').textContent, path: document.querySelector('summary .path').textContent};""")
    assert state["pwned"] is None and state["imgs"] == 0 and state["bold"] == 0 and state["links"] == 0
    assert "<script>window.__pwned = 1; alert(1)</script>" in state["text"] and "\u2028" in state["text"]
    assert state["path"] == story.name


def _png_is_not_blank(png: bytes) -> bool:
    width, height = struct.unpack(">II", png[16:24])
    chunks, pos = [], 8
    while pos < len(png):
        length = struct.unpack(">I", png[pos : pos + 4])[0]
        if png[pos + 4 : pos + 8] == b"IDAT":
            chunks.append(png[pos + 8 : pos + 8 + length])
        pos += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    return (width, height) == (1280, 800) and len(set(pixels[::7])) > 20


def test_screenshot_of_the_seed_report_is_not_blank(browser, tmp_path):
    out, _ = _report(tmp_path, SEEDS[0])
    _open(browser, out)
    shot = tmp_path / "seed.png"
    browser.screenshot(shot)
    assert _png_is_not_blank(shot.read_bytes())


def test_the_report_file_is_readable_like_any_written_file(tmp_path):
    import os

    out, _ = _report(tmp_path, SEEDS[0])
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
