"""The --list and --check outputs: the files --apply would change, or nothing at all."""

from __future__ import annotations

from gofix_bind.model import Mode, Outcome, Run
from gofix_bind.output.format import Context, Format
from gofix_bind.paths import shown


def render_list(run: Run, context: Context) -> bytes:
    """Return the path of every file --apply would change, one per line, in path order."""
    paths = sorted(r.path for r in run.results if r.outcome is Outcome.CHANGED)
    return "".join(f"{shown(path)}\n" for path in paths).encode("utf-8")


def render_check(run: Run, context: Context) -> bytes:
    """Return nothing: --check answers with its exit code alone."""
    return b""


LIST = Format("list", frozenset({Mode.REPORT}), render_list, selectable=False)
CHECK = Format("check", frozenset({Mode.REPORT}), render_check, selectable=False)
