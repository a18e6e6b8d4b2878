"""Bad input: each case is one line on stderr, nothing written, and the rest of the batch done.

Every case runs `--apply` on a tree that also holds two fixable files, one beside the bad input
and one in another directory: both must still be fixed, and the bad file keep its bytes.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gofix_bind.go import unit
from gofix_bind.source_io import MAX_FILE_BYTES
from tests.helpers import invoke, snapshot

LISTEN = b'package main\n\nimport "net"\n\nfunc main() {\n\tnet.Listen("tcp", ":8080")\n}\n'
FIXED = LISTEN.replace(b'":8080"', b'"127.0.0.1:8080"')
# A listener on line 6, then a NUL on line 7 at column 4.
BAD_LINE_7 = LISTEN.replace(b"\n}\n", b"\n// \x00\n}\n")


def _modes_bind() -> bool:
    """Tell whether file modes bind this process (root, with CAP_DAC_OVERRIDE, ignores them)."""
    with tempfile.TemporaryDirectory() as directory:
        probe = Path(directory, "probe")
        probe.write_bytes(b"")
        probe.chmod(0)
        try:
            probe.open("rb").close()
        except PermissionError:
            return True
        return False


needs_non_root = pytest.mark.skipif(
    not _modes_bind(), reason="root reads and writes files whatever their mode"
)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "main.go").write_bytes(LISTEN)
    (tmp_path / "main.go").write_bytes(LISTEN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _refuse(monkeypatch: pytest.MonkeyPatch, name: str, writing: bool) -> None:
    """Make os.open fail with EACCES for name, as the kernel does for a user without the right."""
    real_open = os.open

    def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        wants_write = bool(flags & (os.O_WRONLY | os.O_RDWR))
        if os.path.basename(os.fspath(path)) == name and wants_write == writing:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)


def _refuse_listing(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make listing the directory name fail with EACCES, as for a user without the right."""
    real_scandir = os.scandir

    def fake_scandir(path: Any = ".") -> Any:
        if os.path.basename(os.path.normpath(os.fspath(path))) == name:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, the stderr line it gives, and the exit code."""

    make: Callable[[Path, pytest.MonkeyPatch], None]
    line: str | None
    exit_code: int
    # The paths to name on the command line.
    args: tuple[str, ...] = (".",)
    # Made with file modes, which root ignores.
    non_root: bool = False


def _write(name: str, data: bytes, mode: int | None = None) -> Callable[[Path, Any], None]:
    def make(root: Path, _: pytest.MonkeyPatch) -> None:
        (root / name).write_bytes(data)
        if mode is not None:
            (root / name).chmod(mode)

    return make


def _symlink(name: str, target: str) -> Callable[[Path, Any], None]:
    def make(root: Path, _: pytest.MonkeyPatch) -> None:
        (root / name).symlink_to(target)

    return make


def _directory_named_go(root: Path, _: pytest.MonkeyPatch) -> None:
    (root / "x.go").mkdir()
    (root / "x.go" / "inner.go").write_bytes(LISTEN)


def _huge(root: Path, _: pytest.MonkeyPatch) -> None:
    # Sparse: a file one byte over the limit costs no disk. It starts with a fixable listener,
    # so a file read in spite of its size would show up as a finding or a NUL error.
    with (root / "big.go").open("wb") as handle:
        handle.write(LISTEN)
        handle.truncate(MAX_FILE_BYTES + 1)


def _fifo(root: Path, _: pytest.MonkeyPatch) -> None:
    os.mkfifo(root / "fifo.go")


def _unreadable_injected(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (root / "secret.go").write_bytes(LISTEN)
    _refuse(monkeypatch, "secret.go", writing=False)


def _read_only_injected(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (root / "ro.go").write_bytes(LISTEN)
    (root / "ro.go").chmod(0o444)
    _refuse(monkeypatch, "ro.go", writing=True)


def _unlistable_injected(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (root / "locked").mkdir()
    (root / "locked" / "main.go").write_bytes(LISTEN)
    _refuse_listing(monkeypatch, "locked")


def _unlistable(root: Path, _: pytest.MonkeyPatch) -> None:
    (root / "locked").mkdir()
    (root / "locked" / "main.go").write_bytes(LISTEN)
    (root / "locked").chmod(0)


CANNOT_WRITE = "ro.go: error: cannot write: permission denied"

CASES: dict[str, Case] = {
    "missing-path": Case(
        lambda root, _: None, "nope.go: error: no such file or directory", 2, ("nope.go", ".")
    ),
    "directory-named-x.go": Case(_directory_named_go, None, 0),
    "directory-named-x.go-on-command-line": Case(
        _directory_named_go, None, 0, ("x.go", "main.go", "svc")
    ),
    "unreadable": Case(
        _write("secret.go", LISTEN, 0),
        "secret.go: error: cannot read: permission denied",
        2,
        non_root=True,
    ),
    "unreadable-injected": Case(
        _unreadable_injected, "secret.go: error: cannot read: permission denied", 2
    ),
    "read-only-apply": Case(_write("ro.go", LISTEN, 0o444), CANNOT_WRITE, 2),
    "read-only-apply-injected": Case(_read_only_injected, CANNOT_WRITE, 2),
    "non-utf8": Case(
        _write("latin.go", BAD_LINE_7.replace(b"\x00", b"caf\xe9")),
        "latin.go: error: illegal UTF-8 encoding at 7:7",
        2,
    ),
    "non-utf8-truncated-sequence": Case(
        _write("cut.go", BAD_LINE_7.replace(b"\x00", b"\xe2\x82")),
        "cut.go: error: illegal UTF-8 encoding at 7:4",
        2,
    ),
    "nul": Case(_write("nul.go", BAD_LINE_7), "nul.go: error: illegal character NUL at 7:4", 2),
    "huge": Case(
        _huge,
        f"big.go: skipped: too large to scan ({MAX_FILE_BYTES + 1:,} bytes, over the 10 MiB limit)",
        0,
    ),
    "fifo": Case(_fifo, "fifo.go: skipped: not a regular file", 0),
    "empty": Case(
        _write("empty.go", b""), "empty.go: error: expected 'package', found EOF (empty file)", 2
    ),
    "blank-with-bom": Case(
        _write("blank.go", b"\xef\xbb\xbf\r\n\t \n"),
        "blank.go: error: expected 'package', found EOF (empty file)",
        2,
    ),
    "broken-symlink": Case(
        _symlink("broken.go", "missing.go"),
        "broken.go: error: cannot read: broken symbolic link",
        2,
    ),
    "broken-symlink-on-command-line": Case(
        _symlink("broken.go", "missing.go"),
        "broken.go: error: broken symbolic link",
        2,
        ("broken.go", "main.go", "svc"),
    ),
    "symlink-loop": Case(
        _symlink("loop.go", "loop.go"),
        "loop.go: error: cannot read: too many levels of symbolic links",
        2,
    ),
    "symlink-loop-on-command-line": Case(
        _symlink("loop.go", "loop.go"),
        "loop.go: error: too many levels of symbolic links",
        2,
        ("loop.go", "main.go", "svc"),
    ),
    "syntax-error": Case(
        _write("broken.go", LISTEN.replace(b"\n}\n", b"\n")),
        "broken.go: error: syntax error at 7:1",
        2,
    ),
    "unlistable-directory": Case(
        _unlistable, "locked: error: cannot read directory: permission denied", 2, non_root=True
    ),
    "unlistable-directory-injected": Case(
        _unlistable_injected, "locked: error: cannot read directory: permission denied", 2
    ),
}


def _talk(stderr: str) -> list[str]:
    """Return the stderr lines other than --apply's `fixed PATH (N fixes)` ones."""
    return [line for line in stderr.splitlines() if not line.startswith("fixed ")]


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, id=name, marks=[needs_non_root] if case.non_root else [])
        for name, case in CASES.items()
    ],
)
def test_bad_input_is_one_line_and_the_batch_goes_on(
    tree: Path, monkeypatch: pytest.MonkeyPatch, case: Case
) -> None:
    case.make(tree, monkeypatch)
    before = _readable_snapshot(tree)
    result = invoke(["--apply", *case.args])
    *lines, summary = _talk(result.stderr)
    assert lines == ([] if case.line is None else [case.line])
    assert result.exit_code == case.exit_code, result.stderr
    after = _readable_snapshot(tree)
    # The good files are fixed; every other file keeps its bytes.
    fixed = {name for name, data in after.items() if data != before.get(name)}
    expected_fixed = {"main.go", "svc/main.go"}
    if case.make is _directory_named_go:
        expected_fixed.add("x.go/inner.go")
    # The summary line counts the good files as fixed, and the error when there is one.
    assert f", {len(expected_fixed)} fixed in {len(expected_fixed)} files, " in summary
    assert summary.endswith(", 1 error") is (case.exit_code == 2), summary
    assert fixed == expected_fixed
    assert all(after[name] == FIXED for name in fixed)
    # No temporary file is left behind.
    assert set(after) == set(before)


def _readable_snapshot(root: Path) -> dict[str, bytes]:
    """Map every regular, readable file under root to its bytes (links and FIFOs aside)."""
    found = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_symlink() or not path.is_file():
            continue
        if name == "big.go":
            # Reading 10 MiB of a sparse file costs time and says nothing new.
            found[name] = path.stat().st_size.to_bytes(8, "big")
            continue
        if os.access(path, os.R_OK):
            found[name] = path.read_bytes()
    return found


def test_unreadable_file_keeps_its_bytes(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file that could not be read is not touched, once the injection is lifted."""
    _unreadable_injected(tree, monkeypatch)
    invoke(["--apply"])
    monkeypatch.undo()
    assert (tree / "secret.go").read_bytes() == LISTEN


def test_unlistable_directory_keeps_its_files(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _unlistable_injected(tree, monkeypatch)
    invoke(["--apply"])
    monkeypatch.undo()
    assert (tree / "locked" / "main.go").read_bytes() == LISTEN


def test_a_bad_sibling_is_not_read_for_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file named alone reads its siblings for names; one that is not Go text is left out."""
    (tmp_path / "main.go").write_bytes(
        b'package main\n\nimport "net"\n\nfunc main() {\n\tnet.Listen("tcp", addr)\n}\n'
    )
    (tmp_path / "addr.go").write_bytes(b'package main\n\nconst addr = ":80" // \x00\n')
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    result = invoke(["--apply", "main.go"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.splitlines()[:-1] == []
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["--address", "localhost:80"], "'localhost:80' is not an IP address", id="host-port"
        ),
        pytest.param(["--address", "localhost"], "'localhost' is not an IP address", id="name"),
        pytest.param(["--address", "999.1.1.1"], "'999.1.1.1' is not an IP address", id="octet"),
        pytest.param(["--address", "127.1"], "'127.1' is not an IP address", id="short-form"),
        pytest.param(["--address", ""], "'' is not an IP address", id="empty"),
        pytest.param(["--address", "::1"], "'::1' is not an IPv4 address", id="v6-for-v4"),
        pytest.param(
            ["--address", "0.0.0.0"],
            "'0.0.0.0' is itself an unspecified (all-interfaces) address",
            id="unspecified-v4",
        ),
        pytest.param(["--ipv6-address", "[::1]"], "'[::1]' is not an IP address", id="brackets"),
        pytest.param(["--ipv6-address", "127.0.0.1"], "'127.0.0.1' is not an IPv6", id="v4-for-v6"),
        pytest.param(
            ["--ipv6-address", "::"],
            "'::' is itself an unspecified (all-interfaces) address",
            id="unspecified-v6",
        ),
        pytest.param(
            ["--ipv6-address", "::ffff:0.0.0.0"],
            "'::ffff:0.0.0.0' is itself an unspecified (all-interfaces) address",
            id="unspecified-v4-mapped",
        ),
    ],
)
def test_bad_replacement_address_is_a_usage_error(
    tree: Path, args: list[str], message: str
) -> None:
    before = snapshot(tree)
    result = invoke(["--apply", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    option = args[0]
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"gofix-bind: error: {option}: {message}")
    assert snapshot(tree) == before


# Deep nesting: Go code generators and tests nest far deeper than Python's recursion limit
# (1,000 frames); every walk over a tree must be iterative. DEPTH levels of each form.
DEPTH = 5000
DEEP_FORMS = {
    "parentheses": "x := " + "(" * DEPTH + "1" + ")" * DEPTH + "\n\t_ = x",
    "func-literals": "_ = " + "func() {" * DEPTH + "}" * DEPTH,
    "blocks": "{" * DEPTH + "}" * DEPTH,
    "composite-literals": "x := " + "[]any{" * DEPTH + "}" * DEPTH + "\n\t_ = x",
    "ifs": "if true {" * DEPTH + "}" * DEPTH,
    "calls": "f(" * DEPTH + ")" * DEPTH,
    "binary-chain": "x := " + " + ".join(['"a"'] * DEPTH) + "\n\t_ = x",
    "unary-chain": "x := " + "-" * DEPTH + "1\n\t_ = x",
    "selectors": "x := a" + ".b" * DEPTH + "\n\t_ = x",
}


# The address comes through a local variable, so finding it walks the deep function's tree;
# a suppression comment for the deep statement makes the nolint reach walk it too.
DEEP_MAIN = """package main

import "net"

func main() {
\taddr := ":8080"
\t//nolint:gosec // covers the deep statement below, not the listener
\t%s
\tln, err := net.Listen("tcp", addr)
\tif err != nil {
\t\tpanic(err)
\t}
\tgo serve(ln)
}

func serve(c interface{ Close() error }) {
\tdefer c.Close()
}
"""


def _deep_source(body: str) -> bytes:
    return (DEEP_MAIN % body).encode()


@pytest.mark.parametrize("prefilter", [[], ["--no-prefilter"]], ids=["prefilter", "no-prefilter"])
@pytest.mark.parametrize("body", list(DEEP_FORMS.values()), ids=list(DEEP_FORMS))
def test_deeply_nested_code_is_fixed(tree: Path, body: str, prefilter: list[str]) -> None:
    source = _deep_source(body)
    deep = tree / "deep" / "deep.go"
    deep.parent.mkdir()
    deep.write_bytes(source)
    result = invoke(["--apply", *prefilter, "."])
    assert result.exit_code == 0, result.stderr
    assert _talk(result.stderr)[:-1] == []
    assert "3 fixed in 3 files" in result.stderr
    assert deep.read_bytes() == source.replace(b'":8080"', b'"127.0.0.1:8080"', 1)


def test_a_listener_deep_inside_nested_blocks_is_fixed(tree: Path) -> None:
    depth = 1500
    source = LISTEN.replace(
        b'\tnet.Listen("tcp", ":8080")\n',
        b"{\n" * depth + b'net.Listen("tcp", ":8080")\n' + b"}\n" * depth,
    )
    deep = tree / "deep" / "deep.go"
    deep.parent.mkdir()
    deep.write_bytes(source)
    result = invoke(["--apply", "deep"])
    assert result.exit_code == 0, result.stderr
    assert deep.read_bytes() == source.replace(b'":8080"', b'"127.0.0.1:8080"')


def test_an_address_assigned_in_a_long_else_if_chain_is_followed(tree: Path) -> None:
    """Generated dispatch code: every branch assigns the address, thousands of levels deep."""
    branches = 2000
    chain = "".join(
        f'\t}} else if n == {i} {{\n\t\taddr = "127.0.0.{i % 250}:80"\n' for i in range(1, branches)
    )
    source = (
        'package main\n\nimport "net"\n\nvar n int\n\nfunc main() {\n'
        f'\taddr := ":8080"\n\tif n == 0 {{\n\t\taddr = "127.0.0.1:80"\n{chain}\t}}\n'
        '\tln, _ := net.Listen("tcp", addr)\n\tgo serve(ln)\n}\n\nfunc serve(net.Listener) {}\n'
    ).encode()
    deep = tree / "deep" / "deep.go"
    deep.parent.mkdir()
    deep.write_bytes(source)
    result = invoke(["--format", "json", "deep"])
    assert result.exit_code == 1, result.stderr
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["address"]) == (8, ":8080")


def test_a_syntax_error_deep_inside_nested_code_is_reported(tree: Path) -> None:
    # An error inside balanced nesting: tree-sitter puts the ERROR node DEPTH levels down.
    source = _deep_source("{" * DEPTH + "x = = 1" + "}" * DEPTH)
    deep = tree / "deep" / "deep.go"
    deep.parent.mkdir()
    deep.write_bytes(source)
    result = invoke(["--apply", "."])
    assert result.exit_code == 2
    (line, _) = _talk(result.stderr)
    assert line == f"deep/deep.go: error: syntax error at 8:{1 + DEPTH + 5}"
    assert deep.read_bytes() == source
    assert (tree / "main.go").read_bytes() == FIXED


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(
    data=st.lists(st.sampled_from([b"a", b"\n", b"\xc3\xa9", b"\xe2\x82\xac", b"\xff", b"\xe2"])),
    piece=st.integers(min_value=1, max_value=8),
)
def test_piecewise_utf8_check_agrees_with_decoding_whole(data: list[bytes], piece: int) -> None:
    source = b"".join(data)
    try:
        source.decode("utf-8")
        expected = None
    except UnicodeDecodeError as error:
        expected = error.start
    whole = unit._PIECE_BYTES
    unit._PIECE_BYTES = piece
    try:
        assert unit._utf8_error(source) == expected
    finally:
        unit._PIECE_BYTES = whole
