"""Blocks of whole lines that a file's plan changes together, for one combined suggestion.

GitHub applies at most one suggestion per line in a batch, and reviewdog posts only the
suggestions on its comment's lines. When fixes share lines (a gofmt-aligned block that two
fixes both realign) or one fix edits several lines, the per-edit suggestions cannot all be
accepted; the block's lines as the file's plan writes them can.
"""

from __future__ import annotations

from dataclasses import dataclass

from gofix_bind.model import Edit, FileResult, Finding
from gofix_bind.output.positions import LineIndex
from gofix_bind.plan import apply_edits


@dataclass(frozen=True)
class Block:
    """Lines first_line to last_line (1-based, inclusive) and their text after the plan."""

    first_line: int
    last_line: int
    # The new lines, each ending in its line ending except the last.
    text: str
    # The findings whose fixes edit these lines, in source order.
    findings: tuple[Finding, ...]


def _lines(index: LineIndex, edit: Edit) -> tuple[int, int]:
    """Return the first and last line an edit touches; its end is exclusive."""
    first = index.position(edit.start_byte).line
    last = index.position(max(edit.start_byte, edit.end_byte - 1)).line
    return first, last


def _groups(
    spans: list[tuple[int, int, Finding | None]],
) -> list[list[tuple[int, int, Finding | None]]]:
    """Join line spans that share a line into groups, in line order."""
    groups: list[list[tuple[int, int, Finding | None]]] = []
    last = 0
    for span in sorted(spans, key=lambda s: (s[0], s[1])):
        if groups and span[0] <= last:
            groups[-1].append(span)
            last = max(last, span[1])
        else:
            groups.append([span])
            last = span[1]
    return groups


def _text(source: bytes, edits: tuple[Edit, ...], index: LineIndex, first: int, last: int) -> str:
    """Return lines first to last after the edits inside them, without the final line ending."""
    start, end = index.line_start(first), index.line_end(last)
    inside = [
        Edit(e.start_byte - start, e.end_byte - start, e.content)
        for e in edits
        if start <= e.start_byte and e.end_byte <= end
    ]
    new = apply_edits(source[start:end], inside)
    return new.removesuffix(b"\n").removesuffix(b"\r").decode("utf-8", errors="replace")


def blocks(result: FileResult) -> list[Block]:
    """Return the blocks of a file's plan that need a combined suggestion, in line order.

    A block needs one when more than one fix edits its lines, or its edits span several lines.
    """
    plan = result.plan
    if plan is None:
        return []
    index = LineIndex.of(result.old_source)
    spans: list[tuple[int, int, Finding | None]] = []
    for f in plan.fixed:
        if f.fix is not None and f.fix.edits:
            # A fix spans every line from its first edit to its last.
            touched = [_lines(index, e) for e in f.fix.edits]
            spans.append((min(t[0] for t in touched), max(t[1] for t in touched), f))
    # The plan's own edits too: together, fixes may realign lines that neither does alone.
    spans += [(*_lines(index, e), None) for e in plan.edits]
    found = []
    for group in _groups(spans):
        first = min(s[0] for s in group)
        last = max(s[1] for s in group)
        fixes: list[Finding] = []
        for _, _, finding in group:
            if finding is not None and all(finding is not f for f in fixes):
                fixes.append(finding)
        if len(fixes) > 1 or last > first:
            text = _text(result.old_source, plan.edits, index, first, last)
            ordered = tuple(sorted(fixes, key=lambda f: (f.start_byte, f.end_byte)))
            found.append(Block(first, last, text, ordered))
    return found
