"""Measure gofix-bind's peak memory and time on one Go file just under the 10 MiB size limit.

The file is made of real code: the functions and methods of the corpus's Go files, taken in
path order, with a function holding listener calls (address literals, an http.Server literal
and a const group, some needing gofmt realignment) after every few hundred kilobytes. It is
one package, its imports those of the listeners. gofix-bind runs on a fresh copy in report
mode and with --apply, each in its own process, and the script prints each run's wall time
and peak RSS against the target.

    python benchmarks/big_file.py --corpus ../go-corpus [--size-mib 9.9] [--save FILE]
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
from pathlib import Path

from gofix_bind.go.parse import parse

# The peak memory gofix-bind should stay under on a file of the largest size it scans.
TARGET_MIB = 400
# Listener functions are spread through the file, one after this many bytes of corpus code.
_LISTENERS_EVERY = 200_000

_HEADER = b'package big\n\nimport (\n\t"net"\n\t"net/http"\n)\n\n'


def _listeners(index: int) -> bytes:
    """Return a function with listeners in several forms, and a const group they read."""
    port = 1024 + index % 8000
    return f"""func bigServe{index}() {{
	go http.ListenAndServe(":{port}", nil)
	server{index} := &http.Server{{
		Addr:    ":{port + 1}", // every interface
		Handler: nil,     // the default mux
	}}
	go server{index}.ListenAndServe()
	listener{index}, _ := net.Listen("tcp", bigAddr{index})
	_ = listener{index}
}}

const (
	bigAddr{index}  = ":{port + 2}" // the listener
	bigLabel{index} = "svc"   // shown in logs
)

""".encode()


def _functions(path: Path) -> list[bytes]:
    """Return the text of each top-level function and method of one Go file."""
    try:
        source = path.read_bytes()
    except OSError:
        return []
    root = parse(source).root_node
    if root.has_error:
        return []
    return [
        source[node.start_byte : node.end_byte]
        for node in root.named_children
        if node.type in ("function_declaration", "method_declaration")
    ]


def build(corpus: Path, size: int) -> tuple[bytes, int]:
    """Return a Go file of at most size bytes made of corpus code, and its listener functions."""
    parts = [_HEADER]
    total = len(_HEADER)
    listeners = 0
    since = 0
    for path in sorted(corpus.rglob("*.go")):
        if "testdata" in path.parts or path.name.endswith("_test.go"):
            continue
        for function in _functions(path):
            piece = function + b"\n\n"
            if since >= _LISTENERS_EVERY:
                piece = _listeners(listeners) + piece
                listeners += 1
                since = 0
            if total + len(piece) > size:
                return b"".join(parts), listeners
            parts.append(piece)
            total += len(piece)
            since += len(piece)
    return b"".join(parts), listeners


def measure(tool: str, source: bytes, arguments: list[str]) -> tuple[float, float, str]:
    """Run gofix-bind on a fresh copy; return wall seconds, peak RSS in MiB and its summary."""
    with tempfile.TemporaryDirectory() as work:
        Path(work, "big.go").write_bytes(source)
        command = [tool, "--isolated", "--format", "json", "-j", "1", *arguments, "big.go"]
        started = time.perf_counter()
        with open(Path(work, "out.json"), "wb") as out:
            process = subprocess.Popen(command, cwd=work, stdout=out, stderr=subprocess.PIPE)
            assert process.stderr is not None
            errors = process.stderr.read()
            _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"gofix-bind failed ({code}): {errors.decode()[-2000:]}")
        summary = json.loads(Path(work, "out.json").read_bytes())["summary"]
        # ru_maxrss is in KiB on Linux.
        return (
            wall,
            usage.ru_maxrss / 1024,
            (
                f"{summary['findings']} found, {summary['fixable']} fixable, "
                f"{summary['fixed']} fixed, {summary['files_failed']} failed"
            ),
        )


_PARSE_ONLY = """
import resource, sys
from gofix_bind.go.parse import parse
tree = parse(open(sys.argv[1], "rb").read())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def floor(source: bytes) -> float:
    """Return the peak RSS in MiB of a process that only imports gofix-bind and parses the file."""
    with tempfile.TemporaryDirectory() as work:
        path = Path(work, "big.go")
        path.write_bytes(source)
        done = subprocess.run(
            [sys.executable, "-c", _PARSE_ONLY, str(path)], capture_output=True, check=True
        )
        return int(done.stdout) / 1024


def main() -> None:
    """Build the file and measure both modes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--size-mib", type=float, default=9.9)
    parser.add_argument("--save", type=Path, help="also write the generated file here")
    options = parser.parse_args()
    tool = shutil.which("gofix-bind")
    if tool is None:
        sys.exit("gofix-bind is not on PATH: run from the project's virtual environment")
    source, listeners = build(options.corpus, int(options.size_mib * 1024 * 1024))
    if options.save is not None:
        options.save.write_bytes(source)
    lines = source.count(b"\n")
    print(f"file: {len(source):,} bytes, {lines:,} lines, {listeners} listener functions")
    print(f"parsing alone (the syntax tree and the interpreter): {floor(source):.0f} MiB peak RSS")
    print(f"{'mode':<7} {'wall s':>8} {'peak RSS MiB':>13} {'target':>7}  outcome")
    for mode, arguments in (("report", []), ("apply", ["--apply", "--allow-dirty"])):
        wall, peak, outcome = measure(tool, source, arguments)
        verdict = "under" if peak < TARGET_MIB else "OVER"
        print(f"{mode:<7} {wall:>8.1f} {peak:>13.0f} {verdict:>7}  {outcome}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
