"""--list, --check and --output: what they print, write and exit with."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.helpers import commit_all, invoke, snapshot

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "go"
# Cases with fixes in several files, unsafe fixes held back, and no change at all.
CASES = [
    "flow_const_other_file",
    "udp_rules",
    "gofmt_align_shared_block_two",
    "lookalikes_not_reported",
    "port_probe",
    "suppress_gosec",
]


def _tree(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / case
    shutil.copytree(GOLDEN / case / "input", root, symlinks=True)
    commit_all(root)
    monkeypatch.chdir(root)
    return root


def _changed_by_apply(root: Path, tmp_path: Path) -> list[str]:
    """Apply the fixes to a copy of root and return the files that changed."""
    copy = tmp_path / "applied"
    shutil.copytree(root, copy, symlinks=True)
    before = snapshot(copy)
    os.chdir(copy)
    try:
        invoke(["--apply", "."])
    finally:
        os.chdir(root)
    after = snapshot(copy)
    return sorted(path for path in after if after[path] != before.get(path))


@pytest.mark.parametrize("case", CASES)
def test_list_names_exactly_the_files_apply_changes(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tree(case, tmp_path, monkeypatch)
    before = snapshot(root)
    listed = invoke(["--list", "."])
    changed = _changed_by_apply(root, tmp_path)
    assert listed.stdout == "".join(f"{path}\n" for path in changed)
    assert listed.exit_code == (1 if changed else 0)
    short = invoke(["-l", "."])
    assert (short.stdout, short.exit_code) == (listed.stdout, listed.exit_code)
    check = invoke(["--check", "."])
    assert check.stdout == ""
    assert check.exit_code == (1 if changed else 0)
    # Neither writes anything.
    assert snapshot(root) == before


def test_check_exits_zero_when_only_unsafe_fixes_remain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tree("udp_rules", tmp_path, monkeypatch)
    invoke(["--apply", "."])
    # Findings remain (their fixes are unsafe), so a report exits 1, but --apply changes nothing.
    assert invoke(["."]).exit_code == 1
    assert invoke(["--check", "."]).exit_code == 0
    assert invoke(["--list", "."]).stdout == ""
    assert invoke(["--check", "--unsafe-fixes", "."]).exit_code == 1
    assert snapshot(root)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--list", "--check"], "--list cannot be used with --check"),
        (["--list", "--diff"], "--list cannot be used with --diff"),
        (["--check", "--apply"], "--check cannot be used with --apply"),
        (["--list", "--format", "json"], "--list cannot be used with --format"),
        (["--check", "--output", "x"], "--check cannot be used with --output"),
    ],
)
def test_conflicting_flags_are_usage_errors(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tree("listen_basic", tmp_path, monkeypatch)
    before = snapshot(root)
    result = invoke([*args, "."])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"gofix-bind: error: {message}\n"
    assert snapshot(root) == before


@pytest.mark.parametrize(
    "args", [["--format", "json"], ["--format", "text"], ["--diff"], ["--list"], ["--apply"]]
)
def test_output_file_holds_what_stdout_would(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tree("flow_const_other_file", tmp_path, monkeypatch)
    shutil.copytree(root, tmp_path / "twin", symlinks=True)
    report = tmp_path / "report.out"
    written = invoke([*args, "--output", str(report), "."])
    monkeypatch.chdir(tmp_path / "twin")
    printed = invoke([*args, "."])
    assert written.stdout == ""
    assert report.read_text() == printed.stdout
    assert printed.stdout or args == ["--apply"]
    assert written.stderr == printed.stderr
    assert written.exit_code == printed.exit_code


def test_output_replaces_a_report_whole_and_keeps_its_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree("listen_basic", tmp_path, monkeypatch)
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    report.write_text("old\n")
    report.chmod(0o640)
    result = invoke(["--format", "json", "-o", str(report), "."])
    assert result.exit_code == 1
    assert report.read_text().startswith("{\n")
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    # No temporary file is left beside it.
    assert sorted(p.name for p in report.parent.iterdir()) == ["report.json"]


def test_output_that_cannot_be_written_is_an_error_after_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tree("listen_basic", tmp_path, monkeypatch)
    before = snapshot(root)
    missing = tmp_path / "no-such-dir" / "report.txt"
    result = invoke(["-o", str(missing), "."])
    assert result.exit_code == 2
    assert result.stdout == ""
    summary, error = result.stderr.splitlines()
    assert summary.startswith("2 findings, ")
    assert error == f"gofix-bind: error: cannot write {missing}: no such file or directory"
    assert not missing.parent.exists()
    assert snapshot(root) == before


def test_new_report_gets_the_umask_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree("listen_basic", tmp_path, monkeypatch)
    old = os.umask(0o027)
    try:
        invoke(["-o", str(tmp_path / "new.txt"), "."])
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640
