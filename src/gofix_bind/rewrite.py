"""Plan the edits that move a listener to loopback, and apply edits to source bytes."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable

from gofix_bind.address import NetworkKind, classify, network_kind, wants_ipv6
from gofix_bind.go.literal import quote
from gofix_bind.model import Applicability, Edit, Finding, Fix, Settings

# Loopback breaks UDP clients and multicast receivers, which these sinks often are.
UNSAFE_SINKS = frozenset({"net.ListenPacket", "(*net.ListenConfig).ListenPacket"})


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


def _new_value(finding: Finding, settings: Settings) -> tuple[int, int, str] | None:
    """Return the span of the address to replace, in UTF-8 bytes, and its replacement text."""
    wildcard = classify(finding.network, finding.address)
    if wildcard is None:
        return None
    ipv6 = wants_ipv6(finding.network, wildcard)
    host = settings.ipv6_address if ipv6 else settings.address
    if finding.address == "":
        kind = network_kind(finding.network)
        if kind is NetworkKind.IP:
            return 0, 0, host
        if kind is not NetworkKind.PORTED or finding.empty_port is None:
            return None
        return 0, 0, f"[{host}]:{finding.empty_port}" if ipv6 else f"{host}:{finding.empty_port}"
    if ipv6 and wildcard.has_port:
        host = f"[{host}]"
    return wildcard.host_start_byte, wildcard.host_end_byte, host


def plan(finding: Finding, settings: Settings) -> Finding:
    """Attach the fix this run's policy gives the finding, or none when no fix is sound."""
    change = _new_value(finding, settings)
    if change is None:
        return finding
    host_start_byte, host_end_byte, replacement = change
    literal = finding.literal
    if literal.verbatim:
        # The value's bytes sit one to one after the opening quote: edit the host only.
        edit = Edit(
            literal.start_byte + 1 + host_start_byte,
            literal.start_byte + 1 + host_end_byte,
            replacement.encode("utf-8"),
        )
    else:
        # Escapes hide the byte mapping, so the literal is rewritten whole, never in part.
        value = finding.address.encode("utf-8")
        new_value = value[:host_start_byte] + replacement.encode("utf-8") + value[host_end_byte:]
        edit = Edit(literal.start_byte, literal.end_byte, quote(new_value.decode("utf-8")))
    applicability = Applicability.UNSAFE if finding.sink in UNSAFE_SINKS else Applicability.SAFE
    return dataclasses.replace(finding, fix=Fix(applicability, (edit,)))
