"""Rules are YAML data: loading, validation (every problem at once, as file:line), word lists."""

from __future__ import annotations

import os
import re

from copylint import __version__
from copylint.finding import SEVERITIES
from copylint.kinds import KINDS
from copylint.record import Record

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

RULE_KEYS = {"id", "severity", "kind", "summary", "message", "description", "options", "examples", "references"}
REQUIRED_KEYS = ("id", "severity", "kind", "message", "summary")
LIST_KEYS = {"name", "type", "description", "words"}
_ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_POS_RE = re.compile(r"^\d+:\d+$")
# The language of the top-level word lists (`lists/NAME.yaml`); other languages' versions of a
# list live in `lists/<code>/NAME.yaml`.
BASE_LANGUAGE = "en"
_LANG_DIR_RE = re.compile(r"^[a-z]{2,3}$")


class RuleLoadError(Exception):
    """One or more rule files are invalid; `problems` are `file:line: message` strings."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class Example(Record):
    __slots__ = ("text", "expect", "options", "fixed", "unsafe")

    text: str
    expect: tuple[str, ...] | None
    options: dict[str, Any]
    fixed: str | None  # a bad example's text after --fix (--unsafe-fixes when `unsafe`)
    unsafe: bool

    def __init__(self, text: str, expect: tuple[str, ...] | None = None, options: dict[str, Any] | None = None,
                 fixed: str | None = None, unsafe: bool = False) -> None:
        self.text = text
        self.expect = expect
        self.options = {} if options is None else options
        self.fixed = fixed
        self.unsafe = unsafe


class Rule(Record):
    __slots__ = ("id", "severity", "kind", "summary", "message", "description", "options", "bad", "good", "_path",
                 "prepared", "variants", "_prepared_by_language")

    id: str
    severity: str
    kind: str
    summary: str
    message: str
    description: str
    options: dict[str, Any]
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    prepared: Any
    # Options per language for a rule whose word lists have language variants (`lists/es/…`):
    # None when the rule reads no such list and so judges every language alike.
    variants: dict[str, dict[str, Any]] | None
    _prepared_by_language: dict[str, Any]

    def __init__(self, id: str, severity: str, kind: str, summary: str, message: str, description: str,
                 options: dict[str, Any], bad: tuple[Example, ...], good: tuple[Example, ...], path: str | Path,
                 prepared: Any, variants: dict[str, dict[str, Any]] | None = None) -> None:
        self.id = id
        self.severity = severity
        self.kind = kind
        self.summary = summary
        self.message = message
        self.description = description
        self.options = options
        self.bad = bad
        self.good = good
        self._path = path  # a string when read from the rule cache: pathlib is not imported for it
        self.prepared = prepared
        self.variants = variants
        self._prepared_by_language = {}

    @property
    def path(self) -> Path:
        """The rule's YAML file."""
        if isinstance(self._path, str):
            from pathlib import Path

            self._path = Path(self._path)
        return self._path

    def prepared_for(self, language: str) -> Any:
        """The rule's prepared options for a story in `language`, or None when the rule has no
        word lists for that language (the story is then not judged by it, rather than judged
        with another language's words)."""
        if self.variants is None or language == BASE_LANGUAGE:
            return self.prepared
        if language not in self.variants:
            return None
        if language not in self._prepared_by_language:
            self._prepared_by_language[language] = KINDS[self.kind].prepare(self.variants[language])
        return self._prepared_by_language[language]

    @property
    def languages(self) -> tuple[str, ...] | None:
        return None if self.variants is None else tuple(sorted({BASE_LANGUAGE, *self.variants}))

    def with_options(self, overrides: dict[str, Any]) -> Rule:
        """A copy of this rule with some options replaced (already validated); an override
        applies to every language."""
        options = {**self.options, **overrides}
        prepared = KINDS[self.kind].prepare(options)
        variants = None if self.variants is None else {k: {**v, **overrides} for k, v in self.variants.items()}
        return Rule(self.id, self.severity, self.kind, self.summary, self.message, self.description,
                    options, self.bad, self.good, self._path, prepared, variants)

    def with_severity(self, severity: str) -> Rule:
        return Rule(self.id, severity, self.kind, self.summary, self.message, self.description,
                    self.options, self.bad, self.good, self._path, self.prepared, self.variants)


def builtin_rules_dir() -> Path:
    """`copylint/rules` in an installed wheel; the repository's top-level `rules/` in a checkout."""
    from pathlib import Path

    return Path(_builtin_folder())


def _builtin_folder() -> str:
    here = os.path.dirname(os.path.realpath(__file__))
    installed = os.path.join(here, "rules")
    return installed if os.path.isdir(installed) else os.path.join(os.path.dirname(here), "rules")


class _Problems(list[str]):
    def add(self, path: Path, line: int, message: str) -> None:
        self.append(f"{path}:{line}: {message}")


def safe_yaml(text: str) -> tuple[Any, Any]:
    """Parse YAML once with the safe loader (libyaml's when PyYAML has it, ten times faster):
    (node with line marks, plain data)."""
    import yaml  # not needed at all when the rule cache is warm

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _compose(path: Path, problems: _Problems) -> tuple[Any, dict[str, int]] | None:
    """Parse a YAML file safely; return its data and the line of each top-level and options key."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        node, data = safe_yaml(text)
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(path, 1, f"cannot read rule file: {exc}")
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1"
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(f"{path}:{where}: invalid YAML: {reason}")
        return None
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[str(key.value)] = key.start_mark.line + 1
            if key.value == "options" and isinstance(value, yaml.MappingNode):
                for k, _ in value.value:
                    lines[f"options.{k.value}"] = k.start_mark.line + 1
    return data, lines


def _list_files(d: Path) -> list[tuple[str, Path]]:
    """(language prefix, path) of every word list of a rule directory: `lists/*.yaml` has the
    prefix "", `lists/es/*.yaml` the prefix "es/"."""
    out = [("", p) for p in sorted((d / "lists").glob("*.yaml"))]
    for sub in sorted((d / "lists").glob("*/")):
        if sub.is_dir() and _LANG_DIR_RE.match(sub.name):
            out += [(f"{sub.name}/", p) for p in sorted(sub.glob("*.yaml"))]
    return out


def load_lists(dirs: list[Path], problems: _Problems) -> dict[str, tuple[str, list[str]]]:
    """Named word lists that rule options reference as `@name`: `lists/*.yaml` by name, and their
    versions for other languages (`lists/es/*.yaml`) as `es/name`."""
    lists: dict[str, tuple[str, list[str]]] = {}
    where: dict[str, Path] = {}
    for d in dirs:
        for prefix, path in _list_files(d):
            parsed = _compose(path, problems)
            if parsed is None:
                continue
            data, lines = parsed
            if not isinstance(data, dict) or set(data) - LIST_KEYS or not isinstance(data.get("words"), list):
                problems.add(path, 1, f"a word list needs `name`, `type` (words|regexes) and `words`, and only {sorted(LIST_KEYS)}")
                continue
            name, kind = prefix + str(data.get("name", path.stem)), data.get("type", "words")
            if name in lists:
                problems.add(path, lines.get("name", 1), f"duplicate word list '{name}' (also in {where[name]})")
            elif kind not in ("words", "regexes") or not all(isinstance(w, str) and w for w in data["words"]):
                problems.add(path, lines.get("words", 1), "`type` must be words or regexes and `words` a list of strings")
            else:
                lists[name], where[name] = (kind, data["words"]), path
    return lists


def _expand(value: Any, spec_type: str, lists: dict[str, tuple[str, list[str]]], language: str = "") -> tuple[Any, str | None]:
    """Replace `@name` references by the list's words (its `language` version when given)."""
    if spec_type not in ("words", "regexes") or not isinstance(value, list):
        return value, None
    out: list[Any] = []
    for item in value:
        if isinstance(item, str) and item.startswith("@"):
            if item[1:] not in lists:
                return value, f"unknown word list '{item}'"
            name = f"{language}/{item[1:]}" if language and f"{language}/{item[1:]}" in lists else item[1:]
            kind, words = lists[name]
            if kind == "regexes" and spec_type == "words":
                return value, f"word list '{item}' holds regexes, but this option takes plain words"
            out.extend(words if kind == spec_type else [re.escape(w) for w in words])
        else:
            out.append(item)
    return out, None


def resolve_options(kind: str, given: Any, lists: dict[str, tuple[str, list[str]]]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Defaults of `kind` overlaid with `given`, validated; problems are (option key, message)."""
    from copylint.kinds.options import check_value

    specs = KINDS[kind].OPTIONS
    problems: list[tuple[str, str]] = []
    if not isinstance(given, dict):
        return {}, [("options", "`options` must be a mapping")]
    resolved: dict[str, Any] = {}
    for name, spec in specs.items():
        value = given.get(name, spec.default)
        value, problem = _expand(value, spec.type, lists)
        problem = problem or check_value(name, spec, value)
        if problem:
            problems.append((f"options.{name}", problem))
        resolved[name] = value
    for name in given:
        if name not in specs:
            problems.append((f"options.{name}", f"unknown option '{name}' for kind '{kind}' (known: {', '.join(sorted(specs))})"))
    return resolved, problems


def language_variants(kind: str, given: dict[str, Any], lists: dict[str, tuple[str, list[str]]]) -> dict[str, dict[str, Any]] | None:
    """Options of `kind` for each language whose versions of the referenced word lists all exist,
    or None when the options reference no list that has language versions."""
    specs = KINDS[kind].OPTIONS
    values = {name: given.get(name, spec.default) for name, spec in specs.items()}
    refs = {item[1:] for v in values.values() if isinstance(v, list) for item in v
            if isinstance(item, str) and item.startswith("@")}
    languages = {key.split("/")[0] for key in lists if "/" in key}
    localised = {name for name in refs if any(f"{lang}/{name}" in lists for lang in languages)}
    if not localised:
        return None
    out: dict[str, dict[str, Any]] = {}
    for lang in sorted(languages - {BASE_LANGUAGE}):
        if all(f"{lang}/{name}" in lists for name in localised):
            out[lang] = {name: _expand(v, specs[name].type, lists, lang)[0] for name, v in values.items()}
    return out


def _examples(data: Any) -> tuple[tuple[Example, ...], tuple[Example, ...], str | None]:
    if data is None:
        return (), (), None
    if not isinstance(data, dict) or set(data) - {"bad", "good"}:
        return (), (), "`examples` must be a mapping with `bad` and `good` lists"
    groups: dict[str, list[Example]] = {"bad": [], "good": []}
    for group, items in data.items():
        if not isinstance(items, list):
            return (), (), f"examples.{group} must be a list"
        for item in items:
            if isinstance(item, str):
                item = {"text": item}
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) or set(item) - {"text", "expect", "options", "fixed", "unsafe"}:
                return (), (), f"examples.{group}: each example is a string or a mapping with `text`, `expect`, `options`, `fixed`, `unsafe`"
            if not isinstance(item.get("fixed", ""), str) or not isinstance(item.get("unsafe", False), bool):
                return (), (), f"examples.{group}: `fixed` must be the fixed text and `unsafe` true or false"
            if "fixed" in item and group != "bad":
                return (), (), f"examples.{group}: only a bad example has a `fixed` text"
            expect = item.get("expect")
            if expect is not None and not (isinstance(expect, list) and all(_POS_RE.match(str(e)) for e in expect)):
                return (), (), f"examples.{group}: `expect` must be a list of 'line:col' strings"
            groups[group].append(Example(item["text"], tuple(map(str, expect)) if expect is not None else None, item.get("options") or {},
                                         item.get("fixed"), item.get("unsafe", False)))
    return tuple(groups["bad"]), tuple(groups["good"]), None


def _message_fields(message: str) -> set[str]:
    import string

    return {f.split(".")[0].split("[")[0] for _, f, _, _ in string.Formatter().parse(message) if f}


def load_rule(path: Path, lists: dict[str, tuple[str, list[str]]], problems: _Problems) -> Rule | None:
    parsed = _compose(path, problems)
    if parsed is None:
        return None
    data, lines = parsed
    if not isinstance(data, dict):
        problems.add(path, 1, "a rule file must be a YAML mapping")
        return None
    before = len(problems)
    for key in sorted(set(data) - RULE_KEYS):
        problems.add(path, lines.get(key, 1), f"unknown key '{key}' (allowed: {', '.join(sorted(RULE_KEYS))})")
    for key in REQUIRED_KEYS:
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.add(path, lines.get(key, 1), f"missing or empty required key '{key}'")
    rule_id, kind = data.get("id"), data.get("kind")
    if isinstance(rule_id, str) and rule_id != path.stem:
        problems.add(path, lines["id"], f"rule id '{rule_id}' must equal the file name '{path.stem}'")
    elif isinstance(rule_id, str) and not _ID_RE.match(rule_id):
        problems.add(path, lines["id"], f"rule id '{rule_id}' must be kebab-case")
    if "severity" in data and data["severity"] not in SEVERITIES:
        problems.add(path, lines["severity"], f"severity must be one of {', '.join(SEVERITIES)} (got {data['severity']!r})")
    options: dict[str, Any] = {}
    if isinstance(kind, str) and kind not in KINDS:
        problems.add(path, lines["kind"], f"unknown kind '{kind}' (known: {', '.join(sorted(KINDS))})")
    elif isinstance(kind, str):
        options, option_problems = resolve_options(kind, data.get("options") or {}, lists)
        for key, message in option_problems:
            problems.add(path, lines.get(key, lines.get("options", 1)), message)
        if isinstance(data.get("message"), str):
            unknown = _message_fields(data["message"]) - KINDS[kind].FIELDS
            if unknown:
                problems.add(path, lines["message"], f"message uses unknown field(s) {sorted(unknown)}; kind '{kind}' provides {sorted(KINDS[kind].FIELDS)}")
    bad, good, problem = _examples(data.get("examples"))
    if problem:
        problems.add(path, lines.get("examples", 1), problem)
    if len(problems) > before:
        return None
    variants = language_variants(kind, data.get("options") or {}, lists)
    try:
        prepared = KINDS[kind].prepare(options)
        for lang_options in (variants or {}).values():
            KINDS[kind].prepare(lang_options)  # a bad pattern in a language's list is a load error too
    except (ValueError, re.error) as exc:
        problems.add(path, lines.get("options", 1), str(exc))
        return None
    return Rule(rule_id, data["severity"], kind, data["summary"].strip(), data["message"].strip(),
                str(data.get("description") or "").strip(), options, bad, good, path, prepared, variants)


def _all_dirs(extra_dirs: list[Path] | tuple[Path, ...], builtin: bool, problems: _Problems) -> list[Path]:
    from pathlib import Path

    return [Path(d) for d in _folders(extra_dirs, builtin, problems)]


def _folders(extra_dirs: list[Path] | tuple[Path, ...], builtin: bool, problems: _Problems) -> list[str]:
    """The rule folders to load, each once, as strings (a cached run never builds a Path)."""
    dirs = ([_builtin_folder()] if builtin else []) + [os.fspath(d) for d in extra_dirs]
    dirs = list({os.path.realpath(d): d for d in dirs}.values())  # a folder named twice is loaded once
    for d in dirs:
        if not os.path.isdir(d):
            problems.append(f"{os.path.normpath(d)}: rule directory does not exist")
    return [d for d in dirs if os.path.isdir(d)]


def word_lists(extra_dirs: list[Path] | tuple[Path, ...] = ()) -> dict[str, tuple[str, list[str]]]:
    """The named word lists of the built-in and the given rule directories."""
    problems = _Problems()
    lists = load_lists(_all_dirs(extra_dirs, True, problems), problems)
    if problems:
        raise RuleLoadError(list(problems))
    return lists


def load_rules(extra_dirs: list[Path] | tuple[Path, ...] = (), builtin: bool = True,
               cache_dir: Path | None = None) -> list[Rule]:
    """Load the built-in rules and those of `extra_dirs`; raise RuleLoadError listing every problem.

    With `cache_dir`, validated rules are kept as JSON keyed by the rule files' names, sizes and
    modification times and the copylint version, so a one-story run need not parse YAML at all."""
    problems = _Problems()
    folders = _folders(extra_dirs, builtin, problems)
    cache = _rule_cache_path(folders, cache_dir) if cache_dir is not None and not problems else None
    cached = _read_rule_cache(cache) if cache is not None else None
    if cached is not None:
        return cached
    from pathlib import Path

    dirs = [Path(d) for d in folders]
    lists = load_lists(dirs, problems)
    rules: dict[str, Rule] = {}
    for d in dirs:
        for path in sorted(d.glob("*.yaml")) + sorted(d.glob("*.yml")):
            rule = load_rule(path, lists, problems)
            if rule is None:
                continue
            if rule.id in rules:
                problems.add(path, 1, f"duplicate rule id '{rule.id}' (also defined in {rules[rule.id].path})")
                continue
            rules[rule.id] = rule
    if problems:
        raise RuleLoadError(list(problems))
    loaded = sorted(rules.values(), key=lambda r: r.id)
    if cache is not None:
        _write_rule_cache(cache, loaded)
    return loaded


def _rule_cache_path(dirs: list[str], cache_dir: str | Path) -> tuple[str, str] | None:
    """Where the rules of `dirs` are cached, and the stamp (names, sizes, times) the cache must
    carry to be used. The file name holds a CRC of the stamp (no hashlib: it loads OpenSSL)."""
    import zlib

    stamp: list[tuple[str, int, int]] = []
    try:
        for d in dirs:
            stamp += _yaml_stamps(os.path.abspath(d), 2)
    except OSError:
        return None
    text = repr((__version__, stamp))
    return os.path.join(cache_dir, f"rules-{zlib.crc32(text.encode('utf-8', 'surrogatepass')):08x}.json"), text


def _yaml_stamps(folder: str, depth: int) -> list[tuple[str, int, int]]:
    """(path, mtime, size) of the YAML files of `folder` and, `depth` levels down, of its `lists`
    folder and the language folders in it (os.scandir: pathlib's glob took 4 ms a run)."""
    out = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.endswith((".yaml", ".yml")) and entry.is_file():
                st = entry.stat()
                out.append((entry.path, st.st_mtime_ns, st.st_size))
            elif depth and entry.is_dir() and (entry.name == "lists" or depth == 1):
                out += _yaml_stamps(entry.path, depth - 1)
    return out


def _read_rule_cache(where: tuple[str, str]) -> list[Rule] | None:
    import json

    path, stamp = where
    try:
        with open(path, encoding="utf-8") as handle:
            stored = json.load(handle)
        if stored["stamp"] != stamp:
            return None
        rules = []
        for r in stored["rules"]:
            bad, good = ([Example(e["text"], tuple(e["expect"]) if e["expect"] is not None else None, e["options"],
                                  e.get("fixed"), e.get("unsafe", False))
                          for e in r[group]] for group in ("bad", "good"))
            rules.append(Rule(r["id"], r["severity"], r["kind"], r["summary"], r["message"], r["description"],
                              r["options"], tuple(bad), tuple(good), r["path"], KINDS[r["kind"]].prepare(r["options"]),
                              r["variants"]))
        return rules
    except (OSError, ValueError, KeyError, TypeError, re.error):
        return None  # a damaged or foreign cache: load the YAML instead


def _write_rule_cache(where: tuple[str, str], rules: list[Rule]) -> None:
    import json

    from copylint.files import write_cache_file

    def examples(items: tuple[Example, ...]) -> list[dict[str, Any]]:
        return [{"text": e.text, "expect": list(e.expect) if e.expect is not None else None, "options": e.options,
                 "fixed": e.fixed, "unsafe": e.unsafe} for e in items]

    records = [{"id": r.id, "severity": r.severity, "kind": r.kind, "summary": r.summary, "message": r.message,
                "description": r.description, "options": r.options, "bad": examples(r.bad), "good": examples(r.good),
                "path": str(r.path), "variants": r.variants} for r in rules]
    path, stamp = where
    try:
        write_cache_file(os.path.dirname(path), os.path.basename(path), json.dumps({"stamp": stamp, "rules": records}, ensure_ascii=False))
    except (OSError, TypeError, ValueError):
        pass  # the cache is an optimisation, never an error
