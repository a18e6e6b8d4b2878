"""--apply keeps a file's mode, ACL and extended attributes exactly, whichever way it writes."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import FIXED, LISTEN, invoke

TOOLS = ("setfacl", "getfacl", "setfattr", "getfattr")
# CI installs the tools (.ci/run) and its file system supports them: a skip there hides a loss.
IN_CI = os.environ.get("CI") == "true"


def _run(*args: str) -> str:
    """Run a command; return its stdout."""
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _unsupported(reason: str) -> None:
    """Skip a test the machine cannot run, except in CI, where it must run."""
    if IN_CI:
        pytest.fail(f"{reason}, and CI must run this test")
    pytest.skip(reason)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working directory, outside git, once ACLs and user xattrs are known to work in it."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        _unsupported(f"{', '.join(missing)} not installed")
    probe = tmp_path / "probe"
    probe.write_bytes(b"")
    # Trying is the only sure test: mount options and file system types both decide.
    for command in (["setfacl", "-m", "u:65534:r"], ["setfattr", "-n", "user.probe", "-v", "1"]):
        done = subprocess.run([*command, str(probe)], capture_output=True, text=True)
        if done.returncode != 0:
            _unsupported(f"{command[0]} fails here: {done.stderr.strip()}")
    probe.unlink()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _state(path: Path) -> tuple[int, str, str]:
    """The file's mode, getfacl text and every extended attribute as getfattr dumps them."""
    mode = stat.S_IMODE(path.stat().st_mode)
    return mode, _run("getfacl", str(path)), _run("getfattr", "-d", "-m", "-", str(path))


def _decorated(tree: Path) -> Path:
    """main.go, mode 0640, with an ACL entry for user 65534 and a user.note xattr."""
    path = tree / "main.go"
    path.write_bytes(LISTEN)
    path.chmod(0o640)
    _run("setfacl", "-m", "u:65534:rw", str(path))
    _run("setfattr", "-n", "user.note", "-v", "x", str(path))
    return path


def _assert_decorations(path: Path, before: tuple[int, str, str]) -> None:
    """The file holds the fix and exactly the attributes it had; its group may not write."""
    assert path.read_bytes() == FIXED
    assert _state(path) == before
    acl = before[1].splitlines()
    # The group's own entry stays read-only: the mask, not the group, shows as the group bits.
    assert "group::r--" in acl
    assert "user:65534:rw-" in acl or "user:nobody:rw-" in acl
    assert os.getxattr(path, "user.note") == b"x"
    assert sorted(p.name for p in path.parent.iterdir()) == ["main.go"]


def test_acl_and_xattr_are_copied_to_the_renamed_file(tree: Path) -> None:
    path = _decorated(tree)
    before = _state(path)
    inode = path.stat().st_ino
    result = invoke(["--apply"])
    assert result.exit_code == 0, result.stderr
    _assert_decorations(path, before)
    # Copied and verified, so the write stays atomic: a new inode renamed over the old.
    assert path.stat().st_ino != inode


def test_attributes_that_cannot_be_copied_make_the_write_in_place(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refused copy (trusted.* or security.* without the privilege) keeps the old inode."""
    path = _decorated(tree)
    before = _state(path)
    inode = path.stat().st_ino

    def refused(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "setxattr", refused)
    result = invoke(["--apply"])
    assert result.exit_code == 0, result.stderr
    _assert_decorations(path, before)
    assert path.stat().st_ino == inode


def test_attributes_read_back_different_make_the_write_in_place(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system that stores an attribute otherwise than given fails the read-back."""
    path = _decorated(tree)
    before = _state(path)
    inode = path.stat().st_ino
    real = os.setxattr

    def altered(target: Any, name: str, value: bytes, *args: Any, **kwargs: Any) -> None:
        real(target, name, value + b"?" if name == "user.note" else value, *args, **kwargs)

    monkeypatch.setattr(os, "setxattr", altered)
    result = invoke(["--apply"])
    assert result.exit_code == 0, result.stderr
    _assert_decorations(path, before)
    assert path.stat().st_ino == inode


def test_plain_file_is_still_renamed(tree: Path) -> None:
    path = tree / "main.go"
    path.write_bytes(LISTEN)
    path.chmod(0o640)
    before = _state(path)
    inode = path.stat().st_ino
    result = invoke(["--apply"])
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == FIXED
    assert _state(path) == before
    assert os.listxattr(path) == []
    assert path.stat().st_ino != inode


def test_default_acl_of_the_directory_is_not_added(tree: Path) -> None:
    """The temporary file inherits the directory's default ACL; the file it replaces had none."""
    directory = tree / "cmd"
    directory.mkdir()
    path = directory / "main.go"
    path.write_bytes(LISTEN)
    path.chmod(0o640)
    _run("setfacl", "-d", "-m", "u:65534:rwx", str(directory))
    before = _state(path)
    result = invoke(["--apply"])
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == FIXED
    assert _state(path) == before
    assert "user:" not in before[1].replace("user::", "")


@pytest.mark.parametrize(
    ("code", "renamed"),
    [(errno.EOPNOTSUPP, True), (errno.EACCES, False)],
    ids=["unsupported-renamed", "unreadable-in-place"],
)
def test_attributes_not_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, renamed: bool
) -> None:
    """A file system without xattrs has none to lose; attributes that cannot be read may exist."""
    path = tmp_path / "main.go"
    path.write_bytes(LISTEN)
    path.chmod(0o640)
    inode = path.stat().st_ino
    monkeypatch.chdir(tmp_path)

    def failing(*args: Any, **kwargs: Any) -> list[str]:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "listxattr", failing)
    result = invoke(["--apply"])
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert (path.stat().st_ino != inode) is renamed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.go"]
