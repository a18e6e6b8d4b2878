"""The records that flow through the pipeline: findings, edits, fixes and per-file results."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

RULE_ID = "go-security/do-not-bind-all-interfaces"


class Applicability(enum.Enum):
    """Whether a fix may be applied without asking (ruff's model)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class Mode(enum.Enum):
    """What a run does with the fixes it plans."""

    REPORT = "report"
    DIFF = "diff"
    APPLY = "apply"


class Outcome(enum.Enum):
    """The closed set of results a file can end in."""

    CHANGED = "changed"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class Edit:
    """Replace source bytes [start_byte, end_byte) with content; start == end inserts."""

    start_byte: int
    end_byte: int
    content: bytes


@dataclass(frozen=True)
class Fix:
    """The edits that resolve one finding, and whether they are safe to apply."""

    applicability: Applicability
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class GoString:
    """A Go string literal: its span, its decoded value, and whether its bytes spell the value."""

    start_byte: int
    end_byte: int
    value: str
    # True when the bytes between the quotes are exactly the UTF-8 of value (no escapes, no CR
    # in a raw string), so a sub-span of the value maps one to one onto the source.
    verbatim: bool


@dataclass(frozen=True)
class TraceStep:
    """A listener the finding's value reaches: where it is called and what it is."""

    path: str
    line: int
    column: int
    sink: str


@dataclass(frozen=True)
class Target:
    """Where the all-interfaces host sits in the literal that supplies it."""

    literal: GoString
    # Byte span of the host inside the literal's UTF-8 value, brackets included when written.
    host_start_byte: int
    host_end_byte: int
    # True when code (net.JoinHostPort) adds the brackets, so the literal must not have them.
    brackets_added: bool


class Expression(enum.Enum):
    """The kind of Go expression a fix writes; the planner picks its address."""

    ADDRESS = "address"  # a string literal "host:port", the port from Finding.empty_port
    IP = "ip"  # a net.IP: net.IPv4(127, 0, 0, 1), net.IPv6loopback
    NETIP_ADDR = "netip-addr"  # a netip.Addr: netip.MustParseAddr("127.0.0.1")
    ADDRESS_STRUCT = "address-struct"  # &net.TCPAddr{IP: ...} in place of a nil local address


class Source(enum.Enum):
    """Where the address a finding reports is written."""

    LITERAL = "literal"  # a string literal at the listener call
    VALUE = "value"  # a string reached through names, concatenation or formatting
    FLAG = "flag"  # the default of a command-line flag
    CONFIG = "config"  # a field of one of the package's configuration structs
    EXPRESSION = "expression"  # an address struct, net.IP or netip value
    NO_ADDRESS = "no-address"  # nothing: gin's Run(), an http.Server without Addr


@dataclass(frozen=True)
class Splice:
    """Source bytes a fix replaces with a new expression (an insertion when the span is empty)."""

    start_byte: int
    end_byte: int
    expression: Expression
    # How the file names the expression's package: "net", an alias, or "" for a dot import.
    package: str = ""
    # The struct an ADDRESS_STRUCT builds (TCPAddr, UDPAddr, IPAddr).
    type_name: str = ""
    # Text around the expression, laid out as gofmt would: `IP: ` and `,` for a new field.
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Finding:
    """Facts about one literal that makes listeners bind every interface; fix set by the planner."""

    rule: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start_byte: int
    end_byte: int
    sink: str
    address: str
    message: str
    trace: tuple[TraceStep, ...]
    network: str | None
    empty_port: str | None
    # The host's IP family (4, 6, or None when empty) and whether a port follows it.
    family: int | None
    has_port: bool
    # What a fix edits: the host inside a string literal, or an expression to replace or insert.
    # None when no single place in the source decides the host.
    target: Target | Splice | None
    # True when the literal is not written at the listener call itself.
    indirect: bool = False
    # Package-level names that hold the literal and are also read outside listeners.
    shared_names: tuple[str, ...] = ()
    # The literal is a fallback default assigned only sometimes, in a package other than main.
    library_fallback: bool = False
    # Why any fix changes more than the host, decided where the finding is detected.
    unsafe_reasons: tuple[str, ...] = ()
    source: Source = Source.LITERAL
    fix: Fix | None = None


@dataclass(frozen=True)
class Settings:
    """The policy knobs of a run."""

    address: str = "127.0.0.1"
    ipv6_address: str = "::1"
    unsafe_fixes: bool = False
    include_vendor: bool = False
    include_generated: bool = False
    # Honour no suppression comment (ours, gosec, golangci-lint, Semgrep, Datadog): for audits.
    no_suppress: bool = False
    # Parse up front only the files whose bytes can hold a listener, the rest when a name they
    # spell is looked up; False parses every file (and reports every syntax error).
    prefilter: bool = True

    def allows(self, fix: Fix | None) -> bool:
        """Tell whether this run applies the given fix."""
        if fix is None:
            return False
        return fix.applicability is Applicability.SAFE or self.unsafe_fixes


@dataclass(frozen=True)
class FileResult:
    """What happened to one file; never raised, always returned."""

    path: str
    outcome: Outcome
    reason: str = ""
    findings: tuple[Finding, ...] = ()
    suppressed: int = 0
    # The findings whose fixes new_source holds.
    fixed: tuple[Finding, ...] = ()
    # Bytes before and after, kept only for changed files so diffs can be rendered.
    old_source: bytes = field(default=b"", repr=False)
    new_source: bytes = field(default=b"", repr=False)
    # Path used in diffs: relative to the repository root when there is one.
    diff_path: str = ""
    # A skip nobody asked for (a file too large to scan) is named on stderr; skips the settings
    # chose (generated files) are only counted.
    announce: bool = False
