"""Run the peer tools, ast-grep and Semgrep, with rules equal to gofix-bind's direct-literal check.

Each runner scans a list of paths with one rule file from benchmarks/rules/ and returns the set
of findings as (path relative to a root, 1-based line of the address literal) with the wall time
of the scan, so the sets can be compared with gofix-bind's own findings by file and line.

The peers live in their own virtual environment (both from PyPI)::

    python3 -m venv .peers && .peers/bin/pip install ast-grep-cli semgrep

and are found from --astgrep/--semgrep, else the ASTGREP/SEMGREP environment variables, else
PATH, else beside the running Python, else the repository's .peers/bin. Semgrep runs offline:
the rule is a local file, metrics and the version check are off. Both are told to scan every
file (see ASTGREP_FLAGS, SEMGREP_FLAGS).

    python benchmarks/peers.py ../go-corpus [--diff] [--json-out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Finding = tuple[str, int]

RULES_DIR = Path(__file__).resolve().parent / "rules"
ASTGREP_RULE = RULES_DIR / "astgrep-bind-all.yml"
SEMGREP_RULE = RULES_DIR / "semgrep-bind-all.yml"
TESTDATA = RULES_DIR / "testdata" / "bind_all.go"
PEERS_BIN = Path(__file__).resolve().parent.parent / ".peers" / "bin"

# ast-grep skips hidden files and honours .gitignore/.ignore files by default: turn all that off.
ASTGREP_FLAGS: tuple[str, ...] = tuple(
    arg
    for kind in ("hidden", "dot", "exclude", "global", "parent", "vcs")
    for arg in ("--no-ignore", kind)
)

# Semgrep by default drops files through a built-in .semgrepignore list when the project has
# none (test/, tests/, vendor/, build/, dist/, *_test.go, ...) and files over 1 MB, and gives up
# on a file after 5 s per rule. --x-ignore-semgrepignore-files (an internal flag) drops that
# list and any .semgrepignore file; --max-target-bytes=0 and --timeout=0 lift the limits;
# --disable-nosem reports `// nosemgrep` lines too; --no-git-ignore stops .gitignore filtering.
SEMGREP_FLAGS: tuple[str, ...] = (
    "--metrics=off",
    "--disable-version-check",
    "--disable-nosem",
    "--no-git-ignore",
    "--x-ignore-semgrepignore-files",
    "--max-target-bytes=0",
    "--timeout=0",
)

# Without the version check off Semgrep waits about 90 s for the network before it scans.
SEMGREP_ENV: Mapping[str, str] = {
    "SEMGREP_SEND_METRICS": "off",
    "SEMGREP_ENABLE_VERSION_CHECK": "0",
}


@dataclass(frozen=True)
class PeerRun:
    """What one peer found on a set of paths, and how long the scan took."""

    tool: str
    version: str
    command: tuple[str, ...]
    findings: frozenset[Finding]
    seconds: float
    # Problems the tool reported (Semgrep's errors: parse failures and the like).
    errors: tuple[str, ...] = ()
    # How many files the tool says it scanned, when it says.
    scanned: int | None = None


def find_executable(name: str, env_var: str, given: str | None = None) -> str:
    """Locate a peer: the given path, $env_var, PATH, beside this Python, else PEERS_BIN."""
    for candidate in (given, os.environ.get(env_var), shutil.which(name)):
        if candidate:
            return candidate
    for directory in (Path(sys.executable).parent, PEERS_BIN):
        if (directory / name).exists():
            return str(directory / name)
    raise FileNotFoundError(f"{name} not found: pass its path or set {env_var}")


def tool_version(executable: str) -> str:
    """Return the first line a tool prints for --version."""
    done = subprocess.run(
        [executable, "--version"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **SEMGREP_ENV},
    )
    words = done.stdout.split()  # "ast-grep 0.51.1" or "1.185.0"
    return words[1] if len(words) > 1 and words[0] == Path(executable).name else " ".join(words)


def relative(path: str, root: Path) -> str:
    """Express a path the tool printed (relative to root, or absolute) relative to root."""
    full = Path(path) if os.path.isabs(path) else root / path
    return Path(os.path.relpath(full, root)).as_posix()


def _targets(paths: Sequence[str | Path], root: Path) -> list[str]:
    """Name the targets relative to root when they are under it, so the tools print short paths."""
    out = []
    for p in paths:
        full = Path(p).resolve()
        try:
            out.append(full.relative_to(root).as_posix() or ".")
        except ValueError:
            out.append(str(full))
    return out


def _run(command: Sequence[str], root: Path, env: Mapping[str, str]) -> tuple[str, float]:
    """Run a scan in root and return its stdout and wall time; exit codes above 1 are errors."""
    start = time.perf_counter()
    done = subprocess.run(
        list(command),
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{command[0]} exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    return done.stdout, seconds


def parse_astgrep_stream(stream: str, root: Path) -> frozenset[Finding]:
    """Read `ast-grep scan --json=stream` output: one match per line.

    The line is the address literal's ($ADDR); the match's own start line is the fallback.
    """
    found = set()
    for text in stream.splitlines():
        if not text.strip():
            continue
        match: dict[str, Any] = json.loads(text)
        addr = match.get("metaVariables", {}).get("single", {}).get("ADDR")
        where = addr["range"] if addr else match["range"]
        found.add((relative(match["file"], root), int(where["start"]["line"]) + 1))
    return frozenset(found)


def run_astgrep(
    executable: str,
    paths: Sequence[str | Path],
    root: str | Path,
    rule: Path = ASTGREP_RULE,
    jobs: int = 2,
) -> PeerRun:
    """Scan paths with ast-grep and the rule file; paths in findings are relative to root."""
    base = Path(root).resolve()
    command = (
        executable,
        "scan",
        "--rule",
        str(rule),
        "--json=stream",
        f"--threads={jobs}",
        *ASTGREP_FLAGS,
        *_targets(paths, base),
    )
    stdout, seconds = _run(command, base, {})
    return PeerRun(
        tool="ast-grep",
        version=tool_version(executable),
        command=command,
        findings=parse_astgrep_stream(stdout, base),
        seconds=seconds,
    )


def _error_type(kind: object) -> str:
    """Name a Semgrep error type, given as "Name" or as ["Name", details]."""
    if isinstance(kind, list) and kind:
        return str(kind[0])
    return str(kind or "")


def parse_semgrep_json(
    document: str, root: Path
) -> tuple[frozenset[Finding], tuple[str, ...], int | None]:
    """Read `semgrep scan --json`: the findings, the errors, and the number of files scanned.

    The rule focuses on $ADDR, so a result's start line is the address literal's.
    """
    data: dict[str, Any] = json.loads(document)
    found = frozenset(
        (relative(result["path"], root), int(result["start"]["line"]))
        for result in data.get("results", [])
    )
    errors = tuple(
        f"{error.get('level', '')} {_error_type(error.get('type'))} {error.get('path', '')}: "
        f"{str(error.get('message', '')).strip()}"
        for error in data.get("errors", [])
    )
    scanned = data.get("paths", {}).get("scanned")
    return found, errors, len(scanned) if scanned is not None else None


def run_semgrep(
    executable: str,
    paths: Sequence[str | Path],
    root: str | Path,
    rule: Path = SEMGREP_RULE,
    jobs: int = 2,
) -> PeerRun:
    """Scan paths with Semgrep, offline, and the rule file; paths are relative to root."""
    base = Path(root).resolve()
    command = (
        executable,
        "scan",
        "--config",
        str(rule),
        "--json",
        f"--jobs={jobs}",
        *SEMGREP_FLAGS,
        *_targets(paths, base),
    )
    stdout, seconds = _run(command, base, SEMGREP_ENV)
    findings, errors, scanned = parse_semgrep_json(stdout, base)
    return PeerRun(
        tool="semgrep",
        version=tool_version(executable),
        command=command,
        findings=findings,
        seconds=seconds,
        errors=errors,
        scanned=scanned,
    )


def wanted_lines(go_file: Path = TESTDATA) -> frozenset[Finding]:
    """Return the findings a rule must give on a test file: the lines ending in `// want`."""
    lines = go_file.read_text().splitlines()
    return frozenset(
        (go_file.name, n) for n, text in enumerate(lines, 1) if text.rstrip().endswith("// want")
    )


def self_test(astgrep: str, semgrep: str, go_file: Path = TESTDATA) -> bool:
    """Check that both rules find exactly the `// want` lines of the test file."""
    want = wanted_lines(go_file)
    ok = True
    for run in (
        run_astgrep(astgrep, [go_file], go_file.parent),
        run_semgrep(semgrep, [go_file], go_file.parent),
    ):
        missing, extra = sorted(want - run.findings), sorted(run.findings - want)
        print(
            f"{run.tool}: {len(run.findings)}/{len(want)} wanted, missing {missing}, extra {extra}"
        )
        ok = ok and not missing and not extra
    return ok


def _print_run(run: PeerRun) -> None:
    files = len({path for path, _ in run.findings})
    scanned = "" if run.scanned is None else f", {run.scanned} files scanned"
    print(
        f"{run.tool} {run.version}: {len(run.findings)} findings in {files} files, "
        f"{run.seconds:.1f} s{scanned}, {len(run.errors)} errors"
    )
    shown = " ".join(run.command[:24])
    print(f"  {shown}{' ...' if len(run.command) > 24 else ''}")


def _print_only(label: str, findings: set[Finding]) -> None:
    print(f"{label}: {len(findings)}")
    for path, line in sorted(findings):
        print(f"  {path}:{line}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run both peers on a directory and print counts, timings and their differences."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?", help="directory findings are relative to")
    parser.add_argument("paths", nargs="*", type=Path, help="what to scan (default: root)")
    parser.add_argument("--astgrep", help="ast-grep executable (or $ASTGREP)")
    parser.add_argument("--semgrep", help="semgrep executable (or $SEMGREP)")
    parser.add_argument("--jobs", type=int, default=2, help="threads/jobs for each tool")
    parser.add_argument("--diff", action="store_true", help="list findings only one tool has")
    parser.add_argument("--errors", action="store_true", help="list the errors Semgrep reports")
    parser.add_argument("--json-out", type=Path, help="write both finding sets as JSON")
    parser.add_argument(
        "--self-test", action="store_true", help=f"check both rules on {TESTDATA.name} and exit"
    )
    args = parser.parse_args(argv)
    astgrep_exe = find_executable("ast-grep", "ASTGREP", args.astgrep)
    semgrep_exe = find_executable("semgrep", "SEMGREP", args.semgrep)
    if args.self_test:
        return 0 if self_test(astgrep_exe, semgrep_exe) else 1
    if args.root is None:
        parser.error("a root directory is required")

    root: Path = args.root.resolve()
    paths = args.paths or [root]
    astgrep = run_astgrep(astgrep_exe, paths, root, jobs=args.jobs)
    semgrep = run_semgrep(semgrep_exe, paths, root, jobs=args.jobs)
    for run in (astgrep, semgrep):
        _print_run(run)
    both = astgrep.findings & semgrep.findings
    print(f"both: {len(both)}")
    if args.diff:
        _print_only("ast-grep only", set(astgrep.findings - semgrep.findings))
        _print_only("semgrep only", set(semgrep.findings - astgrep.findings))
    else:
        print(f"ast-grep only: {len(astgrep.findings - semgrep.findings)}")
        print(f"semgrep only: {len(semgrep.findings - astgrep.findings)}")
    if args.errors:
        for error in semgrep.errors:
            print(f"  {error}")
    if args.json_out:
        args.json_out.write_text(
            json.dumps(
                {
                    run.tool: {
                        "version": run.version,
                        "seconds": round(run.seconds, 3),
                        "command": list(run.command),
                        "errors": list(run.errors),
                        "findings": sorted([p, n] for p, n in run.findings),
                    }
                    for run in (astgrep, semgrep)
                },
                indent=1,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
