"""The guard for uncommitted work: --apply writes only files whose work-tree bytes git holds."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from gofix_bind import dirty
from gofix_bind.dirty import Guard, State, parse_ls_files
from tests.helpers import commit_all, git, invoke, run_interactive
from tests.toolchain import need_git

LISTEN = b'package main\n\nimport "net"\n\nfunc main() {\n\tnet.Listen("tcp", ":8080")\n}\n'
FIXED = LISTEN.replace(b'":8080"', b'"127.0.0.1:8080"')
OTHER = LISTEN.replace(b"func main() {", b"// Edited.\nfunc main() {")
UNSTAGED = f"main.go: error: {dirty.UNSTAGED}"
UNTRACKED = f"main.go: error: {dirty.UNTRACKED}"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git work tree whose one commit holds main.go with a fixable listener; the cwd."""
    need_git()
    root = tmp_path / "repo"
    root.mkdir()
    (root / "main.go").write_bytes(LISTEN)
    commit_all(root)
    monkeypatch.chdir(root)
    return root


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line]


def test_a_committed_file_is_fixed(repo: Path) -> None:
    result = invoke(["--apply", "."])
    assert (result.exit_code, _errors(result.stderr)) == (0, [])
    assert result.stderr.splitlines()[0] == "fixed main.go (1 fix)"
    assert (repo / "main.go").read_bytes() == FIXED


def test_an_untracked_file_is_refused(repo: Path) -> None:
    (repo / "new").mkdir()
    (repo / "new" / "main.go").write_bytes(LISTEN)
    result = invoke(["--apply", "new"])
    assert result.exit_code == 2
    assert _errors(result.stderr) == [f"new/{UNTRACKED}"]
    assert (repo / "new" / "main.go").read_bytes() == LISTEN


def test_an_ignored_file_is_untracked_too(repo: Path) -> None:
    (repo / ".gitignore").write_text("gen.go\n")
    (repo / "gen.go").write_bytes(LISTEN.replace(b"func main", b"func gen"))
    result = invoke(["--apply", "gen.go"])
    assert result.exit_code == 2
    assert _errors(result.stderr) == [f"gen.go: error: {dirty.UNTRACKED}"]


def test_unstaged_changes_are_refused(repo: Path) -> None:
    (repo / "main.go").write_bytes(OTHER)
    result = invoke(["--apply", "."])
    assert result.exit_code == 2
    assert _errors(result.stderr) == [UNSTAGED]
    assert (repo / "main.go").read_bytes() == OTHER


def test_refusal_is_a_json_error_and_not_changed(repo: Path) -> None:
    (repo / "main.go").write_bytes(OTHER)
    document = json.loads(invoke(["--apply", "--format", "json", "."]).stdout)
    assert document["errors"] == [{"path": "main.go", "message": dirty.UNSTAGED}]
    assert document["summary"]["changed"] == []


def test_staged_changes_are_allowed(repo: Path) -> None:
    (repo / "main.go").write_bytes(OTHER)
    git(repo, "add", "main.go")
    result = invoke(["--apply", "."])
    assert (result.exit_code, _errors(result.stderr)) == (0, [])
    assert (repo / "main.go").read_bytes() == OTHER.replace(b'":8080"', b'"127.0.0.1:8080"')


def test_a_new_file_staged_is_allowed(repo: Path) -> None:
    (repo / "svc").mkdir()
    (repo / "svc" / "main.go").write_bytes(LISTEN)
    git(repo, "add", "svc/main.go")
    result = invoke(["--apply", "svc"])
    assert (result.exit_code, _errors(result.stderr)) == (0, [])


def test_a_file_touched_but_unchanged_is_clean(repo: Path) -> None:
    later = os.stat(repo / "main.go").st_mtime + 10
    os.utime(repo / "main.go", (later, later))
    result = invoke(["--apply", "."])
    assert (result.exit_code, _errors(result.stderr)) == (0, [])


def test_allow_dirty_writes_anyway(repo: Path) -> None:
    (repo / "main.go").write_bytes(OTHER)
    (repo / "new.go").write_bytes(LISTEN.replace(b"func main", b"func other"))
    result = invoke(["--apply", "--allow-dirty", "."])
    assert (result.exit_code, _errors(result.stderr)) == (0, [])
    assert result.stderr.splitlines()[:2] == ["fixed main.go (1 fix)", "fixed new.go (1 fix)"]


def test_only_the_dirty_file_fails_the_rest_is_fixed(repo: Path) -> None:
    (repo / "b.go").write_bytes(LISTEN.replace(b"func main", b"func b"))
    commit_all(repo)
    (repo / "main.go").write_bytes(OTHER)
    result = invoke(["--apply", "."])
    assert result.exit_code == 2
    assert _errors(result.stderr) == [UNSTAGED]
    assert "fixed b.go (1 fix)" in result.stderr.splitlines()


def test_outside_git_there_is_no_guard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.go").write_bytes(LISTEN)
    monkeypatch.chdir(tmp_path)
    result = invoke(["--apply", "."])
    assert (result.exit_code, _errors(result.stderr)) == (0, [])


def test_report_and_diff_never_ask_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "main.go").write_bytes(OTHER)
    monkeypatch.setenv("PATH", "")
    assert invoke(["."]).exit_code == 1
    assert invoke(["--diff", "."]).exit_code == 1


def test_without_git_the_write_is_refused_and_says_why(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    result = invoke(["--apply", "."])
    assert result.exit_code == 2
    (line,) = _errors(result.stderr)
    assert line.startswith("main.go: error: cannot tell whether it has uncommitted changes (")
    assert line.endswith("); pass --allow-dirty")
    assert (repo / "main.go").read_bytes() == LISTEN
    assert invoke(["--apply", "--allow-dirty", "."]).exit_code == 0


def test_git_is_asked_once_per_repository(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a", "b", "c"):
        (repo / name).mkdir()
        (repo / name / "main.go").write_bytes(LISTEN)
    commit_all(repo)
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(command: list[str], **kwargs: object) -> object:
        calls.append(command)
        return real(command, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(dirty.subprocess, "run", counting)
    assert invoke(["--apply", "."]).exit_code == 0
    # The guard's question, once; the container ports' file listing is another question.
    asked = [command for command in calls if "--modified" in command]
    assert len(asked) == 1


def test_no_git_call_when_nothing_is_to_be_written(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "main.go").write_bytes(FIXED)
    commit_all(repo)
    guard_calls: list[object] = []
    monkeypatch.setattr(dirty, "_ls_files", guard_calls.append)
    assert invoke(["--apply", "."]).exit_code == 0
    assert guard_calls == []


def test_a_symlink_is_judged_by_its_target(repo: Path) -> None:
    (repo / "link.go").symlink_to("main.go")
    commit_all(repo)
    (repo / "main.go").write_bytes(OTHER)
    result = invoke(["--apply", "link.go"])
    assert _errors(result.stderr) == [f"link.go: error: {dirty.UNSTAGED}"]


def test_pre_commit_flow_stash_unstaged_then_apply(repo: Path) -> None:
    """pre-commit stashes unstaged changes, runs the hook, then puts them back."""
    (repo / "main.go").write_bytes(OTHER)
    git(repo, "add", "main.go")
    # An unstaged edit on top of the staged one, which the hook must not see.
    (repo / "main.go").write_bytes(OTHER + b"\n// Unstaged.\n")
    git(repo, "stash", "push", "--keep-index", "-q")
    assert (repo / "main.go").read_bytes() == OTHER
    result = invoke(["--apply", "main.go"])
    assert (result.exit_code, _errors(result.stderr)) == (0, [])
    assert (repo / "main.go").read_bytes() == OTHER.replace(b'":8080"', b'"127.0.0.1:8080"')
    # The hook changed files, so pre-commit fails the commit; the user's work comes back.
    git(repo, "checkout", "--", "main.go")
    git(repo, "stash", "pop", "-q")
    assert (repo / "main.go").read_bytes() == OTHER + b"\n// Unstaged.\n"


def test_interactive_honours_the_guard(repo: Path) -> None:
    (repo / "main.go").write_bytes(OTHER)
    dialogue = run_interactive(repo, ["y"])
    assert dialogue.exit_code == 2
    assert UNSTAGED in dialogue.transcript
    assert (repo / "main.go").read_bytes() == OTHER
    allowed = run_interactive(repo, ["y"], flags=("--color", "never", "--allow-dirty"))
    assert allowed.exit_code == 0
    assert "fixed main.go (1 fix)" in allowed.transcript


def test_parse_ls_files() -> None:
    output = b"H a.go\0H b.go\0C b.go\0S c.go\0M d.go\0M d.go\0H sp ace.go\0"
    assert parse_ls_files(output) == {
        "a.go": State.CLEAN,
        "b.go": State.UNSTAGED,
        "c.go": State.CLEAN,
        "d.go": State.UNSTAGED,
        "sp ace.go": State.CLEAN,
    }


def test_guard_outside_git(tmp_path: Path) -> None:
    assert Guard().refusal(tmp_path / "main.go") is None
