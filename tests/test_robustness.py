"""Hostile input, broken rules, runaway regexes: a defined behaviour for each, never a traceback,
a hang, or a touched story."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from copylint import check
from copylint.document import parse
from copylint.engine import lint_text

CLEAN = 'Harbour plan\n\nLONDON (Reuters) - "We will build it," the mayor said.\n'


def cli(*args: str, cwd: Path = ROOT, stdin: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "copylint", *args], cwd=cwd, input=stdin, capture_output=True, timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("empty.txt", b"", "No problems found in 1 file.\n"),
    ("blank.txt", b"  \n\t\n\n  \n", "No problems found in 1 file.\n"),
    ("bom.txt", "\ufeff".encode() + CLEAN.encode(), "No problems found in 1 file.\n"),
])
def test_empty_blank_and_bom_files(tmp_path, name, data, expected):
    (tmp_path / name).write_bytes(data)
    result = cli("check", "--no-cache", str(tmp_path / name))
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_lone_cr_keep_positions(tmp_path, newline):
    story = tmp_path / "story.txt"
    story.write_bytes(newline.join(["Head", "", 'LONDON (Reuters) - The so-called "plan" failed.', ""]).encode())
    result = cli("check", "--no-cache", "--format", "json", str(story))
    assert [(f["line"], f["column"], f["rule"]) for f in json.loads(result.stdout)] == [(3, 34, "scare-quotes")]


def test_windows_1252_is_refused_with_a_hint_then_read_with_encoding(tmp_path):
    story = tmp_path / "legacy.txt"
    story.write_bytes(b"Head\r\n\r\nLONDON (Reuters) - The so-called \x93plan\x94 failed.\r\n")
    refused = cli("check", "--no-cache", str(story))
    assert refused.returncode == 2
    assert refused.stderr == (f"copylint: {story}:3:34: not valid UTF-8 (byte 0x93); if it is Windows-1252 "
                              "(curly quotes as 0x93/0x94), use --encoding cp1252\n")
    decoded = cli("check", "--no-cache", "--encoding", "cp1252", str(story))
    assert decoded.stdout.startswith(f"{story}:3:34: scare-quotes [warning] Scare quotes around \"plan\"")
    assert cli("check", "--encoding", "klingon", str(story)).stderr == "copylint: unknown encoding 'klingon'\n"


def test_invalid_utf8_in_the_middle_names_line_and_column(tmp_path):
    story = tmp_path / "broken.txt"
    story.write_bytes(b"Head\n\nFirst line fine.\nSecond \xff line.\n")
    result = cli("check", str(story), str(ROOT / "seeds"))
    assert result.returncode == 2
    assert f"copylint: {story}:4:8: not valid UTF-8 (byte 0xff)" in result.stderr
    assert "seeds/000_e89cc9545c4c39cd.txt:7:181: scare-quotes" in result.stdout  # the rest still linted


def test_binary_file_is_skipped_with_a_notice(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0IHDR")
    (tmp_path / "story.txt").write_text(CLEAN)
    result = cli("check", "--no-cache", str(tmp_path))
    assert result.returncode == 0
    assert result.stderr == f"copylint: {tmp_path / 'image.txt'}: binary file (contains NUL bytes), skipped\n"
    assert result.stdout == "No problems found in 1 file.\n"


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can read anything")
def test_unreadable_file_is_an_error_and_the_rest_is_linted(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(CLEAN)
    locked.chmod(0)
    (tmp_path / "open.txt").write_text('"Unclosed\n')
    result = cli("check", "--no-cache", str(tmp_path))
    assert result.returncode == 2 and "locked.txt: cannot read: Permission denied" in result.stderr
    assert "open.txt:1:1: unbalanced-quotes" in result.stdout


def test_symlink_loops_and_fifos_do_not_hang(tmp_path):
    desk = tmp_path / "desk"
    (desk / "sub").mkdir(parents=True)
    (desk / "sub" / "story.txt").write_text(CLEAN)
    (desk / "sub" / "loop").symlink_to(desk, target_is_directory=True)
    os.mkfifo(desk / "pipe.txt")
    result = cli("check", "--no-cache", str(desk), timeout=30)
    assert result.returncode == 0 and result.stdout == "No problems found in 1 file.\n"
    explicit = cli("check", "--no-cache", str(desk / "pipe.txt"), timeout=30)
    assert explicit.returncode == 2
    assert explicit.stderr == f"copylint: {desk / 'pipe.txt'}: not a regular file (a FIFO, socket or device), skipped\n"


def test_unreadable_directory_is_reported(tmp_path):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root can list anything")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        result = cli("check", str(tmp_path))
        assert result.returncode == 2 and "cannot list" in result.stderr
    finally:
        locked.chmod(0o755)


def _per_mb(size: int, rules) -> float:
    line = 'The minister said "we will win" and left. "It is over," she said. ' * (size // 66)
    start = time.perf_counter()
    lint_text(line, rules)
    return (time.perf_counter() - start) / len(line)


def test_a_single_huge_line_lints_in_linear_time(rules):
    small, large = _per_mb(200_000, rules), _per_mb(2_000_000, rules)
    assert large < 2.0 * small  # per-character cost does not grow with the line


def test_extremely_deep_nesting_is_linear():
    start = time.perf_counter()
    doc = parse("«" * 50_000 + " x " + "»" * 50_000)
    assert time.perf_counter() - start < 5
    assert len(doc.quotes) >= 49_990


def test_every_quotation_mark_in_odd_positions(rules):
    marks = "\"'“”‘’„‟‚‛«»‹›「」『』＂"
    text = "".join(f"{m}{m}a{m} {m}\n\n{m}" for m in marks) + marks + "\n" + marks[::-1]
    for f in lint_text(text, rules):
        assert 1 <= f.line <= text.count("\n") + 1 and f.end_line >= f.line


def greedy_rule(tmp_path: Path, pattern: str, line: str) -> tuple[Path, Path]:
    """A house rule with a catastrophic pattern, and a story with a long line that triggers it."""
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "greedy.yaml").write_text(
        "id: greedy\nseverity: warning\nkind: pattern\nsummary: s\nmessage: '{match}'\n"
        f"options:\n  pattern: '{pattern}'\n"
    )
    story = tmp_path / "story.txt"
    story.write_text("Head\n\nLONDON (Reuters) - " + line + "!\n")
    return rules, story


def test_catastrophic_house_regex_is_stopped_and_reported(tmp_path, monkeypatch):
    rules, story = greedy_rule(tmp_path, "(a+)+$", "a" * 5000)
    monkeypatch.setattr("copylint.timebudget.BASE_SECONDS", 1.0)
    start = time.perf_counter()
    code = check.run_check(check.CheckArgs(paths=[str(story)], rules=[rules], no_cache=True))
    assert time.perf_counter() - start < 10
    assert code == 2


def test_catastrophic_regex_through_the_cli_is_an_error_line_not_a_hang(tmp_path):
    rules, story = greedy_rule(tmp_path, "(\\w+\\s?)*$", "word " * 3000)
    result = cli("check", "--no-cache", "--rules", str(rules), str(story), timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith(f"copylint: internal error in greedy on {story}: RuleTimeout: exceeded its")


def test_internal_error_in_a_kind_is_reported_and_other_results_printed(tmp_path, monkeypatch, capsys):
    import copylint.kinds.balance as balance

    def boom(doc, prepared):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(balance, "check", boom)
    (tmp_path / "a.txt").write_text('Head\n\nThe so-called "plan" failed.\n')
    code = check.run_check(check.CheckArgs(paths=[str(tmp_path / "a.txt")], no_cache=True, isolated=True))
    out, err = capsys.readouterr()
    assert code == 2
    assert f"copylint: internal error in unbalanced-quotes on {tmp_path / 'a.txt'}: ZeroDivisionError: division by zero" in err
    assert f"{tmp_path / 'a.txt'}:3:15: scare-quotes" in out


def test_stories_are_never_modified(tmp_path):
    story = tmp_path / "story.txt"
    story.write_bytes(b'Head\r\n\r\n"Unclosed <!-- copylint: disable-next-line nothing -->\r\n')
    before = (story.read_bytes(), story.stat().st_mtime_ns)
    for fmt in ("text", "json", "sarif"):
        cli("check", "--format", fmt, str(story))
    cli("baseline", str(tmp_path / "b.json"), str(story))
    assert (story.read_bytes(), story.stat().st_mtime_ns) == before


def test_jobs_give_byte_identical_output(tmp_path):
    for k in range(150):
        (tmp_path / f"s{k:03}.txt").write_text(f'Head {k}\n\nThe "plan" number {k} "failed.\n')
    serial = cli("check", "--no-cache", "--jobs", "1", str(tmp_path))
    parallel = cli("check", "--no-cache", "--jobs", "2", str(tmp_path))
    assert serial.stdout == parallel.stdout and serial.returncode == parallel.returncode == 1
    assert serial.stdout.count("\n") == 150 * 3 + 1


def test_cache_is_used_invalidated_and_survives_damage(tmp_path):
    cache = tmp_path / "cache"
    story = tmp_path / "s.txt"
    story.write_text('Head\n\nThe so-called "plan" failed.\n')
    first = cli("check", "--cache-dir", str(cache), str(story)).stdout
    assert list(cache.glob("*/*.json")) and (cache / ".gitignore").exists()
    assert cli("check", "--cache-dir", str(cache), str(story)).stdout == first
    story.write_text('Head\n\nThe plan failed.\n')  # edited: linted again, not served stale
    assert "scare-quotes" not in cli("check", "--cache-dir", str(cache), str(story)).stdout
    for shard in cache.glob("*/*.json"):
        shard.write_text("{not json")
    assert cli("check", "--cache-dir", str(cache), str(story)).returncode == 1  # missing dateline still found


def test_concurrent_runs_leave_a_valid_cache(tmp_path):
    cache = tmp_path / "cache"
    for k in range(80):
        (tmp_path / f"s{k}.txt").write_text(f'Head\n\nStory {k} "opens.\n')
    procs = [subprocess.Popen([sys.executable, "-m", "copylint", "check", "--cache-dir", str(cache), "--jobs", "1", str(tmp_path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT) for _ in range(4)]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert len(set(outputs)) == 1
    for shard in cache.glob("*/*.json"):
        json.loads(shard.read_text())  # every shard is whole
    assert not list(cache.glob("*/.*.tmp"))


def test_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    from copylint import files

    target = tmp_path / "baseline.json"
    target.write_text('{"old": true}')

    def fail(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(target, '{"new": true}')
    assert target.read_text() == '{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]


def test_progress_is_silent_when_stderr_is_not_a_terminal(tmp_path):
    for k in range(250):
        (tmp_path / f"s{k}.txt").write_text(CLEAN)
    assert cli("check", "--no-cache", str(tmp_path)).stderr == ""


def test_permission_denied_is_reported_even_when_running_as_root(tmp_path, monkeypatch, capsys):
    """The chmod test above cannot run as root (CI): simulate the refusal in-process instead."""
    from copylint import sources

    locked, other = tmp_path / "locked.txt", tmp_path / "open.txt"
    locked.write_text(CLEAN)
    other.write_text('"Unclosed\n')
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if os.path.basename(path) == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(sources.os, "open", refuse)
    code = check.run_check(check.CheckArgs(paths=[str(tmp_path)], no_cache=True, isolated=True))
    out, err = capsys.readouterr()
    assert code == 2
    assert err == f"copylint: {locked}: cannot read: Permission denied\n"
    assert f"{other}:1:1: unbalanced-quotes" in out and out.endswith("in 1 file.\n")


def test_unlistable_folder_is_reported_even_when_running_as_root(tmp_path, monkeypatch):
    from copylint import sources

    (tmp_path / "story.txt").write_text(CLEAN)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.txt").write_text(CLEAN)
    real_scandir = os.scandir

    def scandir(path):  # root may list any folder: refuse this one as a locked folder would be
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(sources.os, "scandir", scandir)
    files, errors = sources.collect([str(tmp_path)])
    assert files == [str(tmp_path / "story.txt")]
    assert errors == [f"{tmp_path / 'locked'}: cannot list: Permission denied"]


def test_cache_reads_an_old_unchanged_story_not_at_all_and_a_touched_one_without_linting(tmp_path, monkeypatch):
    from copylint import runner as runner_module
    from copylint.runner import Runner, RunOptions

    story = tmp_path / "s.txt"
    story.write_text('Head\n\nThe so-called "plan" failed.\n')
    old = time.time() - 60
    os.utime(story, (old, old))
    reads: list[str] = []
    lints: list[str] = []
    real_read, real_lint = runner_module.read_raw, runner_module.lint_story
    monkeypatch.setattr(runner_module, "read_raw", lambda path: reads.append(path) or real_read(path))
    monkeypatch.setattr(runner_module, "lint_story", lambda text, rules, path, *a: lints.append(path) or real_lint(text, rules, path, *a))

    def run() -> list:
        reads.clear(), lints.clear()
        return Runner(RunOptions(isolated=True, cache_dir=tmp_path / "cache")).run([str(story)]).findings

    first = run()
    assert [f.rule for f in first] == ["missing-dateline", "scare-quotes"] and lints == [str(story)]
    assert run() == first and reads == [] and lints == []  # its stamp is the cache's: not even read
    os.utime(story, (old + 5, old + 5))  # touched, same text: read and hashed, not linted
    assert run() == first and reads == [str(story)] and lints == []
    assert run() == first and reads == []  # the new stamp was remembered
    story.write_text('Head\n\nThe so-called "pact" failed.\n')  # same size, written just now: no stamp trusted
    assert '"pact"' in run()[1].message and lints == [str(story)]
    assert run() and reads == [str(story)] and lints == []


def test_a_worker_that_fails_leaves_its_stories_to_the_main_process(tmp_path, monkeypatch):
    from copylint import runner as runner_module
    from copylint.runner import RunOptions, Runner

    for k in range(150):
        (tmp_path / f"s{k:03}.txt").write_text(f'Head\n\nThe "plan" number {k} "failed.\n')
    serial = Runner(RunOptions(isolated=True, jobs=1, results_cache=False)).run([str(tmp_path)])
    parent, real = os.getpid(), runner_module._lint_slice

    def failing_in_children(bounds):
        if os.getpid() != parent:
            raise MemoryError("a worker ran out of memory")
        return real(bounds)

    monkeypatch.setattr(runner_module, "_lint_slice", failing_in_children)
    parallel = Runner(RunOptions(isolated=True, jobs=2, results_cache=False)).run([str(tmp_path)])
    assert parallel.findings == serial.findings and len(serial.findings) == 450
    assert parallel.errors == serial.errors == [] and parallel.files == 150


def test_forked_workers_take_slices_from_one_queue_so_a_slow_one_takes_fewer(tmp_path, monkeypatch):
    import time

    from copylint import runner as runner_module
    from copylint.runner import RunOptions, Runner

    for k in range(160):
        (tmp_path / f"s{k:03}.txt").write_text(f'Head\n\nThe "plan" number {k} "failed.\n')
    serial = Runner(RunOptions(isolated=True, jobs=1, results_cache=False)).run([str(tmp_path)])
    monkeypatch.setattr(runner_module, "QUEUE_SLICES", 16)  # 160 stories: 16 slices of 10
    parent, real, log = os.getpid(), runner_module._lint_slice, tmp_path / "taken.log"

    def slow_in_the_parent(bounds):
        if os.getpid() == parent:
            time.sleep(0.2)  # a busy core: the child should take most of the queue meanwhile
        with open(log, "a") as out:
            out.write(f"{os.getpid() == parent} {bounds[0]} {bounds[1]}\n")
        return real(bounds)

    monkeypatch.setattr(runner_module, "_lint_slice", slow_in_the_parent)
    parallel = Runner(RunOptions(isolated=True, jobs=2, results_cache=False)).run([str(tmp_path)])
    taken = [line.split() for line in log.read_text().splitlines()]
    assert sorted((int(a), int(b)) for _, a, b in taken) == [(k, k + 10) for k in range(0, 160, 10)]  # each once
    by_parent = sum(who == "True" for who, _, _ in taken)
    assert by_parent < 8  # static halves would give the parent 8
    assert parallel.findings == serial.findings and len(serial.findings) == 480 and parallel.files == 160


def test_one_timer_for_a_run_stops_each_runaway_story_and_spares_the_next(tmp_path, monkeypatch):
    from copylint.engine import RuleFailure
    from copylint.rule import load_rules
    from copylint.timebudget import session

    rules_dir, _ = greedy_rule(tmp_path, "(a+)+$", "a")
    rules = [r for r in load_rules([rules_dir]) if r.id in ("greedy", "missing-dateline")]
    monkeypatch.setattr("copylint.timebudget.BASE_SECONDS", 1.0)
    runaway, plain = "Head\n\nLONDON (Reuters) - " + "a" * 5000 + "!\n", "Head\n\nLONDON (Reuters) - A quiet day.\n"
    start = time.perf_counter()
    with session():
        failures: list[RuleFailure] = []
        first = lint_text(runaway, rules, "runaway.txt", failures=failures)
        second: list[RuleFailure] = []
        clean = lint_text(plain, rules, "plain.txt", failures=second)
    assert time.perf_counter() - start < 8
    assert [f.rule for f in failures] == ["greedy"] and first == []  # the dateline rule ran after it: no finding
    assert second == [] and clean == []


@pytest.mark.parametrize("size", [0, 1, 65_535, 65_536, 65_537, 1_000_003])
def test_a_story_is_read_whole_whatever_its_size(tmp_path, size):
    from copylint.sources import read_raw

    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    (tmp_path / "s.txt").write_bytes(data)
    assert read_raw(str(tmp_path / "s.txt")) == data


def test_an_outcome_is_clean_exactly_when_it_equals_a_bare_linted_outcome():
    from copylint.runner import _Outcome

    bare = _Outcome("linted")
    outcomes = [bare, _Outcome("linted", [], [], [], "", None), _Outcome("cached"), _Outcome("linted", sha="ab"),
                _Outcome("linted", stamp=[1, 2, 3]), _Outcome("linted", messages=["m"]), _Outcome("linted", unjudged=["k"]),
                _Outcome("linted", findings=["a finding"])]
    assert [o.clean for o in outcomes] == [o == bare for o in outcomes] == [True, True] + [False] * 6


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux) to fill the disk on write")
@pytest.mark.parametrize("story", ['Head\n\nLONDON (Reuters) - Fine.\n', 'Head\n\nThe "plan" failed.\n' * 300])
def test_a_report_that_cannot_be_written_is_one_line_and_exit_2(tmp_path, story):
    (tmp_path / "s.txt").write_text(story)
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "copylint", "check", "--no-cache", str(tmp_path / "s.txt")],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.startswith("copylint: ") and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_a_reader_that_goes_away_leaves_no_traceback(tmp_path):
    for k in range(40):
        (tmp_path / f"s{k:02}.txt").write_text('Head\n\nThe "plan" failed.\n' * 200)
    proc = subprocess.Popen([sys.executable, "-m", "copylint", "check", "--no-cache", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(100)
    proc.stdout.close()  # like `| head -c 100`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) in (1, 2) and "Traceback" not in err


def test_a_fork_that_fails_leaves_the_stories_to_the_processes_running(tmp_path, monkeypatch):
    from copylint.runner import RunOptions, Runner

    for k in range(150):
        (tmp_path / f"s{k:03}.txt").write_text(f'Head\n\nThe "plan" number {k} "failed.\n')
    serial = Runner(RunOptions(isolated=True, jobs=1, results_cache=False)).run([str(tmp_path)])

    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    parallel = Runner(RunOptions(isolated=True, jobs=2, results_cache=False)).run([str(tmp_path)])
    assert parallel.findings == serial.findings and len(serial.findings) == 450 and parallel.errors == []


def test_progress_shows_every_hundred_files_it_passes_and_the_end(capsys):
    from copylint.runner import Progress

    progress = Progress(250)
    progress.enabled = True
    for count in (8, 96, 104, 104, 90, 212, 300):  # a forked run's parent jumps to where the queue is
        progress.reach(count)
    assert capsys.readouterr().err.split("\r")[1:] == ["copylint: 104/250 files", "copylint: 212/250 files",
                                                       "copylint: 250/250 files"]
