"""Golden cases: real Go files in, exact output and bytes out, checked through the real CLI.

Each case is a directory golden/go/<case>/ (other languages get golden/<language>/ beside it):

- input/          the files as found; each run works on a fresh copy of them, in a git repository
- flags.txt       optional: extra CLI flags for every run, in shell syntax
- expected/       the files after --apply that differ from input/ (a file absent here must stay
                  byte-identical; no expected/ at all when nothing changes)
- report.stdout, report.stderr   exact output of `gofix-bind [flags] .`
- diff.stdout, diff.stderr       exact output of `gofix-bind [flags] --diff .`
- apply.stdout, apply.stderr     exact output of `gofix-bind [flags] --apply .`
- exit-codes.txt  the exit code of each run, one `<run> <code>` line each: report, diff, apply

An absent .stdout or .stderr file means the stream must be empty, so none is ever empty.
Set GOFIX_BIND_REGEN=1 to rewrite the output files, exit-codes.txt and expected/ from the
current behaviour, then review the git diff.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import Result

from gofix_bind.go.parse import error_count, parse
from tests.helpers import git_apply, invoke, snapshot
from tests.toolchain import gofmt_or_none, need_gofmt

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "go"
REGEN = os.environ.get("GOFIX_BIND_REGEN") == "1"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input").is_dir())
# The three runs of each case, in the order they run, and the mode flag each adds.
RUNS: dict[str, list[str]] = {"report": [], "diff": ["--diff"], "apply": ["--apply"]}
STREAMS = ("stdout", "stderr")
EXIT_CODES = "exit-codes.txt"
PINNED = {f"{run}.{stream}" for run in RUNS for stream in STREAMS}
CASE_ENTRIES = {"input", "expected", "flags.txt", EXIT_CODES, *PINNED}


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


def _stream(result: Result, stream: str) -> bytes:
    return result.stdout_bytes if stream == "stdout" else result.stderr_bytes


def _pinned(case: Path, name: str) -> bytes:
    """Return a pinned stream's bytes; an absent file pins an empty stream."""
    path = case / name
    return path.read_bytes() if path.exists() else b""


def _exit_codes_text(runs: dict[str, Result]) -> str:
    return "".join(f"{run} {result.exit_code}\n" for run, result in runs.items())


def _regenerate(case: Path, runs: dict[str, Result], applied: dict[str, bytes]) -> None:
    for run, result in runs.items():
        for stream in STREAMS:
            path = case / f"{run}.{stream}"
            data = _stream(result, stream)
            if data:
                path.write_bytes(data)
            else:
                path.unlink(missing_ok=True)
    (case / EXIT_CODES).write_text(_exit_codes_text(runs))
    original = snapshot(case / "input")
    expected_dir = case / "expected"
    shutil.rmtree(expected_dir, ignore_errors=True)
    for name, data in applied.items():
        if original.get(name) != data:
            target = expected_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line]


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = GOLDEN / name
    flags = _flags(case)

    work = _copy_input(case, tmp_path / "apply")
    monkeypatch.chdir(work)
    # In this order: report and --diff see the input, --apply then rewrites it.
    runs = {run: invoke([*flags, *mode, "."]) for run, mode in RUNS.items()}
    report, diff, applied_run = runs["report"], runs["diff"], runs["apply"]
    applied = snapshot(work)

    if REGEN:
        _regenerate(case, runs, applied)

    # The case holds only the files above, and no empty pin (an absent file pins "").
    assert {p.name for p in case.iterdir()} <= CASE_ENTRIES
    for pinned in PINNED:
        assert not (case / pinned).exists() or (case / pinned).stat().st_size > 0, pinned

    # Every run: exact stdout, exact stderr, exact exit code.
    for run, result in runs.items():
        for stream in STREAMS:
            pinned = f"{run}.{stream}"
            assert _stream(result, stream) == _pinned(case, pinned), pinned
    assert _exit_codes_text(runs) == (case / EXIT_CODES).read_text()

    # The exit codes are the ones the output implies: 2 on an error, else 1 when a finding
    # remains (report and --diff: any; --apply: one listed as not fixed), else 0.
    errors = _error_lines(report.stderr)
    expected_code = 2 if errors else 1 if report.stdout else 0
    assert report.exit_code == expected_code
    assert diff.exit_code == expected_code
    assert applied_run.exit_code == (2 if errors else 1 if applied_run.stdout else 0)

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


@pytest.mark.parametrize("name", [c for c in CASES if (GOLDEN / c / "expected").is_dir()])
def test_golden_output_is_gofmt_clean(name: str) -> None:
    """A fix never leaves a gofmt-formatted file unformatted (checked by the real gofmt)."""
    need_gofmt()
    case = GOLDEN / name
    original = snapshot(case / "input")
    checked = 0
    for path, data in snapshot(case / "expected").items():
        before = original.get(path)
        if not path.endswith(".go") or before is None or gofmt_or_none(before) != before:
            continue
        assert gofmt_or_none(data) == data, f"{path}: gofmt would reformat the fixed file"
        checked += 1
    if checked == 0:
        pytest.skip("no changed file was gofmt-clean before the fix")
