"""List the corpus files gofmt rejects while tree-sitter-go parses them without an error.

For every such file gofix-bind must say where Go's parser stops, at gofmt's position
(`gofix_bind.go.rejects`). The script runs `gofmt -l -e` once over the corpus, parses every
`.go` file gofmt would read (regular files named `*.go` not starting with `.`) with
tree-sitter, and checks each tree-sitter-clean file both ways:

- gofmt rejects it: the check must reject it too, at gofmt's first error position;
- gofmt accepts it: the check must accept it (a rejection would refuse a valid file).

    python benchmarks/gofmt_rejects.py --corpus ../go-corpus

Prints a Markdown table of the files gofmt rejects and tree-sitter parses cleanly (paths
relative to the corpus root), then the counts; exits 1 when a position differs or a valid file
is rejected, 2 when gofmt is not installed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from gofix_bind.go.parse import first_error, parse
from gofix_bind.go.rejects import go_position, go_rejection

_ERROR = re.compile(r"(?P<path>.+?\.go):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)")


def gofmt_errors(gofmt: str, corpus: Path) -> dict[str, tuple[int, int, str]]:
    """Return each file gofmt cannot parse, with its first error (line, column, message)."""
    done = subprocess.run(
        [gofmt, "-l", "-e", "."], cwd=corpus, capture_output=True, text=True, errors="replace"
    )
    first: dict[str, tuple[int, int, str]] = {}
    last = ""
    for line in done.stderr.splitlines():
        match = _ERROR.fullmatch(line)
        if match is None:
            # A message that quotes a newline (a raw string import path) goes on below.
            if last in first and first[last][2] and line:
                line_no, column, message = first[last]
                first[last] = (line_no, column, f"{message}\\n{line}")
            last = ""
            continue
        error = (int(match["line"]), int(match["column"]), match["message"])
        path = match["path"].removeprefix("./")
        # gofmt prints a file's errors sorted by position; keep the first.
        last = ""
        if path not in first or error[:2] < first[path][:2]:
            first[path] = error
            last = path
    return first


def go_files(corpus: Path) -> list[str]:
    """Return the files gofmt reads under the corpus, relative to it, sorted."""
    found = []
    for directory, _, names in os.walk(corpus):
        for name in names:
            path = Path(directory) / name
            if name.endswith(".go") and not name.startswith(".") and path.is_file():
                found.append(path.relative_to(corpus).as_posix())
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    args = parser.parse_args(argv)
    gofmt = shutil.which("gofmt")
    if gofmt is None:
        print("gofmt is not installed", file=sys.stderr)
        return 2
    corpus = args.corpus.resolve()
    errors = gofmt_errors(gofmt, corpus)
    rows = []
    wrong = []
    refused = []
    clean = 0
    for path in go_files(corpus):
        source = (corpus / path).read_bytes()
        tree = parse(source)
        if first_error(tree) is not None:
            continue
        clean += 1
        rejection = go_rejection(source, tree)
        ours = None if rejection is None else go_position(source, rejection.start_byte)
        if path not in errors:
            if rejection is not None:
                refused.append(f"{path}: {ours}: {rejection.message}")
            continue
        line, column, message = errors[path]
        escaped = message.replace("|", "\\|")
        rows.append(f"| `{path}` | {line}:{column} | {escaped} |")
        if ours != f"{line}:{column}":
            wrong.append(f"{path}: gofmt {line}:{column}, gofix-bind {ours}")
    print("| file | gofmt's position | gofmt's message |")
    print("| --- | --- | --- |")
    print("\n".join(rows))
    print()
    print(f"- files gofmt reads: {len(go_files(corpus))}; gofmt rejects {len(errors)}")
    print(f"- tree-sitter parses cleanly: {clean}, of which gofmt rejects {len(rows)}")
    print(f"- rejected at gofmt's position: {len(rows) - len(wrong)} of {len(rows)}")
    print(f"- files gofmt accepts that the check rejects: {len(refused)}")
    for line_text in wrong + refused:
        print(f"  - {line_text}")
    return 1 if wrong or refused else 0


if __name__ == "__main__":
    sys.exit(main())
