"""Time gofix-bind against ast-grep, Semgrep and grep on the real-world Go corpus, side by side.

Every tool runs on the same corpus directory in one session, several times, and the table shows
medians of wall time, CPU time (user + system, children included) and peak RSS (the largest of
the tool's processes), the ratios to each peer, and what each tool found. gofix-bind also runs
with --no-prefilter once, to show that the prefilter loses no finding, and on 1/4 and 1/2 of the
corpus to show how its cost grows with input.

    python benchmarks/speed.py --corpus ../go-corpus [--runs 5]

The corpus comes from ../shared/corpus/make_corpus.sh; with --make-corpus SCRIPT the script is run
(as root) when the corpus directory does not exist yet.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers


@dataclass
class Measured:
    """The runs of one command: wall, CPU and peak RSS per run, and its last output."""

    label: str
    command: tuple[str, ...]
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)
    stdout: str = ""
    returncode: int = 0

    @property
    def wall(self) -> float:
        """Return the median wall time in seconds."""
        return statistics.median(self.walls)


def measure(
    label: str,
    command: Sequence[str],
    cwd: Path,
    runs: int,
    env: Mapping[str, str] | None = None,
    ok: tuple[int, ...] = (0, 1),
) -> Measured:
    """Run a command several times; read CPU and peak RSS from the kernel's accounting."""
    result = Measured(label, tuple(command))
    for _ in range(runs):
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            process = subprocess.Popen(
                list(command),
                cwd=cwd,
                stdout=out,
                stderr=err,
                # Cold runs, unless env says otherwise: with gofix-bind's result cache (on by
                # default) every run after the first would be a warm one, and would write a
                # cache into the corpus. Builds without a cache ignore the variable.
                env={**os.environ, "GOFIX_BIND_NO_CACHE": "1", **(env or {})},
            )
            # wait4 reports the child and every descendant it waited for (worker processes).
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            out.seek(0)
            err.seek(0)
            code = os.waitstatus_to_exitcode(status)
            if code not in ok:
                message = err.read().decode("utf-8", "replace")[-2000:]
                raise RuntimeError(f"{label} exited {code}: {message}")
            result.stdout = out.read().decode("utf-8", "replace")
            result.returncode = code
        result.walls.append(wall)
        result.cpus.append(usage.ru_utime + usage.ru_stime)
        result.rss_mib.append(usage.ru_maxrss / 1024)
    return result


def corpus_size(root: Path) -> tuple[int, int]:
    """Return the number of .go files under root and their total bytes."""
    files = 0
    size = 0
    for parent, _, names in os.walk(root):
        for name in names:
            if name.endswith(".go"):
                files += 1
                size += os.path.getsize(os.path.join(parent, name))
    return files, size


def gofix_findings(stdout: str, root: Path) -> tuple[set[peers.Finding], int, int]:
    """Return gofix-bind's findings as (path, line) of the address, the count and the errors."""
    document = json.loads(stdout)
    found = {(peers.relative(f["path"], root), int(f["line"])) for f in document["findings"]}
    return found, len(document["findings"]), len(document["errors"])


def subset(corpus: Path, every: int, target: Path) -> Path:
    """Copy every n-th directory's Go files (in sorted order) into target; return it."""
    directories = sorted(
        parent for parent, _, names in os.walk(corpus) if any(n.endswith(".go") for n in names)
    )
    for index, directory in enumerate(directories):
        if index % every:
            continue
        relative = Path(directory).relative_to(corpus)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in os.listdir(directory):
            if name.endswith(".go"):
                shutil.copyfile(os.path.join(directory, name), target / relative / name)
    return target


def row(measured: Measured, files: int, size: int, findings: str) -> str:
    """Format one table row."""
    wall = measured.wall
    return (
        f"| {measured.label} | {wall:.2f} | {statistics.median(measured.cpus):.2f} "
        f"| {statistics.median(measured.rss_mib):.0f} | {files / wall:,.0f} "
        f"| {size / wall / 1e6:,.1f} | {findings} |"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the tables (Markdown)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../go-corpus"))
    parser.add_argument("--make-corpus", type=Path, help="make_corpus.sh to build a missing corpus")
    parser.add_argument("--runs", type=int, default=5, help="runs of each fast tool")
    parser.add_argument("--peer-runs", type=int, default=3, help="runs of ast-grep and Semgrep")
    parser.add_argument(
        "--gofix-bind", default=peers.find_executable("gofix-bind", "GOFIX_BIND", None)
    )
    parser.add_argument("--ast-grep")
    parser.add_argument("--semgrep")
    args = parser.parse_args(argv)

    corpus: Path = args.corpus.resolve()
    if not corpus.is_dir():
        if args.make_corpus is None:
            parser.error(f"{corpus} does not exist; build it with --make-corpus SCRIPT")
        subprocess.run(["bash", str(args.make_corpus), str(corpus)], check=True)
    files, size = corpus_size(corpus)
    astgrep = peers.find_executable("ast-grep", "ASTGREP", args.ast_grep)
    semgrep = peers.find_executable("semgrep", "SEMGREP", args.semgrep)
    gofix = args.gofix_bind
    report = (gofix, "--format", "json", "--no-suppress")

    # Warm the page cache, so every tool reads from memory.
    measure("warm-up", ("grep", "-rl", "--include=*.go", "Listen", "."), corpus, 1)
    grep = measure(
        "grep -rl (read floor)", ("grep", "-rl", "--include=*.go", "Listen", "."), corpus, args.runs
    )
    ok = (0, 1, 2)  # the corpus has files that do not parse: gofix-bind exits 2
    j2 = measure("gofix-bind -j 2", (*report, "-j", "2", "."), corpus, args.runs, ok=ok)
    j1 = measure("gofix-bind -j 1", (*report, "-j", "1", "."), corpus, args.runs, ok=ok)
    full = measure(
        "gofix-bind -j 2 --no-prefilter",
        (*report, "-j", "2", "--no-prefilter", "."),
        corpus,
        1,
        ok=ok,
    )
    ast = measure(
        "ast-grep -j 2",
        (
            astgrep,
            "scan",
            "--rule",
            str(peers.ASTGREP_RULE),
            "--json=stream",
            "--threads=2",
            *peers.ASTGREP_FLAGS,
            ".",
        ),
        corpus,
        args.peer_runs,
    )
    sem = measure(
        "semgrep -j 2",
        (
            semgrep,
            "scan",
            "--config",
            str(peers.SEMGREP_RULE),
            "--json",
            "--jobs=2",
            *peers.SEMGREP_FLAGS,
            ".",
        ),
        corpus,
        args.peer_runs,
        env=peers.SEMGREP_ENV,
    )

    ours, count, errors = gofix_findings(j2.stdout, corpus)
    ours_j1, _, _ = gofix_findings(j1.stdout, corpus)
    ours_full, count_full, errors_full = gofix_findings(full.stdout, corpus)
    ast_found = peers.parse_astgrep_stream(ast.stdout, corpus)
    sem_found, _, _ = peers.parse_semgrep_json(sem.stdout, corpus)

    print(
        f"Corpus: {corpus.name}, {files:,} .go files, {size / 1e6:.1f} MB; "
        f"{args.runs} runs of gofix-bind and grep, {args.peer_runs} of each peer; medians.\n"
    )
    print("| tool | wall s | CPU s | peak RSS MiB | files/s | MB/s | findings |")
    print("|---|---|---|---|---|---|---|")
    print(row(j2, files, size, f"{count} ({errors} files with syntax errors)"))
    print(row(j1, files, size, f"{len(ours_j1)} sites, same as -j 2: {ours_j1 == ours}"))
    print(row(full, files, size, f"{count_full} ({errors_full} files with syntax errors)"))
    print(row(ast, files, size, f"{len(ast_found)}"))
    print(row(sem, files, size, f"{len(sem_found)}"))
    print(row(grep, files, size, "-"))
    print()
    print(
        f"- gofix-bind -j 2 is {ast.wall / j2.wall:.1f}x faster than ast-grep and "
        f"{sem.wall / j2.wall:.1f}x faster than Semgrep (wall, medians of this run); "
        f"{j2.wall / grep.wall:.1f}x grep's read floor."
    )
    print(
        f"- Findings with and without the prefilter identical: {ours == ours_full} "
        f"({len(ours)} and {len(ours_full)} sites)."
    )
    for name, found in (("ast-grep", ast_found), ("Semgrep", sem_found)):
        missing = sorted(found - ours)
        print(f"- {name}'s {len(found)} findings that gofix-bind lacks: {len(missing)}")
        for path, line in missing:
            print(f"  - {path}:{line}")
    print()
    print("Growth with input (gofix-bind -j 2, every n-th directory of the corpus):\n")
    print("| part | files | MB | wall s | CPU s | peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        for every, label in ((4, "1/4"), (2, "1/2")):
            part = subset(corpus, every, Path(scratch) / label.replace("/", "of"))
            part_files, part_size = corpus_size(part)
            timed = measure(label, (*report, "-j", "2", "."), part, args.runs, ok=ok)
            print(
                f"| {label} | {part_files:,} | {part_size / 1e6:.1f} | {timed.wall:.2f} "
                f"| {statistics.median(timed.cpus):.2f} | {statistics.median(timed.rss_mib):.0f} |"
            )
    print(
        f"| all | {files:,} | {size / 1e6:.1f} | {j2.wall:.2f} | {statistics.median(j2.cpus):.2f} "
        f"| {statistics.median(j2.rss_mib):.0f} |"
    )
    print()
    print("Commands (run in the corpus directory):\n")
    for measured in (j2, j1, full, ast, sem, grep):
        print(f"- {measured.label}: `{' '.join(_shown(measured.command))}`")
    return 0


def _shown(command: Sequence[str]) -> list[str]:
    """Return a command as typed by hand: tools by name, this repository's files relative."""
    root = Path(__file__).resolve().parent.parent
    shown = [Path(command[0]).name]
    for argument in command[1:]:
        path = Path(argument)
        shown.append(
            str(path.relative_to(root))
            if path.is_absolute() and path.is_relative_to(root)
            else argument
        )
    return shown


if __name__ == "__main__":
    sys.exit(main())
