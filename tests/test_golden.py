"""Golden cases: real Go files in, exact output and bytes out, checked through the real CLI.

Each case is a directory golden/go/<case>/ (other languages get golden/<language>/ beside it):

- input/          the files as found; each run works on a fresh copy of them, committed in a git
                  repository (so that --apply's guard for uncommitted work lets it write)
- flags.txt       optional: extra CLI flags for every run, in shell syntax
- expected/       the files after --apply that differ from input/ (a file absent here must stay
                  byte-identical; no expected/ at all when nothing changes)
- report.stdout, report.stderr   exact output of `gofix-bind [flags] .`
- diff.stdout, diff.stderr       exact output of `gofix-bind [flags] --diff .`
- apply.stdout, apply.stderr     exact output of `gofix-bind [flags] --apply .`
- exit-codes.txt  the exit code of each run, one `<run> <code>` line each: report, diff, apply,
                  then format-F for each format F of formats.txt
- formats.txt     optional: format names, one a line; for each format F, the case also pins
                  format-F.stdout and format-F.stderr, the exact output of
                  `gofix-bind [flags] --format F .` on a fresh copy of input/, with the file URI
                  of that copy's root replaced by ROOT_URI (SARIF names the root absolutely)

An absent .stdout or .stderr file means the stream must be empty, so none is ever empty.
Set GOFIX_BIND_REGEN=1 to rewrite the output files, exit-codes.txt and expected/ from the
current behaviour, then review the git diff.
"""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import Result

from gofix_bind.go.parse import error_count, parse
from gofix_bind.output.repo import file_uri
from tests.helpers import commit_all, git_apply, invoke, snapshot
from tests.toolchain import gofmt_or_none, need_gofmt

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "go"
REGEN = os.environ.get("GOFIX_BIND_REGEN") == "1"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input").is_dir())
# The three runs of each case, in the order they run, and the mode flag each adds.
RUNS: dict[str, list[str]] = {"report": [], "diff": ["--diff"], "apply": ["--apply"]}
STREAMS = ("stdout", "stderr")
EXIT_CODES = "exit-codes.txt"
FORMATS = "formats.txt"
PINNED = {f"{run}.{stream}" for run in RUNS for stream in STREAMS}
CASE_ENTRIES = {"input", "expected", "flags.txt", FORMATS, EXIT_CODES, *PINNED}
# What the file URI of the copy's root is pinned as, in the format runs' output.
ROOT_URI = "file:///repository/"


def _flags(case: Path) -> list[str]:
    flags = case / "flags.txt"
    return shlex.split(flags.read_text()) if flags.exists() else []


def _formats(case: Path) -> list[str]:
    listed = case / FORMATS
    return listed.read_text().split() if listed.exists() else []


def _format_pins(case: Path) -> set[str]:
    return {f"format-{name}.{stream}" for name in _formats(case) for stream in STREAMS}


def _copy_input(case: Path, destination: Path) -> Path:
    shutil.copytree(case / "input", destination, symlinks=True)
    commit_all(destination)
    return destination


def _expected_tree(case: Path) -> dict[str, bytes]:
    tree = snapshot(case / "input")
    expected_dir = case / "expected"
    if expected_dir.is_dir():
        tree.update(snapshot(expected_dir))
    return tree


def _stream(result: Result, stream: str) -> bytes:
    return result.stdout_bytes if stream == "stdout" else result.stderr_bytes


def format_runs(case: Path, work: Path) -> dict[str, bytes | int]:
    """Run each format of formats.txt on work (a fresh copy of input/, the working directory).

    Returns each run's streams, the root's file URI replaced by ROOT_URI, and exit code, keyed
    by pin name (format-F.stdout, format-F.stderr) and by run name (format-F).
    """
    root = file_uri(Path(os.path.realpath(work))).encode()
    out: dict[str, bytes | int] = {}
    for name in _formats(case):
        result = invoke([*_flags(case), "--format", name, "."])
        for stream in STREAMS:
            out[f"format-{name}.{stream}"] = _stream(result, stream).replace(
                root, ROOT_URI.encode()
            )
        out[f"format-{name}"] = result.exit_code
    return out


def _pinned(case: Path, name: str) -> bytes:
    """Return a pinned stream's bytes; an absent file pins an empty stream."""
    path = case / name
    return path.read_bytes() if path.exists() else b""


def _exit_codes_text(runs: dict[str, Result], formats: dict[str, bytes | int]) -> str:
    codes = [f"{run} {result.exit_code}\n" for run, result in runs.items()]
    codes += [f"{run} {code}\n" for run, code in formats.items() if isinstance(code, int)]
    return "".join(codes)


def _write_pin(path: Path, data: bytes) -> None:
    if data:
        path.write_bytes(data)
    else:
        path.unlink(missing_ok=True)


def _regenerate(
    case: Path,
    runs: dict[str, Result],
    formats: dict[str, bytes | int],
    applied: dict[str, bytes],
) -> None:
    for run, result in runs.items():
        for stream in STREAMS:
            _write_pin(case / f"{run}.{stream}", _stream(result, stream))
    for pin, data in formats.items():
        if isinstance(data, bytes):
            _write_pin(case / pin, data)
    (case / EXIT_CODES).write_text(_exit_codes_text(runs, formats))
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

    # The formats run on their own copy, which --apply has not touched.
    monkeypatch.chdir(_copy_input(case, tmp_path / "formats"))
    formats = format_runs(case, Path.cwd())
    monkeypatch.chdir(work)

    if REGEN:
        _regenerate(case, runs, formats, applied)

    # The case holds only the files above, and no empty pin (an absent file pins "").
    format_pins = _format_pins(case)
    assert {p.name for p in case.iterdir()} <= CASE_ENTRIES | format_pins
    for pinned in PINNED | format_pins:
        assert not (case / pinned).exists() or (case / pinned).stat().st_size > 0, pinned

    # Every run: exact stdout, exact stderr, exact exit code.
    for run, result in runs.items():
        for stream in STREAMS:
            pinned = f"{run}.{stream}"
            assert _stream(result, stream) == _pinned(case, pinned), pinned
    for pinned in format_pins:
        assert formats[pinned] == _pinned(case, pinned), pinned
    assert _exit_codes_text(runs, formats) == (case / EXIT_CODES).read_text()

    # The exit codes are the ones the output implies: 2 on an error, else 1 when a finding
    # remains (report: any; --apply: one listed as not fixed) or --diff printed a diff, else 0.
    errors = _error_lines(report.stderr)
    assert report.exit_code == (2 if errors else 1 if report.stdout else 0)
    assert diff.exit_code == (2 if errors else 1 if diff.stdout else 0)
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
