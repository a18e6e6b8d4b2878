"""Interrupted runs, with real signals against a real process tree.

SIGTERM or Ctrl-C (SIGINT to the process group) stops a run between writes: every file holds
its original or its fixed bytes, no temporary file remains, stderr has one line and the exit
code is 128 + the signal. Worker processes die with their parent, even one killed outright.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gofix_bind import interrupt

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads worker pids and states from /proc"
)

# Several listeners a file, so that the run lasts seconds with few files to copy and remove.
LISTENERS = 8
OLD = b'package main\n\nimport "net/http"\n' + b"".join(
    b'\nfunc f%d() {\n\thttp.ListenAndServe(":%d", nil)\n}\n' % (i, 8000 + i)
    for i in range(LISTENERS)
)
NEW = OLD.replace(b'(":', b'("127.0.0.1:')
# One package per file: many units for two workers.
FILES = 1000
# Generous: these are correctness checks with a time limit, not timings.
STARTED_WITHIN = 60.0
ENDED_WITHIN = 20.0
WORKERS_GONE_WITHIN = 10.0
POLL = 0.02


def _source(root: Path, index: int) -> Path:
    return root / f"p{index // 100:03d}" / f"m{index:05d}" / "main.go"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Build the tree once: FILES packages, each a server listening on every interface."""
    root = tmp_path_factory.mktemp("pristine")
    for index in range(FILES):
        path = _source(root, index)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(OLD)
    yield root
    # Removed now, not kept with pytest's last few temporary trees: they are large.
    shutil.rmtree(root)


@pytest.fixture
def tree(pristine: Path, tmp_path: Path) -> Iterator[Path]:
    """Return a fresh copy of the tree for one run."""
    copy = Path(shutil.copytree(pristine, tmp_path / "tree"))
    yield copy
    shutil.rmtree(copy)


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Collect the runs a test starts; any still running at the end is killed (by its pid)."""
    runs: list[subprocess.Popen[bytes]] = []
    yield runs
    for run in runs:
        if run.poll() is None:
            run.kill()
            run.wait()


def _start(tree: Path, runs: list[subprocess.Popen[bytes]], *flags: str) -> subprocess.Popen[bytes]:
    """Start gofix-bind in its own session, as a terminal's foreground job would be."""
    run = subprocess.Popen(
        [sys.executable, "-m", "gofix_bind", "--isolated", "--allow-dirty", "-j", "2", *flags, "."],
        cwd=tree,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    runs.append(run)
    return run


def _wait_for(sign: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + STARTED_WITHIN
    while not sign():
        assert time.monotonic() < deadline, f"never saw {what}"
        time.sleep(POLL)


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as listing:
        return [int(child) for child in listing.read().split()]


def _workers(run: subprocess.Popen[bytes]) -> list[int]:
    """Wait until the run has its two worker processes, and return their pids."""
    _wait_for(lambda: run.poll() is not None or len(_children(run.pid)) >= 2, "two workers")
    assert run.poll() is None, "the run ended before its workers started"
    return _children(run.pid)


def _first_write(tree: Path, run: subprocess.Popen[bytes]) -> None:
    """Wait until the run has written its first file (units come back in order)."""
    first = [_source(tree, index) for index in range(20)]
    _wait_for(
        lambda: run.poll() is not None or any(p.read_bytes() == NEW for p in first), "a write"
    )
    assert run.poll() is None, "the run ended before it could be interrupted"


def _alive(pid: int) -> bool:
    """Tell whether a process still runs; a zombie has ended and waits only to be reaped."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            state = stat.read().rpartition(")")[2].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def _stop(
    run: subprocess.Popen[bytes], signum: int, group: bool, times: int = 1
) -> tuple[bytes, bytes]:
    """Send the signal (to the whole group, as a terminal's Ctrl-C does); return the output."""
    for _ in range(times):
        if group:
            os.killpg(run.pid, signum)
        else:
            os.kill(run.pid, signum)
    stdout, stderr = run.communicate(timeout=ENDED_WITHIN)
    return stdout, stderr


def _tree_state(tree: Path) -> tuple[int, list[str], list[str]]:
    """Return the files holding the fixed bytes, the stray files, and the damaged files."""
    fixed, stray, damaged = 0, [], []
    for directory, _, names in os.walk(tree):
        for name in names:
            path = Path(directory, name)
            if name != "main.go":
                stray.append(str(path.relative_to(tree)))
                continue
            data = path.read_bytes()
            fixed += data == NEW
            if data not in (OLD, NEW):
                damaged.append(str(path.relative_to(tree)))
    return fixed, stray, damaged


STOPS = [
    pytest.param(signal.SIGTERM, False, 1, id="SIGTERM"),
    pytest.param(signal.SIGINT, True, 1, id="ctrl-c"),
    pytest.param(signal.SIGINT, True, 2, id="ctrl-c-twice"),
]


@pytest.mark.parametrize(("signum", "group", "times"), STOPS)
def test_signal_during_apply_leaves_each_file_whole(
    tree: Path,
    started: list[subprocess.Popen[bytes]],
    signum: signal.Signals,
    group: bool,
    times: int,
) -> None:
    run = _start(tree, started, "--apply")
    _first_write(tree, run)
    _, stderr = _stop(run, signum, group, times)
    fixed, stray, damaged = _tree_state(tree)
    assert stray == []
    assert damaged == []
    assert 0 < fixed < FILES
    text = stderr.decode()
    files = "1 file" if fixed == 1 else f"{fixed} files"
    assert text == (
        f"gofix-bind: interrupted ({signum.name}); {files} written, the rest left as they were\n"
    )
    assert run.returncode == 128 + signum


@pytest.mark.parametrize(
    "flags",
    [pytest.param([], id="report"), pytest.param(["--diff", "-o", "fixes.patch"], id="diff-o")],
)
def test_ctrl_c_in_report_mode_stops_cleanly(
    tree: Path, started: list[subprocess.Popen[bytes]], flags: list[str]
) -> None:
    run = _start(tree, started, *flags)
    _workers(run)
    stdout, stderr = _stop(run, signal.SIGINT, group=True)
    assert stderr.decode() == "gofix-bind: interrupted (SIGINT)\n"
    assert run.returncode == 130
    assert stdout == b""
    # No report, not even half of one, and nothing else left behind.
    assert _tree_state(tree) == (0, [], [])


def test_workers_die_with_a_killed_parent(
    tree: Path, started: list[subprocess.Popen[bytes]]
) -> None:
    run = _start(tree, started)
    workers = _workers(run)
    try:
        run.kill()
        run.wait()
        deadline = time.monotonic() + WORKERS_GONE_WITHIN
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(POLL)
        assert [pid for pid in workers if _alive(pid)] == []
    finally:
        # The old behaviour leaves them blocked for minutes: end them here, by their own pids.
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture
def handlers() -> Iterator[None]:
    """Put this process's SIGINT and SIGTERM handlers back (a stop leaves both ignored)."""
    saved = {signum: signal.getsignal(signum) for signum in interrupt.STOP_SIGNALS}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


def _let_handlers_run() -> None:
    # Python runs a handler between bytecodes of the main thread, and sleep checks for one.
    for _ in range(50):
        time.sleep(0.001)


@pytest.mark.usefixtures("handlers")
def test_a_signal_inside_a_write_waits_for_its_end() -> None:
    steps = []
    with pytest.raises(interrupt.Interrupted) as stop, interrupt.stopping():
        with interrupt.shielded():
            os.kill(os.getpid(), signal.SIGTERM)
            _let_handlers_run()
            steps.append("write finished")
        steps.append("next write started")
    assert steps == ["write finished"]
    assert stop.value.signum == signal.SIGTERM
    # Stopping: a second signal is ignored rather than raised in the clean-up.
    os.kill(os.getpid(), signal.SIGINT)
    _let_handlers_run()


@pytest.mark.usefixtures("handlers")
def test_a_signal_between_writes_stops_at_once() -> None:
    steps = []
    with pytest.raises(interrupt.Interrupted) as stop, interrupt.stopping():
        os.kill(os.getpid(), signal.SIGINT)
        _let_handlers_run()
        steps.append("next write started")
    assert steps == []
    assert stop.value.message() == "gofix-bind: interrupted (SIGINT)"


# A parent that forks one worker prepared as the pool prepares it, prints its pid and ends.
# Without prctl, only the watchdog can end the worker.
ORPHAN = """
import os, sys, time
from gofix_bind import interrupt
if sys.argv[1] == "watchdog":
    interrupt._kill_with_parent = lambda: False
parent = os.getpid()
child = os.fork()
if child == 0:
    # Holding no end of the parent's pipes: the test reads them to their end.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    interrupt.worker_start(parent)
    time.sleep(60)
    os._exit(0)
print(child, flush=True)
time.sleep(0.5)
os._exit(0)
"""


@pytest.mark.parametrize("way", ["prctl", "watchdog"])
def test_a_worker_dies_with_its_parent(way: str) -> None:
    parent = subprocess.run(
        [sys.executable, "-c", ORPHAN, way], capture_output=True, check=True, timeout=ENDED_WITHIN
    )
    worker = int(parent.stdout)
    try:
        deadline = time.monotonic() + WORKERS_GONE_WITHIN
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(POLL)
        assert not _alive(worker)
    finally:
        if _alive(worker):
            os.kill(worker, signal.SIGKILL)
