"""A Go package: its parsed files, and the names its files declare at package level."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import tree_sitter

from gofix_bind.go.imports import Imports, read_imports
from gofix_bind.go.parse import language
from gofix_bind.go.scope import (
    FUNCTIONS,
    Binding,
    TypeRef,
    local_binding,
    package_bindings,
    text,
    type_of_binding,
    type_of_value,
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
        # A name may be declared once per build-constrained file (config_linux.go, ...).
        self._globals: dict[str, list[Resolved]] = defaultdict(list)
        for file in files:
            for name, binding in package_bindings(file.tree.root_node, file.source).items():
                self._globals[name].append(Resolved(file, binding, package_level=True))
        self._type_kinds = {
            name: kind for file in self.files for name, kind in _type_kinds(file).items()
        }

    def resolve(self, identifier: tree_sitter.Node, file: GoFile) -> Resolved | None:
        """Find what an identifier refers to: a local declaration, else a package-level one."""
        binding = local_binding(identifier, file.source)
        if binding is not None:
            return Resolved(file, binding, package_level=False)
        found = self._globals.get(text(identifier, file.source))
        return found[0] if found else None

    def declarations(self, name: str) -> list[Resolved]:
        """Return every package-level declaration of name, one per build-constrained file."""
        return self._globals.get(name, [])

    def type_of(self, identifier: tree_sitter.Node, file: GoFile) -> TypeRef | None:
        """Return the declared type of a variable, if its declaration says."""
        resolved = self.resolve(identifier, file)
        if resolved is None:
            return None
        return type_of_binding(resolved.binding, resolved.file.imports, resolved.file.source)

    def _is_field_key(self, identifier: tree_sitter.Node, file: GoFile) -> bool:
        """Tell whether an identifier is a struct field name in a keyed composite literal."""
        element = identifier.parent
        keyed = element.parent if element is not None else None
        if element is None or keyed is None or keyed.type != "keyed_element":
            return False
        key = keyed.child_by_field_name("key")
        body = keyed.parent
        literal = body.parent if body is not None else None
        if key is None or key.id != element.id or literal is None:
            return False
        if literal.type != "composite_literal":
            # An elided type ({k: v} inside a slice or map): the key may be a value; count it.
            return False
        kind = literal.child_by_field_name("type")
        if kind is None:
            return False
        if kind.type == "type_identifier":
            return self._type_kinds.get(text(kind, file.source)) == "struct_type"
        # Imported named types are overwhelmingly structs (http.Server{Addr: ...}).
        return kind.type in ("struct_type", "qualified_type", "generic_type")

    def variable_uses(
        self, resolved: Resolved, name: str
    ) -> Iterator[tuple[GoFile, tree_sitter.Node]]:
        """Yield every identifier, other than its declaration, that names the same variable."""
        files = self.files if resolved.package_level else [resolved.file]
        scope = None
        if not resolved.package_level:
            scope = resolved.binding.declaration.parent
            while scope is not None and scope.type not in FUNCTIONS:
                scope = scope.parent
        declaration = resolved.binding.declaration.id
        for file in files:
            for use in file.identifiers(name):
                if scope is not None and not scope.start_byte <= use.start_byte < scope.end_byte:
                    continue
                if use.id == resolved.binding.name_node.id:
                    continue
                other = self.resolve(use, file)
                if other is not None and other.binding.declaration.id == declaration:
                    yield file, use

    def uses(self, name: str) -> list[tuple[GoFile, tree_sitter.Node]]:
        """Return the identifiers in the package that refer to the package-level name."""
        found = []
        for file in self.files:
            if name.encode("utf-8") not in file.source:
                continue
            for node in file.identifiers(name):
                if _is_written(node) or self._is_field_key(node, file):
                    continue
                resolved = self.resolve(node, file)
                if resolved is not None and resolved.package_level:
                    found.append((file, node))
        return found


def _type_kinds(file: GoFile) -> dict[str, str]:
    """Map the file's package-level type names to their kind of type (struct_type, map_type)."""
    kinds = {}
    for declaration in file.tree.root_node.named_children:
        if declaration.type != "type_declaration":
            continue
        for spec in declaration.named_children:
            name = spec.child_by_field_name("name")
            kind = spec.child_by_field_name("type")
            if spec.type == "type_spec" and name is not None and kind is not None:
                kinds[text(name, file.source)] = kind.type
    return kinds


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


def receiver_type(operand: tree_sitter.Node, file: GoFile, package: Package) -> TypeRef | None:
    """Return the type a method is called on: srv in srv.Run(), (*lc) in (*lc).Listen()."""
    while True:
        inner = [c for c in operand.named_children if c.type != "comment"]
        operator = operand.child_by_field_name("operator")
        if operand.type == "parenthesized_expression" and len(inner) == 1:
            operand = inner[0]
        elif operand.type == "unary_expression" and operator is not None and operator.type == "*":
            # (*lc).Listen: the pointer's element type has the same methods.
            operand = inner[-1]
        else:
            break
    if operand.type == "identifier":
        return package.type_of(operand, file)
    return type_of_value(operand, file.imports, file.source)
