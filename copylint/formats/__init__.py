"""File formats: plain text, Markdown and HTML all become the same Document.

The format is chosen by extension (overridable with --type); Markdown and HTML adapters produce
a Layout of prose blocks with roles, mapped back to source positions. Imported lazily, so a run
over plain text never loads the Markdown parser."""

from __future__ import annotations

import os

from copylint.document import Document, parse

TYPES = ("text", "markdown", "html")
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def type_for(path: str, override: str | None = None) -> str:
    if override:
        return override
    return SUFFIXES.get(os.path.splitext(path)[1].lower(), "text")


def load(source: str, path: str, filetype: str = "text", html_skip: tuple[str, ...] | None = None,
         language: str | None = None) -> Document:
    """Parse `source` as `filetype` into the one document model every rule reads."""
    if source.startswith("\ufeff"):
        source = source[1:]
    if filetype == "markdown":
        from copylint.formats.markdown import layout

        return parse(source, path, layout(source, path), language)
    if filetype == "html":
        from copylint.formats import html

        skip = html.SKIP if html_skip is None else frozenset(html_skip)
        return parse(source, path, html.layout(source, path, skip), language)
    return parse(source, path, language=language)
