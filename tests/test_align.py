"""Realignment after a literal changes width must give exactly gofmt's layout (checked by gofmt).

Each template is laid out by the real gofmt first, so every case starts gofmt-clean; the literal
"0.0.0.0:80" in it is then replaced by texts of other widths, and the fix's edits plus the
realignment edits must give the bytes gofmt prints for the fixed file.
"""

from __future__ import annotations

import re

import pytest

from gofix_bind.go.align import realign
from gofix_bind.go.parse import parse
from gofix_bind.model import Edit
from gofix_bind.plan import apply_edits
from tests.toolchain import gofmt, need_gofmt

TARGET = b'"0.0.0.0:80"'

# Go sources around the literal; gofmt aligns them before each test. `package p` is added.
TEMPLATES = {
    "statements": """
func f() {
	mux := routes() // routes
	addr := "0.0.0.0:80" // the API
	name := "api" // logs
	_, _, _ = mux, addr, name
}
""",
    "statements_blank_line_ends_block": """
func f() {
	name := "api-server" // logs

	addr := "0.0.0.0:80" // the API
	n := 1 // count
	_, _ = name, addr
}
""",
    "statements_around_multiline": """
func f() {
	x := T{
		A: 1,
	} // done
	addr := "0.0.0.0:80" // the API
	if x.A > 0 { // positive
		y := 2 // two
		_ = y
	}
	_ = addr
}
""",
    "toplevel_vars": """
var addr = "0.0.0.0:80" // the API
var retries = 3 // attempts
var name = "api" // logs
""",
    "toplevel_after_literal": """
var x = T{
	A: 1,
} // done
var addr = "0.0.0.0:80" // the API
""",
    "one_line_funcs": """
func addr() string { return "0.0.0.0:80" } // the API
func name() string { return "api" } // logs
func retries() int { return 3 }
""",
    "keyed_elements": """
var srv = &http.Server{
	Addr: "0.0.0.0:80", // the API
	Handler: mux, // routes
	ReadHeaderTimeout: 5 * time.Second, // slow clients
}
""",
    "keyed_elements_no_comment": """
var srv = &http.Server{
	Addr: "0.0.0.0:80",
	Handler: mux,
}
""",
    "nested_literals": """
var servers = []T{
	{Addr: "0.0.0.0:80", Name: "api"}, // public
	{Addr: "127.0.0.1:81", Name: "admin"}, // private
}
""",
    "arguments": """
func f() {
	ln, err := net.Listen(
		"tcp", // stream
		"0.0.0.0:80", // every interface
	)
	_, _ = ln, err
}
""",
    "arguments_after_long_one": """
func f() {
	ln, err := net.Listen(
		networkFromEnvironment("LISTEN_NETWORK"), // 41 bytes
		"0.0.0.0:80", // address
		options, // more
	)
	_, _ = ln, err
}
""",
    "elements_geometric_mean": """
var addrs = []string{
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", // long
	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", // long
	"0.0.0.0:80", // short
	"cc", // shorter
}
""",
    "elements_small_sizes": """
var addrs = []string{
	"localhost:1234567890123456789012345", // 38 bytes
	"0.0.0.0:80", // grows past 40 with the long replacement
	"x", // tiny
}
""",
    "const_group": """
const (
	addr = "0.0.0.0:80" // the API
	name = "api" // logs
	retries = 3
	other = "x" // other
)
""",
    "var_group_types": """
var (
	addr string = "0.0.0.0:80" // the API
	timeout int = 30 // seconds
	verbose = false // requests
	count int // counter
)
""",
    "const_group_iota": """
const (
	first = iota // zero
	second // one
	addr = "0.0.0.0:80" // the API
)
""",
    "spec_with_multiline_value": """
var (
	name = "api" // logs
	addr = "0.0.0.0:80" // the API
	handlers = []string{
		"a",
	} // all of them
	other = "x" // other
)
""",
    "case_clause": """
func f(s string) {
	switch s {
	case "0.0.0.0:80": // every interface
		g() // call
	}
}
""",
    "raw_string_below": """
func f() {
	name := "api" // logs
	addr := "0.0.0.0:80" // the API
	doc := `first
second` // doc
	n := 1 // count
	_, _, _, _ = name, addr, doc, n
}
""",
    "inline_block_comment": """
func f() {
	listen(nil /* no config */, "0.0.0.0:80") // the API
	other := 1 // other
	_ = other
}
""",
    "unicode_widths": """
func f() {
	addr := "0.0.0.0:80" // adresse écoutée
	nom := "café" // ünïcödé
	_, _ = addr, nom
}
""",
    "empty_literal_neighbour": """
func f() {
	g(
		"0.0.0.0:80", // address
		[]string{ // none
		}, // yet
	)
}
""",
    "label_below": """
func f() {
	addr := "0.0.0.0:80" // the API
	n := 1 // count
loop:
	for {
		break loop
	}
	_, _ = addr, n
}
""",
    "two_fixes_one_block": """
func f() {
	api := "0.0.0.0:80" // the API
	admin := "0.0.0.0:80" // the admin console
	name := "a-longer-name" // logs
	_, _, _ = api, admin, name
}
""",
    "struct_type_below": """
func f() {
	name := "api" // logs
	addr := "0.0.0.0:80" // the API
	type S struct {
		A int // a
		Bbb string `json:"b"` // b
	}
	_, _ = name, addr
}
""",
}

# Replacements of widths around the original 12 bytes: the realignment must follow each.
REPLACEMENTS = {
    "empty": b'""',
    "same_width": b'"1.2.3.4:80"',
    "grow": b'"127.0.0.1:80"',
    "long": b'"' + b"z" * 60 + b'"',
    "multibyte": '"éé"'.encode(),
}


def _target_edits(source: bytes, replacement: bytes) -> list[Edit]:
    return [Edit(m.start(), m.end(), replacement) for m in re.finditer(re.escape(TARGET), source)]


def _only_blanks(source: bytes, edits: tuple[Edit, ...]) -> bool:
    return all(
        not e.content.strip(b" \t") and not source[e.start_byte : e.end_byte].strip(b" \t")
        for e in edits
    )


@pytest.mark.parametrize("replacement", sorted(REPLACEMENTS))
@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_realigned_fix_is_what_gofmt_prints(template: str, replacement: str) -> None:
    need_gofmt()
    source = gofmt(f"package p\n{TEMPLATES[template]}".encode())
    edits = _target_edits(source, REPLACEMENTS[replacement])
    assert edits, "the template must hold the literal"

    extra = realign(source, parse(source), edits)

    assert _only_blanks(source, extra)
    fixed = apply_edits(source, [*edits, *extra])
    assert fixed == gofmt(apply_edits(source, edits))


def test_grown_literal_moves_its_comment_column() -> None:
    source = (
        b"package p\n\nfunc f() {\n"
        b'\taddr := "0.0.0.0:80" // the API\n'
        b"\tn := 1               // count\n"
        b"}\n"
    )
    edits = _target_edits(source, b'"127.0.0.1:80"')
    fixed = apply_edits(source, [*edits, *realign(source, parse(source), edits)])
    assert fixed == (
        b"package p\n\nfunc f() {\n"
        b'\taddr := "127.0.0.1:80" // the API\n'
        b"\tn := 1                 // count\n"
        b"}\n"
    )


def test_block_not_laid_out_by_gofmt_is_left_alone() -> None:
    # One space too many before the second comment: gofmt would rewrite the block anyway.
    source = (
        b"package p\n\nfunc f() {\n"
        b'\taddr := "0.0.0.0:80" // the API\n'
        b"\tn := 1                // count\n"
        b"}\n"
    )
    edits = _target_edits(source, b'"127.0.0.1:80"')
    assert realign(source, parse(source), edits) == ()


def test_tab_aligned_block_is_left_alone() -> None:
    source = b'package p\n\nfunc f() {\n\taddr := "0.0.0.0:80"\t// the API\n\tn := 1\t// count\n}\n'
    edits = _target_edits(source, b'"127.0.0.1:80"')
    assert realign(source, parse(source), edits) == ()


def test_literal_in_the_last_cell_needs_no_realignment() -> None:
    source = b'package p\n\nvar s = &http.Server{\n\tAddr:    "0.0.0.0:80",\n\tHandler: mux,\n}\n'
    edits = _target_edits(source, b'"127.0.0.1:80"')
    assert realign(source, parse(source), edits) == ()


def test_no_edits_give_no_realignment() -> None:
    source = b'package p\n\nvar a = "0.0.0.0:80" // the API\nvar b = 1            // one\n'
    assert realign(source, parse(source), []) == ()


def test_inserted_line_next_to_a_block_stops_realignment() -> None:
    # A new line could join or split the block: the block is left for the insertion's layout.
    source = (
        b"package p\n\nvar s = &http.Server{\n"
        b'\tAddr:    "0.0.0.0:80", // the API\n'
        b"\tHandler: mux,          // routes\n"
        b"}\n"
    )
    edits = _target_edits(source, b'"127.0.0.1:80"')
    assert realign(source, parse(source), edits), "without the insertion the block realigns"
    handler = source.index(b"\tHandler")
    inserted = Edit(handler, handler, b"\tErrorLog: nil,\n")
    assert realign(source, parse(source), [*edits, inserted]) == ()


def test_padding_next_to_an_insertion_is_left_alone() -> None:
    source = (
        b"package p\n\nfunc f() {\n"
        b'\taddr := "0.0.0.0:80"    // the API\n'
        b'\tname := "a-longer-name" // logs\n'
        b"}\n"
    )
    # Text appended to the cell ends where its padding starts: apply_edits would refuse both.
    end = source.index(TARGET) + len(TARGET)
    appended = Edit(end, end, b"[:]")
    assert realign(source, parse(source), [appended]) == ()
    grown = realign(source, parse(source), _target_edits(source, b'"127.0.0.1:80"'))
    assert grown == (Edit(end, end + 4, b"  "),)
