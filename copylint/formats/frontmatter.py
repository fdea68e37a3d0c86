"""Front matter (YAML between --- lines, TOML between +++ lines): parsed safely; its text fields
(title, description …) are linted at their own positions in the file."""

from __future__ import annotations

import re

from copylint import regexes
from copylint.record import Record
from copylint.sources import InputError

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any

# Front-matter keys whose values are copy, and the role each plays in the story.
TEXT_FIELDS = {"title": "headline", "headline": "headline", "description": "standfirst", "dek": "standfirst",
               "standfirst": "standfirst", "subtitle": "standfirst", "summary": "standfirst"}
_FENCES = {"---": "yaml", "+++": "toml"}


class FrontMatter(Record):
    __slots__ = ("meta", "end", "fields")

    meta: dict[str, Any]
    end: int  # where the body starts in the source
    fields: list[tuple[str, int, str]]  # (role, source offset, raw text)

    def __init__(self, meta: dict[str, Any] | None = None, end: int = 0,
                 fields: list[tuple[str, int, str]] | None = None) -> None:
        self.meta = {} if meta is None else meta
        self.end = end
        self.fields = [] if fields is None else fields


def read(source: str, path: str) -> FrontMatter:
    first = source.split("\n", 1)[0].rstrip("\r")
    if first not in _FENCES:
        return FrontMatter()
    fence = regexes.compile(rf"^{re.escape(first)}[ \t]*\r?$", re.MULTILINE)
    closing = fence.search(source, len(first) + 1)
    if closing is None:
        return FrontMatter()  # not front matter after all (a thematic break)
    body = source[len(first) + 1 : closing.start()]
    meta = _parse(body, _FENCES[first], path, source)
    end = source.find("\n", closing.end())
    return FrontMatter(meta, len(source) if end < 0 else end + 1, _text_fields(body, len(first) + 1))


def _parse(body: str, kind: str, path: str, source: str) -> dict[str, Any]:
    # The parsers are imported here, for stories that have front matter (YAML alone costs a
    # Markdown story without any 10 ms).
    if kind == "toml":
        import tomllib

        try:
            data = tomllib.loads(body)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"{path}: invalid TOML front matter: {exc}") from None
        return _mapping(data, path)
    import yaml

    try:
        data = yaml.load(body, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 2}:{mark.column + 1}" if mark else path
        raise InputError(f"{where}: invalid YAML front matter: {getattr(exc, 'problem', exc)}") from None
    return _mapping(data, path)


def _mapping(data: object, path: str) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(f"{path}:2:1: front matter must be a mapping of keys to values")
    return data


_FIELD_RE = regexes.compile(r"^(\w+)[ \t]*[:=][ \t]*(.*?)[ \t]*\r?$", re.MULTILINE)


def _text_fields(body: str, offset: int) -> list[tuple[str, int, str]]:
    """Each copy field's raw value and where it starts (quotes of a YAML/TOML string removed)."""
    out: list[tuple[str, int, str]] = []
    for m in _FIELD_RE.finditer(body):
        role = TEXT_FIELDS.get(m.group(1).lower())
        value, start = m.group(2), offset + m.start(2)
        if role is None or not value or value[0] in "|>[{":
            continue
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value, start = value[1:-1], start + 1
        out.append((role, start, value))
    return out
