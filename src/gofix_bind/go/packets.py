"""Tell when moving a packet socket to loopback would break it, and say why.

A TCP server bound to loopback still serves local clients. A packet socket is different: a UDP
socket bound to 127.0.0.1 cannot send to other hosts, so a client socket (an ephemeral port, as
QUIC and DNS clients use) stops working; a multicast receiver or broadcast sender needs the
wildcard address to get its datagrams at all; a raw IP socket (ping) talks to remote hosts too.
"""

from __future__ import annotations

import re

import tree_sitter

from gofix_bind.go.package import GoFile
from gofix_bind.go.scope import text, unparen
from gofix_bind.go.spellings import word_pattern

PACKET_SINKS = frozenset(
    {"net.ListenPacket", "(*net.ListenConfig).ListenPacket", "net.ListenUDP", "net.ListenIP"}
)
# Names that show a socket takes part in multicast or broadcast.
_MULTICAST_NAMES = frozenset(
    {
        "JoinGroup",
        "JoinSourceSpecificGroup",
        "SetMulticastInterface",
        "SetMulticastLoopback",
        "SetMulticastTTL",
        "SetMulticastHopLimit",
        "IP_ADD_MEMBERSHIP",
        "IPV6_JOIN_GROUP",
        "FlagMulticast",
        "ListenMulticastUDP",
        "IPv4allsys",
        "IPv4allrouter",
        "IPv6interfacelocalallnodes",
        "IPv6linklocalallnodes",
        "IPv6linklocalallrouters",
    }
)
_BROADCAST_NAMES = frozenset({"IPv4bcast", "SO_BROADCAST", "SetBroadcast", "FlagBroadcast"})
# Well-known ports of multicast and broadcast protocols.
DISCOVERY_PORTS = {
    "67": "DHCP",
    "68": "DHCP",
    "137": "NetBIOS",
    "138": "NetBIOS",
    "1900": "SSDP",
    "3702": "WS-Discovery",
    "5353": "mDNS",
    "5355": "LLMNR",
}
# Service names Go resolves for these ports (":mdns").
_SERVICES = {
    "bootps": "67",
    "bootpc": "68",
    "netbios-ns": "137",
    "netbios-dgm": "138",
    "ssdp": "1900",
    "mdns": "5353",
    "llmnr": "5355",
}
_SIGNAL_PARTS = re.compile(rb"multicast|broadcast", re.IGNORECASE)
_SIGNAL_NAMES = tuple(word_pattern(n.encode()) for n in sorted(_MULTICAST_NAMES | _BROADCAST_NAMES))
# Bytes that may continue an identifier: ASCII ones and every byte of a non-ASCII letter.
_WORD_BYTES = frozenset(
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
) | frozenset(range(0x80, 0x100))

# A quoted IPv4 multicast group (224.0.0.0/4), IPv6 multicast (ff00::/8), or the broadcast address.
_MULTICAST_TEXT = re.compile(
    rb'["`](2(2[4-9]|3[0-9])\.[0-9]+\.[0-9]+\.[0-9]+|\[?[fF][fF][0-9a-fA-F]{2}:)'
)
_BROADCAST_TEXT = re.compile(rb'["`]255\.255\.255\.255')


def _line(file: GoFile, offset: int) -> int:
    return file.source.count(b"\n", 0, offset) + 1


def _function_of(node: tree_sitter.Node) -> tree_sitter.Node | None:
    while node.parent is not None and node.parent.type != "source_file":
        node = node.parent
    return node if node.type in ("function_declaration", "method_declaration") else None


def _where(nearby: bool) -> str:
    return "the listener's function" if nearby else "its file"


def _signal_names(file: GoFile) -> list[tree_sitter.Node]:
    """Return, in file order, the identifiers that may say multicast or broadcast."""
    source = file.source
    spans = set()
    for part in _SIGNAL_PARTS.finditer(source):
        start, end = part.span()
        while start > 0 and source[start - 1] in _WORD_BYTES:
            start -= 1
        while end < len(source) and source[end] in _WORD_BYTES:
            end += 1
        spans.add((start, end))
    for pattern in _SIGNAL_NAMES:
        spans.update(found.span() for found in pattern.finditer(source))
    # A large file's tree lacks some chunks: the next pass parses those that say so.
    file.note(start for start, _ in spans)
    root = file.tree.root_node
    names = []
    for start, end in sorted(spans):
        node = root.descendant_for_byte_range(start, end)
        if (
            node is not None
            and node.type in ("identifier", "field_identifier")
            and (node.start_byte, node.end_byte) == (start, end)
        ):
            names.append(node)
    return names


def _signals(file: GoFile, call: tree_sitter.Node) -> list[str]:
    """Return why the code around a listener looks like multicast or broadcast code.

    Socket options (JoinGroup, SO_BROADCAST) and group addresses count anywhere in the file;
    other names that say multicast or broadcast only in the listener's own function.
    """
    signals: dict[str, str] = {}
    function = _function_of(call)
    for node in _signal_names(file):
        name = text(node, file.source)
        line = node.start_point.row + 1
        lowered = name.lower()
        nearby = function is not None and function.start_byte <= node.start_byte < function.end_byte
        if name in _MULTICAST_NAMES or (nearby and "multicast" in lowered):
            signals.setdefault("multicast", f"{_where(nearby)} uses {name} (line {line})")
        elif name in _BROADCAST_NAMES or (nearby and "broadcast" in lowered):
            signals.setdefault("broadcast", f"{_where(nearby)} uses {name} (line {line})")
    found = _MULTICAST_TEXT.search(file.source)
    if found is not None:
        line = _line(file, found.start())
        signals.setdefault("multicast", f"its file names a multicast group (line {line})")
    found = _BROADCAST_TEXT.search(file.source)
    if found is not None:
        line = _line(file, found.start())
        signals.setdefault("broadcast", f"its file names the broadcast address (line {line})")
    reasons = []
    if "multicast" in signals:
        reasons.append(
            f"a multicast receiver needs the wildcard address to get group traffic: "
            f"{signals['multicast']}"
        )
    if "broadcast" in signals:
        reasons.append(
            f"broadcast needs the wildcard address to send and receive: {signals['broadcast']}"
        )
    return reasons


def packet_risks(
    sink: str, network: str | None, port: str | None, file: GoFile, call: tree_sitter.Node
) -> tuple[str, ...]:
    """Return why loopback would break a packet listener; empty when it is a plain server.

    port is the port the socket binds: "" or "0" for an ephemeral one, None when unknown.
    """
    if sink not in PACKET_SINKS:
        return ()
    kind = (network or "").split(":", 1)[0].rstrip("46")
    if network is None:
        return ("its network is not known, and a packet socket may be a client",)
    if kind == "ip":
        return ("a raw IP socket (ping, ICMP) exchanges packets with remote hosts",)
    if kind != "udp":
        return ()
    reasons = []
    if port in ("", "0"):
        reasons.append(
            "an ephemeral-port UDP socket is usually a client (QUIC, DNS) that must reach "
            "remote hosts, which it cannot from loopback"
        )
    if port is not None:
        port = _SERVICES.get(port, str(int(port)) if port.isdigit() else port)
    protocol = DISCOVERY_PORTS.get(port or "")
    if protocol is not None:
        reasons.append(f"port {port} is {protocol}, a multicast or broadcast protocol")
    reasons.extend(_signals(file, call))
    return tuple(reasons)


def struct_port(node: tree_sitter.Node, file: GoFile) -> str | None:
    """Return the port an address struct binds ("0" when it sets none), None when unknown.

    node is the struct literal, an IP inside it, or the address of netip.AddrPortFrom(ip, port);
    a nil pointer binds an ephemeral port.
    """
    node = unparen(node)
    if node.type == "nil":
        return "0"
    if node.type == "composite_literal":
        return _literal_port(node, file)
    parent = node.parent
    holder = parent.parent if parent is not None else None
    if parent is None or holder is None:
        return None
    if parent.type == "argument_list" and holder.type == "call_expression":
        # netip.AddrPortFrom(ip, port)
        args = [c for c in parent.named_children if c.type != "comment"]
        if len(args) == 2 and args[0].id == node.id:
            return _port_text(args[1], file)
        return None
    if parent.type == "literal_element" and holder.type == "keyed_element":
        literal = holder.parent.parent if holder.parent is not None else None
        if literal is not None and literal.type == "composite_literal":
            return _literal_port(literal, file)
    return None


def _literal_port(literal: tree_sitter.Node, file: GoFile) -> str | None:
    body = literal.child_by_field_name("body")
    if body is None:
        return None
    elements = [c for c in body.named_children if c.type != "comment"]
    for index, element in enumerate(elements):
        key = element.child_by_field_name("key")
        if element.type == "keyed_element" and key is not None:
            value = element.child_by_field_name("value")
            if text(key, file.source).strip() == "Port" and value is not None:
                return _port_text(value, file)
        elif index == 1:
            return _port_text(element, file)  # positional: IP, Port, Zone
    return "0"


def _port_text(node: tree_sitter.Node, file: GoFile) -> str | None:
    digits = text(node, file.source).strip()
    return str(int(digits)) if digits.isdigit() else None
