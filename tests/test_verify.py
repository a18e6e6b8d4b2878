"""verify.same_code: a rewrite may change the nodes its edits replace, and white space."""

from __future__ import annotations

import pytest

from gofix_bind.go.compare import same_code
from gofix_bind.go.parse import error_count, parse
from gofix_bind.model import Edit
from gofix_bind.plan import apply_edits

SOURCE = b"""package main

import (
	"log"
	"net"
	"net/http"
)

func main() {
	srv := &http.Server{
		Addr: ":8080",
		Handler: nil,
	}
	go srv.ListenAndServe()
	go http.ListenAndServe(":8081", nil) // keep me
	t, _ := net.ListenTCP("tcp", nil)
	u, _ := net.ListenTCP("tcp", &net.TCPAddr{Port: 9000})
	r, _ := net.Listen("tcp", `0.0.0.0:9001`)
	e, _ := net.Listen("tcp", "\\x30.0.0.0:9002")
	log.Println(srv, t, u, r, e, "a  b")
	run()
}
"""


def at(needle: bytes, offset: int = 0) -> int:
    """Return the byte offset of the one occurrence of needle, plus offset."""
    assert SOURCE.count(needle) == 1, needle
    return SOURCE.index(needle) + offset


def insert(needle: bytes, offset: int, content: bytes) -> Edit:
    """Return an edit inserting content at offset bytes into needle."""
    return Edit(at(needle, offset), at(needle, offset), content)


def replace(needle: bytes, content: bytes, offset: int = 0, length: int | None = None) -> Edit:
    """Return an edit replacing length bytes (all of needle by default) from offset."""
    start = at(needle, offset)
    return Edit(start, start + (len(needle) - offset if length is None else length), content)


HOST = insert(b'":8080"', 1, b"127.0.0.1")
HOST_8081 = insert(b'":8081"', 1, b"127.0.0.1")
RAW = replace(b"`0.0.0.0:9001`", b"127.0.0.1", 1, 7)
ESCAPED = replace(b'"\\x30.0.0.0:9002"', b'"127.0.0.1:9002"')
NIL = replace(b'"tcp", nil)', b"&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)}", 7, 3)
FIELD = insert(b"{Port: 9000}", 1, b"IP: net.IPv4(127, 0, 0, 1), ")
ARGUMENT = insert(b"run()", 4, b'"127.0.0.1:8080"')
# gofmt would align the values of Addr and Handler: only white space between tokens changes.
REALIGN = replace(b"Addr: ", b"    ", 5, 1)


def _same(edits: list[Edit], listed: list[Edit]) -> bool:
    new = apply_edits(SOURCE, edits)
    assert error_count(parse(new)) == 0
    return same_code(parse(SOURCE), SOURCE, parse(new), new, listed)


@pytest.mark.parametrize(
    "edits",
    [
        pytest.param([HOST], id="host-inserted-in-literal"),
        pytest.param([RAW], id="host-replaced-in-raw-literal"),
        pytest.param([ESCAPED], id="escaped-literal-rewritten-whole"),
        pytest.param([NIL], id="nil-replaced-by-struct"),
        pytest.param([FIELD], id="field-inserted"),
        pytest.param([ARGUMENT], id="argument-inserted"),
        pytest.param([HOST, HOST_8081, RAW, ESCAPED, NIL, FIELD, ARGUMENT], id="all-at-once"),
        pytest.param([HOST, REALIGN], id="fix-and-realignment"),
    ],
)
def test_fixes_are_sound(edits: list[Edit]) -> None:
    assert _same(edits, edits)


def test_realignment_need_not_be_listed() -> None:
    assert _same([HOST, REALIGN], [HOST])


def test_no_edits_same_bytes() -> None:
    tree = parse(SOURCE)
    assert same_code(tree, SOURCE, tree, SOURCE, [])


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(
            replace(b':8081", nil)', b'127.0.0.1:8081", http.DefaultServeMux', 0, 11),
            id="spills-into-next-argument",
        ),
        pytest.param(insert(b'":8080"', 1, b'127.0.0.1" + "'), id="literal-becomes-concatenation"),
        pytest.param(insert(b'":8081"', 1, b'127.0.0.1:8081", "'), id="literal-splits-in-two"),
        pytest.param(replace(b'"tcp", nil)', b"nil, nil", 7, 3), id="one-node-becomes-two"),
        pytest.param(replace(b"keep me", b"drop me"), id="comment-changed"),
        pytest.param(insert(b"run()", 4, b"x)(y"), id="insertion-regroups-tokens"),
        pytest.param(replace(b'"a  b"', b"", 2, 1), id="white-space-inside-string"),
        pytest.param(replace(b"srv := ", b"svr := "), id="neighbour-renamed"),
    ],
)
def test_changes_outside_the_fix_are_refused(edit: Edit) -> None:
    assert not _same([edit], [edit])


def test_unlisted_change_is_refused() -> None:
    assert not _same([HOST, replace(b"srv := ", b"svr := ")], [HOST])


def test_deep_nesting_does_not_overflow() -> None:
    depth = 20_000
    source = b"package main\n\nvar x = len(" + b"(" * depth + b'g("0.0.0.0:1", a)'
    source += b")" * depth + b")\n"
    start = source.index(b'"0.0.0.0') + 1
    good = Edit(start, start + 7, b"127.0.0.1")
    bad = Edit(start, start + len(b'0.0.0.0:1", a'), b'127.0.0.1:1", b')
    for edit, expected in ((good, True), (bad, False)):
        new = apply_edits(source, [edit])
        new_tree = parse(new)
        assert error_count(new_tree) == 0
        assert same_code(parse(source), source, new_tree, new, [edit]) is expected
