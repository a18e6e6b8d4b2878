"""Honour `//gofix-bind:ignore` comments on a finding's line or on their own line above it."""

from __future__ import annotations

import tree_sitter

from gofix_bind.go.parse import language
from gofix_bind.model import Finding

DIRECTIVE = b"//gofix-bind:ignore"
_COMMENTS = tree_sitter.Query(language(), "(comment) @comment")


def _is_directive(text: bytes) -> bool:
    rest = text[len(DIRECTIVE) :]
    return text.startswith(DIRECTIVE) and (rest == b"" or rest[:1].isspace())


def covered_lines(root: tree_sitter.Node, source: bytes) -> frozenset[int]:
    """Return the 1-based lines that an ignore directive covers."""
    lines: set[int] = set()
    for comment in tree_sitter.QueryCursor(_COMMENTS).captures(root).get("comment", []):
        if not _is_directive(source[comment.start_byte : comment.end_byte]):
            continue
        line = comment.start_point.row + 1
        lines.add(line)
        line_start = comment.start_byte - comment.start_point.column
        if source[line_start : comment.start_byte].strip() == b"":
            # A directive alone on its line speaks for the line below.
            lines.add(line + 1)
    return frozenset(lines)


def split_suppressed(
    findings: list[Finding], root: tree_sitter.Node, source: bytes
) -> tuple[list[Finding], int]:
    """Drop the findings an ignore directive covers; return the rest and how many were dropped."""
    if not findings:
        return findings, 0
    lines = covered_lines(root, source)
    kept = [f for f in findings if f.line not in lines and f.sink_line not in lines]
    return kept, len(findings) - len(kept)
