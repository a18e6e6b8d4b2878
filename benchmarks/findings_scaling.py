"""Show how gofix-bind's time grows with the number of findings in one file.

One Go file is generated per size, holding that many findings in a mix of forms: calls with
the address literal in them, http.Server literals whose Addr value shares a comment column with
the fields below it, and const groups of addresses with aligned trailing comments (both need
gofmt realignment when the value widens). gofix-bind then runs on a fresh copy of the file in
report mode, with --diff and with --apply, and the script prints each run's wall time, the time
per finding, and the ratio of the largest per-finding time to the smallest across the sizes:
close to 1 when the work is linear in the findings.

    python benchmarks/findings_scaling.py [--sizes 1000,10000,50000] [--modes report,diff,apply]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Statements per function: real functions are long at worst, not one function per file.
_PER_FUNCTION = 1000
# Specs per const group: an aligned block of realistic size.
_PER_GROUP = 10

_MODES = {"report": (), "diff": ("--diff",), "apply": ("--apply", "--allow-dirty")}


def _port(index: int) -> int:
    return 1024 + index % 8976


def generate(findings: int) -> bytes:
    """Return a gofmt-clean Go file holding exactly this many findings."""
    lines = ["package main", "", 'import "net/http"', ""]
    body: list[str] = []
    functions = 0
    consts: list[str] = []

    def close_function() -> None:
        nonlocal functions, body
        if body:
            lines.extend([f"func serve{functions}() {{", *body, "}", ""])
            functions += 1
            body = []

    index = 0
    while index < findings:
        form = index % 4
        if form == 3 and findings - index >= _PER_GROUP:
            group = [f"addr{index + k}" for k in range(_PER_GROUP)]
            # A value no fix touches: the fixed lines move its comment's padding.
            label = f"label{index}"
            width = max(len(name) for name in [*group, label])
            consts.append("const (")
            for k, name in enumerate(group):
                value = f'":{_port(index + k)}"'
                consts.append(f"\t{name.ljust(width)} = {value.ljust(7)} // listener {index + k}")
            consts.append(f'\t{label.ljust(width)} = "svc"   // shown in logs')
            consts.extend([")", ""])
            body.extend(f"\tgo http.ListenAndServe({name}, nil)" for name in group)
            index += _PER_GROUP
        elif form == 1:
            body.extend(
                [
                    f"\ts{index} := &http.Server{{",
                    f'\t\tAddr:    ":{_port(index)}", // every interface',
                    "\t\tHandler: nil,     // the default mux",
                    "\t}",
                    f"\tgo s{index}.ListenAndServe()",
                ]
            )
            index += 1
        else:
            body.append(f'\tgo http.ListenAndServe(":{_port(index)}", nil)')
            index += 1
        if len(body) >= _PER_FUNCTION:
            close_function()
    close_function()
    lines.extend(consts)
    return "\n".join(lines).rstrip("\n").encode() + b"\n"


def _tool() -> str:
    found = shutil.which("gofix-bind")
    if found is None:
        sys.exit("gofix-bind is not on PATH: run from the project's virtual environment")
    return found


def run_once(tool: str, source: bytes, mode: str) -> tuple[float, str]:
    """Run one mode on a fresh copy; return wall seconds and what the summary counted."""
    with tempfile.TemporaryDirectory() as work:
        path = Path(work, "main.go")
        path.write_bytes(source)
        shown = () if mode == "diff" else ("--format", "json")
        command = [tool, "--isolated", *shown, "-j", "1", *_MODES[mode], "main.go"]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=work, capture_output=True, check=False)
        wall = time.perf_counter() - started
        if done.returncode not in (0, 1):
            sys.exit(f"{mode} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
        if mode == "diff":
            added = done.stdout.count(b"\n+") - done.stdout.count(b"\n+++")
            return wall, f"{added:,} lines added"
        summary = json.loads(done.stdout)["summary"]
        counted = f"{summary['findings']:,} found, {summary['fixable']:,} fixable"
        if mode == "apply":
            counted = f"{summary['fixed']:,} fixed"
        return wall, f"{counted}, {summary['files_failed']} failed"


def main() -> None:
    """Generate each size, run each mode and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--modes", default="report,diff,apply")
    parser.add_argument("--save", type=Path, help="also write the largest generated file here")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    modes = options.modes.split(",")
    tool = _tool()
    per_finding: dict[str, list[float]] = {mode: [] for mode in modes}
    print(f"{'findings':>9} {'mode':<7} {'wall s':>8} {'ms/finding':>11}  outcome")
    for size in sizes:
        source = generate(size)
        if options.save is not None:
            options.save.write_bytes(source)
        for mode in modes:
            wall, counted = run_once(tool, source, mode)
            per_finding[mode].append(wall / size)
            print(f"{size:>9} {mode:<7} {wall:>8.2f} {1000 * wall / size:>11.3f}  {counted}")
            sys.stdout.flush()
    for mode, values in per_finding.items():
        ratio = max(values) / min(values)
        print(f"{mode}: largest / smallest time per finding = {ratio:.2f}")


if __name__ == "__main__":
    main()
