"""Find listener addresses that bind every interface in a Go syntax tree; state facts only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import tree_sitter

from gofix_bind.address import Wildcard, classify, wants_ipv6
from gofix_bind.go.literal import quote
from gofix_bind.go.package import GoFile, Package
from gofix_bind.go.parse import language
from gofix_bind.go.scope import TypeRef, resolve_type, text, type_of_value
from gofix_bind.go.sinks import CALL_SINKS, FIELD_SINKS, CallSink, FieldSink, package_name
from gofix_bind.go.values import Evaluator, Origin, Value
from gofix_bind.model import RULE_ID, Finding, Target, TraceStep


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


# Stands for an unknown part (a port read at run time) while an address is classified.
UNKNOWN = "\ue000"


@dataclass(frozen=True)
class _Site:
    """An address expression found at a sink, before it is evaluated."""

    file: GoFile
    sink_node: tree_sitter.Node
    address_node: tree_sitter.Node
    sink: str
    network_node: tree_sitter.Node | None
    default_network: str | None
    empty_port: str | None


def _unparen(node: tree_sitter.Node | None) -> tree_sitter.Node | None:
    while node is not None and node.type == "parenthesized_expression":
        inner = [child for child in node.named_children if child.type != "comment"]
        node = inner[0] if len(inner) == 1 else None
    return node


def _arguments(args: tree_sitter.Node) -> list[tree_sitter.Node]:
    return [child for child in args.named_children if child.type != "comment"]


def _receiver_type(operand: tree_sitter.Node, file: GoFile, package: Package) -> TypeRef | None:
    operand = _unparen(operand) or operand
    operator = operand.child_by_field_name("operator")
    if operand.type == "unary_expression" and operator is not None and operator.type == "*":
        # (*lc).Listen: the pointer's element type has the same methods.
        operand = _unparen(operand.child_by_field_name("operand")) or operand
    if operand.type == "identifier":
        return package.type_of(operand, file)
    return type_of_value(operand, file.imports, file.source)


def _call_sink(
    name: str, operand: tree_sitter.Node | None, file: GoFile, package: Package
) -> CallSink | None:
    def function(matches: Callable[[CallSink], bool]) -> CallSink | None:
        return next((s for s in CALL_SINKS if s.name == name and matches(s)), None)

    if operand is None:
        # Dot imports, and unqualified calls inside the sink's own package (net's own files).
        return function(
            lambda s: (
                s.receiver is None
                and (
                    s.import_path in file.imports.dotted
                    or package_name(s.import_path) == file.package_name
                )
            )
        )
    if operand.type == "identifier" and package.resolve(operand, file) is None:
        path = file.imports.path_of(text(operand, file.source))
        if path is not None:
            return function(lambda s: s.receiver is None and s.import_path == path)
    receiver = _receiver_type(operand, file, package)
    if receiver is None:
        return None
    return function(lambda s: (s.import_path, s.receiver) == receiver)


def _call_sites(file: GoFile, package: Package) -> Iterator[_Site]:
    root = file.tree.root_node
    for query in (SELECTOR_CALLS, PLAIN_CALLS):
        for _, captures in tree_sitter.QueryCursor(query).matches(root):
            operand = captures["operand"][0] if "operand" in captures else None
            name = text(captures["name"][0], file.source)
            sink = _call_sink(name, operand, file, package)
            if sink is None:
                continue
            if operand is None and package.resolve(captures["name"][0], file) is not None:
                continue
            args = _arguments(captures["args"][0])
            if sink.address_index >= len(args):
                continue
            network_node = None
            if sink.network_index is not None and sink.network_index < len(args):
                network_node = args[sink.network_index]
            yield _Site(
                file,
                captures["sink"][0],
                args[sink.address_index],
                sink.display,
                network_node,
                sink.default_network,
                sink.empty_port,
            )


def _field_sink(type_ref: TypeRef | None, field: str) -> FieldSink | None:
    if type_ref is None:
        return None
    return next(
        (s for s in FIELD_SINKS if (s.import_path, s.type_name) == type_ref and s.field == field),
        None,
    )


def _composite_sites(file: GoFile) -> Iterator[_Site]:
    for _, captures in tree_sitter.QueryCursor(COMPOSITES).matches(file.tree.root_node):
        literal = captures["sink"][0]
        type_ref = resolve_type(literal.child_by_field_name("type"), file.imports, file.source)
        for element in captures["body"][0].named_children:
            if element.type != "keyed_element":
                continue
            key = element.child_by_field_name("key")
            value = element.child_by_field_name("value")
            if key is None or value is None or not value.named_children:
                continue
            sink = _field_sink(type_ref, text(key, file.source).strip())
            if sink is not None:
                yield _Site(
                    file,
                    literal,
                    value.named_children[0],
                    sink.display,
                    None,
                    sink.default_network,
                    sink.empty_port,
                )


def _assignment_sites(file: GoFile, package: Package) -> Iterator[_Site]:
    for _, captures in tree_sitter.QueryCursor(FIELD_ASSIGNMENTS).matches(file.tree.root_node):
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
            sink = _field_sink(package.type_of(operand, file), text(field, file.source))
            if sink is not None:
                yield _Site(
                    file,
                    statement,
                    value,
                    sink.display,
                    None,
                    sink.default_network,
                    sink.empty_port,
                )


def _network(site: _Site, evaluator: Evaluator) -> str | None:
    if site.network_node is None:
        return site.default_network
    values = evaluator.evaluate(site.network_node, site.file)
    spelled = {"".join(p.text or "" for p in v.pieces) for v in values if v.known}
    if len(spelled) == 1 and all(v.known for v in values):
        return spelled.pop()
    return site.default_network


@dataclass
class _Draft:
    """A finding being assembled: one per literal, gathering every listener it reaches."""

    site: _Site
    wildcard: Wildcard
    origin: Origin | None
    target: Target | None
    address: str
    trace: list[TraceStep]
    # Every way the literal reaches a listener, and each listener's network.
    paths: list[tuple[Value, str | None]]


def _layout(value: Value) -> tuple[str, list[int]]:
    """Return the address with unknown parts marked, and each piece's start byte in it."""
    starts = []
    position = 0
    parts = []
    for piece in value.pieces:
        starts.append(position)
        part = piece.text if piece.text is not None else UNKNOWN
        parts.append(part)
        position += len(part.encode("utf-8"))
    return "".join(parts), starts


def _locate(value: Value, wildcard: Wildcard) -> tuple[Origin, Target] | None:
    """Find the single literal that spells the host, and the host's span inside it."""
    _, starts = _layout(value)
    pieces = value.pieces
    ends = [
        start + len((p.text or UNKNOWN).encode("utf-8"))
        for start, p in zip(starts, pieces, strict=True)
    ]
    host_start, host_end = wildcard.host_start_byte, wildcard.host_end_byte
    brackets_added = False
    covering = [i for i in range(len(pieces)) if starts[i] < host_end and host_start < ends[i]]
    if (
        len(covering) >= 3
        and pieces[covering[0]].bracket
        and pieces[covering[-1]].bracket
        and starts[covering[0]] == host_start
        and ends[covering[-1]] == host_end
    ):
        host_start, host_end = host_start + 1, host_end - 1
        brackets_added = True
    for index, piece in enumerate(pieces):
        origin = piece.origin
        if origin is None or piece.bracket:
            continue
        if starts[index] <= host_start and host_end <= ends[index]:
            offset = origin.offset_byte - starts[index]
            target = Target(origin.literal, host_start + offset, host_end + offset, brackets_added)
            return origin, target
    return None


def _judge(site: _Site, value: Value, network: str | None) -> _Draft | None:
    template, _ = _layout(value)
    wildcard = classify(network, template)
    if wildcard is None:
        return None
    host = template.encode("utf-8")[wildcard.host_start_byte : wildcard.host_end_byte]
    if UNKNOWN.encode("utf-8") in host:
        return None
    located = _locate(value, wildcard)
    origin, target = located if located is not None else (None, None)
    address = "".join(p.text if p.text is not None else "{" + p.label + "}" for p in value.pieces)
    node = site.sink_node
    step = TraceStep(
        site.file.path, node.start_point.row + 1, node.start_point.column + 1, site.sink
    )
    return _Draft(site, wildcard, origin, target, address, [step], [(value, network)])


def _is_indirect(draft: _Draft) -> bool:
    origin = draft.origin
    if origin is None:
        return False
    address = draft.site.address_node
    return origin.file is not draft.site.file or not (
        address.start_byte <= origin.node.start_byte < address.end_byte
    )


def _finding(draft: _Draft, shared: tuple[str, ...], package: Package) -> Finding:
    origin = draft.origin
    node = origin.node if origin is not None else draft.site.address_node
    path = origin.file.path if origin is not None else draft.site.file.path
    wildcard = draft.wildcard
    shown = quote(draft.address).decode("utf-8")
    detail = wildcard.reason if draft.address == "" else f"{wildcard.reason} in {shown}"
    first_value, first_network = draft.paths[0]
    if first_value.definition:
        detail += f" ({first_value.definition})"
    trace = tuple(sorted(draft.trace, key=lambda s: (s.path, s.line, s.column)))
    sink = trace[0].sink
    target = draft.target
    if len({wants_ipv6(network, wildcard.family) for _, network in draft.paths}) > 1:
        # One literal cannot be right for both: loopback differs between IPv4 and IPv6.
        target = None
        detail += "; no fix: it reaches both IPv4-only and IPv6-only listeners"
    return Finding(
        rule=RULE_ID,
        path=path,
        line=node.start_point.row + 1,
        column=node.start_point.column + 1,
        end_line=node.end_point.row + 1,
        end_column=node.end_point.column + 1,
        start_byte=node.start_byte,
        end_byte=node.end_byte,
        sink=sink,
        address=draft.address,
        message=f"{sink} listens on every network interface: {detail}",
        trace=trace,
        network=first_network,
        empty_port=draft.site.empty_port,
        family=wildcard.family,
        has_port=wildcard.has_port,
        target=target,
        indirect=_is_indirect(draft),
        shared_names=shared,
        library_fallback=package.name != "main" and any(v.fallback for v, _ in draft.paths),
    )


def detect(package: Package) -> list[Finding]:
    """Return the package's all-interfaces listener addresses, one per literal, sorted."""
    evaluator = Evaluator(package)
    drafts: dict[tuple[object, ...], _Draft] = {}
    for file in package.files:
        sites = [
            *_call_sites(file, package),
            *_composite_sites(file),
            *_assignment_sites(file, package),
        ]
        for site in sites:
            network = _network(site, evaluator)
            for value in evaluator.evaluate(site.address_node, file):
                draft = _judge(site, value, network)
                if draft is None:
                    continue
                if draft.origin is not None and draft.target is not None:
                    target = draft.target
                    key: tuple[object, ...] = (
                        draft.origin.file.path,
                        target.literal.start_byte,
                        target.host_start_byte,
                        target.host_end_byte,
                    )
                else:
                    key = (file.path, site.address_node.start_byte, draft.address)
                known = drafts.get(key)
                if known is None:
                    drafts[key] = draft
                    continue
                known.paths.extend(draft.paths)
                if draft.trace[0] not in known.trace:
                    known.trace.append(draft.trace[0])
    findings = []
    for draft in drafts.values():
        names = set().union(*(value.globals for value, _ in draft.paths))
        shared = tuple(
            sorted(
                name
                for name in names
                if any(
                    (file.path, node.start_byte) not in evaluator.listener_uses
                    for file, node in package.uses(name)
                )
            )
        )
        findings.append(_finding(draft, shared, package))
    return sorted(findings, key=lambda f: (f.path, f.line, f.column, f.start_byte))
