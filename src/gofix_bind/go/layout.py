"""Where inserted code goes, and the whitespace around it that gofmt would give it."""

from __future__ import annotations

from dataclasses import dataclass

import tree_sitter


@dataclass(frozen=True)
class Insertion:
    """Insert prefix + expression + suffix at at_byte."""

    at_byte: int
    prefix: str
    suffix: str


def _line_start(source: bytes, byte: int) -> int:
    return source.rfind(b"\n", 0, byte) + 1


def _is_single_line(node: tree_sitter.Node) -> bool:
    return node.start_point.row == node.end_point.row


def _value_column(element: tree_sitter.Node) -> int | None:
    """Return how far a one-line `key: value` element's value starts from its key, in bytes."""
    key = element.child_by_field_name("key")
    value = element.child_by_field_name("value")
    if key is None or value is None:
        return None
    return value.start_point.column - key.start_point.column


def field_insertion(body: tree_sitter.Node, source: bytes, key: str) -> Insertion | None:
    """Place `key: value` first in a composite literal's body, as gofmt would lay it out.

    gofmt aligns the values of consecutive one-line `key: value` elements; a comment line, a
    blank line or a multi-line element ends the run. The inserted key must be the struct's
    shortest (IP, Addr), so it never widens the column the elements below it share.
    """
    children = body.named_children
    elements = [child for child in children if child.type != "comment"]
    if not elements:
        if source[body.start_byte : body.end_byte] != b"{}":
            return None
        return Insertion(body.start_byte + 1, f"{key}: ", "")
    brace_row = body.start_point.row
    first = elements[0]
    if first.start_point.row == brace_row:
        return Insertion(first.start_byte, f"{key}: ", ", ")
    following = next(child for child in children if child.start_point.row > brace_row)
    line_start = _line_start(source, following.start_byte)
    indent = source[line_start : following.start_byte]
    if indent.strip(b" \t"):
        return None
    padding = 1
    if following.type == "keyed_element" and _is_single_line(following):
        column = _value_column(following)
        if column is not None:
            padding = max(1, column - len(key) - 1)
    prefix = f"{indent.decode('utf-8')}{key}:{' ' * padding}"
    # The new line ends as the line above it does, so a CRLF file keeps CRLF line ends.
    ending = "\r\n" if source[line_start - 2 : line_start] == b"\r\n" else "\n"
    return Insertion(line_start, prefix, f",{ending}")


def argument_insertion(arguments: tree_sitter.Node, source: bytes) -> Insertion | None:
    """Place the only argument of an empty argument list: Run() becomes Run(addr)."""
    if source[arguments.start_byte : arguments.end_byte] != b"()":
        return None
    return Insertion(arguments.start_byte + 1, "", "")
