"""Resolve the names a Go file uses for its imported packages."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import tree_sitter

from gofix_bind.go.literal import decode
from gofix_bind.go.parse import language

_IMPORTS = tree_sitter.Query(language(), "(import_spec) @spec")
# A major-version element (echo/v4) or suffix (yaml.v3) is not part of the package name.
_VERSION = re.compile(r"^v[0-9]+$")
_VERSION_SUFFIX = re.compile(r"\.v[0-9]+$")


@functools.lru_cache(maxsize=1024)
def default_name(import_path: str) -> str:
    """Guess, as Go tools do, the name of a package imported without an alias."""
    elements = import_path.split("/")
    name = elements[-1]
    if _VERSION.match(name) and len(elements) > 1:
        name = elements[-2]
    return _VERSION_SUFFIX.sub("", name)


@dataclass(frozen=True)
class Imports:
    """Local package name -> import path, plus the paths imported with a dot."""

    names: dict[str, str]
    dotted: frozenset[str]

    def path_of(self, local_name: str) -> str | None:
        """Return the import path a package name refers to, or None if it is not an import."""
        return self.names.get(local_name)

    def name_of(self, import_path: str) -> str | None:
        """Return the file's name for an import: its local name, "" if dot-imported, else None."""
        if import_path in self.dotted:
            return ""
        return next((name for name, path in self.names.items() if path == import_path), None)


def read_imports(root: tree_sitter.Node, source: bytes) -> Imports:
    """Collect the file's imports from its syntax tree."""
    names: dict[str, str] = {}
    dotted: set[str] = set()
    cursor = tree_sitter.QueryCursor(_IMPORTS)
    # Imports come before every other declaration: query only the file's head.
    declarations = [c for c in root.named_children if c.type == "import_declaration"]
    if not declarations:
        return Imports({}, frozenset())
    cursor.set_byte_range(0, declarations[-1].end_byte)
    for spec in cursor.captures(root).get("spec", []):
        path_node = spec.child_by_field_name("path")
        if path_node is None:
            continue
        literal = decode(source, path_node.start_byte, path_node.end_byte)
        if literal is None:
            continue
        path = literal.value
        name_node = spec.child_by_field_name("name")
        if name_node is None:
            names[default_name(path)] = path
        elif name_node.type == "dot":
            dotted.add(path)
        elif name_node.type == "package_identifier":
            names[source[name_node.start_byte : name_node.end_byte].decode("utf-8")] = path
        # A blank import (`_`) gives no usable name.
    return Imports(names, frozenset(dotted))
