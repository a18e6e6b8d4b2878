"""Parse Go source bytes with tree-sitter-go and locate syntax errors."""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Sequence
from functools import cache

import tree_sitter
import tree_sitter_go

from gofix_bind.model import Edit


@cache
def language() -> tree_sitter.Language:
    """Return the Go grammar, loaded once per process."""
    return tree_sitter.Language(tree_sitter_go.language())


@cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(language())


def parse(source: bytes) -> tree_sitter.Tree:
    """Parse Go source bytes into a syntax tree."""
    return _parser().parse(source)


def line_starts(source: bytes) -> array[int]:
    """Return the byte offset each line of source starts at."""
    # An array, not a list: a large file has hundreds of thousands of lines.
    starts = array("Q", [0])
    starts.extend(match.end() for match in _NEWLINE.finditer(source))
    return starts


def reparse(
    old_source: bytes, old_tree: tree_sitter.Tree, edits: Sequence[Edit], new_source: bytes
) -> tree_sitter.Tree:
    """Parse the bytes the edits make of old_source, reusing old_tree's unchanged subtrees.

    The new tree shares the subtrees the edits leave alone with the old one, so a large file's
    rewrite costs little more memory than its first tree. Error recovery may depend on what a
    parse reuses, so a result with a syntax error, or an old tree with one, is parsed afresh.
    """
    if old_tree.root_node.has_error:
        return parse(new_source)
    starts = line_starts(old_source)

    def point(byte: int) -> tuple[int, int]:
        row = bisect.bisect_right(starts, byte) - 1
        return row, byte - starts[row]

    edited = old_tree.copy()
    # Back to front: the bytes before each edit are still the old ones, with their old points.
    for edit in sorted(edits, key=lambda e: (e.start_byte, e.end_byte), reverse=True):
        start = point(edit.start_byte)
        lines = edit.content.count(b"\n")
        if lines:
            new_end = (start[0] + lines, len(edit.content) - edit.content.rfind(b"\n") - 1)
        else:
            new_end = (start[0], start[1] + len(edit.content))
        edited.edit(
            edit.start_byte,
            edit.end_byte,
            edit.start_byte + len(edit.content),
            start,
            point(edit.end_byte),
            new_end,
        )
    tree = _parser().parse(new_source, edited)
    if tree.root_node.has_error:
        return parse(new_source)
    return tree


_NEWLINE = re.compile(b"\n")


def first_error(tree: tree_sitter.Tree) -> tree_sitter.Node | None:
    """Return the first ERROR or MISSING node in source order, walking iteratively."""
    if not tree.root_node.has_error:
        return None
    node = tree.root_node
    while True:
        if node.is_error or node.is_missing:
            return node
        for child in node.children:
            if child.has_error or child.is_missing:
                node = child
                break
        else:
            # has_error is set but no child carries it: report the node itself.
            return node


def error_count(tree: tree_sitter.Tree) -> int:
    """Count ERROR and MISSING nodes, walking iteratively (deep trees overflow recursion)."""
    if not tree.root_node.has_error:
        return 0
    count = 0
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            count += 1
        stack.extend(child for child in node.children if child.has_error or child.is_missing)
    return count


Captures = dict[str, list[tree_sitter.Node]]


def matches_in(
    query: tree_sitter.Query,
    root: tree_sitter.Node,
    ranges: list[tuple[int, int]] | None,
    key: str,
) -> list[Captures]:
    """Return the query's matches that touch any of the byte ranges, in source order.

    ranges None means the whole tree. A match is returned whole even when only one of its
    nodes touches a range; key names the capture that identifies a match.
    """
    cursor = tree_sitter.QueryCursor(query)
    if ranges is None:
        return [captures for _, captures in cursor.matches(root)]
    found: dict[int, tuple[int, Captures]] = {}
    for start, end in ranges:
        cursor.set_byte_range(start, end)
        for _, captures in cursor.matches(root):
            node = captures[key][0]
            found.setdefault(node.id, (node.start_byte, captures))
    return [captures for _, captures in sorted(found.values(), key=lambda item: item[0])]


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping or touching byte ranges, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
