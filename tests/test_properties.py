"""Property tests: generated Go sources, run through the real CLI, keep every invariant.

A generated file places all-interfaces and benign addresses in every supported form, with
random spacing, comments, line endings, a BOM and Unicode names. Since the generator knows
where each literal is and what its fix must be, the --apply output is predicted byte for
byte: only the all-interfaces literals change, to the loopback address, and nothing else.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gofix_bind.go.parse import error_count, parse
from tests.helpers import git_apply, invoke, snapshot

# Fixed and derandomized, so CI runs the same examples each time, in seconds.
EXAMPLES = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@dataclass(frozen=True)
class Piece:
    """Source text; for an all-interfaces literal, also the text its fix must give."""

    text: str
    fixed: str | None = None


@dataclass(frozen=True)
class Host:
    """A host as written in "host:port" (bracketed for IPv6) and in JoinHostPort (bare)."""

    spelled: str
    bare: str
    # Its loopback replacement in the same two spellings; None for a benign host.
    loopback: tuple[str, str] | None


WILDCARDS = [
    Host("0.0.0.0", "0.0.0.0", ("127.0.0.1", "127.0.0.1")),
    Host("", "", ("127.0.0.1", "127.0.0.1")),
    Host("[::]", "::", ("[::1]", "::1")),
]
BENIGN = [
    Host("127.0.0.1", "127.0.0.1", None),
    Host("10.0.0.1", "10.0.0.1", None),
    Host("localhost", "localhost", None),
    Host("example.com", "example.com", None),
    Host("[::1]", "::1", None),
    Host("bücher.example", "bücher.example", None),
]
# No port 0 or discovery port: UDP fixes on those are unsafe, and this checks safe fixes.
PORTS = ["80", "443", "8080", "9999"]
# Unicode letters in names move byte offsets away from character offsets.
NAMES = ["ln", "адрес", "ポート", "ñandú", "π", "服务器", "Δx", "ǅ"]
# Comment text that mentions addresses but is no suppression tag: comments are never edited.
COMMENTS = ["note", "was 0.0.0.0:80", "listen on :8080", "ünïcödé ✓", "[::]:443 too", "TODO"]

Gap = Callable[[], str]


def _literal(value: str, raw: bool, fixed: str | None) -> Piece:
    quote = "`" if raw else '"'
    return Piece(f"{quote}{value}{quote}", None if fixed is None else f"{quote}{fixed}{quote}")


def _address(shape: str, host: Host, port: str, raw: bool, gap: Gap) -> list[Piece]:
    """Return the pieces of an address expression of the given shape."""
    spelled, bare = host.spelled, host.bare
    loop, loop_bare = host.loopback or (None, None)

    def fix(template: str, replacement: str | None) -> str | None:
        return None if replacement is None else template.format(replacement)

    if shape == "literal":
        return [_literal(f"{spelled}:{port}", raw, fix("{}:" + port, loop))]
    if shape == "concat":
        return [
            _literal(f"{spelled}:", raw, fix("{}:", loop)),
            Piece(f"{gap()}+{gap()}"),
            _literal(port, raw, None),
        ]
    if shape == "join":
        return [
            Piece(f"net.JoinHostPort({gap()}"),
            _literal(bare, raw, fix("{}", loop_bare)),
            Piece(f"{gap()},{gap()}"),
            _literal(port, raw, None),
            Piece(f"{gap()})"),
        ]
    if shape == "sprintf-host":
        return [
            Piece(f'fmt.Sprintf({gap()}"%s:%d"{gap()},{gap()}'),
            _literal(spelled, raw, fix("{}", loop)),
            Piece(f"{gap()},{gap()}{port}{gap()})"),
        ]
    assert shape == "sprintf-format"
    return [
        Piece(f"fmt.Sprintf({gap()}"),
        _literal(f"{spelled}:%d", raw, fix("{}:%d", loop)),
        Piece(f"{gap()},{gap()}{port}{gap()})"),
    ]


SHAPES = ["literal", "concat", "join", "sprintf-host", "sprintf-format"]
# Shapes a Go constant can hold.
CONSTANT_SHAPES = ["literal", "concat"]
FORMS = ["listen", "http", "server", "packet", "const", "var"]


@dataclass(frozen=True)
class Site:
    """One address at one listener: package-level pieces and pieces inside main."""

    top: list[Piece]
    body: list[Piece]


def _site(form: str, name: str, address: list[Piece], gap: Gap, comment: str) -> Site:
    check = "\tif err != nil {\n\t\tpanic(err)\n\t}\n"
    if form in ("listen", "packet"):
        call = "net.Listen(" if form == "listen" else "net.ListenPacket("
        network = '"tcp"' if form == "listen" else '"udp"'
        head = Piece(f"\t{name}, err := {call}{gap()}{network}{gap()},{gap()}")
        tail = Piece(f"{gap()}){comment}\n{check}\tgo serve({name})\n")
        return Site([], [head, *address, tail])
    if form == "http":
        head = Piece(f"\t_ = http.ListenAndServe({gap()}")
        return Site([], [head, *address, Piece(f"{gap()},{gap()}nil{gap()}){comment}\n")])
    if form == "server":
        head = Piece(f"\t{name} := &http.Server{{{gap()}Addr{gap()}:{gap()}")
        tail = Piece(f"{gap()}}}{comment}\n\tgo {name}.ListenAndServe()\n")
        return Site([], [head, *address, tail])
    keyword = "const" if form == "const" else "var"
    top = [Piece(f"\n{keyword} {name}{gap()}={gap()}"), *address, Piece(f"{comment}\n")]
    body = [Piece(f"\t_ = http.ListenAndServe({name}, nil)\n")]
    return Site(top, body)


@dataclass(frozen=True)
class Program:
    """A generated main.go: its pieces, line ending and BOM."""

    pieces: list[Piece]
    crlf: bool
    bom: bool

    def _render(self, fixed: bool) -> bytes:
        text = "".join(p.fixed if fixed and p.fixed is not None else p.text for p in self.pieces)
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return (b"\xef\xbb\xbf" if self.bom else b"") + text.encode("utf-8")

    @property
    def source(self) -> bytes:
        """Return the file as generated."""
        return self._render(fixed=False)

    @property
    def expected(self) -> bytes:
        """Return the file with exactly the all-interfaces literals fixed."""
        return self._render(fixed=True)

    @property
    def wildcards(self) -> int:
        """Return how many literals bind every interface."""
        return sum(p.fixed is not None for p in self.pieces)


HEADER = 'package main\n\nimport (\n\t"fmt"\n\t"net"\n\t"net/http"\n)\n'
FOOTER = (
    "\n// serve stands in for the code that reads from a listener or connection.\n"
    "func serve(c interface{ Close() error }) {\n\tdefer c.Close()\n}\n"
)


@st.composite
def programs(draw: st.DrawFn, hosts: tuple[Host, ...] = (*WILDCARDS, *BENIGN)) -> Program:
    """Draw a Go file with one to four addresses at listeners."""

    def gap() -> str:
        return draw(st.sampled_from(["", "", " ", "  ", "\t", " /* c */ ", "/* 0.0.0.0 */"]))

    tops: list[Piece] = []
    body: list[Piece] = []
    for index in range(draw(st.integers(1, 4))):
        form = draw(st.sampled_from(FORMS))
        shapes = CONSTANT_SHAPES if form == "const" else SHAPES
        address = _address(
            draw(st.sampled_from(shapes)),
            draw(st.sampled_from(hosts)),
            draw(st.sampled_from(PORTS)),
            draw(st.booleans()),
            gap,
        )
        name = draw(st.sampled_from(NAMES)) + str(index)
        comment = draw(st.sampled_from(["", *(f" // {c}" for c in COMMENTS)]))
        site = _site(form, name, address, gap, comment)
        tops += site.top
        body += site.body
        if draw(st.booleans()):
            body.append(Piece(f"\n\t// {draw(st.sampled_from(COMMENTS))}\n"))
    pieces = [Piece(HEADER), *tops, Piece("\nfunc main() {\n"), *body, Piece("}\n" + FOOTER)]
    return Program(pieces, draw(st.booleans()), draw(st.booleans()))


@contextlib.contextmanager
def _directory() -> Iterator[Path]:
    """Enter a fresh temporary directory, and leave and remove it after."""
    previous = os.getcwd()
    with tempfile.TemporaryDirectory() as name:
        os.chdir(name)
        try:
            yield Path(name)
        finally:
            os.chdir(previous)


def _check(program: Program) -> None:
    source = program.source
    # The generator itself must write valid Go, or the properties below prove nothing.
    assert error_count(parse(source)) == 0, source.decode()
    with _directory() as root:
        work = root / "work"
        work.mkdir()
        (work / "main.go").write_bytes(source)
        os.chdir(work)

        diff = invoke(["--diff", "."])
        assert diff.exit_code == (1 if program.wildcards else 0), diff.stderr
        assert snapshot(work) == {"main.go": source}

        applied_run = invoke(["--apply", "."])
        assert applied_run.exit_code == 0, applied_run.stdout + applied_run.stderr
        applied = (work / "main.go").read_bytes()
        # Only the all-interfaces literals changed, each to loopback; benign ones stayed.
        assert applied == program.expected, applied.decode()
        assert error_count(parse(applied)) == 0

        # A second run has nothing left to do.
        again = invoke(["--apply", "."])
        assert (again.exit_code, again.stdout) == (0, "")
        assert (work / "main.go").read_bytes() == applied
        assert invoke(["--diff", "."]).stdout_bytes == b""

        # git apply of the --diff output gives exactly the --apply bytes.
        fresh = root / "fresh"
        fresh.mkdir()
        (fresh / "main.go").write_bytes(source)
        git_apply(fresh, diff.stdout_bytes)
        assert snapshot(fresh) == {"main.go": applied}


@EXAMPLES
@given(programs())
def test_fixes_only_all_interfaces_literals(program: Program) -> None:
    _check(program)


@settings(EXAMPLES, max_examples=40)
@given(programs(hosts=tuple(BENIGN)))
def test_benign_addresses_are_never_touched(program: Program) -> None:
    assert program.wildcards == 0
    _check(program)


def test_git_is_available() -> None:
    """The properties compare against `git apply`; fail loudly rather than skip without it."""
    assert shutil.which("git") is not None
