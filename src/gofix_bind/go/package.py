"""A Go package: its parsed files, and the names its files declare at package level."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import tree_sitter

from gofix_bind.go.imports import Imports, read_imports
from gofix_bind.go.parse import language
from gofix_bind.go.scope import (
    Binding,
    TypeRef,
    local_binding,
    package_bindings,
    text,
    type_of_binding,
)

_IDENTIFIERS = tree_sitter.Query(language(), "(identifier) @name")


@dataclass(eq=False)
class GoFile:
    """One parsed file of a package; reported is False for files read only to resolve names."""

    path: str
    source: bytes
    tree: tree_sitter.Tree
    reported: bool = True
    imports: Imports = field(init=False)
    package_name: str = field(init=False)
    _identifiers: dict[str, list[tree_sitter.Node]] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        """Read the file's imports and package clause once."""
        root = self.tree.root_node
        self.imports = read_imports(root, self.source)
        self.package_name = ""
        for child in root.named_children:
            if child.type == "package_clause":
                names = [c for c in child.named_children if c.type == "package_identifier"]
                self.package_name = text(names[0], self.source) if names else ""
                break

    def identifiers(self, name: str) -> list[tree_sitter.Node]:
        """Return every identifier node spelling name, indexing the file on first use."""
        if self._identifiers is None:
            index: dict[str, list[tree_sitter.Node]] = defaultdict(list)
            captures = tree_sitter.QueryCursor(_IDENTIFIERS).captures(self.tree.root_node)
            for node in captures.get("name", []):
                index[text(node, self.source)].append(node)
            self._identifiers = dict(index)
        return self._identifiers.get(name, [])


@dataclass(frozen=True)
class Resolved:
    """A name's declaration and the file it is written in."""

    file: GoFile
    binding: Binding
    package_level: bool


class Package:
    """The files sharing one directory and package clause, with their package-level names."""

    def __init__(self, files: list[GoFile]) -> None:
        """Index the package-level constants and variables of every file."""
        self.files = files
        self.name = files[0].package_name if files else ""
        self._globals: dict[str, tuple[GoFile, Binding]] = {}
        for file in files:
            for name, binding in package_bindings(file.tree.root_node, file.source).items():
                self._globals.setdefault(name, (file, binding))

    def resolve(self, identifier: tree_sitter.Node, file: GoFile) -> Resolved | None:
        """Find what an identifier refers to: a local declaration, else a package-level one."""
        binding = local_binding(identifier, file.source)
        if binding is not None:
            return Resolved(file, binding, package_level=False)
        found = self._globals.get(text(identifier, file.source))
        if found is None:
            return None
        return Resolved(found[0], found[1], package_level=True)

    def type_of(self, identifier: tree_sitter.Node, file: GoFile) -> TypeRef | None:
        """Return the declared type of a variable, if its declaration says."""
        resolved = self.resolve(identifier, file)
        if resolved is None:
            return None
        return type_of_binding(resolved.binding, resolved.file.imports, resolved.file.source)

    def uses(self, name: str) -> list[tuple[GoFile, tree_sitter.Node]]:
        """Return the identifiers in the package that refer to the package-level name."""
        found = []
        for file in self.files:
            if name.encode("utf-8") not in file.source:
                continue
            for node in file.identifiers(name):
                if _is_written(node):
                    continue
                resolved = self.resolve(node, file)
                if resolved is not None and resolved.package_level:
                    found.append((file, node))
        return found


def _is_written(identifier: tree_sitter.Node) -> bool:
    """Tell whether an identifier is declared or assigned here rather than read."""
    parent = identifier.parent
    if parent is None:
        return False
    if parent.type in ("var_spec", "const_spec", "parameter_declaration"):
        return any(n.id == identifier.id for n in parent.children_by_field_name("name"))
    holder = parent.parent
    if (
        parent.type == "expression_list"
        and holder is not None
        and holder.type in ("short_var_declaration", "assignment_statement")
    ):
        left = holder.child_by_field_name("left")
        return left is not None and left.id == parent.id
    return False
