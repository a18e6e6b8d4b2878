"""Show how gofix-bind's time grows on the two input shapes that once grew faster than linearly.

- sparse: one directory of N files of ordinary code where 1% listen, each listener's address a
  constant of its own declared in another file (1% more), so that every listener looks its
  name up among the files not parsed yet;
- shared: one directory of N files that all listen on one constant declared in one file, so
  that one finding gathers N listeners.

Each size is written to a temporary directory and scanned there several times (-j 1, report
mode, JSON output); the script prints the fastest wall and CPU times, the CPU time per file with
the start-up cost (a run on a directory of one file) taken off, and per shape the ratio of the
largest CPU time per file to the smallest across the sizes: close to 1 when the work is linear
in the files. CPU time, not wall time, since it hardly moves with the machine's other load.

    python benchmarks/growth.py [--sizes 1000,2000,4000,8000] [--runs 3] [--shapes sparse,shared]

Run it with PYTHONDONTWRITEBYTECODE unset (or set alike) for every build compared: a build that
cannot write its bytecode compiles every module at each start.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_HEADER = "package server\n\n"


def _filler(index: int) -> str:
    """Return an ordinary file of about 1 KiB: a type, a method and a function, no listener."""
    return f"""{_HEADER}import (
\t"fmt"
\t"strings"
)

// Record{index} is one row of the table the service keeps.
type Record{index} struct {{
\tName  string
\tCount int
\tTags  []string
}}

// Label returns the record as one line.
func (r *Record{index}) Label() string {{
\tparts := make([]string, 0, len(r.Tags))
\tfor _, tag := range r.Tags {{
\t\tparts = append(parts, strings.ToUpper(tag))
\t}}
\treturn fmt.Sprintf("%s (%d): %s", r.Name, r.Count, strings.Join(parts, ", "))
}}

func merge{index}(a, b *Record{index}) *Record{index} {{
\tif a == nil {{
\t\treturn b
\t}}
\ttotal := a.Count + b.Count
\treturn &Record{index}{{Name: a.Name, Count: total, Tags: append(a.Tags, b.Tags...)}}
}}
"""


def _listener(index: int, address: str) -> str:
    return f"""{_HEADER}import "net/http"

func serve{index}() error {{
\treturn http.ListenAndServe({address}, nil)
}}
"""


def sparse(files: int) -> dict[str, str]:
    """Return N files, 1% of them listeners, each reading a constant of another file."""
    listeners = max(1, files // 100)
    tree = {f"file{i:05}.go": _filler(i) for i in range(files - 2 * listeners)}
    for index in range(listeners):
        tree[f"serve{index:05}.go"] = _listener(index, f"addr{index}")
        address = f'":{8000 + index % 1000}"'
        tree[f"address{index:05}.go"] = f"{_HEADER}const addr{index} = {address}\n"
    return tree


def shared(files: int) -> dict[str, str]:
    """Return N files: one declares the address, every other one listens on it."""
    tree = {f"serve{i:05}.go": _listener(i, "Addr") for i in range(files - 1)}
    tree["address.go"] = f'{_HEADER}// Addr is where every server listens.\nconst Addr = ":8080"\n'
    return tree


SHAPES: dict[str, Callable[[int], dict[str, str]]] = {"sparse": sparse, "shared": shared}


def _tool() -> str:
    found = shutil.which("gofix-bind")
    if found is None:
        sys.exit("gofix-bind is not on PATH: run from the project's virtual environment")
    return found


def run_once(tool: str, work: str) -> tuple[float, float, str]:
    """Run a report on the tree; return wall and CPU seconds and what it found."""
    command = [tool, "--isolated", "--no-suppress", "--format", "json", "-j", "1", "."]
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=work, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"gofix-bind failed ({code}) on {work}")
        out.seek(0)
        summary = json.loads(out.read())["summary"]
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, f"{summary['findings']:,} found, {summary['fixable']:,} fixable"


def fastest_run(tool: str, tree: dict[str, str], runs: int) -> tuple[float, float, str]:
    """Return the fastest wall and CPU times of several runs on one copy, and what it found."""
    walls = []
    cpus = []
    counted = ""
    with tempfile.TemporaryDirectory() as work:
        for name, text in tree.items():
            Path(work, name).write_text(text)
        for _ in range(runs):
            wall, cpu, counted = run_once(tool, work)
            walls.append(wall)
            cpus.append(cpu)
    return min(walls), min(cpus), counted


def main() -> None:
    """Generate each shape at each size, run gofix-bind and print the growth."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    tool = _tool()
    # One run first, so that the times that count start with the bytecode written.
    fastest_run(tool, {"main.go": f"{_HEADER}func main() {{}}\n"}, 1)
    _, startup, _ = fastest_run(tool, {"main.go": f"{_HEADER}func main() {{}}\n"}, options.runs)
    print(
        f"start-up (a directory of one file): {startup:.2f} s of CPU, taken off the times per file"
    )
    print(f"{'shape':<7} {'files':>7} {'wall s':>8} {'CPU s':>8} {'CPU ms/file':>12}  outcome")
    ratios = {}
    for shape in options.shapes.split(","):
        per_file = []
        for size in sizes:
            wall, cpu, counted = fastest_run(tool, SHAPES[shape](size), options.runs)
            per_file.append((cpu - startup) / size)
            print(
                f"{shape:<7} {size:>7} {wall:>8.2f} {cpu:>8.2f} {1000 * per_file[-1]:>12.3f}  "
                f"{counted}"
            )
            sys.stdout.flush()
        ratios[shape] = max(per_file) / min(per_file)
    for shape, ratio in ratios.items():
        verdict = "linear" if ratio <= 1.5 else "NOT linear"
        print(
            f"{shape}: largest / smallest CPU time per file = {ratio:.2f} ({verdict}, target 1.5)"
        )


if __name__ == "__main__":
    main()
