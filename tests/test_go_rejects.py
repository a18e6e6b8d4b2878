"""Files tree-sitter-go parses cleanly but Go rejects: failed at gofmt's position, never written."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from gofix_bind.go.parse import first_error, parse
from gofix_bind.go.rejects import Rejection, escape_error, go_position, go_rejection
from tests.helpers import invoke
from tests.toolchain import need_gofmt

HEAD = b'package main\n\nimport "net/http"\n\nfunc main() {\n'
SINK = b'\thttp.ListenAndServe(":8080", nil)\n'


def _body(lines: bytes) -> bytes:
    """A file whose main runs the sink after the given statements (from line 6 on)."""
    return HEAD + lines + SINK + b"}\n"


# Each shape: the source, and gofmt's first error (position, message) as `gofmt -e` prints it.
SHAPES: dict[str, tuple[bytes, str, str]] = {
    "no-package-clause": (
        b'import "net/http"\n\nfunc main() {\n' + SINK + b"}\n",
        "1:1",
        "expected 'package', found 'import'",
    ),
    "second-package-clause": (
        b"package main\n\n" + _body(b""),
        "3:1",
        "expected declaration, found 'package'",
    ),
    "import-after-func": (
        _body(b"") + b'\nimport "fmt"\n',
        "9:1",
        "expected declaration, found 'import'",
    ),
    "statement-at-top-level": (
        _body(b"") + b"x := 1\n",
        "8:1",
        "expected declaration, found x",
    ),
    "unknown-escape": (_body(b'\t_ = "\\q"\n'), "6:8", "unknown escape sequence"),
    "quote-escape-in-string": (_body(b'\t_ = "\\\'"\n'), "6:8", "unknown escape sequence"),
    "quote-escape-in-rune": (_body(b"\t_ = '\\\"'\n"), "6:8", "unknown escape sequence"),
    "short-octal-escape": (
        _body(b'\t_ = "\\07"\n'),
        "6:10",
        "illegal character U+0022 '\"' in escape sequence",
    ),
    "octal-escape-over-255": (
        _body(b'\t_ = "\\400"\n'),
        "6:8",
        "escape sequence is invalid Unicode code point",
    ),
    "surrogate-escape": (
        _body(b"\t_ = '\\uD800'\n"),
        "6:8",
        "escape sequence is invalid Unicode code point",
    ),
    "escape-over-max-rune": (
        _body(b'\t_ = "\\U00110000"\n'),
        "6:8",
        "escape sequence is invalid Unicode code point",
    ),
    "newline-in-rune": (_body(b"\t_ = '\n'\n"), "6:6", "rune literal not terminated"),
    "combining-mark-in-name": (
        _body("\txe\u0301 := 1\n\t_ = xe\u0301\n".encode()),
        "6:4",
        "illegal character U+0301 '\u0301'",
    ),
    "missing-comma-in-call": (
        _body(b"\tprintln(1,\n\t\t2\n\t)\n"),
        "7:4",
        "missing ',' before newline in argument list",
    ),
    "missing-comma-in-literal": (
        _body(b"\t_ = []int{\n\t\t2 // two\n\t}\n"),
        "7:5",
        "missing ',' before newline in composite literal",
    ),
    "brace-on-next-line": (
        b'package main\n\nimport "net/http"\n\nfunc main()\n{\n' + SINK + b"}\n",
        "6:1",
        "unexpected semicolon or newline before {",
    ),
    "if-brace-on-next-line": (
        _body(b"\tif true\n\t{\n\t}\n"),
        "6:9",
        "unexpected newline, expecting { after if clause",
    ),
    "define-non-name": (
        _body(b"\tvar a [1]int\n\ta[0], b := 1, 2\n\t_ = b\n"),
        "7:2",
        "expected identifier on left side of :=",
    ),
    "go-without-call": (
        _body(b"\tgo println\n"),
        "6:12",
        "function must be invoked in go statement",
    ),
    "mixed-parameters": (
        _body(b"") + b"\nfunc f(a int, string) {}\n",
        "9:8",
        "mixed named and unnamed parameters",
    ),
    "constant-without-value": (_body(b"") + b"\nconst c\n", "9:7", "missing constant value"),
    "three-range-variables": (
        _body(b"\tfor a, b, c := range []int{} {\n\t\t_, _, _ = a, b, c\n\t}\n"),
        "6:12",
        "expected at most 2 expressions",
    ),
    "invalid-import-path": (
        b'package main\n\nimport (\n\t"net/http"\n\t"a b"\n)\n\nfunc main() {\n' + SINK + b"}\n",
        "5:2",
        'invalid import path: "a b"',
    ),
    "label-before-case": (
        _body(b"\tswitch {\n\tcase true:\n\tL:\n\tdefault:\n\t}\n"),
        "9:2",
        "expected statement, found 'default'",
    ),
}

# Valid Go that looks like the shapes above: still scanned and fixed.
LOOKALIKES: dict[str, bytes] = {
    "escaped-backslash": _body(b'\t_ = "\\\\q"\n'),
    "valid-escapes": _body(b"\t_ = \"\\x41\\u00e9\\U0001F600\\377\\a\\\"\", '\\'', '\\x00'\n"),
    "escapes-in-raw-string-and-comment": _body(b'\t_ = `\\q` // "\\q"\n'),
    "package-after-comment-and-build-tag": b"// c\n\n//go:build linux\n\n/* c */ package main\n"
    + b'\nimport "net/http"\n\nfunc main() {\n'
    + SINK
    + b"}\n",
    "import-groups-before-func": b'package main\n\nimport "fmt"\n\nimport "net/http"\n\n'
    + b"func main() {\n\tfmt.Println()\n"
    + SINK
    + b"}\n",
    "comma-before-newline": _body(b"\tprintln(1,\n\t\t2, // two\n\t)\n"),
}


def _write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: bytes) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "main.go"
    path.write_bytes(source)
    return path


@pytest.mark.parametrize("shape", SHAPES)
def test_tree_sitter_parses_the_shape_cleanly(shape: str) -> None:
    # Why a check is needed: tree-sitter alone would let gofix-bind rewrite the file.
    assert first_error(parse(SHAPES[shape][0])) is None


@pytest.mark.parametrize("shape", SHAPES)
def test_a_file_go_rejects_fails_and_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shape: str
) -> None:
    source, position, message = SHAPES[shape]
    path = _write(tmp_path, monkeypatch, source)
    result = invoke(["--apply", "main.go"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"main.go: error: syntax error at {position}: {message}"
    assert path.read_bytes() == source


def _gofmt_first_error(gofmt: str, path: Path) -> str:
    # A path, not standard input: gofmt reads standard input as a fragment when it can.
    done = subprocess.run([gofmt, "-e", "-l", path.name], cwd=path.parent, capture_output=True)
    assert done.returncode == 2
    errors = re.findall(rb"^main\.go:(\d+):(\d+): ", done.stderr, re.MULTILINE)
    line, column = min((int(line), int(column)) for line, column in errors)
    return f"{line}:{column}"


@pytest.mark.parametrize("shape", SHAPES)
def test_the_position_is_gofmts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shape: str
) -> None:
    gofmt = need_gofmt()
    source, position, _ = SHAPES[shape]
    path = _write(tmp_path, monkeypatch, source)
    assert _gofmt_first_error(gofmt, path) == position
    rejection = go_rejection(source, parse(source))
    assert rejection is not None
    assert go_position(source, rejection.start_byte) == position


def test_the_end_of_a_file_of_comments_is_on_its_last_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Such a file holds no site, so it is never parsed by a run; the position is go/token's.
    source = b"// nothing\n"
    rejection = go_rejection(source, parse(source))
    assert rejection == Rejection(len(source), "expected 'package', found 'EOF'")
    assert go_position(source, rejection.start_byte) == "1:12"
    gofmt = need_gofmt()
    assert _gofmt_first_error(gofmt, _write(tmp_path, monkeypatch, source)) == "1:12"


@pytest.mark.parametrize("lookalike", LOOKALIKES)
def test_a_valid_lookalike_is_still_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lookalike: str
) -> None:
    source = LOOKALIKES[lookalike]
    path = _write(tmp_path, monkeypatch, source)
    assert go_rejection(source, parse(source)) is None
    result = invoke(["--apply", "main.go"])
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == source.replace(b'":8080"', b'"127.0.0.1:8080"')


@pytest.mark.parametrize("lookalike", LOOKALIKES)
def test_gofmt_accepts_the_lookalike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lookalike: str
) -> None:
    gofmt = need_gofmt()
    _write(tmp_path, monkeypatch, LOOKALIKES[lookalike])
    done = subprocess.run([gofmt, "-e", "main.go"], cwd=tmp_path, capture_output=True)
    assert (done.returncode, done.stderr) == (0, b"")


@pytest.mark.parametrize(
    ("escape", "quote", "expected"),
    [
        (b"n", b'"', None),
        (b'"', b'"', None),
        (b"'", b'"', (1, "unknown escape sequence")),
        (b"'", b"'", None),
        (b"x4g", b'"', (3, "illegal character U+0067 'g' in escape sequence")),
        (b"x4", b'"', (3, "escape sequence not terminated")),
        (b"377", b'"', None),
        (b"U0010FFFF", b'"', None),
        (b"uDFFF", b"'", (1, "escape sequence is invalid Unicode code point")),
    ],
)
def test_escapes_are_read_as_go_scanner_reads_them(
    escape: bytes, quote: bytes, expected: tuple[int, str] | None
) -> None:
    rejection = escape_error(b"\\" + escape, 1, quote[0])
    found = None if rejection is None else (rejection.start_byte, rejection.message)
    assert found == expected
