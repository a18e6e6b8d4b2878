"""Hypothesis strategies for the fuzz harness: Go packages of one or two files, then damaged.

Unlike tests/test_properties.py, which predicts every output byte and so keeps to forms whose
fix it can spell, these sources aim at breadth: many listener calls and address forms, every
import style, suppression comments, aligned blocks that gofmt realigns, odd encodings, and
then truncation and random byte changes. Nothing here predicts what the tool should find; the
harness checks only what must hold whatever it finds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field

from hypothesis import strategies as st

GOFMT = shutil.which("gofmt")

# Address text as written between the quotes: wildcards (some spelled with escapes), then
# benign and malformed ones.
WILDCARD_BODIES = [
    "",
    ":8080",
    "0.0.0.0:80",
    "[::]:443",
    "::",
    "0.0.0.0",
    ":0",
    ":http",
    "[::]:https",
    "0.0.0.0:0",
    "[0:0::0]:9000",
    ":5353",
    r"\x30.0.0.0:80",
    r"\u0030.0.0.0:80",
    r"0.0.0.0:\x38080",
    r"\060.0.0.0:1",
]
BENIGN_BODIES = [
    "localhost:8080",
    "127.0.0.1:80",
    "10.0.0.1:443",
    "example.com:http",
    "[::1]:8443",
    "bücher.example:80",
    "/tmp/app.sock",
    "host:port",
    "192.168.0.1:5353",
    ":::80",
    "0.0.0.0.0:1",
    "[::]",
    "0.0.0.0:99999",
    r"\t:80",
    "ü:1",
]
HOSTS = ["", "0.0.0.0", "::", "[::]", "localhost", "127.0.0.1", "::1", "10.1.2.3", "ñ.example"]
PORTS = ["80", "8080", "0", "443", "http", "5353", ""]
NAMES = ["addr", "listenAddr", "адрес", "ポート", "ñandú", "π", "服务器", "Δx", "_addr", "Addr"]
LINE_COMMENTS = [
    "// note",
    "// was 0.0.0.0:80",
    "//gofix-bind:ignore",
    "//gofix-bind:ignore local only",
    "// #nosec G102",
    "// #nosec",
    "//nolint:gosec",
    "//nolint",
    "// nosemgrep",
    "// NOSONAR",
    "// ünïcödé ✓",
    "/* block */",
    "/* [::]:443 */",
]
GAPS = ["", "", "", " ", "  ", "\t", " /* c */ ", "/*0.0.0.0*/", "/* ü */"]
NETWORKS = ['"tcp"', '"tcp4"', '"tcp6"', '"udp"', '"unix"', '"ip4:icmp"', "network", "`tcp`"]

# The packages a listener form may use, by import path, with the name code refers to them by.
PACKAGES = {
    "net": "net",
    "net/http": "http",
    "crypto/tls": "tls",
    "fmt": "fmt",
    "flag": "flag",
    "os": "os",
    "context": "context",
    "google.golang.org/grpc": "grpc",
}


@dataclass(frozen=True)
class Part:
    """Go text and the import paths it refers to (by their qualifier placeholders)."""

    text: str
    needs: frozenset[str] = frozenset()


@dataclass
class Draft:
    """A package being drawn: the top-level declarations of each file and main's statements."""

    draw: st.DrawFn
    files: int
    tops: list[list[Part]] = field(default_factory=list)
    body: list[Part] = field(default_factory=list)
    counter: int = 0

    def gap(self) -> str:
        """Draw white space or a one-line comment to put between two tokens."""
        return self.draw(st.sampled_from(GAPS))

    def name(self) -> str:
        """Draw a fresh identifier (Unicode letters move byte offsets off character ones)."""
        self.counter += 1
        return f"{self.draw(st.sampled_from(NAMES))}{self.counter}"

    def top(self, part: Part) -> None:
        """Add a top-level declaration to one of the package's files."""
        self.tops[self.draw(st.integers(0, self.files - 1))].append(part)

    def comment(self, often: bool = False) -> str:
        """Draw a trailing comment, often none (in aligned blocks, often one: gofmt aligns them)."""
        none = [""] if often else ["", "", "", ""]
        return self.draw(st.sampled_from([*none, *(f" {c}" for c in LINE_COMMENTS)]))


def _one_in(draw: st.DrawFn, n: int) -> bool:
    """Draw True with chance about 1/n."""
    # Hypothesis favours the ends of a range, so the middle value is the one that counts.
    return draw(st.integers(0, n - 1)) == n // 2


def _commented(draft: Draft, rows: list[str], aligned: bool) -> str:
    """Join a block's lines, each maybe with a trailing comment, aligned as gofmt aligns them.

    A fix that makes a value longer or shorter then moves the comments' column: a layout edit.
    """
    width = max(len(row) for row in rows)
    lines = []
    for row in rows:
        comment = draft.comment(often=True)
        pad = " " * (width - len(row)) if aligned and comment else ""
        lines.append(f"{row}{pad}{comment}\n")
        if _one_in(draft.draw, 6):
            lines.append("\n" if draft.draw(st.booleans()) else "\t// a comment line\n")
    return "".join(lines)


def _q(package: str) -> str:
    """Return a placeholder for a package's qualifier, filled in when imports are chosen."""
    return "{" + package + "}"


def _literal(draft: Draft, body: str) -> str:
    raw = draft.draw(st.booleans()) and "`" not in body
    # A raw string holds its escapes as written: a different (malformed) address.
    return f"`{body}`" if raw else f'"{body}"'


def _address_body(draft: Draft) -> str:
    return draft.draw(st.sampled_from(WILDCARD_BODIES + WILDCARD_BODIES + BENIGN_BODIES))


def _string_expression(draft: Draft, depth: int = 0) -> Part:
    """Draw an expression of type string that spells an address."""
    d, g = draft.draw, draft.gap
    shape = d(
        st.sampled_from(
            [
                *("literal", "literal", "const", "block", "var", "local", "concat", "sprintf"),
                *("join", "flag", "flagvar", "config", "getenv", "call"),
            ]
        )
        if depth == 0
        else st.just("literal")
    )
    if shape == "literal":
        literal = _literal(draft, _address_body(draft))
        return Part(f"({g()}{literal}{g()})" if _one_in(d, 6) else literal)
    if shape in ("const", "var"):
        name = draft.name()
        inner = _string_expression(draft, depth + 1)
        typed = d(st.sampled_from(["", " string"]))
        draft.top(Part(f"\n{shape} {name}{typed}{g()} ={g()} {inner.text}{draft.comment()}\n"))
        return Part(name, inner.needs)
    if shape == "block":
        # An aligned const or var block: a longer name or value changes gofmt's columns.
        keyword = d(st.sampled_from(["const", "var"]))
        names = [draft.name() for _ in range(d(st.integers(1, 4)))]
        values = [_literal(draft, _address_body(draft)) for _ in names]
        width = max(len(n) for n in names)
        aligned = d(st.booleans())
        rows = [
            f"\t{n}{' ' * (width - len(n)) if aligned else ''} = {v}"
            for n, v in zip(names, values, strict=True)
        ]
        draft.top(Part(f"\n{keyword} (\n{_commented(draft, rows, aligned)})\n"))
        chosen = d(st.sampled_from(names))
        # More names of the block at listeners: two fixes in one block share its realignment.
        for other in names:
            if other != chosen and d(st.booleans()):
                serve = f"\t_ = {_q('net/http')}ListenAndServe({other}, nil)\n"
                draft.body.append(Part(serve, frozenset({"net/http"})))
        return Part(chosen)
    if shape == "local":
        name = draft.name()
        inner = _string_expression(draft, depth + 1)
        draft.body.append(Part(f"\t{name} :={g()} {inner.text}{draft.comment()}\n", inner.needs))
        return Part(name)
    if shape == "concat":
        host = _literal(draft, d(st.sampled_from(HOSTS)) + ":")
        port = _literal(draft, d(st.sampled_from(PORTS)))
        return Part(f"{host}{g()}+{g()}{port}")
    if shape == "sprintf":
        if d(st.booleans()):
            host = _literal(draft, d(st.sampled_from(HOSTS)))
            return Part(f'{_q("fmt")}Sprintf("%s:%d",{g()} {host}, 8080)', frozenset({"fmt"}))
        fmt = _literal(draft, d(st.sampled_from(HOSTS)) + ":%d")
        return Part(f"{_q('fmt')}Sprintf({fmt},{g()} 80)", frozenset({"fmt"}))
    if shape == "join":
        host = _literal(draft, d(st.sampled_from(HOSTS)))
        port = _literal(draft, d(st.sampled_from(PORTS)))
        return Part(f"{_q('net')}JoinHostPort({host},{g()} {port})", frozenset({"net"}))
    if shape == "flag":
        name = draft.name()
        value = _literal(draft, _address_body(draft))
        call = f'{_q("flag")}String("addr",{g()} {value}, "listen address")'
        draft.top(Part(f"\nvar {name} = {call}{draft.comment()}\n", frozenset({"flag"})))
        return Part(f"*{name}")
    if shape == "flagvar":
        name = draft.name()
        value = _literal(draft, _address_body(draft))
        draft.top(Part(f"\nvar {name} string\n"))
        call = f'{_q("flag")}StringVar(&{name}, "listen",{g()} {value}, "address")'
        parse = f"\t{_q('flag')}Parse()\n"
        draft.body.append(Part(f"\t{call}{draft.comment()}\n{parse}", frozenset({"flag"})))
        return Part(name)
    if shape == "config":
        kind, var = draft.name(), draft.name()
        fields = ["ListenAddr", "N", "MetricsAddress", "Addr"]
        width = max(len(f) for f in fields)
        declared = "".join(f"\t{f}{' ' * (width - len(f))} string\n" for f in fields)
        draft.top(Part(f"\n// {kind} configures a server.\ntype {kind} struct {{\n{declared}}}\n"))
        chosen = d(st.sampled_from(["ListenAddr", "MetricsAddress", "Addr"]))
        value = _literal(draft, _address_body(draft))
        other = _literal(draft, "name")
        pairs = [(chosen, value), ("N", other)]
        if d(st.booleans()):
            pairs.reverse()
        width = max(len(f) for f, _ in pairs) + 1
        keyed = _commented(draft, [f"\t\t{f}:{' ' * (width - len(f))}{v}," for f, v in pairs], True)
        draft.body.append(Part(f"\t{var} := {kind}{{\n{keyed}\t}}\n"))
        return Part(f"{var}.{chosen}")
    if shape == "getenv":
        name = draft.name()
        value = _literal(draft, _address_body(draft))
        draft.body.append(
            Part(
                f'\t{name} := {_q("os")}Getenv("ADDR")\n\tif {name} == "" {{\n'
                f"\t\t{name} = {value}{draft.comment()}\n\t}}\n",
                frozenset({"os"}),
            )
        )
        return Part(name)
    assert shape == "call"
    name = draft.name()
    value = _literal(draft, _address_body(draft))
    draft.top(Part(f"\nfunc {name}() string {{\n\treturn {value}{draft.comment()}\n}}\n"))
    return Part(f"{name}()")


def _site(draft: Draft) -> None:
    """Add one listener call (with what it needs) to main's body."""
    d, g = draft.draw, draft.gap
    net, http, tls = _q("net"), _q("net/http"), _q("crypto/tls")
    form = d(
        st.sampled_from(
            [
                *("listen", "packet", "serve", "serve-tls", "server", "server-block", "tls"),
                *("tcpaddr", "udpaddr", "resolve", "grpc", "config", "no-addr", "method"),
            ]
        )
    )
    end = draft.comment()
    v = draft.name()
    if form in ("tcpaddr", "udpaddr"):
        kind = "TCPAddr" if form == "tcpaddr" else "UDPAddr"
        call = "ListenTCP" if form == "tcpaddr" else "ListenUDP"
        network = '"tcp"' if form == "tcpaddr" else '"udp"'
        ip = d(
            st.sampled_from(
                [
                    *("", f"IP: {net}IPv4zero, ", f"IP: {net}IPv6unspecified, ", "IP: nil, "),
                    f"IP: {net}ParseIP({_literal(draft, d(st.sampled_from(HOSTS)))}), ",
                    *(f"IP: {net}IPv4(0, 0, 0, 0), ", f"IP: {net}IPv4(127, 0, 0, 1), "),
                ]
            )
        )
        port = d(st.sampled_from(["80", "0", "53", "8080"]))
        text = f"\t{v}, _ := {net}{call}({network}, &{net}{kind}{{{ip}Port: {port}}}){end}\n"
        draft.body.append(Part(f"{text}\t_ = {v}\n", frozenset({"net"})))
        return
    if form == "no-addr":
        text = f"\t{v} := &{http}Server{{Handler: nil}}{end}\n\t_ = {v}.ListenAndServe()\n"
        draft.body.append(Part(text, frozenset({"net/http"})))
        return
    address = _string_expression(draft)
    a = address.text
    needs: set[str] = set(address.needs)
    if form in ("listen", "packet"):
        call = "Listen" if form == "listen" else "ListenPacket"
        network = d(st.sampled_from(NETWORKS))
        if network == "network":
            network = _literal(draft, d(st.sampled_from(["tcp", "udp6", "unix", "ip"])))
        text = f"\t{v}, err := {net}{call}({g()}{network},{g()} {a}{g()}){end}\n"
        text += f"\tif err != nil {{\n\t\tpanic(err)\n\t}}\n\t_ = {v}\n"
        needs.add("net")
    elif form == "serve":
        text = f"\t_ = {http}ListenAndServe({g()}{a},{g()} nil){end}\n"
        needs.add("net/http")
    elif form == "serve-tls":
        text = f'\t_ = {http}ListenAndServeTLS({a}, "cert.pem", "key.pem", nil){end}\n'
        needs.add("net/http")
    elif form == "server":
        text = f"\t{v} := &{http}Server{{{g()}Addr:{g()} {a}{g()}}}{end}\n"
        text += f"\t_ = {v}.ListenAndServe()\n"
        needs.add("net/http")
    elif form == "server-block":
        rows = [("Addr", a), ("Handler", "nil"), ("ReadTimeout", "0")]
        if d(st.booleans()):
            rows = rows[::-1]
        width = max(len(f) for f, _ in rows) + 1
        aligned = d(st.booleans())
        lines = [f"\t\t{f}:{' ' * (width - len(f)) if aligned else ' '}{x}," for f, x in rows]
        keyed = _commented(draft, lines, aligned)
        method = d(st.sampled_from(["ListenAndServe()", 'ListenAndServeTLS("c", "k")']))
        text = f"\t{v} := {http}Server{{\n{keyed}\t}}{end}\n\t_ = {v}.{method}\n"
        needs.add("net/http")
    elif form == "tls":
        text = f'\t{v}, _ := {tls}Listen("tcp", {a}, &{tls}Config{{}}){end}\n\t_ = {v}\n'
        needs.add("crypto/tls")
    elif form == "resolve":
        r = draft.name()
        text = f'\t{r}, _ := {net}ResolveTCPAddr("tcp", {a}){end}\n'
        text += f'\t{v}, _ := {net}ListenTCP("tcp", {r})\n\t_ = {v}\n'
        needs.add("net")
    elif form == "grpc":
        s = draft.name()
        text = f"\t{s} := {_q('google.golang.org/grpc')}NewServer()\n"
        text += f'\t{v}, _ := {net}Listen("tcp", {a}){end}\n\t_ = {s}.Serve({v})\n'
        needs |= {"net", "google.golang.org/grpc"}
    elif form == "config":
        text = f"\tvar {v} {net}ListenConfig\n"
        text += f'\t_, _ = {v}.Listen({_q("context")}Background(), "tcp", {a}){end}\n'
        needs |= {"net", "context"}
    else:
        assert form == "method"
        text = f"\t{v} := new({http}Server)\n\t{v}.Addr = {a}{end}\n\t_ = {v}.ListenAndServe()\n"
        needs.add("net/http")
    draft.body.append(Part(text, frozenset(needs)))
    if _one_in(d, 4):
        draft.body.append(Part(f"\n\t{d(st.sampled_from(LINE_COMMENTS))}\n"))


def _imports(draft: Draft, needs: set[str], qualifiers: dict[str, str]) -> str:
    """Write an import declaration for the packages a file uses, in one of Go's styles."""
    d = draft.draw
    specs = []
    for path in sorted(needs):
        name = qualifiers[path]
        alias = ""
        if name == "":
            alias = ". "
        elif name != PACKAGES[path]:
            alias = f"{name} "
        specs.append(f'{alias}"{path}"{draft.comment() if _one_in(d, 5) else ""}')
    if _one_in(d, 4):
        specs.append('_ "net/http/pprof"')
    if not specs:
        return ""
    if len(specs) == 1 and d(st.booleans()):
        return f"\nimport {specs[0]}\n"
    return "\nimport (\n" + "".join(f"\t{s}\n" for s in specs) + ")\n"


@dataclass(frozen=True)
class GoPackage:
    """A generated directory: each file's name and bytes, and how they were made."""

    files: tuple[tuple[str, bytes], ...]
    # Every file is gofmt's own output, so each fix's output must stay gofmt-clean.
    gofmt_clean: bool
    # How the bytes were damaged after generation, for the report of a failing example.
    damage: tuple[str, ...]


def gofmt(source: bytes) -> bytes | None:
    """Return gofmt's output for the source, or None when gofmt rejects it."""
    assert GOFMT is not None
    done = subprocess.run([GOFMT], input=source, capture_output=True, check=False)
    return done.stdout if done.returncode == 0 else None


def _encode(draw: st.DrawFn, text: str) -> tuple[bytes, list[str]]:
    """Encode a file, maybe with CRLF line ends, a byte order mark or no final newline."""
    done = []
    data = text.encode("utf-8")
    line_ends = draw(st.sampled_from(["lf", "lf", "crlf", "mixed"]))
    if line_ends == "crlf":
        data = data.replace(b"\n", b"\r\n")
        done.append("crlf")
    elif line_ends == "mixed":
        lines = data.split(b"\n")
        ends = [draw(st.sampled_from([b"\n", b"\r\n"])) for _ in lines[:-1]]
        data = b"".join(line + end for line, end in zip(lines, ends, strict=False)) + lines[-1]
        done.append("mixed line ends")
    if _one_in(draw, 6):
        data = b"\xef\xbb\xbf" + data
        done.append("bom")
    if _one_in(draw, 6):
        data = data.rstrip(b"\r\n")
        done.append("no final newline")
    return data, done


# Bytes a mutation writes: Go's delimiters, line ends, a NUL, and bytes invalid in UTF-8.
MUTATION_BYTES = [b'"', b"`", b"/", b"*", b"\n", b"\r", b"{", b"}", b"(", b")", b"\\", b"\x00"]
MUTATION_BYTES += [b"\xff", b"\xc3", b"\x80", b":", b"0", b" ", b"\t", b";", b"+"]


def _damage(draw: st.DrawFn, data: bytes) -> tuple[bytes, list[str]]:
    """Maybe truncate the bytes or change a few of them: most damage leaves no Go file."""
    done = []
    kind = draw(st.sampled_from(["none", "none", "none", "none", "cut", "mutate", "both"]))
    if kind in ("cut", "both") and data:
        cut = draw(st.integers(0, len(data) - 1))
        data = data[:cut]
        done.append(f"cut at {cut}")
    if kind in ("mutate", "both"):
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(data)))
            how = draw(st.sampled_from(["insert", "replace", "delete"]))
            byte = draw(st.sampled_from(MUTATION_BYTES) | st.binary(min_size=1, max_size=1))
            if how == "insert":
                data = data[:at] + byte + data[at:]
            elif how == "replace":
                data = data[:at] + byte + data[at + 1 :]
            else:
                data = data[:at] + data[at + 1 :]
            done.append(f"{how} {byte!r} at {at}")
    return data, done


BLANK_RUNS = re.compile(rb"[ \t]+")


def _respace(draw: st.DrawFn, data: bytes) -> tuple[bytes, list[str]]:
    """Replace a few runs of blanks with others: the file still parses, but is not gofmt's."""
    runs = list(BLANK_RUNS.finditer(data))
    if not runs:
        return data, []
    done = []
    for index in sorted(set(draw(st.lists(st.integers(0, len(runs) - 1), max_size=3))))[::-1]:
        run = runs[index]
        blank = draw(st.sampled_from([b" ", b"  ", b"\t", b"\t\t", b" \t"]))
        data = data[: run.start()] + blank + data[run.end() :]
        done.append(f"respace {run.start()} to {blank!r}")
    return data, done


def _file_text(draft: Draft, index: int, package: str, qualifiers: dict[str, str]) -> str:
    tops = draft.tops[index]
    parts = [*tops, *draft.body] if index == 0 else tops
    needs: set[str] = set().union(*(p.needs for p in parts)) if parts else set()
    header = ""
    if _one_in(draft.draw, 16):
        header = "// Code generated by fuzz. DO NOT EDIT.\n\n"
    elif draft.draw(st.booleans()):
        header = "// Package doc, mentioning 0.0.0.0:80.\n"
    text = f"{header}package {package}\n" + _imports(draft, needs, qualifiers)
    text += "".join(p.text for p in tops)
    if index == 0:
        text += "\nfunc main() {\n" + "".join(p.text for p in draft.body) + "}\n"
    for path, name in qualifiers.items():
        text = text.replace(_q(path), f"{name}." if name else "")
    return text


@st.composite
def go_packages(draw: st.DrawFn, damage: bool = True) -> GoPackage:
    """Draw a directory of one or two Go files (a package), maybe formatted, encoded, damaged."""
    files = draw(st.sampled_from([1, 1, 2]))
    draft = Draft(draw, files, tops=[[] for _ in range(files)])
    for _ in range(draw(st.integers(1, 4))):
        _site(draft)
    qualifiers: dict[str, str] = {}
    for path, name in PACKAGES.items():
        # A dot import only where no other dot import declares the same names (Listen).
        clash = path == "crypto/tls" and qualifiers.get("net") == ""
        dot = path in ("crypto/tls", "net", "os", "flag") and not clash
        qualifiers[path] = draw(st.sampled_from([name, name, f"{name}x", *([""] if dot else [])]))
    package = draw(st.sampled_from(["main", "main", "server"]))
    format_them = GOFMT is not None and _one_in(draw, 3)
    made: list[tuple[str, bytes]] = []
    damaged: list[str] = []
    clean = format_them
    for index in range(files):
        name = ["main.go", "other.go"][index]
        text = _file_text(draft, index, package, qualifiers)
        if format_them:
            formatted = gofmt(text.encode("utf-8"))
            if formatted is None:
                clean = False
            else:
                if _one_in(draw, 4):
                    formatted, done = _respace(draw, formatted)
                    clean = clean and not done
                    damaged += [f"{name}: {d}" for d in done]
                made.append((name, formatted))
                continue
        data, done = _encode(draw, text)
        if damage:
            data, harm = _damage(draw, data)
            done += harm
        made.append((name, data))
        damaged += [f"{name}: {d}" for d in done]
    return GoPackage(tuple(made), clean, tuple(damaged))
