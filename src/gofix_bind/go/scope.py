"""Find the declaration a name refers to, and the type it declares, within one Go file."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import tree_sitter

from gofix_bind.go.imports import Imports
from gofix_bind.go.parse import language
from gofix_bind.go.sinks import CONSTRUCTORS

TypeRef = tuple[str, str]  # (import path, type name)

FUNCTIONS = frozenset({"function_declaration", "method_declaration", "func_literal"})
_DECLARATIONS = frozenset(
    {"short_var_declaration", "var_spec", "const_spec", "parameter_declaration"}
)
# Nodes that open a scope: a declaration inside one is invisible outside it.
SCOPES = frozenset(
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


def text(node: tree_sitter.Node, source: bytes) -> str:
    """Return a node's source text."""
    return source[node.start_byte : node.end_byte].decode("utf-8", "replace")


def unparen(node: tree_sitter.Node) -> tree_sitter.Node:
    """Return the expression inside any parentheses around node."""
    while node.type == "parenthesized_expression":
        inner = [c for c in node.named_children if c.type != "comment"]
        if len(inner) != 1:
            break
        node = inner[0]
    return node


def strip_address_of(node: tree_sitter.Node | None) -> tree_sitter.Node | None:
    """Return the value under parentheses and `&`: the literal in (&http.Server{...})."""
    while node is not None:
        node = unparen(node)
        operator = node.child_by_field_name("operator")
        if node.type != "unary_expression":
            return node
        if operator is None or operator.type != "&":
            return None
        node = node.child_by_field_name("operand")
    return None


def call_arguments(call: tree_sitter.Node) -> list[tree_sitter.Node]:
    """Return a call's argument expressions, comments left out."""
    args = call.child_by_field_name("arguments")
    return [] if args is None else [c for c in args.named_children if c.type != "comment"]


@dataclass(frozen=True)
class Binding:
    """One name bound by a declaration: its value and type expressions when written."""

    declaration: tree_sitter.Node
    name_node: tree_sitter.Node
    value: tree_sitter.Node | None
    type_node: tree_sitter.Node | None
    is_parameter: bool
    is_const: bool


def binding_in(declaration: tree_sitter.Node, name: str, source: bytes) -> Binding | None:
    """Return the binding of name that a declaration makes, or None if it binds other names."""
    if declaration.type == "short_var_declaration":
        left = declaration.child_by_field_name("left")
        right = declaration.child_by_field_name("right")
        names = left.named_children if left is not None else []
        values = right.named_children if right is not None else []
        type_node = None
    else:
        names = declaration.children_by_field_name("name")
        value_list = declaration.child_by_field_name("value")
        values = value_list.named_children if value_list is not None else []
        type_node = declaration.child_by_field_name("type")
    values = [v for v in values if v.type != "comment"]
    for index, target in enumerate(names):
        if text(target, source) == name:
            value = tuple_value(values, len(names), index)
            return Binding(
                declaration,
                target,
                value,
                type_node,
                declaration.type == "parameter_declaration",
                declaration.type == "const_spec",
            )
    return None


def tuple_value(
    values: list[tree_sitter.Node], targets: int, index: int
) -> tree_sitter.Node | None:
    """Return the expression assigned to target index: `a, err := f()` gives f() to both."""
    if len(values) == targets:
        return values[index]
    if len(values) == 1 and values[0].type == "call_expression":
        return values[0]
    return None


def ancestors(
    node: tree_sitter.Node, root: tree_sitter.Node | None = None
) -> list[tree_sitter.Node]:
    """Return node's ancestors, nearest first; give the tree's root wherever it is known.

    With the root they are found from the root down. Node.parent searches from the root itself,
    so climbing one parent at a time costs the square of the depth, and generated code nests
    thousands deep (an else-if chain of 3,000 branches).
    """
    if root is None:
        found = []
        parent = node.parent
        while parent is not None:
            found.append(parent)
            parent = parent.parent
        return found
    path = []
    current: tree_sitter.Node | None = root
    while current is not None and current.id != node.id:
        path.append(current)
        current = current.child_with_descendant(node)
    path.reverse()
    return path


def local_binding(
    identifier: tree_sitter.Node,
    source: bytes,
    root: tree_sitter.Node | None = None,
    known: Declarations | None = None,
) -> Binding | None:
    """Return the function-local declaration visible at identifier, nearest first.

    known keeps each function's declarations of a name for the next lookup in the same tree.
    """
    name = text(identifier, source)
    use_byte = identifier.start_byte
    for function in ancestors(identifier, root):
        if function.type in FUNCTIONS:
            found = _nearest_declaration(function, name, use_byte, source, known)
            if found is not None:
                return found
    return None


def declared_opaquely(
    identifier: tree_sitter.Node, source: bytes, root: tree_sitter.Node | None = None
) -> bool:
    """Tell whether a range, type switch, select receive or variadic parameter declares the name."""
    name = text(identifier, source)
    chain = [identifier, *ancestors(identifier, root)]
    for child, parent in itertools.pairwise(chain):
        names: list[tree_sitter.Node] = []
        kind = parent.type
        if kind == "for_statement" and child.type == "block":
            clause = next((c for c in parent.named_children if c.type == "range_clause"), None)
            if clause is not None and _declares(clause):
                names = _names(clause.child_by_field_name("left"))
        elif kind == "type_switch_statement" and child.type in ("type_case", "default_case"):
            names = _names(parent.child_by_field_name("alias"))
        elif kind == "communication_case":
            receive = parent.child_by_field_name("communication")
            if receive is not None and receive.id != child.id and _declares(receive):
                names = _names(receive.child_by_field_name("left"))
        elif kind in FUNCTIONS and child.type == "block":
            parameters = parent.child_by_field_name("parameters")
            for declaration in [] if parameters is None else parameters.named_children:
                if declaration.type == "variadic_parameter_declaration":
                    names += declaration.children_by_field_name("name")
        if any(text(n, source) == name for n in names):
            return True
    return False


def _declares(node: tree_sitter.Node) -> bool:
    return any(c.type == ":=" for c in node.children)


def _names(node: tree_sitter.Node | None) -> list[tree_sitter.Node]:
    return [] if node is None else [c for c in node.named_children if c.type == "identifier"]


# Per function, then per name: the declarations of the name in the function, in source order,
# each with the spans of the scopes that enclose it there. The binding is made only for the
# declaration a lookup finds.
Declaration = tuple[int, tuple[tuple[int, int], ...], tree_sitter.Node]
Declarations = dict[int, dict[str, list[Declaration]]]


def _nearest_declaration(
    function: tree_sitter.Node,
    name: str,
    use_byte: int,
    source: bytes,
    known: Declarations | None,
) -> Binding | None:
    if source.find(name.encode("utf-8"), function.start_byte, use_byte) < 0:
        # A declaration before the use would spell the name.
        return None
    if known is None:
        declarations = _declarations(function, source, name).get(name, [])
    else:
        # One walk indexes every name the function declares: a walk per name would cost the
        # function's size for each of its names.
        by_name = known.get(function.id)
        if by_name is None:
            by_name = known[function.id] = _declarations(function, source)
        declarations = by_name.get(name, [])
    best = None
    for start_byte, scopes, declaration in declarations:
        if start_byte >= use_byte:
            break
        # Visible unless a scope around it (a block, a case) ends before the use.
        if all(low <= use_byte < high for low, high in scopes):
            best = declaration
    return None if best is None else binding_in(best, name, source)


def _declared_names(declaration: tree_sitter.Node, source: bytes) -> list[str]:
    """Return the distinct names a declaration's targets spell, first spelling first."""
    if declaration.type == "short_var_declaration":
        left = declaration.child_by_field_name("left")
        targets = left.named_children if left is not None else []
    else:
        targets = declaration.children_by_field_name("name")
    return list(dict.fromkeys(text(target, source) for target in targets))


_DECLARATIONS_AND_SCOPES = tree_sitter.Query(
    language(),
    "[{}] @declaration [{}] @scope".format(
        " ".join(f"({kind})" for kind in sorted(_DECLARATIONS)),
        " ".join(f"({kind})" for kind in sorted(SCOPES)),
    ),
)


def _declarations(
    function: tree_sitter.Node, source: bytes, only: str | None = None
) -> dict[str, list[Declaration]]:
    """Return the declarations in a function by name (of only, if given), with their scopes."""
    # A query finds the declarations and scopes without a Python step per node of the function.
    captured = tree_sitter.QueryCursor(_DECLARATIONS_AND_SCOPES).captures(function)
    # Outer first where two start together; a declaration never starts where a scope around it
    # does, nor a scope where a declaration around it does.
    marks = sorted(
        [(n.start_byte, -n.end_byte, n, True) for n in captured.get("scope", ())]
        + [(n.start_byte, -n.end_byte, n, False) for n in captured.get("declaration", ())],
        key=lambda mark: (mark[0], mark[1], not mark[3]),
    )
    found: dict[str, list[Declaration]] = {}
    # The scopes around the current position, outermost first: syntax nodes nest.
    around: list[tuple[int, int]] = []
    for start_byte, _, node, is_scope in marks:
        while around and around[-1][1] <= start_byte:
            around.pop()
        if is_scope:
            if node.id != function.id:
                around.append((start_byte, node.end_byte))
            continue
        for name in _declared_names(node, source):
            if only is None or name == only:
                found.setdefault(name, []).append((start_byte, tuple(around), node))
    return found


def package_bindings(root: tree_sitter.Node, source: bytes) -> dict[str, Binding]:
    """Return the file's package-level constants and variables by name."""
    found: dict[str, Binding] = {}
    for declaration in root.named_children:
        if declaration.type not in ("var_declaration", "const_declaration"):
            continue
        specs = [c for c in declaration.named_children if c.type in ("var_spec", "const_spec")]
        for group in declaration.named_children:
            if group.type == "var_spec_list":
                specs.extend(c for c in group.named_children if c.type == "var_spec")
        for spec in specs:
            for name_node in spec.children_by_field_name("name"):
                binding = binding_in(spec, text(name_node, source), source)
                if binding is not None:
                    found.setdefault(text(name_node, source), binding)
    return found


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
        path = imports.path_of(text(package, source))
        return None if path is None else (path, text(name, source))
    if node.type == "type_identifier" and len(imports.dotted) == 1:
        return next(iter(imports.dotted)), text(node, source)
    return None


def type_of_value(node: tree_sitter.Node | None, imports: Imports, source: bytes) -> TypeRef | None:
    """Return the type of T{...}, &T{...}, new(T) or a known constructor, through parentheses."""
    while node is not None:
        if node.type == "parenthesized_expression":
            node = node.named_children[0] if node.named_children else None
        elif node.type == "unary_expression":
            operator = node.child_by_field_name("operator")
            if operator is None or operator.type != "&":
                return None
            node = node.child_by_field_name("operand")
        elif node.type == "composite_literal":
            return resolve_type(node.child_by_field_name("type"), imports, source)
        elif node.type == "call_expression":
            function = node.child_by_field_name("function")
            arguments = node.child_by_field_name("arguments")
            if function is None or arguments is None:
                return None
            if function.type == "selector_expression":
                return _constructed_type(function, imports, source)
            if text(function, source) != "new":
                return None
            args = [child for child in arguments.named_children if child.type != "comment"]
            return resolve_type(args[0], imports, source) if len(args) == 1 else None
        else:
            return None
    return None


def _constructed_type(
    function: tree_sitter.Node, imports: Imports, source: bytes
) -> TypeRef | None:
    """Return the type a known constructor returns: gin.Default() makes a *gin.Engine."""
    operand = function.child_by_field_name("operand")
    name = function.child_by_field_name("field")
    if operand is None or name is None or operand.type != "identifier":
        return None
    path = imports.path_of(text(operand, source))
    if path is None or local_binding(operand, source) is not None:
        # A local variable hides the package: gin.Default() is then a method of that value.
        return None
    type_name = CONSTRUCTORS.get((path, text(name, source)))
    return None if type_name is None else (path, type_name)


def type_of_binding(binding: Binding, imports: Imports, source: bytes) -> TypeRef | None:
    """Return the type a binding declares, from its type expression or its value."""
    if binding.type_node is not None:
        return resolve_type(binding.type_node, imports, source)
    return type_of_value(binding.value, imports, source)
