"""A run over many stories: each story's configuration, its rule set, the engine, the results."""

from __future__ import annotations

import os
import sys

from copylint.cache import ResultCache, digest, digest_data, file_stamp, fingerprint
from copylint.config import ConfigError, Finder, Settings, load_file
from copylint.engine import SECTION_CHARS, Report, RuleFailure, lint_document, lint_story, lint_story_data, load_document
from copylint.finding import Finding
from copylint.formats import type_for
from copylint.record import Record
from copylint.rule import Rule, RuleLoadError, load_rules, resolve_options, word_lists
from copylint.sources import InputError, Skipped, collect, decode, read, read_raw, utf8_body
from copylint.timebudget import session

TYPE_CHECKING = False  # pathlib costs a one-story run 3 ms; annotations are never evaluated
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Iterator


class RunOptions(Record):
    """What the command line says; None means: take it from the configuration file."""

    __slots__ = ("rule_dirs", "config", "isolated", "select", "extend_select", "ignore", "fail_on", "keep_sources",
                 "encoding", "filetype", "jobs", "cache_dir", "results_cache", "fix", "unsafe_fixes")

    rule_dirs: list[Path]
    config: Path | None
    isolated: bool
    select: list[str] | None
    extend_select: list[str] | None
    ignore: list[str] | None
    fail_on: str | None
    keep_sources: bool
    encoding: str | None
    filetype: str | None  # --type: overrides the extension (and applies to stdin)
    jobs: int | None
    cache_dir: str | Path | None  # rules, compiled patterns and (unless results_cache is off) findings
    results_cache: bool
    fix: str | None  # "fix" (write), "diff" (show), or None
    unsafe_fixes: bool

    def __init__(self, rule_dirs: list[Path] | None = None, config: Path | None = None, isolated: bool = False,
                 select: list[str] | None = None, extend_select: list[str] | None = None,
                 ignore: list[str] | None = None, fail_on: str | None = None, keep_sources: bool = False,
                 encoding: str | None = None, filetype: str | None = None, jobs: int | None = None,
                 cache_dir: str | Path | None = None, results_cache: bool = True, fix: str | None = None,
                 unsafe_fixes: bool = False) -> None:
        self.rule_dirs = [] if rule_dirs is None else rule_dirs
        self.config = config
        self.isolated = isolated
        self.select = select
        self.extend_select = extend_select
        self.ignore = ignore
        self.fail_on = fail_on
        self.keep_sources = keep_sources
        self.encoding = encoding
        self.filetype = filetype
        self.jobs = jobs
        self.cache_dir = cache_dir
        self.results_cache = results_cache
        self.fix = fix
        self.unsafe_fixes = unsafe_fixes


class Runner:
    """Resolves settings and rule sets once per configuration file, then lints stories."""

    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self.finder = Finder()
        self._fixed: Settings | None = None
        if options.isolated:
            self._fixed = Settings()
        elif options.config is not None:
            loaded = load_file(options.config)
            if loaded is None:
                raise ConfigError(f"{options.config}: no [tool.copylint] table")
            self._fixed = loaded
        self._rules: dict[str, list[Rule]] = {}
        self.cache = ResultCache(options.cache_dir if options.results_cache else None)
        self._with_cli: dict[int, tuple[Settings, Settings]] = {}  # keeps the base alive: ids stay unique
        self._fingerprints: dict[tuple[str, frozenset[str], str], str] = {}

    def settings_for(self, path: str) -> Settings:
        base = self._fixed or self.finder.for_path(os.path.join(os.getcwd(), "-") if path == "-" else path)
        if id(base) not in self._with_cli:
            o = self.options
            self._with_cli[id(base)] = (base, base.with_cli(o.select, o.extend_select, o.ignore, o.fail_on))
        return self._with_cli[id(base)][1]

    def rules_for(self, settings: Settings) -> list[Rule]:
        key = settings.key
        if key not in self._rules:
            self._rules[key] = build_rules(settings, self.options.rule_dirs, self.options.cache_dir)
        return self._rules[key]

    def language_of(self, path: str) -> str | None:
        """The language a story is linted in (configured, from its metadata, or detected), or
        None when the path is not a readable story."""
        if path == "-" or not os.path.isfile(path):
            return None
        settings = self.settings_for(path)
        try:
            text = read(path, None, self.options.encoding)
            doc = load_document(text, path, type_for(path, self.options.filetype), settings.html_skip, settings.language)
        except Exception:  # a story that cannot be read is reported by `check` itself
            return None
        how = "configured" if settings.language != "auto" else "from metadata or detected"
        return f"{doc.language} ({how})"

    def run(self, paths: list[str], stdin: bytes | None = None) -> Report:
        files, errors = collect(paths)
        report = Report(errors=errors)
        todo: list[_Job] = []
        # Stories are read where they are linted (in the workers), unless the text is needed here
        # too: standard input, --fix, and reports that quote the story.
        read_here = self.options.keep_sources or self.options.fix is not None
        for path in files:
            settings = self.settings_for(path)
            if path != "-" and settings.excluded(path):
                continue
            self.rules_for(settings)  # resolve (and validate) this configuration's rules once
            ignore = settings.ignored_for(path) if path != "-" else frozenset()
            job = _Job(path, None, settings.key, ignore, type_for(path, self.options.filetype), settings.html_skip,
                       settings.language, settings.fail_on)
            if read_here or path == "-":
                job.stamp = file_stamp(path) if path != "-" else None  # before reading: never newer than the text
                try:
                    job.text = read(path, stdin, self.options.encoding)
                except InputError as exc:
                    report.errors.append(str(exc))
                    continue
                except Skipped as exc:
                    report.notices.append(str(exc))
                    continue
                if self.options.fix:
                    _count(report, job)
                    if self.options.keep_sources:
                        report.sources[path] = job.text
                    self._fix(report, path, job.text, settings, ignore)
                    continue
            todo.append(job)
        unjudged: dict[str, set[str]] = {}
        self._lint_all(todo, report, unjudged)
        report.findings.sort()
        report.notices += unjudged_notices(unjudged)
        return report

    def _fix(self, report: Report, path: str, text: str, settings: Settings, ignore: frozenset[str]) -> None:
        """--fix / --diff for one story: fix until nothing changes, then write it (or its diff)."""
        from copylint.fixer import FixError, fix_text, has_bom, unified_diff, write_story

        rules = self._rules[settings.key]
        filetype = type_for(path, self.options.filetype)
        bom = path != "-" and self.options.encoding is None and has_bom(path)  # decoding dropped it: write it back

        def lint(story: str) -> list[Finding]:
            failures: list[RuleFailure] = []
            found = lint_document(load_document(story, path, filetype, settings.html_skip, settings.language), rules,
                                  ignore, failures)
            if failures:
                raise FixError(f"internal error in {failures[0].rule} on {path}: {failures[0].error}")
            return found

        def pairing(story: str) -> tuple[int, int]:
            doc = load_document(story, path, filetype, settings.html_skip, settings.language)
            return len(doc.quotes), len(doc.stray)

        try:
            result = fix_text(text, lint, self.options.unsafe_fixes, path, pairing)
            if result.text != text:
                if self.options.fix == "diff":
                    report.diffs.append(unified_diff(path, text, result.text))
                elif path == "-":
                    report.fixed_stdin = result.text
                else:
                    write_story(path, result.text, self.options.encoding, bom)
            elif path == "-" and self.options.fix == "fix":
                report.fixed_stdin = text
        except (FixError, InputError) as exc:
            report.errors.append(str(exc))
            return
        report.fixed += result.fixed
        report.findings.extend(result.findings)
        if self.options.keep_sources:
            report.sources[path] = result.text

    def _lint_all(self, todo: list[_Job], report: Report, unjudged: dict[str, set[str]]) -> None:
        """Every job's outcome, in order: from the cache where the story is unchanged (by its
        file stamp, else by the hash of its text), else linted."""
        outcomes: list[_Outcome | None] = [None] * len(todo)
        cached: dict[int, list] = {}
        fresh: list[int] = []
        for i, job in enumerate(todo):
            if self.cache.directory is not None and job.path != "-":
                job.fingerprint = self._fingerprint(job)
                entry = self.cache.entry(job.fingerprint, job.path)
                if entry is not None:
                    sha, rows, stamp = entry
                    if stamp is not None and job.text is None and stamp == file_stamp(job.path):
                        outcomes[i] = _Outcome("cached", sha=sha, stamp=stamp)
                    job.known_sha = sha
                    cached[i] = rows
            if outcomes[i] is None:
                fresh.append(i)
        for i, outcome in zip(fresh, self._lint_fresh([todo[i] for i in fresh]), strict=True):
            outcomes[i] = outcome
        for i, (job, outcome) in enumerate(zip(todo, outcomes, strict=True)):
            self._record(report, job, outcome, cached.get(i), unjudged)
        self.cache.save()

    def _record(self, report: Report, job: _Job, outcome: _Outcome, rows: list | None, unjudged: dict[str, set[str]]) -> None:
        """Add one story's outcome to the report (and its findings to the cache)."""
        findings: list[Finding] | None = None
        if outcome.status in ("cached", "unchanged"):
            findings = ResultCache.findings(job.path, rows) if rows is not None else None
            if findings is None:  # a damaged cache entry: lint the story after all
                job.known_sha = ""
                outcome = _lint_job(self._rules[job.rules_key], job, self.options.encoding)
        if outcome.status == "skipped":
            report.notices += outcome.messages
            return
        if outcome.status == "unreadable":
            report.errors += outcome.messages
            return
        _count(report, job)
        if self.options.keep_sources:
            report.sources[job.path] = job.text
        if findings is not None:
            report.findings += findings
            if outcome.status == "unchanged" and outcome.stamp is not None:  # not even read next time
                self.cache.put(job.fingerprint, job.path, outcome.sha, findings, outcome.stamp)
            return
        report.findings += outcome.findings
        report.errors += outcome.messages
        for key in outcome.unjudged:
            unjudged.setdefault(key, set()).add(job.path)
        if job.fingerprint and not outcome.messages:
            self.cache.put(job.fingerprint, job.path, outcome.sha, outcome.findings, outcome.stamp)

    def _fingerprint(self, job: _Job) -> str:
        key = (job.rules_key, job.ignore, job.filetype)
        if key not in self._fingerprints:
            self._fingerprints[key] = fingerprint(self._rules[job.rules_key], job.ignore, f"{job.filetype}{job.html_skip}{job.language}")
        return self._fingerprints[key]

    def _lint_fresh(self, jobs: list[_Job]) -> list[_Outcome]:
        workers = min(self.options.jobs or os.cpu_count() or 1, max(1, len(jobs) // PARALLEL_MIN))
        progress = Progress(len(jobs))
        if workers <= 1:
            out = []
            with session():
                for job in jobs:
                    out.append(_lint_job(self._rules[job.rules_key], job, self.options.encoding))
                    progress.step()
            progress.done()
            return out
        for rules in self._rules.values():  # once here, not in every worker (and kept in the pattern store)
            for rule in rules:
                for language in rule.variants or ():
                    rule.prepared_for(language)
        threading = sys.modules.get("threading")
        forking = hasattr(os, "fork") and (threading is None or threading.active_count() == 1)
        # A forked run's slices are small (the last ones end together), but no more than its queue
        # holds; a pool's slices are messages, so they are larger.
        if forking:
            size = max(FORKED_SLICE, -(-len(jobs) // QUEUE_SLICES))
        else:
            size = max(1, min(CHUNK, len(jobs) // (workers * 16)))
        bounds = [(k, min(k + size, len(jobs))) for k in range(0, len(jobs), size)]
        if forking:
            results = self._lint_forked(jobs, bounds, workers, progress)
        else:
            results = self._lint_pooled(jobs, bounds, workers, progress)
        progress.done()
        return results

    def _lint_forked(self, jobs: list[_Job], bounds: list[tuple[int, int]], workers: int, progress: Progress) -> list[_Outcome]:
        """This process and `workers - 1` forked children take slices from one queue until it is
        empty, so that each finishes when the others do, whichever stories are long. The queue
        is a pipe filled with every slice number before the fork (at most QUEUE_SLICES, so that
        the one write fits an empty pipe without waiting): a 4-byte read takes one number whole, and
        an empty pipe whose writers are gone reads as its end, so no one waits on anyone. A
        child pickles its outcomes back through its own pipe; the slices of a child that fails
        are linted here. Cheaper than a pool: one process fewer, no helper threads."""
        import pickle

        _start_worker(self._rules, jobs, self.options.encoding)
        queue_read, queue_write = os.pipe()
        os.write(queue_write, b"".join(k.to_bytes(4, "little") for k in range(len(bounds))))
        children: list[tuple[int, int]] = []
        for _ in range(1, workers):
            read_fd, write_fd = os.pipe()
            try:
                pid = os.fork()
            except OSError:  # no process to be had (a limit reached): those running share the queue
                os.close(read_fd)
                os.close(write_fd)
                break
            if pid == 0:  # the child: lint what it takes, send it, and leave without running exit handlers
                status = 1
                try:
                    os.close(read_fd)
                    os.close(queue_write)
                    mine = {k: _lint_slice(bounds[k]) for k in _taken(queue_read)}
                    with os.fdopen(write_fd, "wb") as pipe:
                        pickle.dump(mine, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                    status = 0
                finally:
                    os._exit(status)
            os.close(write_fd)
            children.append((pid, read_fd))
        os.close(queue_write)
        done: dict[int, list[_Outcome | None]] = {}
        for k in _taken(queue_read):
            done[k] = _lint_slice(bounds[k])
            progress.reach(bounds[k][1])  # slices are taken in order: all before this one are out
        os.close(queue_read)
        for pid, read_fd in children:
            with os.fdopen(read_fd, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            try:
                done.update(pickle.loads(data) if status == 0 else {})  # our own child's data
            except Exception:  # noqa: BLE001 - a child that died mid-write: its slices are linted below
                pass
        for k in range(len(bounds)):
            if k not in done:
                done[k] = _lint_slice(bounds[k])
        _start_worker({}, [], None)  # let the jobs go
        return [_Outcome("linted") if o is None else o for k in range(len(bounds)) for o in done[k]]

    def _lint_pooled(self, jobs: list[_Job], bounds: list[tuple[int, int]], workers: int, progress: Progress) -> list[_Outcome]:
        """Where processes cannot be forked (or threads run): a pool of spawned workers, given the
        rules and the job list once each, handed slices as they become free."""
        import multiprocessing

        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        results: list[_Outcome] = []
        with context.Pool(workers, initializer=_start_worker, initargs=(self._rules, jobs, self.options.encoding)) as pool:
            for chunk in pool.imap(_lint_slice, bounds):  # in order, so the output is the serial run's
                results += [_Outcome("linted") if o is None else o for o in chunk]
                progress.step(len(chunk))
        return results


PARALLEL_MIN = 64  # fewer fresh stories per worker than this: not worth starting processes
CHUNK = 32
FORKED_SLICE = 4
QUEUE_SLICES = 1024  # 4 bytes each: 4 KiB, which an empty pipe takes in one write on every system


def _taken(queue: int) -> Iterator[int]:
    """Slice numbers read from a forked run's queue until it is empty (see Runner._lint_forked)."""
    while True:
        number = os.read(queue, 4)
        if len(number) < 4:
            return
        yield int.from_bytes(number, "little")


class _Job(Record):
    """One story to lint; `text` is None until a worker reads it."""

    __slots__ = ("path", "text", "rules_key", "ignore", "filetype", "html_skip", "language", "fail_on",
                 "fingerprint", "known_sha", "stamp")

    path: str
    text: str | None
    rules_key: str
    ignore: frozenset[str]
    filetype: str
    html_skip: tuple[str, ...] | None
    language: str
    fail_on: str
    fingerprint: str  # of the rule set, when the results cache is on
    known_sha: str  # the hash of the text the cache holds findings for: equal means unchanged
    stamp: list[int] | None  # the file stamp taken before reading the text (see cache.file_stamp)

    def __init__(self, path: str, text: str | None, rules_key: str, ignore: frozenset[str], filetype: str = "text",
                 html_skip: tuple[str, ...] | None = None, language: str = "auto", fail_on: str = "warning") -> None:
        self.path = path
        self.text = text
        self.rules_key = rules_key
        self.ignore = ignore
        self.filetype = filetype
        self.html_skip = html_skip
        self.language = language
        self.fail_on = fail_on
        self.fingerprint = ""
        self.known_sha = ""
        self.stamp = None


class _Outcome(Record):
    """What became of one story: `linted`; `cached` (its file stamp is the cache's) or `unchanged`
    (its text hashes as the cache's): the cache's findings stand; `unreadable`; or `skipped` (not
    a story). `messages` are error lines (or the skip notice); `unjudged` are
    "language: rule, rule" keys of the rules that had no word lists for its language."""

    __slots__ = ("status", "findings", "messages", "unjudged", "sha", "stamp")

    status: str
    findings: list[Finding]
    messages: list[str]
    unjudged: list[str]
    sha: str
    stamp: list[int] | None

    def __init__(self, status: str, findings: list[Finding] | None = None, messages: list[str] | None = None,
                 unjudged: list[str] | None = None, sha: str = "", stamp: list[int] | None = None) -> None:
        self.status = status
        self.findings = [] if findings is None else findings
        self.messages = [] if messages is None else messages
        self.unjudged = [] if unjudged is None else unjudged
        self.sha = sha
        self.stamp = stamp

    @property
    def clean(self) -> bool:
        """Linted, with nothing to report or cache (most of an archive); equal to _Outcome("linted"),
        tested without building the tuples that equality compares."""
        return (self.status == "linted" and not self.findings and not self.messages and not self.unjudged
                and not self.sha and self.stamp is None)


def _count(report: Report, job: _Job) -> None:
    report.files += 1
    report.paths.append(job.path)
    report.fail_on[job.path] = job.fail_on


def _lint_job(rules: list[Rule], job: _Job, encoding: str | None = None) -> _Outcome:
    """Read (unless read already), then lint one story; with the results cache on, a story whose
    text hashes as the cache's needs no linting."""
    text, stamp, data = job.text, job.stamp, None
    if text is None:
        stamp = file_stamp(job.path) if job.fingerprint else None  # before reading: never newer than the text
        try:
            raw = read_raw(job.path)
            if job.filetype == "text" and encoding is None and len(raw) > 2 * SECTION_CHARS:
                data = utf8_body(raw, job.path)  # a long story, decoded a section at a time
            else:
                text = decode(raw, job.path, encoding)
            del raw
        except InputError as exc:
            return _Outcome("unreadable", messages=[str(exc)])
        except Skipped as exc:
            return _Outcome("skipped", messages=[str(exc)])
    sha = (digest(text) if data is None else digest_data(data)) if job.fingerprint else ""
    if job.known_sha and sha == job.known_sha:
        return _Outcome("unchanged", sha=sha, stamp=stamp)
    failures: list[RuleFailure] = []
    unjudged: set[str] = set()
    try:
        if data is not None:
            findings, language = lint_story_data(data, rules, job.path, job.ignore, failures, job.language, unjudged)
        else:
            findings, language = lint_story(text, rules, job.path, job.ignore, failures, job.filetype, job.html_skip,
                                            job.language, unjudged)
    except InputError as exc:  # broken front matter; or a long story's bytes that are not UTF-8 after all
        return _Outcome("linted" if data is None else "unreadable", messages=[str(exc)], sha=sha)
    except Exception as exc:  # a reader bug must not hide the other stories' results
        return _Outcome("linted", messages=[f"internal error reading {job.path} as {job.filetype}: {type(exc).__name__}: {exc}"])
    skipped = [f"{language}: {', '.join(sorted(unjudged))}"] if unjudged else []
    messages = [f"internal error in {exc.rule} on {job.path}: {exc.error}" for exc in failures]
    return _Outcome("linted", findings, messages, skipped, sha, stamp)


def unjudged_notices(unjudged: dict[str, set[str]]) -> list[str]:
    """One line per language that some rules could not judge (no word lists for it)."""
    out = []
    for key, paths in sorted(unjudged.items()):
        language, rules = key.split(": ", 1)
        n = len(paths)
        out.append(f"{n} {'story' if n == 1 else 'stories'} in '{language}' not judged by {rules}: "
                   f"no word lists for that language (set `language` in the configuration if it was misread)")
    return out


# A worker's share of a parallel run: set once per worker process (see Runner._lint_fresh).
_WORK: tuple[dict[str, list[Rule]], list[_Job], str | None] | None = None


def _start_worker(rules: dict[str, list[Rule]], jobs: list[_Job], encoding: str | None) -> None:
    global _WORK
    _WORK = (rules, jobs, encoding)


def _lint_slice(bounds: tuple[int, int]) -> list[_Outcome | None]:
    """A worker's outcomes for jobs[start:end]; None for a story linted clean with nothing to
    cache (most of an archive), so that less is pickled back while the other worker runs."""
    assert _WORK is not None
    rules, jobs, encoding = _WORK
    with session():
        outcomes = [_lint_job(rules[job.rules_key], job, encoding) for job in jobs[bounds[0] : bounds[1]]]
    return [None if o.clean else o for o in outcomes]


class Progress:
    """`files done / total` on stderr, only when it is a terminal and the run is long."""

    def __init__(self, total: int) -> None:
        self.total, self.count = total, 0
        self.enabled = total >= 200 and sys.stderr.isatty()

    def step(self, n: int = 1) -> None:
        self.reach(self.count + n)

    def reach(self, count: int) -> None:
        """At least `count` files are done (or handed out); shown at every hundred and at the end."""
        count = min(self.total, count)
        if count <= self.count:
            return
        before, self.count = self.count, count
        if self.enabled and (count // 100 > before // 100 or count == self.total):
            sys.stderr.write(f"\rcopylint: {count}/{self.total} files")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def build_rules(settings: Settings, extra_dirs: list[Path], cache_dir: Path | None = None) -> list[Rule]:
    """The rules a configuration selects, with its severity and option overrides applied."""
    dirs = [*settings.rule_dirs, *extra_dirs]
    rules = {r.id: r for r in load_rules(dirs, cache_dir=cache_dir)}
    where = str(settings.source or "command line")
    named = {*(settings.select or ()), *settings.extend_select, *settings.ignore, *settings.per_file_ignores_ids(), *settings.rules}
    unknown = sorted(named - set(rules) - {"ALL"})
    if unknown:
        raise ConfigError(f"{where}: unknown rule id '{unknown[0]}' (see `copylint rules`)")
    selected = set(rules) if settings.select is None or "ALL" in settings.select else set(settings.select)
    selected = (selected | set(settings.extend_select)) - set(settings.ignore)
    lists = word_lists(dirs) if settings.rules else {}
    out: list[Rule] = []
    for rule_id in sorted(selected):
        rule = rules[rule_id]
        override = settings.rules.get(rule_id, {})
        if "options" in override:
            options, problems = resolve_options(rule.kind, {**rule.options, **override["options"]}, lists)
            if problems:
                key, message = problems[0]
                raise ConfigError(f"{where}: rules.{rule_id}.{key}: {message}")
            rule = rule.with_options(options)
        if "severity" in override:
            rule = rule.with_severity(override["severity"])
        out.append(rule)
    return out


__all__ = ["RunOptions", "Runner", "build_rules", "ConfigError", "RuleLoadError"]
