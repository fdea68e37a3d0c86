"""Markdown stories: a CommonMark parser (markdown-it-py) finds the blocks and their source lines;
each inline token is then located in the source, so that only prose reaches the rules (code,
link destinations, raw HTML and emphasis markers do not) and every character keeps its place."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from copylint.formats import frontmatter
from copylint.layout import Layout, LayoutBuilder

_MD = MarkdownIt("commonmark", {"html": True}).enable("table")
_SKIPPED_BLOCKS = {"fence", "code_block", "html_block", "hr"}


def layout(source: str, path: str = "<text>") -> Layout:
    front = frontmatter.read(source, path)
    builder = LayoutBuilder()
    for role, start, value in front.fields:
        builder.start(role)
        builder.add(value, start)
    has_title = any(role == "headline" for role, _, _ in front.fields)
    body = source[front.end :]
    line_starts = [front.end]
    for k, ch in enumerate(body):
        if ch == "\n":
            line_starts.append(front.end + k + 1)
    line_starts.append(len(source))
    _Walker(source, line_starts, builder, has_title).walk(_MD.parse(body))
    return builder.build(front.meta, front.end)


class _Walker:
    def __init__(self, source: str, line_starts: list[int], builder: LayoutBuilder, has_title: bool) -> None:
        self.source, self.lines, self.builder = source, line_starts, builder
        self.has_title = has_title
        self.quote_depth = 0

    def walk(self, tokens: list[Token]) -> None:
        role = "body"
        for token in tokens:
            if token.type == "blockquote_open":
                self.quote_depth += 1
            elif token.type == "blockquote_close":
                self.quote_depth -= 1
            elif token.type == "heading_open":
                role = self._heading_role(token)
            elif token.type == "paragraph_open":
                role = "blockquote" if self.quote_depth else "body"
            elif token.type in ("th_open", "td_open"):
                role = "table"
            elif token.type == "inline" and token.map is not None:
                self._inline(token, "caption" if role == "body" and _only_images(token) else role)
                role = "body"

    def _heading_role(self, token: Token) -> str:
        if token.tag == "h1" and not self.has_title:
            self.has_title = True
            return "headline"
        return "subhead"

    def _inline(self, token: Token, role: str) -> None:
        start = self.lines[min(token.map[0], len(self.lines) - 1)]
        end = self.lines[min(token.map[1], len(self.lines) - 1)]
        self.builder.start(role)
        cursor = start
        for child in token.children or []:
            cursor = self._child(child, cursor, end)
        self.builder.end()

    def _child(self, child: Token, cursor: int, end: int) -> int:
        src, add = self.source, self.builder
        kind = child.type
        if kind == "text":
            return self._text(child.content, cursor, end)
        if kind in ("softbreak", "hardbreak"):
            at = src.find("\n", cursor, end)
            add.add_synthetic(" ", max(cursor, at))
            return at + 1 if at >= 0 else cursor
        if kind == "code_inline":  # skipped: `"` in code is not a quotation mark
            at = src.find(child.markup, cursor, end)
            if at < 0:
                return cursor
            close = src.find(child.markup, at + len(child.markup), end)
            add.add_synthetic(" ", at)
            return close + len(child.markup) if close >= 0 else at + len(child.markup)
        if kind in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
            at = src.find(child.markup, cursor, end)
            return at + len(child.markup) if at >= 0 else cursor
        if kind == "link_open":
            at = src.find("<" if child.markup == "autolink" else "[", cursor, end)
            return at + 1 if at >= 0 else cursor
        if kind == "link_close":
            return self._destination(cursor, end, ">" if child.markup == "autolink" else "]")
        if kind == "image":  # alt text is copy; the source address is not
            at = src.find("![", cursor, end)
            cursor = at + 2 if at >= 0 else cursor
            for grandchild in child.children or []:
                cursor = self._child(grandchild, cursor, end)
            return self._destination(cursor, end, "]")
        if kind == "html_inline":
            at = src.find(child.content, cursor, end)
            return at + len(child.content) if at >= 0 else cursor
        return cursor

    def _destination(self, cursor: int, end: int, closer: str) -> int:
        """Skip `](address "title")`, `][ref]` or `>` after link text."""
        src = self.source
        at = src.find(closer, cursor, end)
        if at < 0:
            return cursor
        cursor = at + 1
        if closer == "]" and cursor < end and src[cursor] in "([":
            opener, shut = src[cursor], ")" if src[cursor] == "(" else "]"
            depth = 0
            for k in range(cursor, end):
                depth += src[k] == opener
                depth -= src[k] == shut
                if depth == 0:
                    return k + 1
        return cursor

    def _text(self, content: str, cursor: int, end: int) -> int:
        src, add = self.source, self.builder
        at = src.find(content, cursor, end)
        if at >= 0 and "\n" not in src[cursor:at]:
            add.add(content, at)
            return at + len(content)
        for ch in content:  # escapes (\*) and entities (&ldquo;) differ from the source
            while cursor < end and src[cursor] != ch and src[cursor] not in "\\&":
                cursor += 1
            if cursor >= end:
                break
            if src[cursor] == ch:
                add.add(ch, cursor)
                cursor += 1
            elif src[cursor] == "\\":
                add.add(ch, cursor + 1)
                cursor += 2
            else:
                semi = src.find(";", cursor, min(end, cursor + 12))
                add.add_synthetic(ch, cursor)
                cursor = semi + 1 if semi >= 0 else cursor + 1
        return cursor


def _only_images(token: Token) -> bool:
    children = token.children or []
    return any(c.type == "image" for c in children) and all(
        c.type in ("image", "softbreak", "hardbreak") or (c.type == "text" and not c.content.strip()) for c in children
    )
