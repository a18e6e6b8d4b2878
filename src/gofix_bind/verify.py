"""Check rewritten bytes before they are shown or written."""

from __future__ import annotations

from gofix_bind.analyze import analyze
from gofix_bind.go.parse import error_count
from gofix_bind.model import Settings


def verify(path: str, new_source: bytes, settings: Settings) -> str | None:
    """Return why new_source must not be written, or None when it re-parses and is stable."""
    again = analyze(path, new_source, settings)
    if error_count(again.tree):
        return "the rewritten file does not parse; nothing written"
    leftover = [f for f in again.findings if settings.allows(f.fix)]
    if leftover:
        first = leftover[0]
        return f"a second pass still finds a fix at {first.line}:{first.column}; nothing written"
    return None
