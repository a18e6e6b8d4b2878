"""Follow a listener's *net.TCPAddr (or net.IP, netip.Addr) back to what decides its host.

Unlike a string address, an address struct can bind every interface without any literal: a nil
pointer, a struct with no IP, net.IPv4zero. Each way the host can be decided is a HostSource:
either a string the listener resolves (handed back to the string evaluator), or an expression
that leaves the host unspecified, with the splice a fix would make there.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, replace

import tree_sitter

from gofix_bind.go.imports import default_name
from gofix_bind.go.layout import field_insertion
from gofix_bind.go.package import GoFile, Package, Resolved
from gofix_bind.go.records import Expression, Splice
from gofix_bind.go.scope import call_arguments, resolve_type, text, unparen
from gofix_bind.go.values import MAX_ALTERNATIVES, MAX_DEPTH, Evaluator, dominates

NET = "net"
NETIP = "net/netip"
ADDRESS_STRUCTS = frozenset({"TCPAddr", "UDPAddr", "IPAddr"})

# net's package-level IP values that mean "every interface", by IP family.
_UNSPECIFIED_IPS = {"IPv4zero": 4, "IPv6zero": 6, "IPv6unspecified": 6}
_UNSPECIFIED_NETIP = {"IPv4Unspecified": 4, "IPv6Unspecified": 6}
# Functions that turn a string into an address struct, and whether the string has a port.
_RESOLVERS = {"ResolveTCPAddr": True, "ResolveUDPAddr": True, "ResolveIPAddr": False}
_FROM_ADDR_PORT = frozenset({"TCPAddrFromAddrPort", "UDPAddrFromAddrPort"})


class HostKind(enum.Enum):
    """How a host is decided."""

    TEXT = "text"  # by a string the listener parses: evaluate it as a Go string
    UNSPECIFIED = "unspecified"  # by an expression naming an unspecified IP
    MISSING = "missing"  # by nothing: a nil pointer or IP, an absent field, a zero netip.Addr


class _Shape(enum.Enum):
    """The Go type an expression is followed as."""

    STRUCT = "struct"  # *net.TCPAddr and friends
    IP = "ip"  # net.IP
    ADDR_PORT = "addr-port"  # netip.AddrPort
    NETIP_ADDR = "netip-addr"  # netip.Addr


@dataclass(frozen=True)
class HostSource:
    """One way a listener's address struct gets its host."""

    kind: HostKind
    file: GoFile
    # TEXT: the string expression; otherwise the expression (or composite literal) at fault.
    node: tree_sitter.Node
    # TEXT: the network the string is parsed for ("ip" when it is a bare host).
    network: str | None
    family: int | None
    reason: str
    splice: Splice | None
    globals: frozenset[str] = frozenset()
    fallback: bool = False


@dataclass(frozen=True)
class _Context:
    """What the walk carries down: the listener's network suffix and the struct it wants."""

    suffix: str
    struct_type: str
    depth: int = 0
    globals: frozenset[str] = frozenset()
    fallback: bool = False

    def deeper(
        self, resolved: Resolved | None = None, name: str = "", fallback: bool = False
    ) -> _Context:
        """Return the context one step further along a definition."""
        names = self.globals
        if resolved is not None and resolved.package_level:
            names = names | {name}
        return replace(
            self, depth=self.depth + 1, globals=names, fallback=self.fallback or fallback
        )


def qualified_name(
    node: tree_sitter.Node, file: GoFile, package: Package
) -> tuple[str, str] | None:
    """Return (import path, name) for pkg.Name, where pkg is an import not shadowed locally."""
    if node.type != "selector_expression":
        return None
    operand = node.child_by_field_name("operand")
    field = node.child_by_field_name("field")
    if operand is None or field is None or operand.type != "identifier":
        return None
    path = file.imports.path_of(text(operand, file.source))
    if path is None or package.resolve(operand, file) is not None:
        return None
    return path, text(field, file.source)


def _call_into(
    node: tree_sitter.Node, file: GoFile, package: Package, import_path: str
) -> tuple[str, list[tree_sitter.Node]] | None:
    """Return (function name, arguments) when node calls a function of import_path."""
    function = node.child_by_field_name("function")
    if node.type != "call_expression" or function is None:
        return None
    called = qualified_name(function, file, package)
    if called is None or called[0] != import_path:
        return None
    return called[1], call_arguments(node)


def _is_zero_octets(args: list[tree_sitter.Node], file: GoFile) -> bool:
    if len(args) != 4:
        return False
    for arg in args:
        digits = text(arg, file.source).replace("_", "")
        if arg.type != "int_literal" or not digits.isdigit() or int(digits) != 0:
            return False
    return True


@dataclass
class AddressFlow:
    """Finds the HostSources of address-struct expressions, sharing the string evaluator's walk."""

    evaluator: Evaluator

    def sources(
        self, node: tree_sitter.Node, file: GoFile, network: str | None, struct_type: str
    ) -> list[HostSource]:
        """Return the ways the address struct at node can get its host."""
        suffix = network[-1] if network and network[-1] in "46" else ""
        context = _Context(suffix, struct_type)
        found = [
            source
            for source in self._walk(node, file, _Shape.STRUCT, context)
            # An IPv6 IP on tcp4/udp4 makes the call fail ("non-IPv4 address"): nothing listens.
            if not (source.kind is HostKind.UNSPECIFIED and source.family == 6 and suffix == "4")
        ]
        return found[:MAX_ALTERNATIVES]

    def _source(
        self,
        kind: HostKind,
        file: GoFile,
        node: tree_sitter.Node,
        context: _Context,
        family: int | None = None,
        reason: str = "",
        splice: Splice | None = None,
        network: str | None = None,
    ) -> HostSource:
        return HostSource(
            kind, file, node, network, family, reason, splice, context.globals, context.fallback
        )

    def _splice(
        self, file: GoFile, node: tree_sitter.Node, expression: Expression, path: str
    ) -> Splice | None:
        package = qualifier(file, path)
        if package is None:
            return None
        return Splice(node.start_byte, node.end_byte, expression, package)

    def _walk(
        self, node: tree_sitter.Node, file: GoFile, shape: _Shape, context: _Context
    ) -> Iterator[HostSource]:
        if context.depth > MAX_DEPTH:
            return
        node = unparen(node)
        if node.type == "identifier":
            yield from self._identifier(node, file, shape, context)
        elif node.type == "nil":
            yield from self._nil(node, file, shape, context)
        elif shape is _Shape.STRUCT:
            yield from self._struct(node, file, context)
        elif shape is _Shape.IP:
            yield from self._ip(node, file, context)
        elif shape is _Shape.ADDR_PORT:
            yield from self._addr_port(node, file, context)
        else:
            yield from self._netip_addr(node, file, context)

    def _nil(
        self, node: tree_sitter.Node, file: GoFile, shape: _Shape, context: _Context
    ) -> Iterator[HostSource]:
        if shape is _Shape.STRUCT:
            splice = self._splice(file, node, Expression.ADDRESS_STRUCT, NET)
            if splice is not None:
                splice = replace(splice, type_name=context.struct_type)
            reason = f"a nil *net.{context.struct_type}"
            yield self._source(HostKind.MISSING, file, node, context, None, reason, splice)
        elif shape is _Shape.IP:
            splice = self._splice(file, node, Expression.IP, NET)
            reason = "a nil IP"
            yield self._source(HostKind.MISSING, file, node, context, None, reason, splice)

    def _identifier(
        self, node: tree_sitter.Node, file: GoFile, shape: _Shape, context: _Context
    ) -> Iterator[HostSource]:
        package = self.evaluator.package
        resolved = package.resolve(node, file)
        if resolved is None:
            return
        name = text(node, file.source)
        self.evaluator.listener_uses.add((file.path, node.start_byte))
        if shape is _Shape.STRUCT:
            writes = list(self._field_writes(node, file, resolved, "IP"))
            for source_file, written, always in writes:
                inner = context.deeper(resolved, name, not always)
                yield from self._walk(written, source_file, _Shape.IP, inner)
            if any(always for _, _, always in writes):
                # addr.IP = ... always runs first: it decides the host, not the literal.
                return
        for source_file, value, conditional in self.evaluator.reaching(node, file, resolved):
            if value is not None:
                inner = context.deeper(resolved, name, conditional)
                yield from self._walk(value, source_file, shape, inner)

    def _field_writes(
        self, node: tree_sitter.Node, file: GoFile, resolved: Resolved, field: str
    ) -> Iterator[tuple[GoFile, tree_sitter.Node, bool]]:
        """Yield `name.field = value` values on the same variable, and if each always runs first."""
        package = self.evaluator.package
        for use_file, use in package.variable_uses(resolved, text(node, file.source)):
            value = assigned_field(use, field)
            if value is not None:
                always = use_file is file and use.start_byte < node.start_byte
                yield use_file, value, always and dominates(use, node, file.tree.root_node)

    def _struct(
        self, node: tree_sitter.Node, file: GoFile, context: _Context
    ) -> Iterator[HostSource]:
        if node.type == "unary_expression":
            operator = node.child_by_field_name("operator")
            operand = node.child_by_field_name("operand")
            if operator is not None and operator.type == "&" and operand is not None:
                yield from self._walk(operand, file, _Shape.STRUCT, context.deeper())
            return
        if node.type == "composite_literal":
            yield from self._composite(node, file, context)
            return
        call = _call_into(node, file, self.evaluator.package, NET)
        if call is None:
            return
        name, args = call
        if name in _RESOLVERS and len(args) == 2:
            network = self.evaluator.spelled(args[0], file)
            if network is None:
                network = ("tcp" if _RESOLVERS[name] else "ip") + context.suffix
            yield self._source(HostKind.TEXT, file, args[1], context, network=network)
        elif name in _FROM_ADDR_PORT and len(args) == 1:
            yield from self._walk(args[0], file, _Shape.ADDR_PORT, context.deeper())

    def _composite(
        self, node: tree_sitter.Node, file: GoFile, context: _Context
    ) -> Iterator[HostSource]:
        type_ref = resolve_type(node.child_by_field_name("type"), file.imports, file.source)
        body = node.child_by_field_name("body")
        if type_ref is None or type_ref[0] != NET or type_ref[1] not in ADDRESS_STRUCTS:
            return
        if body is None:
            return
        elements = [c for c in body.named_children if c.type != "comment"]
        if elements and elements[0].type == "literal_element":
            # Positional: IP is the first field.
            value = elements[0].named_children[0] if elements[0].named_children else None
            if value is not None:
                yield from self._walk(value, file, _Shape.IP, context.deeper())
            return
        for element in elements:
            key = element.child_by_field_name("key")
            value = element.child_by_field_name("value")
            if key is None or value is None or text(key, file.source).strip() != "IP":
                continue
            if value.named_children:
                yield from self._walk(value.named_children[0], file, _Shape.IP, context.deeper())
            return
        insertion = field_insertion(body, file.source, "IP")
        package = qualifier(file, NET)
        splice = None
        if insertion is not None and package is not None:
            splice = Splice(
                insertion.at_byte,
                insertion.at_byte,
                Expression.IP,
                package,
                prefix=insertion.prefix,
                suffix=insertion.suffix,
            )
        reason = f"a net.{type_ref[1]} with no IP"
        yield self._source(HostKind.MISSING, file, node, context, None, reason, splice)

    def _ip(self, node: tree_sitter.Node, file: GoFile, context: _Context) -> Iterator[HostSource]:
        qualified = qualified_name(node, file, self.evaluator.package)
        if qualified is not None and qualified[0] == NET and qualified[1] in _UNSPECIFIED_IPS:
            family = _UNSPECIFIED_IPS[qualified[1]]
            splice = self._splice(file, node, Expression.IP, NET)
            reason = f"the IPv{family} unspecified address net.{qualified[1]}"
            yield self._source(HostKind.UNSPECIFIED, file, node, context, family, reason, splice)
            return
        call = _call_into(node, file, self.evaluator.package, NET)
        if call is None:
            return
        name, args = call
        if name == "IPv4" and _is_zero_octets(args, file):
            splice = self._splice(file, node, Expression.IP, NET)
            reason = "the IPv4 unspecified address net.IPv4(0, 0, 0, 0)"
            yield self._source(HostKind.UNSPECIFIED, file, node, context, 4, reason, splice)
        elif name == "ParseIP" and len(args) == 1:
            # No family filter: on tcp6, Go turns an IPv4 wildcard in a struct into [::].
            yield self._source(HostKind.TEXT, file, args[0], context, network="ip")

    def _addr_port(
        self, node: tree_sitter.Node, file: GoFile, context: _Context
    ) -> Iterator[HostSource]:
        call = _call_into(node, file, self.evaluator.package, NETIP)
        if call is None:
            return
        name, args = call
        if name in ("MustParseAddrPort", "ParseAddrPort") and len(args) == 1:
            yield self._source(HostKind.TEXT, file, args[0], context, network="tcp")
        elif name == "AddrPortFrom" and len(args) == 2:
            yield from self._walk(args[0], file, _Shape.NETIP_ADDR, context.deeper())

    def _netip_addr(
        self, node: tree_sitter.Node, file: GoFile, context: _Context
    ) -> Iterator[HostSource]:
        if node.type == "composite_literal":
            type_ref = resolve_type(node.child_by_field_name("type"), file.imports, file.source)
            body = node.child_by_field_name("body")
            if type_ref == (NETIP, "Addr") and body is not None and not body.named_children:
                splice = self._splice(file, node, Expression.NETIP_ADDR, NETIP)
                reason = "the zero netip.Addr"
                yield self._source(HostKind.MISSING, file, node, context, None, reason, splice)
            return
        call = _call_into(node, file, self.evaluator.package, NETIP)
        if call is None:
            return
        name, args = call
        if name in _UNSPECIFIED_NETIP and not args:
            family = _UNSPECIFIED_NETIP[name]
            splice = self._splice(file, node, Expression.NETIP_ADDR, NETIP)
            reason = f"the IPv{family} unspecified address netip.{name}()"
            yield self._source(HostKind.UNSPECIFIED, file, node, context, family, reason, splice)
        elif name in ("MustParseAddr", "ParseAddr") and len(args) == 1:
            yield self._source(HostKind.TEXT, file, args[0], context, network="ip")


def qualifier(file: GoFile, import_path: str) -> str | None:
    """Return how code in file names a package: its import name, "" inside the package itself."""
    name = file.imports.name_of(import_path)
    if name is None and file.package_name == default_name(import_path):
        # Go's own net package (and its internal tests) calls IPv4 without a qualifier.
        return ""
    return name


def _field_selector(identifier: tree_sitter.Node, field: str) -> tree_sitter.Node | None:
    """Return the `identifier.field` selector identifier is the operand of, if it is one."""
    selector = identifier.parent
    if selector is None or selector.type != "selector_expression":
        return None
    operand = selector.child_by_field_name("operand")
    name = selector.child_by_field_name("field")
    if operand is None or name is None or operand.id != identifier.id:
        return None
    return selector if name.text == field.encode("utf-8") else None


def writes_field(identifier: tree_sitter.Node, field: str) -> bool:
    """Tell whether `identifier.field` is set here: assigned (alone or in a tuple) or addressed.

    Taking its address (flag.StringVar(&srv.Addr, ...)) counts, since the field can then be
    set anywhere.
    """
    selector = _field_selector(identifier, field)
    if selector is None:
        return False
    holder = selector.parent
    while holder is not None and holder.type == "parenthesized_expression":
        holder = holder.parent
    if holder is None:
        return False
    if holder.type == "unary_expression":
        operator = holder.child_by_field_name("operator")
        return operator is not None and operator.type == "&"
    statement = holder.parent
    if holder.type != "expression_list" or statement is None:
        return False
    left = statement.child_by_field_name("left")
    return statement.type == "assignment_statement" and left is not None and left.id == holder.id


def assigned_field(identifier: tree_sitter.Node, field: str) -> tree_sitter.Node | None:
    """Return value when identifier is the operand of `identifier.field = value`, else None."""
    selector = _field_selector(identifier, field)
    if selector is None:
        return None
    targets = selector.parent
    statement = targets.parent if targets is not None else None
    if targets is None or statement is None or statement.type != "assignment_statement":
        return None
    left = statement.child_by_field_name("left")
    right = statement.child_by_field_name("right")
    if left is None or right is None or left.id != targets.id:
        return None
    values = [v for v in right.named_children if v.type != "comment"]
    index = next(i for i, target in enumerate(left.named_children) if target.id == selector.id)
    return values[index] if len(values) == len(left.named_children) else None
