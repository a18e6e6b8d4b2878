"""How a finding is described in words: where its value is used, and what its fix does."""

from __future__ import annotations

from gofix_bind.model import Applicability, Finding
from gofix_bind.settings import FixPolicy


def fix_note(finding: Finding, policy: FixPolicy) -> str:
    """Return the marker after a finding: whether this run fixes it, and why a fix is unsafe."""
    fix = finding.fix
    if fix is None:
        return ""
    unsafe = fix.applicability is Applicability.UNSAFE
    if policy.allows(finding):
        return f" [fixable, unsafe: {fix.reason}]" if unsafe else " [fixable]"
    return f" [unsafe fix: {fix.reason}]" if unsafe else ""


def via(finding: Finding) -> str:
    """Name the listener an indirect literal reaches, and how many more it reaches."""
    if not finding.indirect and len(finding.trace) < 2:
        return ""
    first = finding.trace[0]
    more = f" (+{len(finding.trace) - 1} more)" if len(finding.trace) > 1 else ""
    return f" (via {first.path}:{first.line} {first.sink}){more}"


def shows_trace(finding: Finding) -> bool:
    """Tell whether a finding's listeners are worth naming: elsewhere, or more than one."""
    return finding.indirect or len(finding.trace) > 1


def one_line(code: bytes) -> str:
    """Return code as one line of text, each run of white space made one space."""
    return " ".join(code.decode("utf-8", errors="replace").split())
