"""The --diff output: every changed file's git-style diff, optionally coloured."""

from __future__ import annotations

from gofix_bind.diff import split_lines, unified_diff
from gofix_bind.model import Mode, Outcome, Run
from gofix_bind.output.format import Context, Format
from gofix_bind.paths import header_refusal

_RED, _GREEN, _CYAN, _BOLD, _RESET = b"\x1b[31m", b"\x1b[32m", b"\x1b[36m", b"\x1b[1m", b"\x1b[0m"


def _colour(line: bytes) -> bytes:
    body = line.rstrip(b"\n")
    if line.startswith((b"diff --git", b"--- ", b"+++ ")):
        start = _BOLD
    elif line.startswith(b"@@"):
        start = _CYAN
    elif line.startswith(b"-"):
        start = _RED
    elif line.startswith(b"+"):
        start = _GREEN
    else:
        return line
    return start + body + _RESET + line[len(body) :]


def colour(patch: bytes) -> bytes:
    """Return a patch with git's colours: bold headers, cyan hunk ranges, red and green lines."""
    return b"".join(_colour(line) for line in split_lines(patch))


def render(run: Run, context: Context) -> bytes:
    """Return the concatenated diffs of every changed file, in path order."""
    chunks: dict[tuple[str, bytes, bytes], bytes] = {}
    for r in run.results:
        # A path git apply refuses never reaches the patch; runner.refused reports the file.
        if r.outcome is Outcome.CHANGED and header_refusal(r.diff_path) is None:
            # A symlink and its target are one file with one diff; twice, git apply would fail.
            key = (r.diff_path, r.old_source, r.new_source)
            edits = r.plan.edits if r.plan is not None else None
            patch = unified_diff(r.old_source, r.new_source, r.diff_path, edits=edits)
            chunks.setdefault(key, patch)
    patch = b"".join(chunks.values())
    if not context.color:
        return patch
    return colour(patch)


FORMAT = Format("diff", frozenset({Mode.DIFF}), render, selectable=False)
