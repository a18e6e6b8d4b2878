"""The prefilter may skip parsing a file only when no finding can depend on it."""

from __future__ import annotations

import json
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from gofix_bind import runner
from gofix_bind.discover import discover
from gofix_bind.go.prefilter import SinkFilter, package_clause
from gofix_bind.go.sinks import CALL_SINKS, STANDARD_LISTEN, STANDARD_QUALIFIERS
from gofix_bind.go.spellings import Spelling
from gofix_bind.languages import LANGUAGES
from gofix_bind.model import FileResult, Job, Outcome
from gofix_bind.resolve import Given, Resolver
from tests.helpers import invoke
from tests.toolchain import need_go_source

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "go"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input").is_dir())
# Directories of Go's own source that hold listeners, library fallbacks and the data flow
# between files (the net package's own unqualified Listen, net/http's ":http" fallback).
STD_SUBSET = (
    "net",
    "net/http",
    "net/http/httptest",
    "net/rpc",
    "net/smtp",
    "crypto/tls",
    "expvar",
    "log/syslog",
)


@dataclass(frozen=True)
class Scan:
    """One JSON run: its findings, errors and summary counts, and the code it exited with."""

    findings: list[object]
    errors: list[object]
    counts: dict[str, int]
    exit_code: int


def _scan(paths: list[str], flags: list[str]) -> Scan:
    result = invoke(["--format", "json", *flags, *paths])
    document = json.loads(result.stdout)
    # The exit code the document implies: 2 on an error, else 1 while a finding remains.
    implied = 2 if document["errors"] else 1 if document["findings"] else 0
    assert result.exit_code == implied, result.stderr
    # A file the prefilter skips is scanned all the same: only its syntax errors go unseen.
    keys = ("files_skipped", "findings", "fixable", "suppressed")
    counts = {key: document["summary"][key] for key in keys}
    counts["files_scanned_or_failed"] = document["summary"]["files_scanned"] + len(
        document["errors"]
    )
    return Scan(document["findings"], document["errors"], counts, result.exit_code)


def _assert_same(paths: list[str], flags: list[str]) -> Scan:
    """Return the prefiltered scan, once the full one agrees with it."""
    filtered = _scan(paths, flags)
    full = _scan(paths, [*flags, "--no-prefilter"])
    assert filtered.findings == full.findings
    assert filtered.counts == full.counts
    # Only files the prefilter parses can report a syntax error.
    assert all(error in full.errors for error in filtered.errors)
    if filtered.errors == full.errors:
        assert filtered.exit_code == full.exit_code
    return filtered


def _pinned_report_code(case: Path) -> int:
    """Return the report-mode exit code the golden case pins in exit-codes.txt."""
    codes = dict(line.split() for line in (case / "exit-codes.txt").read_text().splitlines())
    return int(codes["report"])


@pytest.mark.parametrize("name", CASES)
def test_golden_findings_are_the_same_without_prefilter(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = GOLDEN / name
    flags_file = case / "flags.txt"
    flags = shlex.split(flags_file.read_text()) if flags_file.exists() else []
    monkeypatch.chdir(case / "input")
    assert _assert_same(["."], flags).exit_code == _pinned_report_code(case)


def test_go_source_findings_are_the_same_without_prefilter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On real code: a subset of Go's standard library, from the installed toolchain."""
    root = need_go_source()
    for directory in STD_SUBSET:
        source = root / directory
        target = tmp_path / directory
        target.mkdir(parents=True)
        for file in source.glob("*.go"):
            shutil.copyfile(file, target / file.name)
    monkeypatch.chdir(tmp_path)
    assert _assert_same(["."], []).findings


def test_package_clause_skips_comments_and_bom() -> None:
    source = (
        b"\xef\xbb\xbf// Copyright\n/* block\n package no */\n//go:build linux\n\npackage x_test\n"
    )
    assert package_clause(source) == "x_test"
    assert package_clause(b"// no clause\n") == ""


def test_sink_filter_needs_the_sink_import_or_own_package() -> None:
    listen = b'package p\nimport "net"\nfunc f() { net.Listen("tcp", ":1") }\n'
    assert SinkFilter([listen]).may_hold_sink(listen)
    # The same call in a directory that never imports net cannot be net.Listen.
    other = b"package p\nfunc f() { x.Listen(1) }\n"
    assert not SinkFilter([other]).may_hold_sink(other)
    # Inside package net itself, Listen needs no import.
    own = b'package net\nfunc f() { Listen("tcp", ":1") }\n'
    assert SinkFilter([own]).may_hold_sink(own)
    # Declaring a function or method of a sink's name is no call of it.
    declared = b"package net\nfunc Listen(n, a string) {}\nfunc (c *C) Listen(n string) {}\n"
    assert not SinkFilter([declared]).may_hold_sink(declared)
    # A sibling's import counts: the receiver may be declared there.
    sibling = b'package p\nimport "net/http"\nvar srv = &http.Server{}\n'
    start = b"package p\nfunc f() { srv.ListenAndServe() }\n"
    assert SinkFilter([sibling, start]).may_hold_sink(start)


def test_sink_filter_finds_standard_qualifiers_nothing_imports() -> None:
    """With no import of net/http in the directory, http.ListenAndServe( still counts."""
    call = b'package main\nimport ("net")\nfunc main() { http.ListenAndServe("0.0.0.0", nil) }\n'
    spaced = b"package p\nfunc f() { http . /* c */ ListenAndServeTLS\n(a, c, k, nil) }\n"
    literal = b"package p\nvar s = &http.Server{Addr: a}\nfunc f() { s.ListenAndServe() }\n"
    listen = b"package p\nfunc f() { net.Listen(n, a); tls.Listen(n, a, c) }\n"
    sinks = SinkFilter([call, spaced, literal, listen])
    for source in (call, spaced, literal, listen):
        assert sinks.may_hold_sink(source)
    start = call.index(b"ListenAndServe")
    assert (start, start + len(b"ListenAndServe")) in sinks.site_ranges(call)
    # Other qualifiers, a method of that name, and a Server of another package are no sites.
    others = [
        b"package p\nfunc f() { myhttp.ListenAndServe(a, nil); s.ListenAndServe() }\n",
        b"package p\nvar s = &web.Server{Addr: a}\nvar t = http.Server\n",
        # The qualifier counts only in a file that spells Listen: here nothing starts s.
        b"package p\nvar s = &http.Server{Addr: a}\n",
        b"package p\nfunc f() { internet.Listen(n, a); x.tls.Dial(n, a) }\n",
    ]
    for source in others:
        assert not SinkFilter([source]).may_hold_sink(source)
    # Where the directory imports net/http, the usual patterns apply: any ListenAndServe call.
    imported = b'package p\nimport "net/http"\n'
    method = b"package p\nfunc f() { s.ListenAndServe() }\n"
    assert SinkFilter([imported, method]).may_hold_sink(method)
    assert not SinkFilter([method]).may_hold_sink(method)


def test_standard_listening_functions_all_spell_listen() -> None:
    """The prefilter rules out a file for the standard qualifiers by one search for Listen."""
    paths = set(STANDARD_QUALIFIERS.values())
    names = {s.name for s in CALL_SINKS if s.import_path in paths and s.receiver is None}
    assert names
    assert all(name.startswith(STANDARD_LISTEN) for name in names)


def test_sink_filter_finds_imports_after_a_block_comment() -> None:
    """Imports are read from the head of the file, which a block comment cannot cut short."""
    commented = b'package p\n/*\nfunc x\n*/\nimport "net"\nfunc f() { net.Listen("tcp", ":1") }\n'
    assert SinkFilter([commented]).may_hold_sink(commented)
    late = b'package p; import "net"; func f() { net.Listen("tcp", ":1") }\n'
    assert SinkFilter([late]).may_hold_sink(late)
    declared_first = (
        b'package p\nfunc g() {}\nimport "github.com/gin-gonic/gin"\nfunc f() { r.Run(":1") }\n'
    )
    # Not Go: imports must come first, so only the head is read. (net.Listen would count even
    # so: a net that nothing imports is the standard package.)
    assert not SinkFilter([declared_first]).may_hold_sink(declared_first)


def test_sink_filter_field_forms() -> None:
    imports = b'package p\nimport "net/http"\n'
    key = b"package p\nvar c = http.Server{Addr /* here */ : a}\n"
    assigned = b"package p\nfunc f() { s.\n\tAddr, t = a, b }\n"
    method = b"package p\nfunc f() { println(ln.Addr(), x == Addr) }\n"
    walrus = b"package p\nfunc f() { Addr := 1 }\n"
    # A key of another struct type, and a field only read.
    other_key = b"package p\nvar c = Config{Addr: a}\n"
    read = b"package p\nfunc f() { g(s.Addr, s.Addr == a) }\n"
    sinks = SinkFilter([imports, key, assigned, method, walrus, other_key, read])
    assert sinks.may_hold_sink(key)
    assert sinks.may_hold_sink(assigned)
    assert sinks.may_hold_sink(b"package p\nfunc f() { s.Addr += a }\n")
    assert not sinks.may_hold_sink(method)
    assert not sinks.may_hold_sink(walrus)
    assert not sinks.may_hold_sink(other_key)
    assert not sinks.may_hold_sink(b"package p\nfunc f() { g(s.Addr == a) }\n")
    start = key.index(b"Addr")
    assert sinks.site_ranges(key) == [(start, start + 4)]


# Per kind of spelling: code that spells addr that way, and code that must not count as it.
SPELLINGS = {
    Spelling.DECLARATION: (
        [
            b"var addr = 1",
            b"const addr string = x",
            b"var a, addr = 1, 2",
            b"\taddr = 1",
            b"\tother,\taddr string",
            b"\t/* doc */ addr = 1",
            b"type addr struct{}",
            b"func addr() {}",
            b"var x = 1; var addr = 2",
        ],
        [b"\tx = addr", b"f(addr)", b"var address = 1", b"\tmyaddr = 1"],
    ),
    Spelling.TYPE: (
        [
            b"type addr struct{}",
            b"type /* c */ addr int",
            b"type (\n\taddr struct{}\n)",
            b"type\naddr int",
            b"type // why\naddr int",
        ],
        [b"\taddr int", b"var addr = 1", b"x := addr{}", b"type other addr"],
    ),
    Spelling.FUNCTION: (
        [
            b"func addr() string",
            b"func (s *Server) addr() string {",
            b"func (s *Server[T]) addr[U any]() {",
            b"func (s /* { */ *S) addr() {",
            b"func (\n\ts *S,\n) addr\n() {",
            b"var f = struct{}{}; func (s *S) addr() {",
        ],
        [b"x := s.addr()", b"x := addr()", b"func f() { addr() }", b"func addrs() {}"],
    ),
    Spelling.STRING_FIELD: (
        [
            b"\taddr string",
            b"\taddr, port string",
            b"\tport, addr string",
            b"\taddr /* c */ string",
        ],
        [b"\taddr int", b"\taddr stringer", b"\taddr *string", b"x := addr"],
    ),
    Spelling.KEY: ([b"\taddr: x,", b"T{addr /* c */ : x}"], [b"addr := x", b"x := c.addr"]),
    Spelling.SELECTOR_WRITE: (
        [
            b"c.addr = x",
            b"c.addr, d.port = x, y",
            b"flag.StringVar(&c.addr, n, d, u)",
            b"f(&c.addr)",
            b"f(&(c.addr))",
            b"f(&cs[i].addr)",
            b"c.addr,\n\td.port = x, y",
            b"c.addr, /* c */ d = x, y",
            b"c.\n\taddr = x",
            b"c. // why\n\taddr = x",
        ],
        [
            b"x := c.addr",
            b"if c.addr == x {",
            b"c.addr += x",
            b"addr := x",
            b"c.addr()",
            b"addr = x",
            b"addr: x",
            b'fmt.Sprintf("%s:%d", c.addr, c.port)',
            b"return c.addr, nil",
            b"f(c.addr, a == b)",
            b"g(c.addr)",
        ],
    ),
    Spelling.CALL: (
        [b"addr()", b"x := addr (1)", b"addr /* c */ (1)"],
        [b"x := addr", b"x := addrs()"],
    ),
    Spelling.ADDRESS: (
        [b"f(&addr)", b"f(&(addr))", b"f(& /* c */ addr)", b"f(&\n\taddr)"],
        [b"f(addr)", b"x := &other; f(addr)"],
    ),
    Spelling.IMPORT: (
        [
            b'import "example.com/addr"',
            b'import addr "example.com/x"',
            b'import (\n\t"example.com/addr/v2"\n)',
            b'/* c */\nimport "x"\nfunc f() { addr.X() }',
        ],
        [b'import "x"\nfunc f() { addr.X() }', b"var x = addr", b"type t addr"],
    ),
}


@pytest.mark.parametrize(
    ("spelling", "line"),
    [(spelling, line) for spelling, (found, _) in SPELLINGS.items() for line in found],
)
def test_spelling_finds_every_form(spelling: Spelling, line: bytes) -> None:
    assert spelling.found_in(b"package p\n" + line + b"\n", "addr")
    assert Spelling.WORD.found_in(b"package p\n" + line + b"\n", "addr")


@pytest.mark.parametrize(
    ("spelling", "line"),
    [(spelling, line) for spelling, (_, skipped) in SPELLINGS.items() for line in skipped],
)
def test_spelling_skips_other_code(spelling: Spelling, line: bytes) -> None:
    assert not spelling.found_in(b"package p\n" + line + b"\n", "addr")


def test_workers_give_the_same_results_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enough files to start a worker pool: -j 2 must print exactly what -j 1 prints."""
    for index in range(240):
        directory = tmp_path / f"svc{index % 12:02d}" / ("a" if index % 2 else "b")
        directory.mkdir(parents=True, exist_ok=True)
        port = 8000 + index
        host = "0.0.0.0" if index % 3 else "127.0.0.1"
        call = f'net.Listen("tcp", "{host}:{port}")'
        (directory / f"f{index}.go").write_text(
            f'package p\n\nimport "net"\n\nfunc f{index}() {{ {call} }}\n'
        )
    broken = 'package p\nimport "net"\nfunc {\nnet.Listen("tcp", ":1")\n'
    (tmp_path / "svc00" / "broken.go").write_text(broken)
    monkeypatch.chdir(tmp_path)
    one = invoke(["--format", "json", "-j", "1"])
    two = invoke(["--format", "json", "-j", "2"])
    assert one.exit_code == two.exit_code == 2
    assert one.stdout == two.stdout
    assert len(json.loads(two.stdout)["findings"]) == 160


def test_workers_take_the_largest_directories_first_and_report_as_one_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Directories of very different sizes: the order they are done in does not show."""
    index = 0
    for directory, files in enumerate([1, 3, 150, 2, 60, 1, 40]):
        folder = tmp_path / f"d{directory}"
        folder.mkdir()
        for _ in range(files):
            host = "0.0.0.0" if index % 4 else "127.0.0.1"
            ignore = "  //nolint:gosec" if index % 7 == 0 else ""
            (folder / f"f{index}.go").write_text(
                f'package p\n\nimport "net"\n\n'
                f'func f{index}() {{\n\tnet.Listen("tcp", "{host}:{8000 + index}"){ignore}\n}}\n'
            )
            index += 1
    monkeypatch.chdir(tmp_path)
    for flags in (["--format", "json"], [], ["--diff"]):
        one = invoke([*flags, "-j", "1"])
        two = invoke([*flags, "-j", "2"])
        assert one.exit_code == two.exit_code == 1
        assert one.stdout == two.stdout
        assert one.stderr == two.stderr


def test_batches_hold_every_unit_once_the_largest_first() -> None:
    settings = Resolver(Given(), Path.cwd()).settings()
    sizes = [1, 3, 500, 2, 60, 1, 40, 7, 7, 90]
    units: list[runner.Unit] = [
        ("go", [Job(Path(f"d{u}/f{i}.go"), f"d{u}/f{i}.go", Path.cwd()) for i in range(size)])
        for u, size in enumerate(sizes)
    ]
    work = [(unit, settings) for unit in units]
    batches = runner._batches(work, 2)
    order = [index for batch in batches for index, _ in batch]
    assert sorted(order) == list(range(len(units)))
    assert [sizes[index] for index in order] == sorted(sizes, reverse=True)
    # The largest goes alone; small ones share a batch.
    assert [index for index, _ in batches[0]] == [2]
    assert any(len(batch) > 1 for batch in batches)


def test_plan_units_yields_in_unit_order_from_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for directory, files in enumerate([2, 120, 1, 90]):
        folder = tmp_path / f"d{directory}"
        folder.mkdir()
        for index in range(files):
            # Every third file listens on every interface, the others on loopback.
            host = "" if index % 3 == 0 else "127.0.0.1"
            (folder / f"f{index}.go").write_text(
                f'package p\n\nimport "net"\n\n'
                f'func f() {{ net.Listen("tcp", "{host}:{index + 1}") }}\n'
            )
    monkeypatch.chdir(tmp_path)
    settings = Resolver(Given(), tmp_path).settings()
    units = runner.group(discover(["."], settings.discovery, LANGUAGES), tmp_path)
    serial = list(runner.plan_units(units, settings, 1))
    parallel = list(runner.plan_units(units, settings, 2))
    assert parallel == serial
    assert [[r.path for r in results] for results in serial] == [
        [job.display for job in jobs] for _, jobs in units
    ]
    found = [r for results in serial for r in results if r.findings]
    assert len(found) == 1 + 40 + 1 + 30
    assert any(r == FileResult(r.path, Outcome.UNCHANGED) for results in serial for r in results)
