"""Infer the declared type of a local name from declarations in its enclosing functions."""

from __future__ import annotations

import tree_sitter

from gofix_bind.go.imports import Imports

TypeRef = tuple[str, str]  # (import path, type name)

_FUNCTIONS = frozenset({"function_declaration", "method_declaration", "func_literal"})
_DECLARATIONS = frozenset({"short_var_declaration", "var_spec", "parameter_declaration"})


def _text(node: tree_sitter.Node, source: bytes) -> str:
    return source[node.start_byte : node.end_byte].decode("utf-8", "replace")


def resolve_type(node: tree_sitter.Node | None, imports: Imports, source: bytes) -> TypeRef | None:
    """Return the imported type a type expression names, through pointers and parentheses."""
    while node is not None and node.type in ("pointer_type", "parenthesized_type"):
        node = node.named_children[0] if node.named_children else None
    if node is None:
        return None
    if node.type == "qualified_type":
        package = node.child_by_field_name("package")
        name = node.child_by_field_name("name")
        if package is None or name is None:
            return None
        path = imports.path_of(_text(package, source))
        return None if path is None else (path, _text(name, source))
    if node.type == "type_identifier" and len(imports.dotted) == 1:
        return next(iter(imports.dotted)), _text(node, source)
    return None


def type_of_value(node: tree_sitter.Node | None, imports: Imports, source: bytes) -> TypeRef | None:
    """Return the type of T{...}, &T{...} or new(T), seen through parentheses."""
    while node is not None:
        if node.type == "parenthesized_expression":
            node = node.named_children[0] if node.named_children else None
        elif node.type == "unary_expression" and node.child_by_field_name("operator") is not None:
            operator = node.child_by_field_name("operator")
            if operator is None or operator.type != "&":
                return None
            node = node.child_by_field_name("operand")
        elif node.type == "composite_literal":
            return resolve_type(node.child_by_field_name("type"), imports, source)
        elif node.type == "call_expression":
            function = node.child_by_field_name("function")
            arguments = node.child_by_field_name("arguments")
            if function is None or arguments is None or _text(function, source) != "new":
                return None
            args = [child for child in arguments.named_children if child.type != "comment"]
            return resolve_type(args[0], imports, source) if len(args) == 1 else None
        else:
            return None
    return None


def _declared(
    declaration: tree_sitter.Node, name: str, imports: Imports, source: bytes
) -> tuple[bool, TypeRef | None]:
    """Tell whether declaration declares name, and the type it gives it if known."""
    if declaration.type == "short_var_declaration":
        left = declaration.child_by_field_name("left")
        right = declaration.child_by_field_name("right")
        names = left.named_children if left is not None else []
        values = right.named_children if right is not None else []
        for index, target in enumerate(names):
            if _text(target, source) == name:
                value = values[index] if len(values) == len(names) else None
                return True, type_of_value(value, imports, source)
        return False, None
    names = declaration.children_by_field_name("name")
    if not any(_text(target, source) == name for target in names):
        return False, None
    declared_type = declaration.child_by_field_name("type")
    if declared_type is not None:
        return True, resolve_type(declared_type, imports, source)
    value_list = declaration.child_by_field_name("value")
    values = value_list.named_children if value_list is not None else []
    for index, target in enumerate(names):
        if _text(target, source) == name and len(values) == len(names):
            return True, type_of_value(values[index], imports, source)
    return True, None


# Nodes that open a scope: a declaration inside one is invisible outside it.
_SCOPES = frozenset(
    {
        "block",
        "func_literal",
        "if_statement",
        "for_statement",
        "expression_switch_statement",
        "type_switch_statement",
        "select_statement",
        "expression_case",
        "default_case",
        "type_case",
        "communication_case",
    }
)


def _lookup(
    identifier: tree_sitter.Node, imports: Imports, source: bytes
) -> tuple[int, TypeRef | None] | None:
    """Find the declaration of a name visible at its use: local first, then package level."""
    name = _text(identifier, source)
    use_byte = identifier.start_byte
    function = identifier.parent
    root = identifier
    while function is not None:
        if function.type in _FUNCTIONS:
            found = _nearest_declaration(function, name, use_byte, imports, source)
            if found is not None:
                return found
        root = function
        function = function.parent
    return _package_declaration(root, name, imports, source)


def local_type(identifier: tree_sitter.Node, imports: Imports, source: bytes) -> TypeRef | None:
    """Return the type of a variable from its declaration visible at the use, if known."""
    found = _lookup(identifier, imports, source)
    return None if found is None else found[1]


def is_declared(identifier: tree_sitter.Node, imports: Imports, source: bytes) -> bool:
    """Tell whether a variable, parameter or package-level var of this name hides an import."""
    return _lookup(identifier, imports, source) is not None


def _package_declaration(
    root: tree_sitter.Node, name: str, imports: Imports, source: bytes
) -> tuple[int, TypeRef | None] | None:
    for declaration in root.named_children:
        if declaration.type != "var_declaration":
            continue
        specs = [c for c in declaration.named_children if c.type == "var_spec"]
        for group in declaration.named_children:
            if group.type == "var_spec_list":
                specs.extend(c for c in group.named_children if c.type == "var_spec")
        for spec in specs:
            declares, declared_type = _declared(spec, name, imports, source)
            if declares:
                return spec.start_byte, declared_type
    return None


def _nearest_declaration(
    function: tree_sitter.Node, name: str, use_byte: int, imports: Imports, source: bytes
) -> tuple[int, TypeRef | None] | None:
    best: tuple[int, TypeRef | None] | None = None
    stack = [function]
    while stack:
        node = stack.pop()
        if node.start_byte >= use_byte:
            continue
        if node.type in _DECLARATIONS:
            declares, declared_type = _declared(node, name, imports, source)
            if declares and (best is None or node.start_byte > best[0]):
                best = (node.start_byte, declared_type)
        for child in node.children:
            if child.type in _SCOPES and not child.start_byte <= use_byte < child.end_byte:
                continue
            stack.append(child)
    return best
