"""Find servers started on a struct whose address field is never set: Go listens everywhere."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import tree_sitter

from gofix_bind.go.addresses import writes_field
from gofix_bind.go.layout import field_insertion
from gofix_bind.go.package import GoFile, Package, Resolved, receiver_type
from gofix_bind.go.records import Expression, Splice
from gofix_bind.go.scope import (
    FUNCTIONS,
    TypeRef,
    ancestors,
    binding_in,
    resolve_type,
    strip_address_of,
    text,
)
from gofix_bind.go.sinks import SERVER_STARTS, FieldSink, ServerStart
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


def _holder(node: tree_sitter.Node) -> tuple[tree_sitter.Node, tree_sitter.Node | None]:
    """Climb from a value through parentheses and & to the node that holds it."""
    parent = node.parent
    while parent is not None and (
        parent.type == "parenthesized_expression" or _is_address_of(parent)
    ):
        node, parent = parent, parent.parent
    return node, parent


def _is_address_of(node: tree_sitter.Node) -> bool:
    operator = node.child_by_field_name("operator")
    return node.type == "unary_expression" and operator is not None and operator.type == "&"


def _assigned_to(
    node: tree_sitter.Node, values: tree_sitter.Node
) -> tuple[tree_sitter.Node, tree_sitter.Node] | None:
    """Return the name a value in an assignment or declaration is given, and the statement."""
    statement = values.parent
    if statement is None:
        return None
    if statement.type in ("assignment_statement", "short_var_declaration"):
        right = statement.child_by_field_name("right")
        left = statement.child_by_field_name("left")
        if right is None or left is None or right.id != values.id:
            return None
        targets = left.named_children
    elif statement.type == "var_spec":
        targets = statement.children_by_field_name("name")
    else:
        return None
    items = [v for v in values.named_children if v.type != "comment"]
    index = next((i for i, v in enumerate(items) if v.id == node.id), None)
    if index is None or len(targets) != len(items):
        return None
    target = targets[index]
    return (target, statement) if target.type == "identifier" else None


def _harmless_selector(selector: tree_sitter.Node, used: frozenset[str], source: bytes) -> bool:
    """Tell whether server.X neither reads the address field nor starts a listener on it."""
    field = selector.child_by_field_name("field")
    return field is not None and text(field, source) not in used


def address_unused(
    literal: tree_sitter.Node, file: GoFile, sink: FieldSink, package: Package
) -> bool:
    """Tell whether a server literal's address field can never reach a listener.

    So it is when the server is thrown away (_ = &http.Server{...}), or only ever served on a
    listener of its own (srv.Serve(ln), srv.ServeTLS(ln, c, k)), which Go does without reading
    Addr. Any other use (a start method, a read of Addr, passing or storing the server, an
    exported variable other packages may start) keeps it a finding.
    """
    server: TypeRef = (sink.import_path, sink.type_name)
    used = frozenset(
        {sink.field} | {s.method for s in SERVER_STARTS if (s.import_path, s.type_name) == server}
    )
    node, holder = _holder(literal)
    if holder is None:
        return False
    if holder.type == "selector_expression":
        # (&http.Server{...}).Serve(ln)
        return _harmless_selector(holder, used, file.source)
    if holder.type != "expression_list":
        return False
    assigned = _assigned_to(node, holder)
    if assigned is None:
        return False
    target, statement = assigned
    name = text(target, file.source)
    if name == "_":
        return True
    resolved = _variable(target, statement, file, package)
    if resolved is None or resolved.binding.is_parameter:
        return False
    if resolved.package_level and name[:1].isupper():
        return False
    for use_file, use in package.variable_uses(resolved, name):
        parent = use.parent
        if parent is None:
            return False
        if parent.type == "selector_expression":
            if not _harmless_selector(parent, used, use_file.source):
                return False
            continue
        if parent.type == "expression_list" and _is_assigned(parent):
            # srv = &http.Server{...}: another server, judged at its own literal.
            continue
        return False
    return True


def _variable(
    target: tree_sitter.Node, statement: tree_sitter.Node, file: GoFile, package: Package
) -> Resolved | None:
    """Return the variable an assignment sets, or the one a declaration declares."""
    if statement.type == "assignment_statement":
        return package.resolve(target, file)
    if statement.type == "var_spec" and not any(
        a.type in FUNCTIONS for a in ancestors(statement, file.tree.root_node)
    ):
        found = package.declarations(text(target, file.source))
        return next((r for r in found if r.binding.name_node.id == target.id), None)
    binding = binding_in(statement, text(target, file.source), file.source)
    return None if binding is None else Resolved(file, binding, package_level=False)
