from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from gofix_bind.diff import NO_NEWLINE, unified_diff


def test_equal_is_empty() -> None:
    assert unified_diff(b"a\n", b"a\n", "x.go") == b""


def test_header_and_hunk() -> None:
    patch = unified_diff(b"a\nb\nc\n", b"a\nB\nc\n", "dir/x.go")
    assert patch == (
        b"diff --git a/dir/x.go b/dir/x.go\n"
        b"--- a/dir/x.go\n"
        b"+++ b/dir/x.go\n"
        b"@@ -1,3 +1,3 @@\n"
        b" a\n"
        b"-b\n"
        b"+B\n"
        b" c\n"
    )


def test_missing_final_newline_is_marked() -> None:
    patch = unified_diff(b"a\nb", b"a\nB", "x.go")
    assert patch.endswith(b"-b\n" + NO_NEWLINE + b"+B\n" + NO_NEWLINE)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param(b"a\r\nb\r\nc\r\n", b"a\r\nB\r\nc\r\n", id="crlf"),
        pytest.param(b"a\nb", b"a\nB", id="no-final-newline"),
        pytest.param(b"a\rb\nc\n", b"a\rB\nc\n", id="lone-cr-stays-in-line"),
        pytest.param(b"\xef\xbb\xbfa\nb\n", b"\xef\xbb\xbfa\nB\n", id="bom"),
    ],
)
def test_git_apply_reproduces_new(old: bytes, new: bytes, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    target = tmp_path / "x.go"
    target.write_bytes(old)
    patch = unified_diff(old, new, "x.go")
    subprocess.run(
        ["git", "apply", "--whitespace=nowarn", "-"], cwd=tmp_path, input=patch, check=True
    )
    assert target.read_bytes() == new
