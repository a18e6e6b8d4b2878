"""Find listener addresses that bind every interface in a Go syntax tree; state facts only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import tree_sitter

from gofix_bind.address import NetworkKind, Wildcard, classify, network_kind, wants_ipv6
from gofix_bind.go.addresses import AddressFlow, HostKind, HostSource, qualified_name
from gofix_bind.go.imports import default_name
from gofix_bind.go.layout import argument_insertion
from gofix_bind.go.literal import quote
from gofix_bind.go.package import GoFile, Package, receiver_type
from gofix_bind.go.packets import packet_risks, struct_port
from gofix_bind.go.parse import language, matches_in
from gofix_bind.go.probes import probe_risks
from gofix_bind.go.receivers import Configured, configured
from gofix_bind.go.records import Expression, Splice, Target
from gofix_bind.go.scope import TypeRef, call_arguments, resolve_type, text, unparen
from gofix_bind.go.servers import ServerSite, address_unused, server_sites
from gofix_bind.go.sinks import (
    CALL_SINKS,
    FIELD_SINKS,
    SERVER_STARTS,
    STANDARD_LISTEN,
    STANDARD_QUALIFIERS,
    Argument,
    CallSink,
    FieldSink,
    is_standard_library,
)
from gofix_bind.go.spellings import Spelling
from gofix_bind.go.unspecified import wildcard_check
from gofix_bind.go.values import Evaluator, Origin, Value
from gofix_bind.model import Finding, Source, TraceStep
from gofix_bind.rules import BIND_ALL_INTERFACES


def _any_of(capture: str, names: set[str]) -> str:
    quoted = " ".join(f'"{name}"' for name in sorted(names))
    return f"(#any-of? @{capture} {quoted})"


# Start methods (srv.ListenAndServe()) are matched by the same query as the call sinks.
_START_METHODS = {start.method for start in SERVER_STARTS}
_CALL_NAMES = {sink.name for sink in CALL_SINKS} | _START_METHODS
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
    # The address argument; the empty argument list when a variadic sink got none.
    address_node: tree_sitter.Node
    sink: str
    network_node: tree_sitter.Node | None
    default_network: str | None
    empty_port: str | None
    call: CallSink | None = None
    missing: bool = False
    # The receiver's configuration sets the network at run time: no fix can be sure to suit it.
    network_unknown: bool = False


def _standard_package(qualifier: tree_sitter.Node, file: GoFile, package: Package) -> str | None:
    """Return the standard package a qualifier stands for when nothing in the package names it.

    Only net, http and tls, and only when no file of the package imports a package by that
    name and no declaration in scope spells it (a variable named http is not the package).
    """
    name = text(qualifier, file.source)
    path = STANDARD_QUALIFIERS.get(name)
    if (
        path is None
        or name in file.imports.names
        or STANDARD_LISTEN.encode() not in file.source
        or package.resolve(qualifier, file) is not None
    ):
        return None
    # Files are parsed here only when the qualifier may name one of their imports.
    package.ensure_matching(name, Spelling.IMPORT)
    if any(name in other.imports.names for other in package.files):
        return None
    return path


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
                    or (
                        is_standard_library(s.import_path)
                        and default_name(s.import_path) == file.package_name
                    )
                )
            )
        )
    if operand.type == "identifier" and package.resolve(operand, file) is None:
        path = file.imports.path_of(text(operand, file.source))
        if path is None:
            path = _standard_package(operand, file, package)
        if path is not None:
            return function(lambda s: s.receiver is None and s.import_path == path)
    receiver = receiver_type(operand, file, package)
    if receiver is None:
        return None
    return function(lambda s: (s.import_path, s.receiver) == receiver)


def _unwrap(
    sink: CallSink, argument: tree_sitter.Node, file: GoFile, package: Package
) -> tree_sitter.Node | None:
    """Return the address inside a wrapper call such as iris.Addr(":8080"), if it is one."""
    argument = unparen(argument)
    if argument.type == "identifier":
        # runner := iris.Addr(":8080"); app.Run(runner)
        resolved = package.resolve(argument, file)
        if resolved is None or resolved.binding.value is None or resolved.file is not file:
            return None
        argument = unparen(resolved.binding.value)
    function = argument.child_by_field_name("function")
    if argument.type != "call_expression" or function is None:
        return None
    called = qualified_name(function, file, package)
    if called is None or called[0] != sink.import_path or called[1] not in sink.wrappers:
        return None
    inner = call_arguments(argument)
    return inner[0] if inner else None


def _call_matches(file: GoFile) -> list[dict[str, list[tree_sitter.Node]]]:
    """Return the captures of every call named like a sink, qualified or not."""
    root = file.tree.root_node
    return [
        captures
        for query in (SELECTOR_CALLS, PLAIN_CALLS)
        for captures in matches_in(query, root, file.site_ranges, "sink")
    ]


def _server_starts(
    file: GoFile, matches: list[dict[str, list[tree_sitter.Node]]]
) -> Iterator[tuple[tree_sitter.Node, tree_sitter.Node, str]]:
    """Yield (call, receiver, method) for the matched calls named like a server start method."""
    for captures in matches:
        name = text(captures["name"][0], file.source)
        if "operand" in captures and name in _START_METHODS:
            yield captures["sink"][0], captures["operand"][0], name


def _call_sites(
    file: GoFile,
    package: Package,
    evaluator: Evaluator,
    matches: list[dict[str, list[tree_sitter.Node]]],
) -> Iterator[_Site]:
    for captures in matches:
        operand = captures["operand"][0] if "operand" in captures else None
        name = text(captures["name"][0], file.source)
        sink = _call_sink(name, operand, file, package)
        if sink is None:
            continue
        if operand is None and package.resolve(captures["name"][0], file) is not None:
            continue
        args_node = captures["args"][0]
        args = call_arguments(captures["sink"][0])
        network_node = None
        if sink.network_index is not None and sink.network_index < len(args):
            network_node = args[sink.network_index]
        missing = sink.address_index >= len(args)
        if missing and (sink.missing is None or args):
            continue
        address = args_node if missing else args[sink.address_index]
        if sink.wrappers and not missing:
            unwrapped = _unwrap(sink, address, file, package)
            if unwrapped is None:
                continue
            address = unwrapped
        setting = Configured(sink.default_network)
        if operand is not None:
            setting = configured(sink, operand, file, evaluator)
        if setting.address_ignored:
            continue
        yield _Site(
            file,
            captures["sink"][0],
            address,
            sink.display,
            network_node,
            setting.network,
            sink.empty_port,
            sink,
            missing,
            setting.network_unknown,
        )


def _field_sink(type_ref: TypeRef | None, field: str) -> FieldSink | None:
    if type_ref is None:
        return None
    return next(
        (s for s in FIELD_SINKS if (s.import_path, s.type_name) == type_ref and s.field == field),
        None,
    )


def _literal_type(literal: tree_sitter.Node, file: GoFile, package: Package) -> TypeRef | None:
    """Return the type a composite literal builds, a standard package's when no import names it."""
    node = literal.child_by_field_name("type")
    type_ref = resolve_type(node, file.imports, file.source)
    if type_ref is not None or node is None or node.type != "qualified_type":
        return type_ref
    qualifier = node.child_by_field_name("package")
    name = node.child_by_field_name("name")
    if qualifier is None or name is None:
        return None
    path = _standard_package(qualifier, file, package)
    return None if path is None else (path, text(name, file.source))


def _composite_sites(file: GoFile, package: Package) -> Iterator[_Site]:
    for captures in matches_in(COMPOSITES, file.tree.root_node, file.site_ranges, "sink"):
        literal = captures["sink"][0]
        type_ref = _literal_type(literal, file, package)
        for element in captures["body"][0].named_children:
            if element.type != "keyed_element":
                continue
            key = element.child_by_field_name("key")
            value = element.child_by_field_name("value")
            if key is None or value is None or not value.named_children:
                continue
            sink = _field_sink(type_ref, text(key, file.source).strip())
            if sink is not None and not address_unused(literal, file, sink, package):
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
    for captures in matches_in(FIELD_ASSIGNMENTS, file.tree.root_node, file.site_ranges, "sink"):
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
    return evaluator.spelled(site.network_node, site.file) or site.default_network


@dataclass
class _Draft:
    """A finding being assembled: one per literal or expression, gathering every listener."""

    site: _Site
    # Where the finding points: the literal, expression or composite literal at fault.
    file: GoFile
    node: tree_sitter.Node
    key: tuple[object, ...]
    wildcard: Wildcard
    target: Target | Splice | None
    address: str
    detail: str
    trace: list[TraceStep]
    # Every way the literal reaches a listener, and each listener's network.
    paths: list[tuple[Value, str | None]]
    empty_ports: set[str | None]
    unsafe_reasons: tuple[str, ...] = ()
    # Set for drafts with no string: the source the finding reports.
    source: Source | None = None
    # Go's error for an address its listeners refuse as written, when every listener does.
    refused: str = ""


def _step(site: _Site) -> TraceStep:
    node = site.sink_node
    return TraceStep(
        site.file.path, node.start_point.row + 1, node.start_point.column + 1, site.sink
    )


def _compact(node: tree_sitter.Node, file: GoFile) -> str:
    """Return an expression's source on one line, for messages and the address field."""
    return " ".join(text(node, file.source).split())


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


def _judge(
    site: _Site,
    value: Value,
    network: str | None,
    written: tuple[GoFile, tree_sitter.Node] | None = None,
    fix_network: str | None = None,
    listener: tuple[str | None, str | None] | None = None,
) -> _Draft | None:
    """Draft a finding when value binds every interface on network.

    written is where the string is when it is not the site's own argument (the address of a
    net.ResolveTCPAddr call); fix_network, when set, is the network the fix must suit.
    listener is the listener's (network, port) when the string is only part of its address.
    """
    template, _ = _layout(value)
    wildcard = classify(network, template)
    if wildcard is None:
        return None
    host = template.encode("utf-8")[wildcard.host_start_byte : wildcard.host_end_byte]
    if UNKNOWN.encode("utf-8") in host:
        return None
    located = _locate(value, wildcard)
    port: str | None = ""
    if wildcard.has_port:
        port = template.encode("utf-8")[wildcard.host_end_byte + 1 :].decode("utf-8")
    if UNKNOWN in (port or "") or (template and not wildcard.has_port):
        port = None
    address = "".join(p.text if p.text is not None else "{" + p.label + "}" for p in value.pieces)
    shown = quote(address).decode("utf-8")
    detail = wildcard.reason if address == "" else f"{wildcard.reason} in {shown}"
    if value.definition:
        detail += f" ({value.definition})"
    if located is None:
        file, node = written or (site.file, site.address_node)
        target = None
        key: tuple[object, ...] = (file.path, node.start_byte, address)
    else:
        origin, target = located
        file, node = origin.file, origin.node
        key = (file.path, node.start_byte, target.host_start_byte, target.host_end_byte)
    return _Draft(
        site,
        file,
        node,
        key,
        wildcard,
        target,
        address,
        detail,
        [_step(site)],
        [(value, fix_network or network)],
        {site.empty_port},
        _risks(site, *(listener or (network, port))),
        refused=wildcard.refused,
    )


def _risks(site: _Site, network: str | None, port: str | None) -> tuple[str, ...]:
    """Return why loopback would break this listener: packets, probes, wildcard checks."""
    risks = packet_risks(site.sink, network, port, site.file, site.sink_node)
    risks += probe_risks(site.sink, site.sink_node, site.file.source, site.file.path)
    checked = wildcard_check(site.sink_node, site.address_node, site.file.source)
    return risks if checked is None else (*risks, checked)


def _fix_network(parsed: str | None, listener: str | None) -> str | None:
    """Return the network a fix must suit: the string's kind, the listener's IP family.

    ResolveTCPAddr("tcp", ":80") handed to ListenTCP("tcp6", ...) must become "[::1]:80".
    """
    suffix = listener[-1] if listener and listener[-1] in "46" else ""
    if parsed is None or not suffix:
        return parsed
    return parsed.split(":", 1)[0].rstrip("46") + suffix


def _host_draft(site: _Site, source: HostSource, network: str | None) -> _Draft:
    """Make the draft for an address struct whose host no string decides."""
    value = Value((), globals=source.globals, fallback=source.fallback)
    wildcard = Wildcard(0, 0, source.family, False, source.reason)
    return _Draft(
        site,
        source.file,
        source.node,
        (source.file.path, source.node.start_byte, source.kind),
        wildcard,
        source.splice,
        _compact(source.node, source.file),
        source.reason,
        [_step(site)],
        [(value, network)],
        {site.empty_port},
        _risks(site, network, struct_port(source.node, source.file)),
        Source.EXPRESSION,
    )


def _missing_draft(site: _Site) -> _Draft:
    """Make the draft for a variadic sink called with no address (gin's r.Run())."""
    assert site.call is not None and site.call.missing is not None
    missing = site.call.missing
    insertion = argument_insertion(site.address_node, site.file.source)
    splice = None
    if insertion is not None:
        splice = Splice(insertion.at_byte, insertion.at_byte, Expression.ADDRESS)
    reason = f"no address, so it listens on {missing.shown}"
    return _Draft(
        site,
        site.file,
        site.sink_node,
        (site.file.path, site.sink_node.start_byte, "missing"),
        Wildcard(0, 0, None, True, reason),
        splice,
        "",
        reason,
        [_step(site)],
        [(Value(()), site.default_network)],
        {missing.port},
        (missing.unsafe_reason,) if missing.unsafe_reason else (),
        Source.NO_ADDRESS,
    )


def _server_draft(server: ServerSite) -> _Draft:
    """Make the draft for a server literal without an address, started by a listening method."""
    start = server.start
    site = _Site(
        server.file,
        server.call,
        server.operand,
        start.display,
        None,
        "tcp",
        start.default_port,
    )
    type_name = _compact(
        server.literal.child_by_field_name("type") or server.literal, server.literal_file
    )
    reason = f"{type_name} has no {start.field}, so it listens on port {start.default_port}"
    literal = server.literal
    return _Draft(
        site,
        server.literal_file,
        literal,
        (server.literal_file.path, literal.start_byte, "server"),
        Wildcard(0, 0, None, True, reason),
        server.splice,
        "",
        reason,
        [_step(site)],
        [(Value(()), "tcp")],
        {start.default_port},
        source=Source.NO_ADDRESS,
    )


def _is_indirect(draft: _Draft) -> bool:
    if draft.site.missing:
        return False
    address = draft.site.address_node
    return draft.file is not draft.site.file or not (
        address.start_byte <= draft.node.start_byte < address.end_byte
    )


def _default_reasons(defaults: set[tuple[str, str]]) -> list[str]:
    """Say which flag defaults and configuration fields a fix would change."""
    reasons = [
        f"it changes the default of flag {name} for every user of the program"
        for kind, name in sorted(defaults)
        if kind == "flag"
    ]
    fields = sorted(name for kind, name in defaults if kind == "field")
    if len(fields) == 1:
        reasons.append(f"it changes {fields[0]}, a configuration field other code may read")
    elif fields:
        reasons.append(
            f"it changes the configuration fields {', '.join(fields)}, which other code may read"
        )
    return reasons


def _source(draft: _Draft, defaults: set[tuple[str, str]]) -> Source:
    kinds = {kind for kind, _ in defaults}
    if draft.source is not None:
        return draft.source
    if "flag" in kinds:
        return Source.FLAG
    if "field" in kinds:
        return Source.CONFIG
    return Source.VALUE if _is_indirect(draft) else Source.LITERAL


def _message(sink: str, detail: str, refused: str) -> str:
    if refused:
        # "0.0.0.0" with no port: nothing listens yet, but a port is all it takes.
        return (
            f"{sink} would listen on every network interface: {detail}, but Go refuses"
            f" the address as written ({refused})"
        )
    return f"{sink} listens on every network interface: {detail}"


def _finding(draft: _Draft, shared: tuple[str, ...], package: Package) -> Finding:
    node = draft.node
    wildcard = draft.wildcard
    detail = draft.detail
    trace = tuple(sorted(draft.trace, key=lambda s: (s.path, s.line, s.column)))
    sink = trace[0].sink
    target = draft.target
    if len({wants_ipv6(network, wildcard.family) for _, network in draft.paths}) > 1:
        # One literal cannot be right for both: loopback differs between IPv4 and IPv6.
        target = None
        detail += "; no fix: it reaches both IPv4-only and IPv6-only listeners"
    if draft.site.network_unknown and target is not None:
        target = None
        detail += "; no fix: the server's network is configured at run time"
    defaults: set[tuple[str, str]] = set().union(*(value.defaults for value, _ in draft.paths))
    if len(draft.empty_ports) > 1 and isinstance(target, Splice):
        target = None
        detail += "; no fix: its listeners default to different ports"
    return Finding(
        rule=BIND_ALL_INTERFACES.id,
        path=draft.file.path,
        line=node.start_point.row + 1,
        column=node.start_point.column + 1,
        end_line=node.end_point.row + 1,
        end_column=node.end_point.column + 1,
        start_byte=node.start_byte,
        end_byte=node.end_byte,
        sink=sink,
        address=draft.address,
        message=_message(sink, detail, draft.refused),
        trace=trace,
        network=draft.paths[0][1],
        empty_port=min(draft.empty_ports, key=lambda port: port or ""),
        family=wildcard.family,
        has_port=wildcard.has_port,
        target=target,
        indirect=_is_indirect(draft),
        shared_names=shared,
        library_fallback=package.name != "main" and any(v.fallback for v, _ in draft.paths),
        unsafe_reasons=(
            *draft.unsafe_reasons,
            *_default_reasons(defaults),
        ),
        source=_source(draft, defaults),
    )


def _site_drafts(site: _Site, evaluator: Evaluator, flow: AddressFlow) -> Iterator[_Draft]:
    """Yield a draft for each way the site's address binds every interface."""
    network = _network(site, evaluator)
    if site.missing:
        yield _missing_draft(site)
        return
    call = site.call
    if call is None or call.argument is Argument.STRING:
        for value in evaluator.evaluate(site.address_node, site.file):
            draft = _judge(site, value, network)
            if draft is not None:
                yield draft
        return
    for source in flow.sources(site.address_node, site.file, network, call.struct_type):
        if source.kind is not HostKind.TEXT:
            yield _host_draft(site, source, network)
            continue
        # The struct comes from a string (net.ResolveTCPAddr): judge it as the string it is.
        written = (source.file, source.node)
        fix_network = _fix_network(source.network, network)
        listener = None
        if network_kind(source.network) is NetworkKind.IP:
            # A bare host (net.ParseIP): the port is the struct's.
            parse_call = source.node.parent.parent if source.node.parent else None
            listener = (network, struct_port(parse_call or source.node, source.file))
        for value in evaluator.evaluate(source.node, source.file):
            value = replace(
                value,
                globals=value.globals | source.globals,
                fallback=value.fallback or source.fallback,
            )
            draft = _judge(site, value, source.network, written, fix_network, listener)
            if draft is not None:
                yield draft


def detect(package: Package) -> list[Finding]:
    """Return the package's all-interfaces listener addresses, one per literal, sorted."""
    evaluator = Evaluator(package)
    flow = AddressFlow(evaluator)
    drafts: dict[tuple[object, ...], _Draft] = {}
    # Each draft's listeners as a set: a list search per listener would cost the square of the
    # listeners that share one constant.
    traced: dict[tuple[object, ...], set[TraceStep]] = {}
    for file in package.site_files:
        matches = _call_matches(file)
        sites = [
            *_call_sites(file, package, evaluator, matches),
            *_composite_sites(file, package),
            *_assignment_sites(file, package),
        ]
        found = [draft for site in sites for draft in _site_drafts(site, evaluator, flow)]
        starts = _server_starts(file, matches)
        found.extend(_server_draft(s) for s in server_sites(file, package, evaluator, starts))
        for draft in found:
            known = drafts.get(draft.key)
            if known is None:
                drafts[draft.key] = draft
                traced[draft.key] = set(draft.trace)
                continue
            known.paths.extend(draft.paths)
            known.unsafe_reasons = tuple(dict.fromkeys(known.unsafe_reasons + draft.unsafe_reasons))
            known.empty_ports |= draft.empty_ports
            if known.refused != draft.refused:
                # One of its listeners takes the address as it is.
                known.refused = ""
            seen = traced[draft.key]
            if draft.trace[0] not in seen:
                seen.add(draft.trace[0])
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
                    for file, node in (
                        package.calls(name[:-2]) if name.endswith("()") else package.uses(name)
                    )
                )
            )
        )
        findings.append(_finding(draft, shared, package))
    return sorted(findings, key=lambda f: (f.path, f.line, f.column, f.start_byte))
