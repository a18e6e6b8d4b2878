"""Plan the edits that move a listener to loopback, and apply edits to source bytes."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable

from gofix_bind.address import NetworkKind, network_kind, wants_ipv6
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


def _replacement(finding: Finding, settings: Settings) -> str | None:
    """Return the text that replaces the host span, or None when no sound text exists."""
    ipv6 = wants_ipv6(finding.network, finding.family)
    host = settings.ipv6_address if ipv6 else settings.address
    if finding.address == "":
        kind = network_kind(finding.network)
        if kind is NetworkKind.IP:
            return host
        if kind is not NetworkKind.PORTED or finding.empty_port is None:
            return None
        return f"[{host}]:{finding.empty_port}" if ipv6 else f"{host}:{finding.empty_port}"
    target = finding.target
    if ipv6 and finding.has_port and target is not None and not target.brackets_added:
        return f"[{host}]"
    return host


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
    replacement = _replacement(finding, settings)
    if target is None or replacement is None:
        return finding
    literal = target.literal
    if literal.verbatim:
        # The value's bytes sit one to one after the opening quote: edit the host only.
        edit = Edit(
            literal.start_byte + 1 + target.host_start_byte,
            literal.start_byte + 1 + target.host_end_byte,
            replacement.encode("utf-8"),
        )
    else:
        # Escapes hide the byte mapping, so the literal is rewritten whole, never in part.
        value = literal.value.encode("utf-8")
        new_value = (
            value[: target.host_start_byte]
            + replacement.encode("utf-8")
            + value[target.host_end_byte :]
        )
        edit = Edit(literal.start_byte, literal.end_byte, quote(new_value.decode("utf-8")))
    reasons = _shared_value_reasons(finding)
    message = finding.message
    if reasons:
        message += "; fix is unsafe: " + "; ".join(reasons)
    unsafe = bool(reasons) or finding.sink in UNSAFE_SINKS
    applicability = Applicability.UNSAFE if unsafe else Applicability.SAFE
    return dataclasses.replace(finding, message=message, fix=Fix(applicability, (edit,)))
