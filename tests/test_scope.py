"""Scope lookups give the same answers however the ancestors of a node are found."""

from __future__ import annotations

from pathlib import Path

import pytest
import tree_sitter

from gofix_bind.go.parse import parse
from gofix_bind.go.scope import (
    FUNCTIONS,
    SCOPES,
    Binding,
    Declarations,
    ancestors,
    binding_in,
    local_binding,
    text,
)

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "go"
SOURCES = sorted(GOLDEN.glob("*/input/*.go"))[:40]


def _nodes(root: tree_sitter.Node) -> list[tree_sitter.Node]:
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(node.children)
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_ancestors_from_the_root_are_the_parent_chain(path: Path) -> None:
    source = path.read_bytes()
    root = parse(source).root_node
    for node in _nodes(root):
        assert [a.id for a in ancestors(node, root)] == [a.id for a in ancestors(node)]


def _walked(identifier: tree_sitter.Node, source: bytes) -> Binding | None:
    """The lookup as a plain walk: each enclosing function's nodes before the use, skipping
    the scopes (blocks, cases) that do not hold it; the latest declaration of the name wins."""
    name = text(identifier, source)
    use_byte = identifier.start_byte
    for function in ancestors(identifier):
        if function.type not in FUNCTIONS:
            continue
        if source.find(name.encode(), function.start_byte, use_byte) < 0:
            continue
        best: Binding | None = None
        stack = [function]
        while stack:
            node = stack.pop()
            if node.start_byte >= use_byte:
                continue
            found = (
                binding_in(node, name, source)
                if node.type.endswith(("_spec", "declaration"))
                else None
            )
            if found is not None and (
                best is None or node.start_byte > best.declaration.start_byte
            ):
                best = found
            stack.extend(
                child
                for child in node.children
                if child.type not in SCOPES or child.start_byte <= use_byte < child.end_byte
            )
        if best is not None:
            return best
    return None


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_remembered_declarations_give_the_walked_bindings(path: Path) -> None:
    source = path.read_bytes()
    root = parse(source).root_node
    known: Declarations = {}
    for node in _nodes(root):
        if node.type != "identifier":
            continue
        walked = _walked(node, source)
        remembered = local_binding(node, source, root, known)
        assert (walked and walked.declaration.id) == (remembered and remembered.declaration.id)
