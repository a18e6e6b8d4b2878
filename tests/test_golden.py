"""Golden cases: real Go files in, exact findings and bytes out, checked through the real CLI.

Each golden/go/<case>/ holds input/ (the files as found), expected/ (the files after --apply; a
file absent there must stay byte-identical), findings.txt (report-mode stdout, exact),
optionally flags.txt (extra CLI flags) and errors.txt (lines stderr must contain; the run
must then exit 2). Set GOFIX_BIND_REGEN=1 to rewrite findings.txt and expected/ from the
current behaviour, then review the git diff.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from gofix_bind.go.parse import error_count, parse
from tests.helpers import git_apply, invoke, snapshot

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "go"
REGEN = os.environ.get("GOFIX_BIND_REGEN") == "1"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input").is_dir())


def _flags(case: Path) -> list[str]:
    flags = case / "flags.txt"
    return shlex.split(flags.read_text()) if flags.exists() else []


def _copy_input(case: Path, destination: Path) -> Path:
    shutil.copytree(case / "input", destination, symlinks=True)
    subprocess.run(["git", "init", "-q", str(destination)], check=True)
    return destination


def _expected_tree(case: Path) -> dict[str, bytes]:
    tree = snapshot(case / "input")
    expected_dir = case / "expected"
    if expected_dir.is_dir():
        tree.update(snapshot(expected_dir))
    return tree


def _regenerate(case: Path, report: str, applied: dict[str, bytes]) -> None:
    (case / "findings.txt").write_text(report)
    original = snapshot(case / "input")
    expected_dir = case / "expected"
    shutil.rmtree(expected_dir, ignore_errors=True)
    for name, data in applied.items():
        if original.get(name) != data:
            target = expected_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = GOLDEN / name
    flags = _flags(case)
    errors_file = case / "errors.txt"

    work = _copy_input(case, tmp_path / "apply")
    monkeypatch.chdir(work)
    report = invoke([*flags, "."])
    diff = invoke([*flags, "--diff", "."])
    applied_run = invoke([*flags, "--apply", "."])
    applied = snapshot(work)

    if REGEN:
        _regenerate(case, report.stdout, applied)

    # Report mode: exact lines, and the exit code they imply.
    assert report.stdout == (case / "findings.txt").read_text()
    if errors_file.exists():
        expected_code = 2
        for line in errors_file.read_text().splitlines():
            assert line in report.stderr
    else:
        expected_code = 1 if report.stdout else 0
        assert "error" not in report.stderr
    assert report.exit_code == expected_code
    assert diff.exit_code == expected_code

    # --apply: every file byte for byte; files without an expected/ twin stay untouched.
    assert applied == _expected_tree(case)

    # Every file that changed still parses without error nodes.
    original = snapshot(case / "input")
    for path, data in applied.items():
        if original[path] != data:
            assert error_count(parse(data)) == 0, path

    # A second pass finds nothing left to fix.
    second = invoke([*flags, "--diff", "."])
    assert second.stdout_bytes == b""

    # `git apply` of --diff, on a fresh copy, gives exactly the --apply bytes.
    fresh = _copy_input(case, tmp_path / "patch")
    git_apply(fresh, diff.stdout_bytes)
    assert snapshot(fresh) == applied
    assert bool(diff.stdout_bytes) == (applied != original)
    # --apply lists what it could not fix, and exits by it.
    assert applied_run.exit_code == (2 if errors_file.exists() else 1 if applied_run.stdout else 0)


GOFMT = shutil.which("gofmt")
# CI installs Go and sets this, so the check below can never be skipped there unnoticed.
REQUIRE_GOFMT = os.environ.get("GOFIX_BIND_REQUIRE_GOFMT") == "1"


def _gofmt(data: bytes) -> bytes | None:
    """Return gofmt's layout of a Go source, or None when gofmt cannot parse it."""
    assert GOFMT is not None
    done = subprocess.run([GOFMT], input=data, capture_output=True, check=False)
    return done.stdout if done.returncode == 0 else None


@pytest.mark.parametrize("name", [c for c in CASES if (GOLDEN / c / "expected").is_dir()])
def test_golden_output_is_gofmt_clean(name: str) -> None:
    """A fix never leaves a gofmt-formatted file unformatted (checked by the real gofmt)."""
    if GOFMT is None:
        if REQUIRE_GOFMT:
            pytest.fail("gofmt is required (GOFIX_BIND_REQUIRE_GOFMT=1) but not installed")
        pytest.skip("gofmt is not installed")
    case = GOLDEN / name
    original = snapshot(case / "input")
    checked = 0
    for path, data in snapshot(case / "expected").items():
        before = original.get(path)
        if not path.endswith(".go") or before is None or _gofmt(before) != before:
            continue
        assert _gofmt(data) == data, f"{path}: gofmt would reformat the fixed file"
        checked += 1
    if checked == 0:
        pytest.skip("no changed file was gofmt-clean before the fix")
