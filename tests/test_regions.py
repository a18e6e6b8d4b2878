"""A large file parsed in chunks: where it is cut, what is checked, and that nothing changes.

The findings, fixes and written bytes of a file parsed in part must be those of a whole parse.
The tests force the chunked parse on small files by lowering the size it starts at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import gofix_bind.go.regions as regions
from gofix_bind.go.parse import parse
from gofix_bind.go.regions import Regions, cuts, plan
from gofix_bind.model import Edit
from tests.helpers import commit_all, invoke, snapshot
from tests.test_golden import CASES, EXIT_CODES, GOLDEN, _copy_input, _expected_tree, _flags


@pytest.fixture
def chunked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse every file in chunks, however small."""
    monkeypatch.setattr(regions, "PARTIAL_BYTES", 0)


def _starts(source: bytes) -> list[bytes]:
    """Return the first line of each chunk cuts() makes."""
    return [source[s:].split(b"\n", 1)[0] for s in cuts(source)]


def test_cuts_at_declarations_after_a_blank_line_with_their_comments() -> None:
    source = b"""package p

import "net"

var a = 1
var b = 2

// doc of f
//nolint:gosec
func f() {}
func g() {}

type T struct{}

const c = ":80"
"""
    assert _starts(source) == [
        b"package p",
        b"var a = 1",
        b"// doc of f",
        b"type T struct{}",
        b'const c = ":80"',
    ]


def test_a_cut_inside_a_raw_string_or_comment_is_dropped() -> None:
    source = b"""package p

var page = `
<script>

var highlights = [1]

func notGo() {
`

/*

func inComment() {}
*/

func real() {}
"""
    raw = list(cuts(source))
    kept = regions._sound_cuts(source, raw)
    assert kept is not None
    kept_lines = [source[s:].split(b"\n", 1)[0] for s in kept]
    assert kept_lines == [b"package p", b"var page = `", b"func real() {}"]
    assert len(raw) > len(kept)


def test_a_cut_at_a_batch_edge_inside_a_string_joins_the_batches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(regions, "_BATCH_BYTES", 16)
    source = b"package p\n\nvar s = `\n\nfunc fake() {}\n\n`\n\nfunc real() {}\n"
    kept = regions._sound_cuts(source, cuts(source))
    assert kept is not None
    assert [source[s:].split(b"\n", 1)[0] for s in kept] == [
        b"package p",
        b"var s = `",
        b"func real() {}",
    ]


@pytest.mark.parametrize(
    "source",
    [
        # A syntax error, a second package clause, an import after a declaration, a bad escape.
        b"package p\n\nfunc f() {\n\nfunc g() {}\n",
        b"package p\n\nfunc f() {}\n\npackage q\n\nfunc g() {}\n",
        b'package p\n\nfunc f() {}\n\nimport "net"\n\nfunc g() {}\n',
        b'package p\n\nfunc f() {}\n\nvar s = "\\q"\n\nfunc g() {}\n',
    ],
)
def test_a_file_go_rejects_is_parsed_whole(source: bytes, chunked: None) -> None:
    assert plan(source, []) is None


def test_small_files_are_parsed_whole() -> None:
    source = b"package p\n\nfunc f() {}\n\nfunc g() {}\n"
    assert plan(source, []) is None


def test_the_view_keeps_offsets_lines_and_the_chunks_it_holds(chunked: None) -> None:
    source = b'package p\n\nfunc f() { _ = "\xc3\xa9" }\n\nfunc g() {}\n'
    found = plan(source, [(source.index(b"g()"), source.index(b"g()") + 1)])
    assert found is not None
    view = found.view(source)
    assert len(view) == len(source)
    assert view.count(b"\n") == source.count(b"\n")
    assert b"func f" not in view and b"func g() {}" in view
    assert not parse(view).root_node.has_error


def test_shifted_regions_follow_the_edits_and_refuse_one_outside() -> None:
    source = b"package p\n\nfunc f() {}\n\nfunc g() {}\n"
    starts = cuts(source)
    found = Regions(starts, len(source), frozenset([0, 2]))
    at = source.index(b"g()")
    moved = found.shifted([Edit(at, at + 1, b"ggg")])
    assert moved is not None and moved.starts == starts and moved.size == len(source) + 2
    early = source.index(b"package") + 8
    moved = found.shifted([Edit(early, early + 1, b"pp")])
    assert moved is not None and moved.starts[1:] == tuple(s + 1 for s in starts[1:])
    inside_f = source.index(b"f()")
    assert found.shifted([Edit(inside_f, inside_f + 1, b"x")]) is None


# One file whose listeners need names declared far away, in chunks the first view lacks: a
# const, a struct field's default, a function's result, a suppression region and a
# multicast group, each after many unrelated functions.
_FILLER = "".join(f"func filler{i}() int {{\n\treturn {i}\n}}\n\n" for i in range(200))
FAR = f"""package main

import (
	"net"
	"net/http"
)

func main() {{
	go http.ListenAndServe(addr, nil)
	cfg := defaults()
	go http.ListenAndServe(cfg.Addr, nil)
	go http.ListenAndServe(portOf(), nil)
	// #gosec:disable G102
	l, _ := net.Listen("tcp", ":7000")
	_ = l
	conn, _ := net.ListenPacket("udp", ":5353")
	_ = conn
}}

{_FILLER}const addr = ":8080" // the public port

{_FILLER}type Config struct {{
	Addr string
}}

{_FILLER}func defaults() Config {{
	return Config{{Addr: "0.0.0.0:9000"}}
}}

{_FILLER}func portOf() string {{
	return ":9100"
}}

{_FILLER}var group = "224.0.0.251"
"""


def _run(
    tmp_path: Path, name: str, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, bytes, bytes, dict[str, bytes]]:
    work = tmp_path / name
    work.mkdir()
    (work / "main.go").write_text(FAR)
    commit_all(work)
    with monkeypatch.context() as inside:
        inside.chdir(work)
        result = invoke([*args, "."])
    return result.exit_code, result.stdout_bytes, result.stderr_bytes, snapshot(work)


@pytest.mark.parametrize(
    "args",
    [["--format", "json"], ["--format", "json", "--unsafe-fixes"], ["--diff"], ["--apply"]],
)
def test_far_names_give_the_findings_of_a_whole_parse(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _run(tmp_path, "whole", args, monkeypatch)
    monkeypatch.setattr(regions, "PARTIAL_BYTES", 0)
    calls: list[Regions] = []
    real = regions.parse_view

    def counting(source: bytes, found: Regions) -> regions.View:
        calls.append(found)
        return real(source, found)

    monkeypatch.setattr("gofix_bind.go.unit.parse_view", counting)
    chunked = _run(tmp_path, "chunked", args, monkeypatch)
    assert chunked == whole
    # The file was parsed in part, and widened at least once, never whole.
    assert len(calls) >= 2 and not calls[-1].whole()
    if args[:2] == ["--format", "json"]:
        findings = json.loads(whole[1])["findings"]
        addresses = {f["address"] for f in findings}
        assert {":8080", "0.0.0.0:9000", ":7000", ":5353"} <= addresses


@pytest.mark.parametrize("name", CASES)
def test_golden_cases_parsed_in_chunks(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunked: None
) -> None:
    """Every golden case gives its pinned report and --apply result when parsed in chunks."""
    case = GOLDEN / name
    flags = _flags(case)
    work = _copy_input(case, tmp_path / "apply")
    monkeypatch.chdir(work)
    codes = dict(line.split() for line in (case / EXIT_CODES).read_text().splitlines())
    for run, mode in (("report", []), ("apply", ["--apply"])):
        result = invoke([*flags, *mode, "."])
        for stream, data in (("stdout", result.stdout_bytes), ("stderr", result.stderr_bytes)):
            pin = case / f"{run}.{stream}"
            assert data == (pin.read_bytes() if pin.exists() else b""), f"{run}.{stream}"
        assert str(result.exit_code) == codes[run]
    assert snapshot(work) == _expected_tree(case)
