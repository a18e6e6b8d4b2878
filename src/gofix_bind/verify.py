"""Check rewritten bytes before they are shown or written."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import tree_sitter

from gofix_bind.analyze import analyze, group_packages
from gofix_bind.go.package import GoFile, Package
from gofix_bind.go.parse import error_count, parse
from gofix_bind.model import Edit, Settings
from gofix_bind.prefilter import site_files
from gofix_bind.rewrite import OverlapError, apply_edits

NOT_PARSED = "the rewritten file does not parse; nothing written"
OUTSIDE_FIX = "the rewritten file changes code outside the fix; nothing written"

# Go's white space; an edit made of it alone only realigns tokens.
_BLANK = b" \t\r\n"
_STRINGS = frozenset({"interpreted_string_literal", "raw_string_literal"})


def verify(
    files: list[GoFile],
    new_sources: dict[str, bytes],
    settings: Settings,
    edits: Mapping[str, Iterable[Edit]],
) -> dict[str, str]:
    """Return, by path, why a rewritten file must not be written; empty when all are sound.

    Each rewritten file must parse with no error the original lacked, keep the original's code
    outside the nodes its edits (by path) replace, and a second pass over the package with the
    new bytes must find nothing left to fix.
    """
    problems: dict[str, str] = {}
    rewritten = []
    for file in files:
        source = new_sources.get(file.path, file.source)
        tree = file.tree if source is file.source else parse(source)
        if file.path in new_sources:
            if error_count(tree) > error_count(file.tree):
                problems[file.path] = NOT_PARSED
            elif not same_code(file.tree, file.source, tree, source, edits.get(file.path, ())):
                problems[file.path] = OUTSIDE_FIX
        rewritten.append(GoFile(file.path, source, tree, file.reported))
    for group in group_packages(rewritten):
        again = analyze(_package(group, settings, set(new_sources)), settings)
        for path, findings in again.findings.items():
            leftover = [f for f in findings if settings.allows(f.fix)]
            if leftover and path not in problems:
                first = leftover[0]
                problems[path] = (
                    f"a second pass still finds a fix at {first.line}:{first.column}; "
                    "nothing written"
                )
    return problems


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


def _package(files: list[GoFile], settings: Settings, rewritten: set[str]) -> Package:
    """Make the package for the second pass, whose sites are those of the rewritten files.

    Every fixable finding of the first pass is in a file its fix rewrites, and a fix only
    removes wildcard addresses, so no other file can hold a fix after it. The other files
    still answer the lookups the rewritten files' sites make.
    """
    everywhere = site_files({file.path: file.source for file in files}, settings.prefilter)
    sites = {path: ranges for path, ranges in everywhere.items() if path in rewritten}
    for file in files:
        if file.path in sites:
            file.site_ranges = sites[file.path]
    by_path = {file.path: file for file in files}
    pending = {file.path: file.source for file in files if file.path not in sites}
    order = {file.path: index for index, file in enumerate(files)}
    return Package([f for f in files if f.path in sites], pending, by_path.get, order)
