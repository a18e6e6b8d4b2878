"""Go's own records: string literals, and the places in Go code that a fix edits."""

from __future__ import annotations

import enum
from dataclasses import dataclass


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
