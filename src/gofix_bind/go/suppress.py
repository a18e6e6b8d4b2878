"""Honour `//gofix-bind:ignore` comments on a finding's line or on their own line above it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

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
    findings: list[Finding], lines_of: Callable[[str], frozenset[int]]
) -> tuple[list[Finding], int]:
    """Drop findings whose literal, or every listener they reach, an ignore directive covers.

    lines_of(path) returns the lines covered in that file. A finding keeps only the trace steps
    whose listener call is not covered; it is dropped when none is left.
    """
    kept = []
    for finding in findings:
        if finding.line in lines_of(finding.path):
            continue
        trace = tuple(step for step in finding.trace if step.line not in lines_of(step.path))
        if not trace:
            continue
        if trace != finding.trace:
            message = finding.message
            if message.startswith(finding.sink):
                # The message names the first listener; name the first one left instead.
                message = trace[0].sink + message[len(finding.sink) :]
            finding = dataclasses.replace(finding, trace=trace, sink=trace[0].sink, message=message)
        kept.append(finding)
    return kept, len(findings) - len(kept)
