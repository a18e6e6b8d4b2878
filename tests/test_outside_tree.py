"""Nothing is written outside the trees named, and no diff names a path git apply refuses.

The trees: the git work tree that holds each path named on the command line, where it is named
(a symbolic link inside a work tree is not followed to find it), else the path itself,
resolved. Every patch a test makes is checked with `git apply --check` and `patch -p1
--dry-run` from the directory its paths start at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import FIXED, LISTEN, commit_all, invoke, run_interactive

ERROR = "error: "
THROUGH = "reached through a link, at {}, outside the tree being processed; nothing written"
LINKED = "a symbolic link to {}, outside the tree being processed; nothing written"
HEADER = (
    "outside the current directory, where the patch's paths start "
    "(git apply refuses {}); not in the diff"
)


def _patch_tool() -> str | None:
    found = shutil.which("patch")
    if found is None and os.environ.get("CI") == "true":
        pytest.fail("CI must have patch (Debian's patch) to check that the diffs apply")
    return found


def _applies(root: Path, patch: bytes) -> None:
    """Check that git apply and patch -p1, run at root, both take the whole patch."""
    assert patch
    done = subprocess.run(
        ["git", "apply", "--check", "-"], cwd=root, input=patch, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    tool = _patch_tool()
    if tool is None:
        pytest.skip("patch is not installed")
    done = subprocess.run(
        [tool, "-p1", "--dry-run", "--batch"], cwd=root, input=patch, capture_output=True
    )
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()


def _state(path: Path) -> tuple[bytes, int]:
    """A file's bytes and mtime: both must stay as they are when it is refused."""
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """outside/x.go (in no work tree), the work trees repo/ and other/, and links from repo.

    repo/in.go is fixable and committed; repo/link is a directory link to outside/,
    repo/linked is one to other/ (whose y.go is committed), and repo/alien.go is a file
    link to other/y.go. The working directory is repo.
    """
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.go").write_bytes(LISTEN)
    other = tmp_path / "other"
    other.mkdir()
    (other / "y.go").write_bytes(LISTEN)
    commit_all(other)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "in.go").write_bytes(LISTEN)
    (repo / "link").symlink_to(tmp_path / "outside")
    (repo / "linked").symlink_to(other)
    (repo / "alien.go").symlink_to(other / "y.go")
    commit_all(repo)
    monkeypatch.chdir(repo)
    return tmp_path


# (argument, file it reaches, the error's path, the target's link kind)
REACHED = {
    "directory-link": ("link", "outside/x.go", "link/x.go", THROUGH),
    "file-in-directory-link": ("link/x.go", "outside/x.go", "link/x.go", THROUGH),
    "link-to-another-work-tree": ("linked", "other/y.go", "linked/y.go", THROUGH),
    "file-link-to-another-work-tree": ("alien.go", "other/y.go", "alien.go", LINKED),
}


@pytest.mark.parametrize("allow_dirty", [True, False], ids=["allow-dirty", "guarded"])
@pytest.mark.parametrize("case", list(REACHED), ids=list(REACHED))
def test_apply_writes_nothing_a_link_in_the_work_tree_reaches_outside_it(
    world: Path, case: str, allow_dirty: bool
) -> None:
    argument, reached, shown, reason = REACHED[case]
    target = world / reached
    before = _state(target)
    result = invoke(["--apply", *(["--allow-dirty"] * allow_dirty), argument, "in.go"])
    line = f"{shown}: {ERROR}{reason.format(os.path.realpath(target))}\n"
    assert (result.exit_code, line in result.stderr) == (2, True), result.stderr
    assert _state(target) == before
    assert (world / "repo" / "in.go").read_bytes() == FIXED


@pytest.mark.parametrize("case", list(REACHED), ids=list(REACHED))
def test_diff_leaves_out_what_a_link_reaches_outside_the_work_tree(world: Path, case: str) -> None:
    argument, reached, shown, reason = REACHED[case]
    target = world / reached
    result = invoke(["--diff", argument, "in.go"])
    assert result.exit_code == 2
    assert f"{shown}: {ERROR}{reason.format(os.path.realpath(target))}\n" in result.stderr
    assert result.stdout_bytes.count(b"diff --git") == 1
    assert result.stdout_bytes.startswith(b"diff --git a/in.go b/in.go\n")
    _applies(world / "repo", result.stdout_bytes)


@pytest.mark.parametrize("flag", ["--list", "--check"])
@pytest.mark.parametrize("case", list(REACHED), ids=list(REACHED))
def test_list_and_check_do_not_count_a_file_apply_refuses(
    world: Path, case: str, flag: str
) -> None:
    argument, reached, shown, reason = REACHED[case]
    result = invoke([flag, argument])
    line = f"{shown}: {ERROR}{reason.format(os.path.realpath(world / reached))}\n"
    assert (result.exit_code, result.stdout, line in result.stderr) == (2, "", True)


def test_the_named_path_is_judged_where_it_is_named_not_where_it_points(world: Path) -> None:
    # Run from outside every work tree, naming the link through the work tree that holds it.
    os.chdir(world)
    before = _state(world / "outside" / "x.go")
    result = invoke(["--apply", "repo/link/x.go", "repo/in.go"])
    target = os.path.realpath(world / "outside" / "x.go")
    assert f"repo/link/x.go: {ERROR}{THROUGH.format(target)}\n" in result.stderr
    assert _state(world / "outside" / "x.go") == before
    assert (world / "repo" / "in.go").read_bytes() == FIXED


def test_a_walk_of_the_work_tree_fixes_what_is_inside_it_only(world: Path) -> None:
    before = _state(world / "other" / "y.go")
    diff = invoke(["--diff", "."])
    # The walk follows no directory link; the file link is the one refusal.
    assert diff.stdout_bytes.count(b"diff --git") == 1
    assert f"alien.go: {ERROR}" in diff.stderr
    _applies(world / "repo", diff.stdout_bytes)
    invoke(["--apply", "."])
    assert (world / "repo" / "in.go").read_bytes() == FIXED
    assert _state(world / "other" / "y.go") == before
    assert (world / "outside" / "x.go").read_bytes() == LISTEN


def test_a_link_into_dot_git_is_refused(world: Path) -> None:
    hidden = world / "repo" / ".git" / "x.go"
    hidden.write_bytes(LISTEN)
    (world / "repo" / "hook.go").symlink_to(".git/x.go")
    before = _state(hidden)
    for mode in ("--apply", "--diff"):
        result = invoke(
            [mode, "--allow-dirty", "hook.go"] if mode == "--apply" else [mode, "hook.go"]
        )
        line = f"hook.go: {ERROR}{os.path.realpath(hidden)} is inside .git, git's own directory"
        assert (result.exit_code, line in result.stderr) == (2, True), result.stderr
        assert _state(hidden) == before


def test_another_work_tree_named_on_the_command_line_is_its_own_tree(world: Path) -> None:
    diff = invoke(["--diff", "../other", "in.go"])
    assert diff.exit_code == 1
    # Each file's paths start at the root of its own work tree.
    patches = diff.stdout_bytes.split(b"diff --git")
    assert [p.split(b"\n")[0] for p in patches[1:]] == [b" a/y.go b/y.go", b" a/in.go b/in.go"]
    # Such a patch is two: each part applies at its own root.
    _applies(world / "other", b"diff --git" + patches[1])
    _applies(world / "repo", b"diff --git" + patches[2])
    assert invoke(["--apply", "../other"]).exit_code == 0
    assert (world / "other" / "y.go").read_bytes() == FIXED


@pytest.fixture
def loose(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """D/d.go and its sibling other/x.go, in no work tree; the working directory is D."""
    for name in ("D/d.go", "other/x.go"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(LISTEN)
    monkeypatch.chdir(tmp_path / "D")
    return tmp_path


def test_outside_git_a_diff_leaves_out_a_file_outside_the_current_directory(loose: Path) -> None:
    result = invoke(["--diff", "../other/x.go", "d.go"])
    assert result.exit_code == 2
    assert f"../other/x.go: {ERROR}{HEADER.format('../other/x.go')}\n" in result.stderr
    assert b"/../" not in result.stdout_bytes
    assert result.stdout_bytes.startswith(b"diff --git a/d.go b/d.go\n")
    _applies(loose / "D", result.stdout_bytes)
    # The file is inside a path named, so --apply writes it, and --list names it.
    assert invoke(["--list", "../other/x.go"]).stdout == "../other/x.go\n"
    assert invoke(["--apply", "../other/x.go"]).exit_code == 0
    assert (loose / "other" / "x.go").read_bytes() == FIXED


def test_outside_git_standard_input_gets_no_diff_it_cannot_name(loose: Path) -> None:
    result = invoke(["--diff", "--stdin-filename", "../other/x.go", "-"], stdin=LISTEN)
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"../other/x.go: {ERROR}{HEADER.format('../other/x.go')}\n" in result.stderr


def test_outside_git_a_link_found_by_the_walk_must_stay_in_the_named_root(loose: Path) -> None:
    (loose / "D" / "alias.go").symlink_to("../other/x.go")
    before = _state(loose / "other" / "x.go")
    result = invoke(["--apply", "."])
    target = os.path.realpath(loose / "other" / "x.go")
    assert f"alias.go: {ERROR}{LINKED.format(target)}\n" in result.stderr
    assert _state(loose / "other" / "x.go") == before
    assert (loose / "D" / "d.go").read_bytes() == FIXED


def test_in_a_subdirectory_paths_start_at_the_work_tree_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "top.go").write_bytes(LISTEN)
    (tmp_path / "sub" / "s.go").write_bytes(LISTEN)
    commit_all(tmp_path)
    monkeypatch.chdir(tmp_path / "sub")
    result = invoke(["--diff", "../top.go", "s.go"])
    assert result.exit_code == 1
    assert b"diff --git a/sub/s.go b/sub/s.go\n" in result.stdout_bytes
    assert result.stdout_bytes.startswith(b"diff --git a/top.go b/top.go\n")
    _applies(tmp_path, result.stdout_bytes)


def test_interactive_writes_nothing_a_link_reaches_outside_the_work_tree(world: Path) -> None:
    before = _state(world / "outside" / "x.go")
    dialogue = run_interactive(world / "repo", ["y", "y"], paths=("link", "in.go"))
    target = os.path.realpath(world / "outside" / "x.go")
    assert f"link/x.go: {ERROR}{THROUGH.format(target)}\n" in dialogue.transcript
    assert dialogue.exit_code == 2
    assert _state(world / "outside" / "x.go") == before
    assert (world / "repo" / "in.go").read_bytes() == FIXED


def test_outside_git_a_link_named_on_the_command_line_is_followed(loose: Path) -> None:
    # Outside git the trees are the paths named, resolved: the user named this one.
    (loose / "D" / "there").symlink_to(loose / "other")
    assert invoke(["--list", "there"]).stdout == "there/x.go\n"
    assert invoke(["--apply", "there"]).exit_code == 0
    assert (loose / "other" / "x.go").read_bytes() == FIXED
