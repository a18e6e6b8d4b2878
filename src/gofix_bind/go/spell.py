"""Write the Go code of a fix: the new host in a string literal, or a new expression."""

from __future__ import annotations

import ipaddress

from gofix_bind.address import NetworkKind, network_kind
from gofix_bind.go.literal import quote
from gofix_bind.go.records import Expression, Splice, Target
from gofix_bind.model import Edit, Finding


def _host_port(host: str, port: str, ipv6: bool) -> str:
    return f"[{host}]:{port}" if ipv6 else f"{host}:{port}"


def _replacement(finding: Finding, target: Target, host: str, ipv6: bool) -> str | None:
    """Return the text that replaces the host span, or None when no sound text exists."""
    if finding.address == "":
        kind = network_kind(finding.network)
        if kind is NetworkKind.IP:
            return host
        if kind is not NetworkKind.PORTED or finding.empty_port is None:
            return None
        return _host_port(host, finding.empty_port, ipv6)
    if ipv6 and finding.has_port and not target.brackets_added:
        return f"[{host}]"
    return host


def _net_ip(host: str, qualifier: str) -> str:
    """Spell a net.IP value as Go code does: net.IPv4(127, 0, 0, 1), net.IPv6loopback."""
    ip = ipaddress.ip_address(host)
    if isinstance(ip, ipaddress.IPv4Address):
        octets = ", ".join(str(octet) for octet in ip.packed)
        return f"{qualifier}IPv4({octets})"
    if ip == ipaddress.IPv6Address("::1"):
        return f"{qualifier}IPv6loopback"
    return f"{qualifier}ParseIP({quote(host).decode('utf-8')})"


def _expression(finding: Finding, splice: Splice, host: str, ipv6: bool) -> str | None:
    """Return the Go expression a splice writes, or None when no sound one exists."""
    qualifier = f"{splice.package}." if splice.package else ""
    if splice.expression is Expression.IP:
        return _net_ip(host, qualifier)
    if splice.expression is Expression.NETIP_ADDR:
        return f"{qualifier}MustParseAddr({quote(host).decode('utf-8')})"
    if splice.expression is Expression.ADDRESS_STRUCT:
        return f"&{qualifier}{splice.type_name}{{IP: {_net_ip(host, qualifier)}}}"
    if finding.empty_port is None:
        return None
    return quote(_host_port(host, finding.empty_port, ipv6)).decode("utf-8")


def _string_edit(finding: Finding, target: Target, host: str, ipv6: bool) -> Edit | None:
    """Return the edit that replaces the host inside the literal that spells it."""
    replacement = _replacement(finding, target, host, ipv6)
    if replacement is None:
        return None
    literal = target.literal
    if literal.verbatim:
        # The value's bytes sit one to one after the opening quote: edit the host only.
        return Edit(
            literal.start_byte + 1 + target.host_start_byte,
            literal.start_byte + 1 + target.host_end_byte,
            replacement.encode("utf-8"),
        )
    # Escapes hide the byte mapping, so the literal is rewritten whole, never in part.
    value = literal.value.encode("utf-8")
    new_value = (
        value[: target.host_start_byte]
        + replacement.encode("utf-8")
        + value[target.host_end_byte :]
    )
    return Edit(literal.start_byte, literal.end_byte, quote(new_value.decode("utf-8")))


def spell(finding: Finding, host: str, ipv6: bool) -> tuple[Edit, ...] | None:
    """Return the edits that make the finding's listeners bind host, or None when none is sound."""
    target = finding.target
    if isinstance(target, Target):
        edit = _string_edit(finding, target, host, ipv6)
        return None if edit is None else (edit,)
    if isinstance(target, Splice):
        expression = _expression(finding, target, host, ipv6)
        if expression is None:
            return None
        content = f"{target.prefix}{expression}{target.suffix}".encode()
        return (Edit(target.start_byte, target.end_byte, content),)
    return None
