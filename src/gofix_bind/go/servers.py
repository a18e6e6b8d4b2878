"""Find servers started on a struct whose address field is never set: Go listens everywhere."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import tree_sitter

from gofix_bind.go.addresses import writes_field
from gofix_bind.go.layout import field_insertion
from gofix_bind.go.package import GoFile, Package, Resolved, receiver_type
from gofix_bind.go.records import Expression, Splice
from gofix_bind.go.scope import resolve_type, strip_address_of, text
from gofix_bind.go.sinks import SERVER_STARTS, ServerStart
from gofix_bind.go.values import Evaluator


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


def server_sites(
    file: GoFile,
    package: Package,
    evaluator: Evaluator,
    calls: Iterable[tuple[tree_sitter.Node, tree_sitter.Node, str]],
) -> Iterator[ServerSite]:
    """Yield the servers started without an address, one per literal that builds them.

    calls are the file's method calls named as a start method: (call, receiver, method name).
    """
    for call, operand, method in calls:
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
    node = strip_address_of(operand)
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
        literal = strip_address_of(value)
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
