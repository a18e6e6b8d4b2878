"""Plan the edits that move a listener to loopback, and apply edits to source bytes."""

from __future__ import annotations

import dataclasses
import ipaddress
import itertools
from collections.abc import Iterable

from gofix_bind.address import NetworkKind, network_kind, wants_ipv6
from gofix_bind.go.literal import quote
from gofix_bind.model import (
    Applicability,
    Edit,
    Expression,
    Finding,
    Fix,
    Settings,
    Splice,
    Target,
)


class OverlapError(ValueError):
    """Two edits claim the same bytes; neither is applied."""


def apply_edits(source: bytes, edits: Iterable[Edit]) -> bytes:
    """Apply edits back to front; raise OverlapError instead of merging or dropping any."""
    ordered = sorted(edits, key=lambda e: (e.start_byte, e.end_byte))
    for before, after in itertools.pairwise(ordered):
        if after.start_byte < before.end_byte or (
            after.start_byte == before.start_byte and after.start_byte == before.end_byte
        ):
            raise OverlapError(
                f"edits at bytes {before.start_byte}-{before.end_byte} and "
                f"{after.start_byte}-{after.end_byte} overlap"
            )
    result = bytearray(source)
    for edit in reversed(ordered):
        if not 0 <= edit.start_byte <= edit.end_byte <= len(source):
            raise OverlapError(f"edit at bytes {edit.start_byte}-{edit.end_byte} is out of range")
        result[edit.start_byte : edit.end_byte] = edit.content
    return bytes(result)


def _host(finding: Finding, settings: Settings) -> tuple[str, bool]:
    """Return the configured host for the finding's family, and whether it is IPv6."""
    ipv6 = wants_ipv6(finding.network, finding.family)
    return (settings.ipv6_address if ipv6 else settings.address), ipv6


def _host_port(host: str, port: str, ipv6: bool) -> str:
    return f"[{host}]:{port}" if ipv6 else f"{host}:{port}"


def _replacement(finding: Finding, target: Target, settings: Settings) -> str | None:
    """Return the text that replaces the host span, or None when no sound text exists."""
    host, ipv6 = _host(finding, settings)
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


def _expression(finding: Finding, splice: Splice, settings: Settings) -> str | None:
    """Return the Go expression a splice writes, or None when no sound one exists."""
    host, ipv6 = _host(finding, settings)
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


def _string_edit(finding: Finding, target: Target, settings: Settings) -> Edit | None:
    """Return the edit that replaces the host inside the literal that spells it."""
    replacement = _replacement(finding, target, settings)
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


def _shared_value_reasons(finding: Finding) -> list[str]:
    """Say why changing the literal would change more than the listeners."""
    reasons = []
    for name in finding.shared_names:
        reasons.append(f"{name} is also used by code that is not a listener")
    if finding.library_fallback:
        reasons.append("it is a library's fallback default, which every caller relies on")
    return reasons


def plan(finding: Finding, settings: Settings) -> Finding:
    """Attach the fix this run's policy gives the finding, or none when no fix is sound."""
    target = finding.target
    edit: Edit | None = None
    if isinstance(target, Target):
        edit = _string_edit(finding, target, settings)
    elif isinstance(target, Splice):
        expression = _expression(finding, target, settings)
        if expression is not None:
            content = f"{target.prefix}{expression}{target.suffix}".encode()
            edit = Edit(target.start_byte, target.end_byte, content)
    if edit is None:
        return finding
    reasons = [*finding.unsafe_reasons, *_shared_value_reasons(finding)]
    message = finding.message
    if reasons:
        message += "; fix is unsafe: " + "; ".join(reasons)
    applicability = Applicability.UNSAFE if reasons else Applicability.SAFE
    return dataclasses.replace(finding, message=message, fix=Fix(applicability, (edit,)))
