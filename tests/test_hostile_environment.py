"""A hostile environment around the files: a socket named x.go, the working directory removed,
standard output full or closed. Each ends in one line on stderr, never a traceback.
"""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import GOFIX_BIND
from tests.test_bad_input import LISTEN

TIMEOUT_SECONDS = 60


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a tree with a listener in main.go, the working directory."""
    (tmp_path / "main.go").write_bytes(LISTEN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def listening_socket(tree: Path) -> Iterator[str]:
    """Bind a Unix socket named x.go in the tree (relative: a socket path is short)."""
    bound = socket.socket(socket.AF_UNIX)
    bound.bind("x.go")
    try:
        yield "x.go"
    finally:
        bound.close()


def _run(
    *args: str, cwd: Path | None = None, stdout: int | None = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(GOFIX_BIND), *args],
        cwd=cwd,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )


@pytest.mark.parametrize("argument", [".", "x.go"])
def test_a_socket_named_like_source_is_skipped(listening_socket: str, argument: str) -> None:
    done = _run(argument)
    assert done.stderr.startswith(f"{listening_socket}: skipped: not a regular file\n")
    assert "error" not in done.stderr
    assert done.returncode == (1 if argument == "." else 0)


def test_a_removed_working_directory_is_one_line(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    (gone / "main.go").write_bytes(LISTEN)
    # The child starts in the directory, which is removed before it asks where it is.
    script = f"cd {gone} && rm -rf {gone} && exec {GOFIX_BIND} ."
    done = subprocess.run(
        ["sh", "-c", script], capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
    )
    assert done.returncode == 2
    expected = "gofix-bind: error: cannot find the working directory: no such file or directory\n"
    assert done.stderr == expected


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["."], ["--diff", "."], ["explain"]])
def test_a_full_standard_output_is_one_line(tree: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = _run(*args, stdout=full.fileno())
    assert done.returncode == 2
    assert done.stderr.endswith(
        "gofix-bind: error: cannot write standard output: no space left on device\n"
    )
    assert "Traceback" not in done.stderr
    assert done.stderr.count("gofix-bind: error:") == 1


def test_a_closed_standard_output_is_one_line(tree: Path) -> None:
    reading, writing = os.pipe()
    # No reader: the first write fails with EPIPE (Python ignores SIGPIPE).
    os.close(reading)
    try:
        done = _run(".", stdout=writing)
    finally:
        os.close(writing)
    assert done.returncode == 2
    assert done.stderr.endswith("gofix-bind: error: cannot write standard output: broken pipe\n")
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr
