"""Markdown and HTML stories: the same document model, positions in the original file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, SEED
from copylint.engine import lint_text
from copylint.rule import load_rules

RULES = load_rules()
SEED_MD = SEED.with_suffix(".md")
SEED_HTML = SEED.with_suffix(".html")


def lint(text: str, filetype: str, rule: str | None = None) -> list[tuple[int, int, str]]:
    selected = [r for r in RULES if rule is None or r.id == rule]
    return [(f.line, f.column, f.rule) for f in lint_text(text, selected, "story", filetype=filetype)]


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of `needle` in `text`."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def terms(path) -> list[tuple[str, str]]:
    found = lint_text(path.read_text(encoding="utf-8"), RULES, str(path), filetype={".txt": "text", ".md": "markdown", ".html": "html"}[path.suffix])
    return [(f.rule, f.message) for f in found]


def test_seed_as_markdown_and_html_has_the_seeds_findings():
    assert terms(SEED_MD) == terms(SEED) == terms(SEED_HTML)


def test_seed_markdown_positions_are_those_of_the_md_file():
    text = SEED_MD.read_text(encoding="utf-8")
    expected = [where(text, '"genocide"'), where(text, '"crime against'), where(text, "'determination'"),
                where(text, '"forced labor"'), where(text, '"human rights violation"')]
    assert [(line, col) for line, col, _ in lint(text, "markdown")] == expected
    assert '`"`' in text  # the code span with a stray mark is there, and reported nothing


def test_seed_html_positions_are_those_of_the_html_file():
    text = SEED_HTML.read_text(encoding="utf-8")
    expected = [where(text, "&ldquo;genocide"), where(text, '"crime against'), where(text, "'determination'"),
                where(text, '"forced labor"'), where(text, '"human rights violation"')]
    assert [(line, col) for line, col, _ in lint(text, "html")] == expected


MD_HEAD = "---\ntitle: Council backs harbour plan\n---\n\nHARBOURTON (AP) — The council met.\n\n"


@pytest.mark.parametrize("skipped", [
    '```\n"unclosed in a fence\n```\n',
    '    "unclosed in an indented code block\n',
    'Run `grep "x` to find it.\n',
    '<!-- "unclosed in a comment -->\n',
    'See [the report](https://example.com/"q) for details.\n',
    '<div class="x">raw "unclosed html</div>\n',
    '| a | b |\n|---|---|\n| x | y |\n',
])
def test_markdown_skips_code_comments_destinations_html_and_table_markup(skipped):
    assert lint(MD_HEAD + skipped, "markdown") == []


def test_markdown_link_text_and_alt_text_are_linted_at_their_positions():
    text = MD_HEAD + 'Read [the so-called "plan"](https://example.com) now.\n\n![A so-called "fix" in use](x.png)\n'
    assert lint(text, "markdown") == [(7, 21, "scare-quotes"), (9, 15, "scare-quotes")]


def test_emphasis_does_not_break_pairing_or_attribution():
    text = MD_HEAD + '"We will win this vote next week," *she said*.\n\n**"We will win,"** she said.\n'
    assert lint(text, "markdown") == []


def test_first_heading_is_the_headline_when_front_matter_has_no_title():
    text = '# Council backs "harbour" deal\n\nHARBOURTON (AP) — The council met.\n'
    assert lint(text, "markdown") == [(1, 17, "scare-quotes")]
    assert lint("# Headline\n\nThe council met on Monday.\n", "markdown") == [(3, 1, "missing-dateline")]


def test_front_matter_copy_fields_are_linted_at_their_positions():
    text = "---\ntitle: 'Council backs \"reform\" at last'\ndescription: A so-called \"fix\".\n---\n\nHARBOURTON (AP) — The council met.\n"
    assert lint(text, "markdown") == [(2, 23, "scare-quotes"), (3, 26, "scare-quotes"), (3, 31, "quote-punctuation")]


@pytest.mark.parametrize("front", [
    "type: opinion", "type: Feature", "dateline: none", 'dateline: "PARIS"',
    "copylint:\n  ignore: [missing-dateline]",
])
def test_front_matter_switches_missing_dateline(front):
    text = f"---\ntitle: Harbour plan\n{front}\n---\n\nThe council met on Monday.\n"
    assert lint(text, "markdown") == []
    assert lint(text.replace(front, "type: news"), "markdown") == [(6, 1, "missing-dateline")]


def test_toml_front_matter():
    text = '+++\ntitle = "Harbour \\"plan\\""\ntype = "review"\n+++\n\nThe council met.\n'
    assert lint(text, "markdown") == [(2, 19, "scare-quotes")]  # the title's own scare quote; no dateline needed


def test_invalid_front_matter_is_a_clear_error(tmp_path):
    story = tmp_path / "bad.md"
    story.write_text("---\ntitle: [unclosed\n---\n\nText.\n")
    result = subprocess.run([sys.executable, "-m", "copylint", "check", "--no-cache", str(story)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.startswith(f"copylint: {story}:3:1: invalid YAML front matter")


def test_blockquotes_are_quotations():
    attributed = MD_HEAD + "> We will not let the so-called \"experts\" decide.\n\n— Ann Lee, mayor\n"
    assert lint(attributed, "markdown") == []  # no scare quotes inside, and attributed by the dash line
    said = MD_HEAD + "> We will build it.\n\nThe mayor said that on Monday.\n"
    assert lint(said, "markdown") == []
    introduced = MD_HEAD + "The mayor wrote:\n\n> We will build it.\n"
    assert lint(introduced, "markdown") == []
    bare = MD_HEAD + "> We will build it whatever the council says.\n\nThe vote is on Monday.\n"
    assert lint(bare, "markdown") == [(7, 3, "unattributed-quote")]


HTML = """<html><head><title>Harbour</title><style>q:before {{ content: '"'; }}</style></head>
<body><nav>Home &rsaquo; "News</nav>
<article>
<header><h1>Council backs harbour plan</h1><p class="byline">By Ann Lee</p></header>
<p>HARBOURTON (AP) &mdash; {body}</p>
<pre>"unclosed in pre</pre><figure><figcaption>A "caption</figcaption></figure>
</article>
<footer>"unclosed footer</footer>
</body></html>
"""


def test_html_skips_furniture_and_decodes_entities_in_place():
    text = HTML.format(body="The so-called &ldquo;plan&rdquo; failed.")
    assert lint(text, "html") == [(*where(text, "&ldquo;plan"), "scare-quotes")]


def test_html_q_and_blockquote_are_quotations():
    text = HTML.format(body="The mayor spoke.</p><p><q>We will build the bridge before the winter comes.</q></p>"
                            "<blockquote><p>Nobody asked the town what it wanted from this plan.</p></blockquote><p>The vote is Monday.")
    assert lint(text, "html", "unattributed-quote") == [
        (*where(text, "<q>"), "unattributed-quote"), (*where(text, "Nobody asked"), "unattributed-quote"),
    ]


def test_html_without_article_uses_the_body():
    text = '<html><head><title>"x</title></head><body><p>LONDON (Reuters) - The so-called "plan" failed.</p></body></html>'
    assert lint(text, "html") == [(*where(text, '"plan"'), "scare-quotes")]


def test_type_is_chosen_by_extension_and_overridable(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("# Harbour\n\nThe council met `\"`.\n")
    run = lambda *a: subprocess.run([sys.executable, "-m", "copylint", "check", "--no-cache", "--select",
                                     "unbalanced-quotes", *a], capture_output=True, text=True, cwd=ROOT)
    assert "unbalanced-quotes" in run(str(story)).stdout
    assert run("--type", "markdown", str(story)).stdout == "No problems found in 1 file.\n"
    piped = subprocess.run([sys.executable, "-m", "copylint", "check", "--no-cache", "--type", "html",
                            "--select", "unbalanced-quotes", "-"],
                           input='<p>A "b</p>', capture_output=True, text=True, cwd=ROOT)
    assert piped.stdout.startswith("-:1:6: unbalanced-quotes")
    assert run("--type", "docx", str(story)).returncode == 2


def test_html_skip_list_is_configurable(tmp_path):
    (tmp_path / ".copylint.yaml").write_text("html-skip: [script, style, aside]\nselect: [scare-quotes]\n")
    story = tmp_path / "story.html"
    html = ('<body><p>LONDON (Reuters) - Fine.</p><figure><figcaption>The so-called "fix".</figcaption></figure>'
            '<aside>A so-called "aside".</aside></body>\n')
    story.write_text(html)
    result = subprocess.run([sys.executable, "-m", "copylint", "check", "--no-cache", str(story)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.splitlines()[0] == (f"{story}:1:{html.index(chr(34)) + 1}: scare-quotes [warning] Scare quotes around \"fix\": "
                                             "'so-called' already signals distance, so the quotation marks add nothing.")
    assert len(result.stdout.splitlines()) == 2


def test_suppression_comments_work_in_markdown_at_source_positions():
    text = MD_HEAD + ('<!-- copylint: disable-next-line scare-quotes -->\nThe so-called "plan" failed.\n\n'
                      "<!-- copylint: disable-next-line unattributed-quote -->\nNothing to silence here.\n")
    assert lint(text, "markdown") == [(10, 1, "unused-suppression")]
