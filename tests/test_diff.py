from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _generated_go(functions: int) -> bytes:
    """Return a long Go file where `}` and blank lines are the most common lines."""
    parts = [b'package big\n\nimport "net"\n']
    for index in range(functions):
        parts.append(b"\nfunc f%d() {\n\tif true {\n\t\tprintln(%d)\n\t}\n}\n" % (index, index))
    return b"".join(parts)


def _numstat(old: bytes, new: bytes, tmp_path: Path) -> tuple[int, int]:
    (tmp_path / "old.go").write_bytes(old)
    (tmp_path / "new.go").write_bytes(new)
    out = subprocess.run(
        ["git", "diff", "--no-index", "--numstat", "old.go", "new.go"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    ).stdout
    added, removed = out.split()[:2]
    return int(added), int(removed)


def _counts(patch: bytes) -> tuple[int, int]:
    lines = patch.split(b"\n")
    added = sum(line.startswith(b"+") and not line.startswith(b"+++ ") for line in lines)
    removed = sum(line.startswith(b"-") and not line.startswith(b"--- ") for line in lines)
    return added, removed


# difflib's autojunk treats a line making up over 1% of a 200+ line file as junk, so a closing
# brace next to a change near the end of a long file was shown as removed and added again.
@pytest.mark.parametrize("functions", [10, 400, 3000])
@pytest.mark.parametrize("where", ["start", "middle", "end", "two"])
def test_hunks_are_as_small_as_gits_on_long_files(
    functions: int, where: str, tmp_path: Path
) -> None:
    old = _generated_go(functions)
    lines = old.split(b"\n")
    targets = {
        "start": [3],
        "middle": [len(lines) // 2],
        "end": [len(lines) - 4],
        "two": [len(lines) // 3, len(lines) // 3 + 9],
    }[where]
    for target in targets:
        lines[target] = lines[target] + b' // net.Listen("tcp", "127.0.0.1:1")'
    new = b"\n".join(lines)
    patch = unified_diff(old, new, "big.go")
    assert _counts(patch) == (len(targets), len(targets))
    assert _counts(patch) == _numstat(old, new, tmp_path)
    hunk_lines = [line for line in patch.split(b"\n")[3:] if line and not line.startswith(b"@@")]
    # Each changed line comes with three lines of context on each side, no more.
    assert len(hunk_lines) <= len(targets) * 8


_LINES = st.sampled_from([b"}\n", b"\n", b"x := 1\n", b"\tprintln()\n", b"// c\r\n"])


@settings(max_examples=60, deadline=None)
@given(
    old=st.lists(_LINES, max_size=40),
    changes=st.lists(st.tuples(st.integers(0, 40), st.sampled_from(["set", "add", "drop"]))),
    cut_newline=st.booleans(),
)
def test_git_apply_reproduces_any_line_change(
    old: list[bytes], changes: list[tuple[int, str]], cut_newline: bool
) -> None:
    new = list(old)
    for index, change in changes:
        if change == "add":
            new.insert(min(index, len(new)), b"added\n")
        elif new and change == "set":
            new[index % len(new)] = b"changed\n"
        elif new:
            del new[index % len(new)]
    before, after = b"".join(old), b"".join(new)
    if cut_newline:
        after = after.rstrip(b"\n")
    patch = unified_diff(before, after, "x.go")
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        subprocess.run(["git", "init", "-q", directory], check=True)
        (root / "x.go").write_bytes(before)
        if patch:
            subprocess.run(
                ["git", "apply", "--whitespace=nowarn", "-"], cwd=root, input=patch, check=True
            )
        assert (root / "x.go").read_bytes() == after
