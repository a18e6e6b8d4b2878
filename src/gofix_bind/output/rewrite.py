"""What a fix turns a finding's code into, read from the fix's own change edits."""

from __future__ import annotations

from dataclasses import dataclass

from gofix_bind.model import Edit, Finding
from gofix_bind.output.describe import one_line
from gofix_bind.plan import apply_edits


@dataclass(frozen=True)
class Rewrite:
    """The code at a finding before and after its fix, each as one line."""

    old: str
    new: str


def rewrite(finding: Finding, source: bytes) -> Rewrite | None:
    """Return the finding's code before and after its fix; None when it has no fix.

    When every change lies inside the finding's span (a literal's host, a field inserted into
    a composite literal), the new code is that span with the changes applied; otherwise it is
    what the changes insert.
    """
    fix = finding.fix
    if fix is None:
        return None
    start, end = finding.start_byte, finding.end_byte
    old = source[start:end]
    if all(start <= e.start_byte and e.end_byte <= end for e in fix.changes):
        moved = [Edit(e.start_byte - start, e.end_byte - start, e.content) for e in fix.changes]
        return Rewrite(one_line(old), one_line(apply_edits(old, moved)))
    return Rewrite(one_line(old), " ".join(one_line(e.content) for e in fix.changes))
