"""The last race windows of a write: an edit saved just before the swap, a kill midway."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gofix_bind import exchange, source_io
from gofix_bind.verify import verify
from tests.helpers import FIXED, LISTEN, invoke

EDITED = LISTEN.replace(b"func main", b"// edited by hand meanwhile\nfunc main")
# A fix that shrinks the file, so that a write stopped before its truncation leaves a tail.
WIDE = LISTEN.replace(b'":8080"', b'"[0:0:0:0:0:0:0:0]:8080"')
NARROW = LISTEN.replace(b'":8080"', b'"[::1]:8080"')
CHANGED = "main.go: error: changed on disk since it was read; nothing written\n"
BACKUP = ".main.go.gofix-bind-backup"
LEFTOVER = (
    f"{BACKUP} beside it is the backup of an unfinished write, holding the file's bytes from "
    "before that write: if the file is damaged, copy the backup over it; then delete the backup"
)


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if not p.is_dir())


@pytest.fixture
def one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tree with one fixable file, main.go, mode 0640; the working directory."""
    (tmp_path / "main.go").write_bytes(LISTEN)
    (tmp_path / "main.go").chmod(0o640)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """repo/main.go, and a hard link to it outside the tree; the working directory is repo."""
    (tmp_path / "repo").mkdir()
    (tmp_path / "elsewhere").mkdir()
    name = tmp_path / "repo" / "main.go"
    name.write_bytes(LISTEN)
    name.chmod(0o640)
    os.link(name, tmp_path / "elsewhere" / "main.go")
    monkeypatch.chdir(tmp_path / "repo")
    return name, tmp_path / "elsewhere" / "main.go"


def _at(monkeypatch: pytest.MonkeyPatch, point: str, action: Callable[[], None]) -> list[str]:
    """Run action when the write reaches the named point; return the points reached."""
    reached: list[str] = []

    def pause(name: str) -> None:
        reached.append(name)
        if name == point:
            action()

    monkeypatch.setattr(source_io, "_pause", pause)
    return reached


def _save_by_rename(path: Path, data: bytes) -> None:
    """Save as most editors do: a new file renamed over the old name."""
    saved = path.with_name(path.name + "~saved")
    saved.write_bytes(data)
    os.replace(saved, path)


def _save_in_place(path: Path, data: bytes) -> None:
    """Save as vim with backupcopy=yes or a shell redirection does: truncate and write."""
    path.write_bytes(data)


def _unsupported(code: int) -> Callable[[], Callable[[bytes, bytes], int]]:
    """A renameat2 that fails as a system without the exchange fails."""

    def call(first: bytes, second: bytes) -> int:
        ctypes.set_errno(code)
        return -1

    return lambda: call


@pytest.mark.parametrize("save", [_save_by_rename, _save_in_place], ids=["rename", "in-place"])
def test_edit_saved_just_before_the_swap_is_kept(
    one: Path, monkeypatch: pytest.MonkeyPatch, save: Callable[[Path, bytes], None]
) -> None:
    """The swap hands the edit back; the run says so instead of counting a fix."""
    path = one / "main.go"
    reached = _at(monkeypatch, "before-exchange", lambda: save(path, EDITED))
    result = invoke(["--apply"])
    assert "before-exchange" in reached
    assert result.exit_code == 2
    assert CHANGED in result.stderr
    assert "0 fixed in 0 files" in result.stderr
    assert path.read_bytes() == EDITED
    assert _files(one) == ["main.go"]


def test_same_fix_saved_just_before_the_swap_is_left_as_it_is(
    one: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A concurrent run that wrote the same bytes is no lost edit: swapped back, no error."""
    path = one / "main.go"
    _at(monkeypatch, "before-exchange", lambda: _save_by_rename(path, FIXED))
    result = invoke(["--apply"])
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == FIXED
    assert _files(one) == ["main.go"]


def test_swap_is_atomic_and_keeps_the_mode(one: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the system swaps, the old file is compared, then removed: one name, new inode."""
    inode = (one / "main.go").stat().st_ino
    reached = _at(monkeypatch, "", lambda: None)
    result = invoke(["--apply"])
    assert result.exit_code == 0, result.stderr
    assert reached == ["before-exchange", "after-exchange"]
    assert (one / "main.go").read_bytes() == FIXED
    assert (one / "main.go").stat().st_ino != inode
    assert stat.S_IMODE((one / "main.go").stat().st_mode) == 0o640
    assert _files(one) == ["main.go"]


def test_swap_back_that_fails_keeps_the_edit_and_says_where(
    one: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = one / "main.go"
    _at(monkeypatch, "before-exchange", lambda: _save_by_rename(path, EDITED))
    real = exchange.exchange
    calls = 0

    def once(first: str, second: str) -> bool:
        nonlocal calls
        calls += 1
        if calls > 1:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY))
        return real(first, second)

    monkeypatch.setattr(exchange, "exchange", once)
    result = invoke(["--apply"])
    assert result.exit_code == 2
    [kept] = [name for name in _files(one) if name != "main.go"]
    assert (
        "main.go: error: cannot write: changed on disk since it was read, and swapping those "
        f"bytes back failed (device or resource busy): they are kept in {kept} beside it\n"
    ) in result.stderr
    assert (one / kept).read_bytes() == EDITED
    assert path.read_bytes() == FIXED


@pytest.mark.parametrize(
    "code", [errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV], ids=errno.errorcode.get
)
def test_without_the_swap_the_file_is_renamed_as_before(
    one: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    monkeypatch.setattr(exchange, "_renameat2", _unsupported(code))
    renamed: list[tuple[str, str]] = []
    real = os.replace

    def replace(source: Any, target: Any) -> None:
        renamed.append((os.path.basename(source), os.path.basename(target)))
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    inode = (one / "main.go").stat().st_ino
    result = invoke(["--apply"])
    assert result.exit_code == 0, result.stderr
    assert [target for _, target in renamed] == ["main.go"]
    assert (one / "main.go").read_bytes() == FIXED
    assert (one / "main.go").stat().st_ino != inode
    assert stat.S_IMODE((one / "main.go").stat().st_mode) == 0o640
    assert _files(one) == ["main.go"]


def test_other_renameat2_errors_are_reported(one: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exchange, "_renameat2", _unsupported(errno.EPERM))
    result = invoke(["--apply"])
    assert result.exit_code == 2
    assert "main.go: error: cannot write: operation not permitted\n" in result.stderr
    assert (one / "main.go").read_bytes() == LISTEN
    assert _files(one) == ["main.go"]


def test_off_linux_the_file_is_renamed(one: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exchange, "_renameat2", lambda: None)
    reached = _at(monkeypatch, "", lambda: None)
    result = invoke(["--apply"])
    assert result.exit_code == 0, result.stderr
    assert reached == ["before-exchange"]
    assert (one / "main.go").read_bytes() == FIXED


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o440, 0o000, 0o555])
def test_read_only_file_is_refused_by_its_mode_for_everyone(one: Path, mode: int) -> None:
    """As root too, for whom opening it for writing would succeed."""
    (one / "main.go").chmod(mode)
    result = invoke(["--apply"])
    assert result.exit_code == 2
    assert "main.go: error: cannot write: permission denied\n" in result.stderr
    assert (one / "main.go").read_bytes() == LISTEN
    assert stat.S_IMODE((one / "main.go").stat().st_mode) == mode
    assert _files(one) == ["main.go"]


def test_in_place_write_removes_its_backup(linked: tuple[Path, Path]) -> None:
    path, other = linked
    result = invoke(["--apply"])
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == other.read_bytes() == FIXED
    assert _files(path.parent) == ["main.go"]


def test_in_place_write_keeps_a_whole_backup_until_it_is_done(
    linked: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = linked
    seen: list[tuple[bytes, int, bytes]] = []

    def look() -> None:
        backup = path.parent / BACKUP
        seen.append((backup.read_bytes(), stat.S_IMODE(backup.stat().st_mode), path.read_bytes()))

    _at(monkeypatch, "after-write-before-truncate", look)
    result = invoke(["--apply"])
    assert result.exit_code == 0, result.stderr
    [(backup, mode, midway)] = seen
    assert (backup, mode) == (LISTEN, 0o600)
    assert midway == FIXED
    assert _files(path.parent) == ["main.go"]


def test_backup_that_cannot_be_made_refuses_the_in_place_write(
    linked: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory the tool may not write to: no backup, so no in-place write either."""
    path, other = linked

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(source_io.tempfile, "mkstemp", mkstemp)
    result = invoke(["--apply"])
    assert result.exit_code == 2
    assert "main.go: error: cannot write: permission denied\n" in result.stderr
    assert path.read_bytes() == other.read_bytes() == LISTEN
    assert _files(path.parent) == ["main.go"]


@pytest.mark.parametrize("mode", [[], ["--apply"], ["--diff"]], ids=["report", "apply", "diff"])
def test_leftover_backup_is_reported_and_the_file_left_alone(one: Path, mode: list[str]) -> None:
    (one / BACKUP).write_bytes(LISTEN)
    result = invoke(mode)
    assert result.exit_code == 2
    assert f"main.go: error: {LEFTOVER}\n" in result.stderr
    assert (one / "main.go").read_bytes() == LISTEN
    assert _files(one) == [BACKUP, "main.go"]
    (one / BACKUP).unlink()
    assert invoke(["--apply"]).exit_code == 0
    assert (one / "main.go").read_bytes() == FIXED


@pytest.mark.parametrize("linked_file", [False, True], ids=["renamed", "in-place"])
def test_backup_that_appears_after_the_read_stops_the_write(
    one: Path, monkeypatch: pytest.MonkeyPatch, linked_file: bool
) -> None:
    """Another run's write under way: its backup is there, so this run does not write."""
    if linked_file:
        os.link(one / "main.go", one / "main.go.orig")

    def backup_then_verify(*args: Any, **kwargs: Any) -> dict[str, str]:
        (one / BACKUP).write_bytes(LISTEN)
        return verify(*args, **kwargs)

    monkeypatch.setattr("gofix_bind.runner.verify", backup_then_verify)
    result = invoke(["--apply"])
    assert result.exit_code == 2
    assert f"main.go: error: cannot write: {LEFTOVER}\n" in result.stderr
    assert (one / "main.go").read_bytes() == LISTEN


# Runs the tool with the seam set to stop at a point: it says so in a file, then waits to die.
KILLED_AT = """
import sys, time
from pathlib import Path
from gofix_bind import source_io
from gofix_bind.cli import main

def pause(name):
    if name == sys.argv[1]:
        Path(sys.argv[2]).write_text(name)
        time.sleep(600)

source_io._pause = pause
main(sys.argv[3:])
"""


def _kill_at(point: str, cwd: Path, marker: Path, args: list[str]) -> None:
    """Run the tool in a process of its own, and SIGKILL it once it reaches point."""
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_AT, point, str(marker), *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        # A deadline for a hung child only: the test asserts no time.
        deadline = time.monotonic() + 120
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert marker.exists(), process.stderr.read() if process.stderr else b""
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
        if process.stderr:
            process.stderr.close()


def test_kill_between_write_and_truncate_leaves_the_original_to_restore(
    linked: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A shrinking fix on a hard-linked file, killed midway: the backup holds the original."""
    path, other = linked
    path.write_bytes(WIDE)
    marker = tmp_path_factory.mktemp("marker") / "reached"
    _kill_at("after-write-before-truncate", path.parent, marker, ["--apply"])
    torn = path.read_bytes()
    # The new bytes, then the old file's tail: neither the original nor the fix.
    assert torn == NARROW + WIDE[len(NARROW) :]
    assert other.read_bytes() == torn
    assert (path.parent / BACKUP).read_bytes() == WIDE

    again = invoke(["--apply"])
    assert again.exit_code == 2
    assert f"main.go: error: {LEFTOVER}\n" in again.stderr
    assert path.read_bytes() == torn
    assert (path.parent / BACKUP).read_bytes() == WIDE

    # What the message says to do: copy the backup over the file (cp keeps its inode).
    shutil.copyfile(path.parent / BACKUP, path)
    (path.parent / BACKUP).unlink()
    assert path.read_bytes() == other.read_bytes() == WIDE
    fixed = invoke(["--apply"])
    assert fixed.exit_code == 0, fixed.stderr
    assert path.read_bytes() == other.read_bytes() == NARROW
    assert _files(path.parent) == ["main.go"]


def test_kill_after_the_swap_leaves_a_whole_file(
    one: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Killed before the old file is removed: the fix is in place, the old file hidden."""
    marker = tmp_path_factory.mktemp("marker") / "reached"
    _kill_at("after-exchange", one, marker, ["--apply"])
    assert (one / "main.go").read_bytes() == FIXED
    [hidden] = [name for name in _files(one) if name != "main.go"]
    assert hidden.startswith(".main.go.") and hidden.endswith(".tmp")
    assert (one / hidden).read_bytes() == LISTEN
