"""Compare two Go syntax trees outside the nodes a fix replaces."""

from __future__ import annotations

from collections.abc import Iterable

import tree_sitter

from gofix_bind.model import Edit
from gofix_bind.plan import OverlapError, apply_edits

# Go's white space; an edit made of it alone only realigns tokens.
_BLANK = b" \t\r\n"
_STRINGS = frozenset({"interpreted_string_literal", "raw_string_literal"})


def same_code(
    old_tree: tree_sitter.Tree,
    old_source: bytes,
    new_tree: tree_sitter.Tree,
    new_source: bytes,
    edits: Iterable[Edit],
) -> bool:
    """Tell whether new has old's node types and token texts except in the nodes edits replace.

    White space between tokens may differ anywhere (gofmt realignment). An edit may change a
    string literal it lies inside (which must stay a string literal), replace exactly one node
    with one node spelling its content, or insert, between two children of a node, nodes that
    spell its content. The trees are walked in parallel without recursion, since real files
    nest deeper than Python's stack allows, and only down the paths to nodes that differ.
    """
    content = [e for e in edits if not _blank(old_source, e)]
    stack = [(old_tree.root_node, new_tree.root_node, content)]
    while stack:
        before, after, around = stack.pop()
        touching = [e for e in around if _touches(before, e)]
        old_text = old_source[before.start_byte : before.end_byte]
        new_text = new_source[after.start_byte : after.end_byte]
        if not touching and before.type == after.type and old_text == new_text:
            continue
        if touching and _replaced(before, touching):
            if not _replacement_sound(before, after, touching, old_text, new_text):
                return False
            continue
        if before.type != after.type or before.is_missing != after.is_missing:
            return False
        if before.child_count == 0 or after.child_count == 0:
            if before.child_count != after.child_count or old_text != new_text:
                return False
            continue
        children = _paired_children(before, after, touching, new_source)
        if children is None:
            return False
        stack.extend(
            (old, new, touching) for old, new in zip(before.children, children, strict=True)
        )
    return True


def _blank(source: bytes, edit: Edit) -> bool:
    """Tell whether an edit only changes white space (a realignment, not a fix)."""
    replaced = source[edit.start_byte : edit.end_byte]
    return not replaced.strip(_BLANK) and not edit.content.strip(_BLANK)


def _touches(node: tree_sitter.Node, edit: Edit) -> bool:
    """Tell whether an edit changes bytes of the node (an insertion at its edge does not)."""
    if edit.start_byte == edit.end_byte:
        return node.start_byte < edit.start_byte < node.end_byte
    return edit.start_byte < node.end_byte and node.start_byte < edit.end_byte


def _replaced(node: tree_sitter.Node, touching: list[Edit]) -> bool:
    """Tell whether the node is the unit its edits replace: a string literal or an exact span."""
    if node.type in _STRINGS:
        return all(
            node.start_byte <= e.start_byte and e.end_byte <= node.end_byte for e in touching
        )
    (edit, *others) = touching
    return not others and (edit.start_byte, edit.end_byte) == (node.start_byte, node.end_byte)


def _replacement_sound(
    before: tree_sitter.Node,
    after: tree_sitter.Node,
    touching: list[Edit],
    old_text: bytes,
    new_text: bytes,
) -> bool:
    """Tell whether the node in the edited node's place spells exactly the edited text."""
    if before.type in _STRINGS and after.type not in _STRINGS:
        return False
    if not after.is_named:
        return False
    local = [
        Edit(e.start_byte - before.start_byte, e.end_byte - before.start_byte, e.content)
        for e in touching
    ]
    try:
        return apply_edits(old_text, local) == new_text
    except OverlapError:
        return False


def _paired_children(
    before: tree_sitter.Node,
    after: tree_sitter.Node,
    touching: list[Edit],
    new_source: bytes,
) -> list[tree_sitter.Node] | None:
    """Return the new children that pair one to one with the old, less the ones inserted.

    An insertion between two old children must appear as whole new children spelling its
    content (white space aside); None when it does not, or when the counts differ.
    """
    olds = before.children
    news = after.children
    points = sorted(
        (e for e in touching if e.start_byte == e.end_byte),
        key=lambda e: e.start_byte,
    )
    kept: list[tree_sitter.Node] = []
    index = 0
    for point in points:
        if any(c.start_byte < point.start_byte < c.end_byte for c in olds):
            # Inside one child: that child's own pairing accounts for it.
            continue
        preceding = sum(c.end_byte <= point.start_byte for c in olds)
        while len(kept) < preceding:
            if index >= len(news):
                return None
            kept.append(news[index])
            index += 1
        wanted = point.content.strip(_BLANK)
        first = index
        while True:
            if index >= len(news):
                return None
            index += 1
            spelled = new_source[news[first].start_byte : news[index - 1].end_byte]
            if spelled == wanted:
                break
            if len(spelled) >= len(wanted):
                return None
    kept.extend(news[index:])
    return kept if len(kept) == len(olds) else None
