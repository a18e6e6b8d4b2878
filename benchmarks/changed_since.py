"""Time a pull request's scan (--changed-since) against the read floor, side by side in one run.

The corpus is copied into a temporary git repository and committed. Ten directories are picked
with a fixed seed among those below the median cost (cost: the bytes of the Go files a scan
reads there); in each, one non-test file gets a listener on every interface (an import right
after its package clause, a function at its end), left uncommitted as a pull request's work
tree would hold it before the commit. Then, alternating run by run:

- `grep -rl . CORPUS >/dev/null`, the read floor (the corpus itself, not the copy with .git);
- `gofix-bind --changed-since HEAD -j 2 --format json .` in the copy;
- `gofix-bind -j 2 --format json .` in the copy, the whole scan, for scale;
- `gofix-bind --version`, the start-up every run pays (Python and the imports).

The changed-only run must report exactly the ten new listeners. Prints medians and ratios.

    python benchmarks/changed_since.py --corpus /work/go-corpus [--runs 5] [--gofix-bind PATH]

PYTHONDONTWRITEBYTECODE is left as the environment sets it, and the first line of the figures
says whether gofix-bind's byte code is cached: without it every run compiles its modules
again, about a third of its start-up. `pip install .` writes the byte code; an editable
install under PYTHONDONTWRITEBYTECODE=1 never does (`python -m compileall src` writes it).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

# The seed of the directories picked; fixed, so that every run measures the same change.
SEED = 20
DIRECTORIES = 10
IMPORT = b'import gofixbindnet "net"\n'
LISTENER = b'\nfunc gofixBindBenchmark() { gofixbindnet.Listen("tcp", ":8089") }\n'


def _git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.com",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.com",
    }
    subprocess.run(["git", "-c", "core.hooksPath=/dev/null", *args], cwd=root, env=env, check=True)


def directory_costs(corpus: Path) -> dict[Path, int]:
    """Return the bytes of Go files gofix-bind's own discovery finds in each directory."""
    from gofix_bind.discover import discover
    from gofix_bind.languages import LANGUAGES
    from gofix_bind.settings import Discovery

    costs: dict[Path, int] = {}
    for path, _ in discover([str(corpus)], Discovery(), LANGUAGES).files:
        costs[path.parent] = costs.get(path.parent, 0) + path.stat().st_size
    return costs


def pick(costs: dict[Path, int], count: int, seed: int) -> list[Path]:
    """Pick count directories below the median cost, each with a non-test file to change."""
    median = statistics.median(costs.values())
    cheap = sorted(
        directory
        for directory, cost in costs.items()
        if cost < median and any(not p.name.endswith("_test.go") for p in directory.glob("*.go"))
    )
    return sorted(random.Random(seed).sample(cheap, count))


def add_listener(path: Path) -> int:
    """Add an import after the package clause and a listener at the end; return its line."""
    data = path.read_bytes()
    lines = data.splitlines(keepends=True)
    clause = next(n for n, line in enumerate(lines) if line.startswith(b"package "))
    lines.insert(clause + 1, IMPORT)
    text = b"".join(lines)
    if not text.endswith(b"\n"):
        text += b"\n"
    path.write_bytes(text + LISTENER)
    return (text + LISTENER).count(b"\n")


def timed(command: Sequence[str], cwd: Path, ok: Sequence[int]) -> tuple[float, float, bytes]:
    """Run a command; return its wall time, its CPU time (children included) and stdout."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(list(command), cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            raise RuntimeError(f"{command[0]} exited {code}")
        out.seek(0)
        return wall, usage.ru_utime + usage.ru_stime, out.read()


def main(argv: Sequence[str] | None = None) -> int:
    """Set the repository up, run the three commands in turn, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--gofix-bind", default=str(Path(sys.executable).parent / "gofix-bind"), dest="tool"
    )
    parser.add_argument("--keep", action="store_true", help="leave the repository in /tmp")
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    work = Path(tempfile.mkdtemp(prefix="changed-since-"))
    repo = work / "corpus"
    try:
        started = time.perf_counter()
        shutil.copytree(corpus, repo, symlinks=True)
        _git(repo, "init", "-q")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "corpus")
        costs = directory_costs(repo)
        chosen = pick(costs, DIRECTORIES, SEED)
        expected = set()
        for directory in chosen:
            file = sorted(p for p in directory.glob("*.go") if not p.name.endswith("_test.go"))[0]
            expected.add((file.relative_to(repo).as_posix(), add_listener(file)))
        median = statistics.median(costs.values())
        print(
            f"repository ready in {time.perf_counter() - started:.1f} s: {len(costs)} directories,"
            f" median cost {median:,.0f} bytes; changed (seed {SEED}):"
        )
        for directory in chosen:
            print(f"  {directory.relative_to(repo)}  ({costs[directory]:,} bytes)")
        # Each command, where it runs, and its exit codes: the whole corpus holds files that
        # cannot be parsed (exit 2); the ten directories picked hold none.
        commands = {
            "grep -rl (read floor)": (["grep", "-rl", ".", str(corpus)], corpus, (0,)),
            "--changed-since HEAD": (
                [args.tool, "--changed-since", "HEAD", "-j", "2", "--format", "json", "."],
                repo,
                (1,),
            ),
            "whole scan": ([args.tool, "-j", "2", "--format", "json", "."], repo, (1, 2)),
            # What every run pays before it reads a file: Python and gofix-bind's imports.
            "startup (--version)": ([args.tool, "--version"], repo, (0,)),
        }
        walls: dict[str, list[float]] = {label: [] for label in commands}
        cpus: dict[str, list[float]] = {label: [] for label in commands}
        for _ in range(args.runs):
            for label, (command, cwd, ok) in commands.items():
                wall, cpu, out = timed(command, cwd, ok)
                walls[label].append(wall)
                cpus[label].append(cpu)
                if label == "--changed-since HEAD":
                    found = {(f["path"], f["line"]) for f in json.loads(out)["findings"]}
                    if found != expected:
                        raise SystemExit(f"changed-only findings {sorted(found)} != {expected}")
        floor = statistics.median(walls["grep -rl (read floor)"])
        import gofix_bind.cli

        cached = Path(importlib.util.cache_from_source(gofix_bind.cli.__file__)).exists()
        print(
            f"\nPYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r};"
            f" byte code of {Path(gofix_bind.cli.__file__).parent} cached: {cached}"
        )
        print(f"{args.runs} runs each, alternating; medians:")
        print(f"{'command':<24}{'wall s':>9}{'cpu s':>9}{'x floor':>9}   walls")
        for label in commands:
            wall = statistics.median(walls[label])
            cpu = statistics.median(cpus[label])
            each = " ".join(f"{w:.3f}" for w in walls[label])
            print(f"{label:<24}{wall:>9.3f}{cpu:>9.3f}{wall / floor:>9.2f}   {each}")
        print(f"\nthe changed-only run reported exactly the {len(expected)} new listeners")
    finally:
        if args.keep:
            print(f"repository kept at {repo}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
