"""Stop a run cleanly on SIGINT or SIGTERM, and make worker processes die with their parent.

The parent turns either signal into Interrupted, raised between writes and never inside one
(see shielded); worker processes ignore SIGINT, which a terminal sends to the whole process
group, and are killed by the kernel (or their own watchdog) when the parent dies.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from types import FrameType
from typing import NoReturn

# The signals that ask a run to stop: Ctrl-C at a terminal, and kill, timeout or a CI runner.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
# linux/prctl.h: deliver a signal to this process when the thread that forked it ends.
PR_SET_PDEATHSIG = 1
# Where the kernel cannot do it, a worker checks this often whether its parent is gone.
WATCHDOG_SECONDS = 1.0


class Interrupted(BaseException):
    """A stop signal ended the run; written counts the files --apply wrote (None: no --apply).

    A BaseException, as KeyboardInterrupt is, so that no `except Exception` on the way out
    mistakes it for a file's own failure.
    """

    def __init__(self, signum: int, written: int | None = None) -> None:
        """Hold the signal, and the files written before it came."""
        super().__init__(signum, written)
        self.signum = signum
        self.written = written

    def message(self) -> str:
        """Return the one line said on stderr."""
        said = f"gofix-bind: interrupted ({signal.Signals(self.signum).name})"
        if self.written is None:
            return said
        if self.written == 0:
            return f"{said}; no file written"
        files = "1 file" if self.written == 1 else f"{self.written} files"
        return f"{said}; {files} written, the rest left as they were"


@dataclass
class _State:
    """What the parent's handler knows: inside a write, a signal held back, a stop begun."""

    shields: int = 0
    pending: int | None = None
    stopped: bool = False


_state = _State()


def _handle(signum: int, frame: FrameType | None) -> None:
    del frame
    if _state.stopped:
        # Already stopping: a second Ctrl-C must not break the clean-up with a traceback.
        return
    if _state.shields:
        _state.pending = signum
        return
    _state.stopped = True
    raise Interrupted(signum)


@contextlib.contextmanager
def stopping() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into Interrupted while the block runs (in the main thread).

    Once a stop has begun, both signals stay ignored after the block: the process is on its
    way out, and a signal now could only turn its last words into a traceback.
    """
    if threading.current_thread() is not threading.main_thread():
        # Python runs signal handlers in the main thread only; there they stay as they are.
        yield
        return
    previous = {signum: signal.signal(signum, _handle) for signum in STOP_SIGNALS}
    _state.shields, _state.pending, _state.stopped = 0, None, False
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_IGN if _state.stopped else handler)


@contextlib.contextmanager
def shielded() -> Iterator[None]:
    """Hold a stop signal back until the block ends: a write either completes or never starts."""
    _state.shields += 1
    try:
        yield
    finally:
        # A block that fails keeps its own error: the run ends with it, not with the signal.
        _state.shields -= 1
    if not _state.shields and _state.pending is not None:
        _state.stopped = True
        raise Interrupted(_state.pending)


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Block SIGINT and SIGTERM while the block starts worker processes; deliver them after.

    A worker forked with them blocked keeps them blocked until worker_start has set its own
    handlers, so that a Ctrl-C at that moment cannot run the parent's handler in the worker.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def worker_start(parent: int) -> None:
    """Prepare a worker process (a pool's initializer): die with parent, leave Ctrl-C to it."""
    # Forked from the parent, the worker has the parent's handlers; a terminal's Ctrl-C reaches
    # every process in the group, and the parent alone decides how the run stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    if not _kill_with_parent():
        threading.Thread(target=_watch, args=(parent,), name="parent-watchdog", daemon=True).start()
    # The parent may have died before prctl took effect; the worker is then already orphaned.
    if os.getppid() != parent:
        os._exit(1)


def _kill_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        done: int = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return False
    return done == 0


def _watch(parent: int) -> None:
    """Exit the worker once its parent is gone (it is then adopted by another process)."""
    while os.getppid() == parent:
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)


@contextlib.contextmanager
def abandoning(pool: ProcessPoolExecutor) -> Iterator[None]:
    """Shut the pool down when the block ends; when it ends early, cancel and do not wait.

    Waiting would let each worker finish the units already handed to it, seconds of work
    whose results are no longer wanted. The process is then on its way out (see exit_now):
    the workers die with it.
    """
    try:
        yield
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def exit_now(code: int) -> NoReturn:
    """End the process at once, after a stop: its own output flushed, no pool waited for.

    Every write is complete or was never started, so nothing is left to tidy; an ordinary exit
    would wait for the pool's threads, which wait for the units in flight. The kernel (or their
    watchdog) then ends the workers.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
