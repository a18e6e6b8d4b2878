"""Resolve the names a Go file uses for its imported packages."""

from __future__ import annotations

from dataclasses import dataclass

import tree_sitter

from gofix_bind.go.literal import decode
from gofix_bind.go.parse import language

_IMPORTS = tree_sitter.Query(language(), "(import_spec) @spec")


@dataclass(frozen=True)
class Imports:
    """Local package name -> import path, plus the paths imported with a dot."""

    names: dict[str, str]
    dotted: frozenset[str]

    def path_of(self, local_name: str) -> str | None:
        """Return the import path a package name refers to, or None if it is not an import."""
        return self.names.get(local_name)


def read_imports(root: tree_sitter.Node, source: bytes) -> Imports:
    """Collect the file's imports from its syntax tree."""
    names: dict[str, str] = {}
    dotted: set[str] = set()
    for spec in tree_sitter.QueryCursor(_IMPORTS).captures(root).get("spec", []):
        path_node = spec.child_by_field_name("path")
        if path_node is None:
            continue
        literal = decode(source, path_node.start_byte, path_node.end_byte)
        if literal is None:
            continue
        path = literal.value
        name_node = spec.child_by_field_name("name")
        if name_node is None:
            names[path.rsplit("/", 1)[-1]] = path
        elif name_node.type == "dot":
            dotted.add(path)
        elif name_node.type == "package_identifier":
            names[source[name_node.start_byte : name_node.end_byte].decode("utf-8")] = path
        # A blank import (`_`) gives no usable name.
    return Imports(names, frozenset(dotted))
