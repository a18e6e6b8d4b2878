"""Find servers started on a struct whose address field is never set: Go listens everywhere."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import tree_sitter

from gofix_bind.go.addresses import writes_field
from gofix_bind.go.layout import field_insertion
from gofix_bind.go.package import GoFile, Package, Resolved, receiver_type
from gofix_bind.go.parse import language
from gofix_bind.go.scope import resolve_type, text
from gofix_bind.go.sinks import SERVER_STARTS, ServerStart
from gofix_bind.go.values import Evaluator
from gofix_bind.model import Expression, Splice

_METHODS = " ".join(sorted({f'"{start.method}"' for start in SERVER_STARTS}))
STARTS = tree_sitter.Query(
    language(),
    "(call_expression function: (selector_expression operand: (_) @operand"
    f" field: (field_identifier) @name (#any-of? @name {_METHODS}))) @call",
)


@dataclass(frozen=True)
class ServerSite:
    """A start method called on a server built by a composite literal without the address field."""

    file: GoFile
    call: tree_sitter.Node
    # The receiver as written at the call: the variable, or the literal itself.
    operand: tree_sitter.Node
    start: ServerStart
    literal_file: GoFile
    literal: tree_sitter.Node
    splice: Splice | None


def _unwrap(node: tree_sitter.Node | None) -> tree_sitter.Node | None:
    """Strip parentheses and a leading & to reach a composite literal."""
    while node is not None:
        if node.type == "parenthesized_expression":
            inner = [c for c in node.named_children if c.type != "comment"]
            node = inner[0] if len(inner) == 1 else None
        elif node.type == "unary_expression":
            operator = node.child_by_field_name("operator")
            if operator is None or operator.type != "&":
                return None
            node = node.child_by_field_name("operand")
        else:
            return node
    return None


def _has_key(literal: tree_sitter.Node, field: str, source: bytes) -> bool:
    body = literal.child_by_field_name("body")
    if body is None:
        return True
    for element in body.named_children:
        if element.type == "literal_element":
            # A positional literal sets every field.
            return True
        key = element.child_by_field_name("key")
        if element.type == "keyed_element" and key is not None and text(key, source) == field:
            return True
    return False


def _left_alone(
    operand: tree_sitter.Node, file: GoFile, resolved: Resolved, field: str, package: Package
) -> bool:
    """Tell whether every use of the variable only reads its fields, never sets field.

    Passing the server anywhere (configure(srv), &srv) may set the field out of sight, so it
    counts as setting it: the finding would be a guess.
    """
    for _, use in package.variable_uses(resolved, text(operand, file.source)):
        parent = use.parent
        if parent is None:
            return False
        if parent.type == "selector_expression":
            if writes_field(use, field):
                return False
            continue
        if parent.type == "expression_list" and _is_assigned(parent):
            # srv = &http.Server{...}: another definition, which the walk follows.
            continue
        return False
    return True


def _is_assigned(targets: tree_sitter.Node) -> bool:
    statement = targets.parent
    if statement is None or statement.type not in ("assignment_statement", "short_var_declaration"):
        return False
    left = statement.child_by_field_name("left")
    return left is not None and left.id == targets.id


def server_sites(file: GoFile, package: Package, evaluator: Evaluator) -> Iterator[ServerSite]:
    """Yield the servers of file started without an address, one per literal that builds them."""
    for _, captures in tree_sitter.QueryCursor(STARTS).matches(file.tree.root_node):
        call = captures["call"][0]
        operand = captures["operand"][0]
        method = text(captures["name"][0], file.source)
        receiver = receiver_type(operand, file, package)
        start = next(
            (
                s
                for s in SERVER_STARTS
                if s.method == method and (s.import_path, s.type_name) == receiver
            ),
            None,
        )
        if start is None:
            continue
        for literal_file, literal in _literals(operand, file, start, package, evaluator):
            type_ref = resolve_type(
                literal.child_by_field_name("type"), literal_file.imports, literal_file.source
            )
            if type_ref != (start.import_path, start.type_name):
                continue
            if _has_key(literal, start.field, literal_file.source):
                continue
            yield ServerSite(
                file,
                call,
                operand,
                start,
                literal_file,
                literal,
                _splice(literal, literal_file, start),
            )


def _literals(
    operand: tree_sitter.Node,
    file: GoFile,
    start: ServerStart,
    package: Package,
    evaluator: Evaluator,
) -> Iterator[tuple[GoFile, tree_sitter.Node]]:
    """Yield the composite literals the receiver can hold, when nothing else sets the field."""
    node = _unwrap(operand)
    if node is None:
        return
    if node.type == "composite_literal":
        yield file, node
        return
    if node.type != "identifier":
        return
    resolved = package.resolve(node, file)
    if resolved is None or resolved.binding.is_parameter:
        return
    if not _left_alone(node, file, resolved, start.field, package):
        return
    evaluator.listener_uses.add((file.path, node.start_byte))
    for source_file, value, _ in evaluator.reaching(node, file, resolved):
        literal = _unwrap(value)
        if literal is not None and literal.type == "composite_literal":
            yield source_file, literal


def _splice(literal: tree_sitter.Node, file: GoFile, start: ServerStart) -> Splice | None:
    body = literal.child_by_field_name("body")
    insertion = field_insertion(body, file.source, start.field) if body is not None else None
    if insertion is None:
        return None
    return Splice(
        insertion.at_byte,
        insertion.at_byte,
        Expression.ADDRESS,
        prefix=insertion.prefix,
        suffix=insertion.suffix,
    )
