"""HTML stories: the text of the article (<article> if there is one, else <body>), block by block,
with entities decoded and every character mapped back to its line and column in the file.
<q> becomes quotation marks and <blockquote> a quotation block; scripts, code and page furniture
(navigation, figures, headers, footers) are skipped."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from copylint.layout import Layout, LayoutBuilder

SKIP = frozenset({"script", "style", "code", "pre", "nav", "figure", "figcaption", "footer", "aside",
                  "noscript", "template", "svg", "form", "button", "select", "textarea", "head", "iframe"})
BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th", "dd", "dt", "div",
                    "section", "article", "body", "caption", "address", "ul", "ol", "table", "tr", "main"})
VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed", "track"})


def layout(source: str, path: str = "<text>", skip: frozenset[str] = SKIP) -> Layout:
    parser = _Parser(source, skip, scope="article" if "<article" in source.lower() else "body")
    parser.feed(source)
    parser.close()
    return parser.builder.build({"lang": parser.lang} if parser.lang else None)


class _Parser(HTMLParser):
    def __init__(self, source: str, skip: frozenset[str], scope: str) -> None:
        super().__init__(convert_charrefs=False)
        self.builder = LayoutBuilder()
        self.skip, self.scope = skip, scope
        self.line_starts = [0] + [k + 1 for k, ch in enumerate(source) if ch == "\n"]
        self.inside = 0 if scope == "article" or "<body" in source.lower() else 1
        self.skipping = 0
        self.quote_depth = 0
        self.has_headline = False
        self.in_block = False
        self.header_depth = 0
        self.lang = ""  # the first lang attribute of <html>, <body> or <article>: the page's language

    def here(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("html", "body", "article") and not self.lang:
            self.lang = dict(attrs).get("lang") or ""
        if tag == self.scope:
            self.inside += 1
        if tag in VOID:
            if tag == "br" and self.in_block:
                self.builder.add_synthetic(" ", self.here())
            return
        if tag in self.skip:
            self.skipping += 1
        if not self.inside or self.skipping:
            return
        if tag == "blockquote":
            self.quote_depth += 1
        if tag == "header":
            self.header_depth += 1
        if tag in BLOCKS:
            self._start_block(tag, dict(attrs).get("class") or "")
        elif tag == "q":
            self._text_synthetic("“" if self.quote_depth % 2 == 0 else "‘")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        was_skipping = self.skipping
        if tag in self.skip:
            self.skipping = max(0, self.skipping - 1)
        if self.inside and not was_skipping:
            if tag == "q":
                self._text_synthetic("”" if self.quote_depth % 2 == 0 else "’")
            elif tag in BLOCKS:
                self.builder.end()
                self.in_block = False
            if tag == "blockquote":
                self.quote_depth = max(0, self.quote_depth - 1)
            if tag == "header":
                self.header_depth = max(0, self.header_depth - 1)
        if tag == self.scope:
            self.inside = max(0, self.inside - 1)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)

    def _start_block(self, tag: str, css_class: str) -> None:
        if tag == "h1" and not self.has_headline:
            role = "headline"
            self.has_headline = True
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            role = "subhead"
        elif tag == "address" or any(word in css_class.lower() for word in ("byline", "author")):
            role = "byline"
        elif self.header_depth:
            role = "standfirst"  # the article header: headline, dek, byline; not the story body
        else:
            role = "blockquote" if self.quote_depth else "body"
        self.builder.start(role)
        self.in_block = True

    def _ensure_block(self) -> None:
        if not self.in_block:
            self.builder.start("blockquote" if self.quote_depth else "body")
            self.in_block = True

    def _text_synthetic(self, text: str) -> None:
        self._ensure_block()
        self.builder.add_synthetic(text, self.here())

    def handle_data(self, data: str) -> None:
        if not self.inside or self.skipping or not data:
            return
        if not self.in_block and not data.strip():
            return
        self._ensure_block()
        self.builder.add(data, self.here())

    def handle_entityref(self, name: str) -> None:
        if self.inside and not self.skipping:
            self._text_synthetic(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        if self.inside and not self.skipping:
            self._text_synthetic(html.unescape(f"&#{name};"))
