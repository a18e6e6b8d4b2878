"""Hostile .gitignore files: each is one skip on stderr, never a hang, a blow-up or a traceback.

A .gitignore is read as carefully as source: a regular file only (git follows no symbolic link
to one), within a size limit, without blocking; a line git matches nothing by is dropped alone.
"""

from __future__ import annotations

import os
import resource
import subprocess
from pathlib import Path

import pytest

from gofix_bind.discover import MAX_IGNORE_BYTES, compile_ignore_lines
from tests.helpers import GOFIX_BIND, invoke
from tests.test_bad_input import LISTEN, _refuse, needs_non_root

# Far above what a scan of a few files needs; a run that reads /dev/zero whole goes past it.
ADDRESS_SPACE = 2 * 1024**3
# A hang (a FIFO waited on) fails the test instead of blocking the suite.
TIMEOUT_SECONDS = 20


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a tree with a listener in main.go and in sub/main.go, the working directory."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "main.go").write_bytes(LISTEN)
    (tmp_path / "sub" / "main.go").write_bytes(LISTEN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the console script in root, bounded in memory and time."""
    return subprocess.run(
        [str(GOFIX_BIND), *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        preexec_fn=_limit_address_space,
        check=False,
    )


def _scanned(stdout: str) -> set[str]:
    """Return the files a text report names."""
    return {line.split(":", 1)[0] for line in stdout.splitlines()}


def test_a_symbolic_link_to_dev_zero_is_skipped(tree: Path) -> None:
    (tree / "sub" / ".gitignore").symlink_to("/dev/zero")
    done = _run(tree, ".")
    assert done.returncode == 1, done.stderr
    assert "sub/.gitignore: skipped: a symbolic link, which git does not follow\n" in done.stderr
    assert "Traceback" not in done.stderr
    assert _scanned(done.stdout) == {"main.go", "sub/main.go"}


def test_a_symbolic_link_to_an_ignore_file_is_not_followed_as_git_does(tree: Path) -> None:
    (tree / "rules").write_text("main.go\n")
    (tree / "sub" / ".gitignore").symlink_to("../rules")
    result = invoke(["."])
    assert result.exit_code == 1
    assert "sub/.gitignore: skipped: a symbolic link, which git does not follow\n" in result.stderr
    assert _scanned(result.stdout) == {"main.go", "sub/main.go"}


def test_a_fifo_in_a_subdirectory_does_not_hang(tree: Path) -> None:
    os.mkfifo(tree / "sub" / ".gitignore")
    done = _run(tree, ".")
    assert done.returncode == 1, done.stderr
    assert "sub/.gitignore: skipped: not a regular file\n" in done.stderr
    assert _scanned(done.stdout) == {"main.go", "sub/main.go"}


def test_a_fifo_in_an_enclosing_directory_of_the_work_tree_does_not_hang(tree: Path) -> None:
    (tree / ".git").mkdir()
    os.mkfifo(tree / ".gitignore")
    done = _run(tree / "sub", ".")
    assert done.returncode == 1, done.stderr
    assert f"{tree / '.gitignore'}: skipped: not a regular file\n" in done.stderr
    assert _scanned(done.stdout) == {"main.go"}


def test_a_directory_named_gitignore_is_skipped(tree: Path) -> None:
    (tree / "sub" / ".gitignore").mkdir()
    result = invoke(["."])
    assert "sub/.gitignore: skipped: not a regular file\n" in result.stderr
    assert _scanned(result.stdout) == {"main.go", "sub/main.go"}


@needs_non_root
def test_an_unreadable_ignore_file_is_skipped(tree: Path) -> None:
    ignore_file = tree / "sub" / ".gitignore"
    ignore_file.write_text("main.go\n")
    ignore_file.chmod(0)
    try:
        result = invoke(["."])
    finally:
        ignore_file.chmod(0o644)
    assert result.exit_code == 1
    assert "sub/.gitignore: skipped: cannot read: permission denied\n" in result.stderr
    assert _scanned(result.stdout) == {"main.go", "sub/main.go"}


def test_an_ignore_file_the_kernel_refuses_is_skipped(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As the chmod test, but for root too, whom modes do not bind.
    (tree / "sub" / ".gitignore").write_text("main.go\n")
    _refuse(monkeypatch, ".gitignore", writing=False)
    result = invoke(["."])
    assert "sub/.gitignore: skipped: cannot read: permission denied\n" in result.stderr
    assert _scanned(result.stdout) == {"main.go", "sub/main.go"}


def test_an_ignore_file_over_the_limit_is_skipped(tree: Path) -> None:
    size = MAX_IGNORE_BYTES + 1
    (tree / "sub" / ".gitignore").write_bytes(b"main.go\n" + b"#" * (size - 8))
    result = invoke(["."])
    reason = f"too large to read ({size:,} bytes, over the 1 MiB limit)"
    assert f"sub/.gitignore: skipped: {reason}\n" in result.stderr
    assert _scanned(result.stdout) == {"main.go", "sub/main.go"}


def test_an_ignore_file_at_the_limit_is_read(tree: Path) -> None:
    rules = b"main.go\n"
    (tree / "sub" / ".gitignore").write_bytes(rules + b"#" * (MAX_IGNORE_BYTES - len(rules)))
    result = invoke(["."])
    assert "skipped:" not in result.stderr
    assert _scanned(result.stdout) == {"main.go"}


@pytest.mark.parametrize("line", ["!", "\\", "[z-a]", "!\\"])
def test_a_pattern_git_matches_nothing_by_leaves_the_rest_of_the_file(
    tree: Path, line: str
) -> None:
    (tree / "ignored.go").write_bytes(LISTEN)
    (tree / ".gitignore").write_text(f"{line}\nignored.go\nsub/\n")
    result = invoke(["."])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "skipped:" not in result.stderr
    assert _scanned(result.stdout) == {"main.go"}


def test_a_reversed_range_matches_its_first_character_as_in_git(tree: Path) -> None:
    for name in ("xz.go", "xa.go", "xm.go"):
        (tree / name).write_bytes(LISTEN)
    (tree / ".gitignore").write_text("x[z-a].go\n[m-a]x.go\n")
    result = invoke(["."])
    assert _scanned(result.stdout) == {"main.go", "sub/main.go", "xa.go", "xm.go"}


def test_compiling_keeps_every_line_pathspec_accepts() -> None:
    spec = compile_ignore_lines(["*.gen.go", "!", "[z-a]", "!keep.gen.go", "\\"])
    assert spec.match_file("a.gen.go")
    assert not spec.match_file("keep.gen.go")
    assert spec.match_file("z")
    assert not spec.match_file("a")
