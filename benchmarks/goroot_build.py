"""Fix a copy of a real GOROOT with gofix-bind, then run `go build std` and `go vet std` on it.

The GOROOT is copied with its symbolic links resolved (Debian's golang-go links src/ and the
rest into a shared data directory), leaving out the compiler test suite (test/) and the
precompiled package archives (pkg/GOOS_GOARCH*), so that every standard package is compiled
from the fixed source.
gofix-bind then runs on the copy's src/ with --apply --unsafe-fixes, and `go build std` and
`go vet std` run with GOROOT set to the copy, its bin/ first on PATH and a fresh GOCACHE.
`go vet` also type-checks the _test.go files. When either command fails, it is run again on an
unmodified copy and the two outputs are compared, so that complaints that were there before the
fixes are told apart from new ones.

    python benchmarks/goroot_build.py --goroot "$(go env GOROOT)" --work "$(mktemp -d)"

--work must lie outside any git work tree (gofix-bind reads .gitignore files up to the root of
the work tree holding what it scans). The Markdown summary goes to stdout; the exit code is 0
when both commands pass (or fail exactly as on the unmodified copy), 1 otherwise, 2 on a setup
error.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from roundtrip import DEFAULT_TOOL, ToolRun, run_tool, tree_state

# Settings of the caller's environment that would change what the go command builds.
CLEARED = ("GOFLAGS", "GO111MODULE", "GOROOT", "GOPATH", "GOCACHE", "GOENV", "GOBIN", "GOWORK")


@dataclass(frozen=True)
class GoRun:
    """One go command: its exit code, combined output and wall time."""

    command: tuple[str, ...]
    returncode: int
    output: str
    seconds: float


def copy_goroot(goroot: Path, target: Path) -> None:
    """Copy goroot to target with links resolved, without test/ and precompiled archives."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        here = Path(directory)
        if here == goroot:
            return {"test"} & set(names)
        if here == goroot / "pkg":
            return {name for name in names if name not in ("tool", "include")}
        return set()

    shutil.copytree(goroot, target, symlinks=False, ignore=ignore)


def go_env(goroot: Path, scratch: Path, goflags: str) -> dict[str, str]:
    """Return an environment whose go command is goroot's, with its own cache and no network."""
    env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    env.update(
        GOROOT=str(goroot),
        PATH=f"{goroot / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        GOCACHE=str(scratch / "gocache"),
        GOPATH=str(scratch / "gopath"),
        GOENV="off",
        GOPROXY="off",
        GOTOOLCHAIN="local",
    )
    if goflags:
        env["GOFLAGS"] = goflags
    return env


def run_go(args: Sequence[str], goroot: Path, env: Mapping[str, str]) -> GoRun:
    """Run goroot's go command with args from goroot/src."""
    command = (str(goroot / "bin" / "go"), *args)
    start = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=goroot / "src",
        env=dict(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    return GoRun(tuple(args), done.returncode, done.stdout, time.perf_counter() - start)


def complaints(run: GoRun, goroot: Path) -> list[str]:
    """Return the output lines with the GOROOT path replaced, to compare two copies."""
    return [line.replace(str(goroot), "$GOROOT") for line in run.output.splitlines()]


@dataclass
class Compared:
    """A failing go command on the fixed copy and the same command on an unmodified one."""

    fixed: GoRun
    pristine: GoRun
    only_fixed: list[str]
    only_pristine: list[str]

    @property
    def same(self) -> bool:
        """Return whether both copies failed in the same way."""
        return (
            self.fixed.returncode == self.pristine.returncode
            and not self.only_fixed
            and not self.only_pristine
        )


def compare(fixed: GoRun, fixed_root: Path, pristine: GoRun, pristine_root: Path) -> Compared:
    """Compare two runs line by line (as multisets, order aside)."""
    left = complaints(fixed, fixed_root)
    right = complaints(pristine, pristine_root)
    only_fixed = list(left)
    only_pristine = []
    for line in right:
        if line in only_fixed:
            only_fixed.remove(line)
        else:
            only_pristine.append(line)
    return Compared(fixed, pristine, only_fixed, only_pristine)


def _tail(text: str, lines: int = 40) -> list[str]:
    kept = text.rstrip("\n").splitlines()[-lines:]
    return ["```", *kept, "```"] if kept else []


def render(
    version: str,
    apply_run: ToolRun,
    changed: list[str],
    runs: Sequence[GoRun],
    compared: Mapping[str, Compared],
    seconds: Mapping[str, float],
) -> str:
    """Format the outcome as Markdown."""
    document = apply_run.json()
    summary = document["summary"]
    lines = [
        f"## GOROOT build: {version}",
        "",
        "| measure | value |",
        "|---|---|",
        f"| files scanned by gofix-bind | {summary['files_scanned']:,} |",
        f"| files changed by --apply | {len(changed):,} |",
        f"| fixes applied (summary.fixed) | {summary['fixed']:,} |",
        f"| findings (fixed or not) | {summary['findings']:,} |",
        f"| errors reported by gofix-bind | {len(document['errors']):,} |",
        f"| gofix-bind --apply exit code | {apply_run.returncode} |",
    ]
    for run in runs:
        verdict = "pass" if run.returncode == 0 else "FAIL"
        name = "go " + " ".join(run.command)
        if name in compared:
            same = compared[name].same
            verdict = "fails as on the unmodified copy" if same else "FAIL: differs from unmodified"
        lines.append(f"| `{name}` | exit {run.returncode}, {run.seconds:.0f} s wall: {verdict} |")
    lines += ["", "| step | wall s |", "|---|---|"]
    lines += [f"| {step} | {value:.1f} |" for step, value in seconds.items()]
    lines += ["", f"Files changed ({len(changed)}):", ""]
    lines += [f"- `src/{key}`" for key in changed]
    for error in document["errors"]:
        lines.append(f"- error: `{error['path']}`: {error['message']}")
    for run in runs:
        if run.returncode != 0:
            lines += ["", f"`go {' '.join(run.command)}` output (last lines):", ""]
            lines += _tail(run.output)
    for name, result in compared.items():
        lines += ["", f"`{name}` on the unmodified copy: exit {result.pristine.returncode}"]
        if result.only_fixed:
            lines += ["", "Lines only with the fixes:", "", *_tail("\n".join(result.only_fixed))]
        if result.only_pristine:
            lines += ["", "Lines only without the fixes:", ""]
            lines += _tail("\n".join(result.only_pristine))
    return "\n".join(lines) + "\n"


def _timed(seconds: dict[str, float], step: str, action: Callable[[], None]) -> None:
    start = time.perf_counter()
    action()
    seconds[step] = time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    """Copy, fix, build and vet; print the Markdown summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goroot", type=Path, help="GOROOT to copy (default: `go env GOROOT`)")
    parser.add_argument("--work", type=Path, required=True, help="scratch directory")
    parser.add_argument(
        "--gofix-bind",
        default=shlex.join(DEFAULT_TOOL),
        help="command that runs gofix-bind (default: this Python's gofix_bind module)",
    )
    parser.add_argument("-j", "--jobs", type=int, default=2, help="gofix-bind worker processes")
    parser.add_argument("--goflags", default="", help="GOFLAGS for the go commands (e.g. -mod=mod)")
    parser.add_argument("--keep", action="store_true", help="keep the copies even when all pass")
    args = parser.parse_args(argv)

    goroot: Path | None = args.goroot
    if goroot is None:
        found = shutil.which("go")
        if found is None:
            parser.error("no go command on PATH; pass --goroot")
        goroot = Path(
            subprocess.run(
                [found, "env", "GOROOT"], capture_output=True, text=True, check=True
            ).stdout.strip()
        )
    source = goroot.resolve()
    if not (source / "src" / "net").is_dir() or not (source / "bin" / "go").is_file():
        parser.error(f"{source} is not a GOROOT (no src/net or bin/go)")
    args.work.mkdir(parents=True, exist_ok=True)
    inside = subprocess.run(
        ["git", "-C", str(args.work), "rev-parse", "--is-inside-work-tree"],
        capture_output=True,
        text=True,
        check=False,
    )
    if inside.stdout.strip() == "true":
        parser.error(f"{args.work} lies inside a git work tree")
    run_dir = Path(tempfile.mkdtemp(prefix="goroot-", dir=args.work)).resolve()
    fixed_root = run_dir / "fixed"
    seconds: dict[str, float] = {}
    total = time.perf_counter()

    _timed(seconds, "copy the GOROOT", lambda: copy_goroot(source, fixed_root))
    env = go_env(fixed_root, run_dir, args.goflags)
    version = run_go(["version"], fixed_root, env)
    reported_root = run_go(["env", "GOROOT"], fixed_root, env)
    if version.returncode != 0 or reported_root.output.strip() != str(fixed_root):
        print(f"go does not run from the copy: {version.output}{reported_root.output}")
        return 2

    before = tree_state(fixed_root / "src")
    apply_run = run_tool(
        shlex.split(args.gofix_bind),
        ["--apply", "--unsafe-fixes", "-j", str(args.jobs), "--format", "json", "src"],
        fixed_root,
    )
    seconds["gofix-bind --apply"] = apply_run.seconds
    if apply_run.crashed:
        print(f"gofix-bind --apply exited {apply_run.returncode}:\n{apply_run.stderr}")
        return 1
    after = tree_state(fixed_root / "src")
    changed = sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))

    runs = []
    for command in (["build", "std"], ["vet", "std"]):
        run = run_go(command, fixed_root, env)
        seconds[f"go {' '.join(command)}"] = run.seconds
        runs.append(run)

    compared: dict[str, Compared] = {}
    if any(run.returncode != 0 for run in runs):
        pristine_root = run_dir / "pristine"
        _timed(seconds, "copy the GOROOT again", lambda: copy_goroot(source, pristine_root))
        pristine_env = go_env(pristine_root, run_dir, args.goflags)
        for run in runs:
            if run.returncode != 0:
                name = "go " + " ".join(run.command)
                again = run_go(run.command, pristine_root, pristine_env)
                seconds[f"{name} (unmodified copy)"] = again.seconds
                compared[name] = compare(run, fixed_root, again, pristine_root)
    seconds["total"] = time.perf_counter() - total

    print(render(version.output.strip(), apply_run, changed, runs, compared, seconds), end="")
    passed = all(
        run.returncode == 0 or compared["go " + " ".join(run.command)].same for run in runs
    )
    if not passed or args.keep:
        print(f"\nThe copies are kept in {run_dir}", file=sys.stderr)
    else:
        shutil.rmtree(run_dir)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
