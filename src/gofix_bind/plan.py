"""Turn findings into fixes by the run's policy, plan a file's writes, and apply edits to bytes."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable, Sequence

from gofix_bind.address import wants_ipv6
from gofix_bind.containers import published_reason
from gofix_bind.model import Applicability, Edit, FilePlan, Finding, Fix
from gofix_bind.settings import FixPolicy

# The white-space edits a language's formatter needs after some edits to one file's bytes.
Layout = Callable[[Sequence[Edit]], tuple[Edit, ...]]
# How a language writes the fix: the finding, the host to bind and whether it is IPv6.
Spell = Callable[[Finding, str, bool], tuple[Edit, ...] | None]


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
    for edit in reversed(ordered):
        if not 0 <= edit.start_byte <= edit.end_byte <= len(source):
            raise OverlapError(f"edit at bytes {edit.start_byte}-{edit.end_byte} is out of range")
    # Joined from views of the source: one copy of a large file, and no shifting of its tail
    # at each edit.
    view = memoryview(source)
    pieces: list[bytes | memoryview] = []
    position = 0
    for edit in ordered:
        pieces += (view[position : edit.start_byte], edit.content)
        position = edit.end_byte
    pieces.append(view[position:])
    return b"".join(pieces)


def _shared_value_reasons(finding: Finding) -> list[str]:
    """Say why changing the literal would change more than the listeners."""
    reasons = [
        f"{name} is also used by code that is not a listener" for name in finding.shared_names
    ]
    if finding.library_fallback:
        reasons.append("it is a library's fallback default, which every caller relies on")
    return reasons


def plan_fix(
    finding: Finding, policy: FixPolicy, spell: Spell, location: str | None = None
) -> Finding:
    """Attach the fix the policy gives the finding (no layout yet), or none when none is sound.

    location is the file's path on disk (absolute, or relative to the working directory):
    the container files around it may publish the listener's port.
    """
    ipv6 = wants_ipv6(finding.network, finding.family)
    host = policy.address_for(finding.path, 6 if ipv6 else 4)
    changes = spell(finding, host, ipv6)
    if not changes:
        return finding
    reasons = [*finding.unsafe_reasons, *_shared_value_reasons(finding)]
    publishing = None
    if location is not None:
        publishing = published_reason(location, finding.address, finding.network)
    if publishing is not None:
        reasons.append(publishing)
    applicability = Applicability.UNSAFE if reasons else Applicability.SAFE
    return dataclasses.replace(finding, fix=Fix(applicability, changes, reason="; ".join(reasons)))


def with_layout(finding: Finding, layout: Layout) -> Finding:
    """Add the layout edits the finding's fix needs when it is applied alone."""
    if finding.fix is None:
        return finding
    fix = dataclasses.replace(finding.fix, layout=layout(finding.fix.changes))
    return dataclasses.replace(finding, fix=fix)


def plan_file(path: str, fixes: Sequence[Finding], layout: Layout) -> FilePlan:
    """Plan the write of one file for exactly these fixes, the layout planned for the set.

    Two fixes in one aligned block both move its padding, so the set's layout is planned anew
    rather than joined from each fix's own.
    """
    if len(fixes) == 1 and fixes[0].fix is not None:
        return FilePlan(path, fixes[0].fix.edits, tuple(fixes))
    changes = [edit for finding in fixes if finding.fix for edit in finding.fix.changes]
    edits = sorted((*changes, *layout(changes)), key=lambda e: (e.start_byte, e.end_byte))
    return FilePlan(path, tuple(edits), tuple(fixes))
