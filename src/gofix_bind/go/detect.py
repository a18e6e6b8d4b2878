"""Find listener addresses that bind every interface in a Go syntax tree; state facts only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import tree_sitter

from gofix_bind.address import classify
from gofix_bind.go.imports import Imports, read_imports
from gofix_bind.go.literal import decode, quote
from gofix_bind.go.parse import language
from gofix_bind.go.scope import TypeRef, is_declared, local_type, resolve_type, type_of_value
from gofix_bind.go.sinks import CALL_SINKS, FIELD_SINKS, CallSink, FieldSink
from gofix_bind.model import RULE_ID, Finding, GoString


def _any_of(capture: str, names: set[str]) -> str:
    quoted = " ".join(f'"{name}"' for name in sorted(names))
    return f"(#any-of? @{capture} {quoted})"


_CALL_NAMES = {sink.name for sink in CALL_SINKS}
_FIELD_TYPES = {sink.type_name for sink in FIELD_SINKS}
_FIELDS = {sink.field for sink in FIELD_SINKS}

SELECTOR_CALLS = tree_sitter.Query(
    language(),
    "(call_expression function: (selector_expression operand: (_) @operand"
    f" field: (field_identifier) @name {_any_of('name', _CALL_NAMES)})"
    " arguments: (argument_list) @args) @sink",
)
PLAIN_CALLS = tree_sitter.Query(
    language(),
    f"(call_expression function: (identifier) @name {_any_of('name', _CALL_NAMES)}"
    " arguments: (argument_list) @args) @sink",
)
COMPOSITES = tree_sitter.Query(
    language(),
    "(composite_literal type: [(qualified_type name: (type_identifier) @name) (type_identifier)"
    f" @name] {_any_of('name', _FIELD_TYPES)} body: (literal_value) @body) @sink",
)
FIELD_ASSIGNMENTS = tree_sitter.Query(
    language(),
    "(assignment_statement left: (expression_list (selector_expression"
    f" field: (field_identifier) @name {_any_of('name', _FIELDS)}))) @sink",
)


@dataclass(frozen=True)
class _Site:
    """An address expression found at a sink, before it is judged."""

    sink_node: tree_sitter.Node
    address_node: tree_sitter.Node
    sink: str
    network: str | None
    empty_port: str | None


def _text(node: tree_sitter.Node, source: bytes) -> str:
    return source[node.start_byte : node.end_byte].decode("utf-8", "replace")


def _unparen(node: tree_sitter.Node | None) -> tree_sitter.Node | None:
    while node is not None and node.type == "parenthesized_expression":
        inner = [child for child in node.named_children if child.type != "comment"]
        node = inner[0] if len(inner) == 1 else None
    return node


def _arguments(args: tree_sitter.Node) -> list[tree_sitter.Node]:
    return [child for child in args.named_children if child.type != "comment"]


def _string_literal(node: tree_sitter.Node | None, source: bytes) -> GoString | None:
    node = _unparen(node)
    if node is None or node.type not in ("interpreted_string_literal", "raw_string_literal"):
        return None
    return decode(source, node.start_byte, node.end_byte)


def _receiver_type(operand: tree_sitter.Node, imports: Imports, source: bytes) -> TypeRef | None:
    operand = _unparen(operand) or operand
    operator = operand.child_by_field_name("operator")
    if operand.type == "unary_expression" and operator is not None and operator.type == "*":
        # (*lc).Listen: the pointer's element type has the same methods.
        operand = _unparen(operand.child_by_field_name("operand")) or operand
    if operand.type == "identifier":
        return local_type(operand, imports, source)
    return type_of_value(operand, imports, source)


def _call_sink(
    name: str, operand: tree_sitter.Node | None, imports: Imports, source: bytes
) -> CallSink | None:
    if operand is None:
        return next(
            (
                s
                for s in CALL_SINKS
                if s.name == name and s.receiver is None and s.import_path in imports.dotted
            ),
            None,
        )
    if operand.type == "identifier" and not is_declared(operand, imports, source):
        path = imports.path_of(_text(operand, source))
        if path is not None:
            return next(
                (
                    s
                    for s in CALL_SINKS
                    if s.name == name and s.receiver is None and s.import_path == path
                ),
                None,
            )
    receiver = _receiver_type(operand, imports, source)
    if receiver is None:
        return None
    return next(
        (s for s in CALL_SINKS if s.name == name and (s.import_path, s.receiver) == receiver),
        None,
    )


def _call_sites(root: tree_sitter.Node, imports: Imports, source: bytes) -> Iterator[_Site]:
    for query in (SELECTOR_CALLS, PLAIN_CALLS):
        for _, captures in tree_sitter.QueryCursor(query).matches(root):
            operand = captures["operand"][0] if "operand" in captures else None
            sink = _call_sink(_text(captures["name"][0], source), operand, imports, source)
            if sink is None:
                continue
            args = _arguments(captures["args"][0])
            if sink.address_index >= len(args):
                continue
            network = sink.default_network
            if sink.network_index is not None and sink.network_index < len(args):
                network_literal = _string_literal(args[sink.network_index], source)
                if network_literal is not None:
                    network = network_literal.value
            yield _Site(
                captures["sink"][0],
                args[sink.address_index],
                sink.display,
                network,
                sink.empty_port,
            )


def _field_sink(type_ref: TypeRef | None, field: str) -> FieldSink | None:
    if type_ref is None:
        return None
    return next(
        (s for s in FIELD_SINKS if (s.import_path, s.type_name) == type_ref and s.field == field),
        None,
    )


def _composite_sites(root: tree_sitter.Node, imports: Imports, source: bytes) -> Iterator[_Site]:
    for _, captures in tree_sitter.QueryCursor(COMPOSITES).matches(root):
        literal = captures["sink"][0]
        type_ref = resolve_type(literal.child_by_field_name("type"), imports, source)
        for element in captures["body"][0].named_children:
            if element.type != "keyed_element":
                continue
            key = element.child_by_field_name("key")
            value = element.child_by_field_name("value")
            if key is None or value is None or not value.named_children:
                continue
            sink = _field_sink(type_ref, _text(key, source).strip())
            if sink is not None:
                yield _Site(
                    literal,
                    value.named_children[0],
                    sink.display,
                    sink.default_network,
                    sink.empty_port,
                )


def _assignment_sites(root: tree_sitter.Node, imports: Imports, source: bytes) -> Iterator[_Site]:
    for _, captures in tree_sitter.QueryCursor(FIELD_ASSIGNMENTS).matches(root):
        statement = captures["sink"][0]
        operator = statement.child_by_field_name("operator")
        left = statement.child_by_field_name("left")
        right = statement.child_by_field_name("right")
        if operator is None or operator.type != "=" or left is None or right is None:
            continue
        targets, values = left.named_children, right.named_children
        if len(targets) != len(values):
            continue
        for target, value in zip(targets, values, strict=True):
            if target.type != "selector_expression":
                continue
            operand = target.child_by_field_name("operand")
            field = target.child_by_field_name("field")
            if operand is None or field is None or operand.type != "identifier":
                continue
            sink = _field_sink(local_type(operand, imports, source), _text(field, source))
            if sink is not None:
                yield _Site(statement, value, sink.display, sink.default_network, sink.empty_port)


def _finding(path: str, site: _Site, source: bytes) -> Finding | None:
    literal = _string_literal(site.address_node, source)
    if literal is None:
        return None
    wildcard = classify(site.network, literal.value)
    if wildcard is None:
        return None
    node = site.address_node
    shown = quote(literal.value).decode("utf-8")
    detail = wildcard.reason if literal.value == "" else f"{wildcard.reason} in {shown}"
    return Finding(
        rule=RULE_ID,
        path=path,
        line=node.start_point.row + 1,
        column=node.start_point.column + 1,
        end_line=node.end_point.row + 1,
        end_column=node.end_point.column + 1,
        start_byte=node.start_byte,
        end_byte=node.end_byte,
        sink=site.sink,
        sink_line=site.sink_node.start_point.row + 1,
        address=literal.value,
        network=site.network,
        empty_port=site.empty_port,
        literal=literal,
        message=f"{site.sink} listens on every network interface: {detail}",
    )


def detect(path: str, source: bytes, tree: tree_sitter.Tree) -> list[Finding]:
    """Return the file's all-interfaces listener addresses, sorted by position."""
    root = tree.root_node
    imports = read_imports(root, source)
    sites = [
        *_call_sites(root, imports, source),
        *_composite_sites(root, imports, source),
        *_assignment_sites(root, imports, source),
    ]
    findings = [f for f in (_finding(path, site, source) for site in sites) if f is not None]
    return sorted(findings, key=lambda f: (f.line, f.column, f.start_byte))
