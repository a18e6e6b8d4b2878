"""Compare two Go syntax trees outside the nodes a fix replaces."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence

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

    Each node is handed only the edits that touch it, found among its parent's by bisection, so
    the work grows with the file and the edits, not with their product.
    """
    content = [e for e in edits if not _blank(old_source, e)]
    root = old_tree.root_node
    stack = [(root, new_tree.root_node, [e for e in content if _touches(root, e)])]
    while stack:
        before, after, touching = stack.pop()
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
        olds = before.children
        stack.extend(
            (old, new, edits)
            for old, new, edits in zip(olds, children, _shares(olds, touching), strict=True)
        )
    return True


def _shares(nodes: Sequence[tree_sitter.Node], edits: list[Edit]) -> list[list[Edit]]:
    """Return, for each node, the edits that touch it, in the order edits holds them."""
    if not edits:
        return [[] for _ in nodes]
    # The edits by start, with the furthest end of each prefix: an edit that touches a node
    # starts before the node ends and ends at or after the node starts.
    order = sorted(range(len(edits)), key=lambda i: edits[i].start_byte)
    starts = [edits[i].start_byte for i in order]
    reach = list(itertools.accumulate((edits[i].end_byte for i in order), max))
    shares = []
    for node in nodes:
        first = bisect.bisect_left(reach, node.start_byte)
        last = bisect.bisect_right(starts, node.end_byte)
        chosen = sorted(i for i in order[first:last] if _touches(node, edits[i]))
        shares.append([edits[i] for i in chosen])
    return shares


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
    siblings = _Siblings(olds)
    for point in points:
        if siblings.inside(point.start_byte):
            # Inside one child: that child's own pairing accounts for it.
            continue
        preceding = siblings.ended_by(point.start_byte)
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


class _Siblings:
    """A node's children, asked which holds a byte and how many end by it."""

    def __init__(self, nodes: Sequence[tree_sitter.Node]) -> None:
        self.nodes = nodes
        self.starts = [n.start_byte for n in nodes]
        self.ends = [n.end_byte for n in nodes]
        # Children in order, none overlapping the next: then bisection answers both questions.
        self.ordered = all(
            a.end_byte <= b.start_byte and a.start_byte <= a.end_byte
            for a, b in itertools.pairwise(nodes)
        )

    def inside(self, byte: int) -> bool:
        """Tell whether a child holds byte strictly inside it."""
        if not self.ordered:
            return any(n.start_byte < byte < n.end_byte for n in self.nodes)
        index = bisect.bisect_left(self.starts, byte) - 1
        return index >= 0 and byte < self.ends[index]

    def ended_by(self, byte: int) -> int:
        """Count the children that end at or before byte."""
        if not self.ordered:
            return sum(n.end_byte <= byte for n in self.nodes)
        return bisect.bisect_right(self.ends, byte)
