"""Follow an address expression back to the literals that spell it.

An expression evaluates to a list of alternatives (one per definition that can reach it), each a
sequence of pieces: text copied from a string literal, text the code adds (a colon from
net.JoinHostPort, a number from Sprintf), or an unknown part such as a port read at run time.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import tree_sitter

from gofix_bind.go.fields import ConfigFields
from gofix_bind.go.flags import flag_default, registration
from gofix_bind.go.literal import decode
from gofix_bind.go.package import PREDECLARED, GoFile, Package, Resolved
from gofix_bind.go.parse import language
from gofix_bind.go.records import GoString
from gofix_bind.go.scope import (
    FUNCTIONS,
    SCOPES,
    ancestors,
    call_arguments,
    local_binding,
    text,
    tuple_value,
)
from gofix_bind.go.spellings import Spelling

MAX_ALTERNATIVES = 32
MAX_DEPTH = 24
_LABEL_CHARS = 40


@dataclass(frozen=True)
class Origin:
    """A string literal that supplies text, and where its piece starts inside its value."""

    file: GoFile
    node: tree_sitter.Node
    literal: GoString
    offset_byte: int = 0


@dataclass(frozen=True)
class Piece:
    """Part of a string value: known text (from a literal or from code) or an unknown part."""

    text: str | None
    label: str = ""
    origin: Origin | None = None
    # A bracket net.JoinHostPort adds around an IPv6 host: it is in the value, not the source.
    bracket: bool = False

    def cut(self, start: int, end: int) -> Piece:
        """Return the piece's text[start:end], keeping its link to the literal."""
        assert self.text is not None
        origin = self.origin
        if origin is not None:
            skipped = len(self.text[:start].encode("utf-8"))
            origin = replace(origin, offset_byte=origin.offset_byte + skipped)
        return Piece(self.text[start:end], origin=origin)


@dataclass(frozen=True)
class Value:
    """One way an expression's string can be built, and what it passed through."""

    pieces: tuple[Piece, ...]
    # "const metricsAddr": the first named definition the literal was reached through.
    definition: str = ""
    # Package-level names read on the way, and the identifiers that read them.
    globals: frozenset[str] = frozenset()
    uses: frozenset[tuple[str, int]] = frozenset()
    # Set when the text comes from an assignment that runs only sometimes (a fallback).
    fallback: bool = False
    # Defaults the text passed through, as (kind, name): ("flag", "-addr"), ("field", "C.Addr").
    defaults: frozenset[tuple[str, str]] = frozenset()

    @property
    def known(self) -> bool:
        """Tell whether every piece's text is known."""
        return all(p.text is not None for p in self.pieces)

    def plus(self, other: Value) -> Value:
        """Concatenate two values."""
        return Value(
            self.pieces + other.pieces,
            self.definition or other.definition,
            self.globals | other.globals,
            self.uses | other.uses,
            self.fallback or other.fallback,
            self.defaults | other.defaults,
        )


def _unknown(node: tree_sitter.Node, file: GoFile) -> Value:
    label = " ".join(text(node, file.source).split())
    if len(label) > _LABEL_CHARS:
        label = label[: _LABEL_CHARS - 3] + "..."
    return Value((Piece(None, label=label),))


def _known(literal_text: str) -> Value:
    return Value((Piece(literal_text),))


def _concat(parts: Iterable[list[Value]]) -> list[Value]:
    combined = [Value(())]
    for alternatives in parts:
        combined = [a.plus(b) for a, b in itertools.product(combined, alternatives)]
        combined = combined[:MAX_ALTERNATIVES]
    return combined


def dominates(
    assignment: tree_sitter.Node, use: tree_sitter.Node, root: tree_sitter.Node | None = None
) -> bool:
    """Tell whether an assignment always runs before the use: no scope between them is skipped."""
    for node in ancestors(assignment, root):
        if node.type in FUNCTIONS:
            return node.start_byte <= use.start_byte < node.end_byte
        if node.type in SCOPES and not node.start_byte <= use.start_byte < node.end_byte:
            return False
    return False


def _enclosing_function(
    node: tree_sitter.Node, root: tree_sitter.Node | None = None
) -> tree_sitter.Node | None:
    return next((a for a in ancestors(node, root) if a.type in FUNCTIONS), None)


_RETURNS = tree_sitter.Query(language(), "(return_statement) @return")


def _returned(function: tree_sitter.Node) -> list[tree_sitter.Node | None]:
    """Return the value of each return statement of a function with one result.

    None stands for a return the function's value cannot be read from: a bare return, one
    of several results, or no single result declared at all.
    """
    result = function.child_by_field_name("result")
    body = function.child_by_field_name("body")
    if result is None or body is None:
        return [None]
    if result.type == "parameter_list":
        declared = [p for p in result.named_children if p.type == "parameter_declaration"]
        if len(declared) != 1 or len(declared[0].children_by_field_name("name")) > 1:
            return [None]
        if declared[0].child_by_field_name("name") is not None:
            # A named result may be set by assignment and returned bare.
            return [None]
    found: list[tree_sitter.Node | None] = []
    for statement in tree_sitter.QueryCursor(_RETURNS).captures(body).get("return", []):
        owner = statement.parent
        while owner is not None and owner.type not in FUNCTIONS:
            owner = owner.parent
        if owner is None or owner.id != function.id:
            continue  # a return of a function literal inside it
        values = [c for c in statement.named_children if c.type != "comment"]
        if values and values[0].type == "expression_list":
            values = [c for c in values[0].named_children if c.type != "comment"]
        found.append(values[0] if len(values) == 1 else None)
    return found or [None]


@dataclass
class Evaluator:
    """Evaluates expressions of one package; remembers every identifier read for listeners."""

    package: Package
    listener_uses: set[tuple[str, int]] = field(default_factory=set)
    _fields: ConfigFields | None = field(default=None, init=False)
    _registrations: dict[str, list[tuple[GoFile, tree_sitter.Node]]] = field(
        default_factory=dict, init=False
    )
    # Values by (file, node, depth): a shared config field is read by many listeners.
    _values: dict[tuple[str, int, int, int, int], list[Value]] = field(
        default_factory=dict, init=False
    )
    # Each function's `name = value` writes by name, from one walk: a walk per read would cost
    # the function's size for every variable it reads.
    _writes: dict[tuple[str, int], dict[str, list[Write]]] = field(default_factory=dict, init=False)

    def evaluate(self, node: tree_sitter.Node, file: GoFile, depth: int = 0) -> list[Value]:
        """Return the ways node's string value can be built."""
        # The depth is part of the key because the depth limit can cut a value short.
        key = (file.path, node.start_byte, node.end_byte, node.kind_id, depth)
        found = self._values.get(key)
        if found is None:
            found = self._values[key] = self._evaluate(node, file, depth)
        return list(found)

    def _evaluate(self, node: tree_sitter.Node, file: GoFile, depth: int) -> list[Value]:
        if depth > MAX_DEPTH:
            return [_unknown(node, file)]
        kind = node.type
        if kind == "parenthesized_expression":
            inner = [c for c in node.named_children if c.type != "comment"]
            return self.evaluate(inner[0], file, depth + 1) if len(inner) == 1 else []
        if kind in ("interpreted_string_literal", "raw_string_literal"):
            literal = decode(file.source, node.start_byte, node.end_byte)
            if literal is None:
                return [_unknown(node, file)]
            return [Value((Piece(literal.value, origin=Origin(file, node, literal)),))]
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if operator is not None and operator.type == "+" and left and right:
                return _concat(
                    [self.evaluate(left, file, depth + 1), self.evaluate(right, file, depth + 1)]
                )
        if kind == "identifier":
            return self._identifier(node, file, depth)
        if kind == "call_expression":
            return self._call(node, file, depth)
        if kind == "selector_expression":
            return self._field(node, file, depth)
        operator = node.child_by_field_name("operator")
        operand = node.child_by_field_name("operand")
        if kind == "unary_expression" and operator is not None and operator.type == "*" and operand:
            # *addr, where addr := flag.String(...): the pointer's call gives the string.
            return self.evaluate(operand, file, depth + 1)
        return [_unknown(node, file)]

    def spelled(self, node: tree_sitter.Node, file: GoFile) -> str | None:
        """Return the one string node evaluates to, or None when it varies or is unknown."""
        values = self.evaluate(node, file)
        spelled = {"".join(p.text or "" for p in v.pieces) for v in values}
        if len(spelled) == 1 and all(v.known for v in values):
            return spelled.pop()
        return None

    def _identifier(self, node: tree_sitter.Node, file: GoFile, depth: int) -> list[Value]:
        resolved = self.package.resolve(node, file)
        if resolved is None:
            return [_unknown(node, file)]
        name = text(node, file.source)
        use = (file.path, node.start_byte)
        self.listener_uses.add(use)
        values = []
        for source_file, value_node, conditional in self.reaching(node, file, resolved):
            if value_node is None:
                values.append(_unknown(node, file))
                continue
            for value in self.evaluate(value_node, source_file, depth + 1):
                # A name matters to the fix only when it holds text of a literal.
                holds_text = resolved.package_level and any(p.origin for p in value.pieces)
                if len(value.pieces) == 1 and value.pieces[0].text is None:
                    # Show an unknown by the name the code reads it through.
                    value = replace(value, pieces=(Piece(None, label=name),))
                definition = value.definition
                if not definition and resolved.package_level:
                    kind = "const" if resolved.binding.is_const else "var"
                    definition = f"{kind} {name}"
                values.append(
                    replace(
                        value,
                        definition=definition,
                        globals=value.globals | ({name} if holds_text else set()),
                        uses=value.uses | {use},
                        fallback=value.fallback or conditional,
                    )
                )
        return values[:MAX_ALTERNATIVES]

    def reaching(
        self, use: tree_sitter.Node, file: GoFile, resolved: Resolved
    ) -> list[tuple[GoFile, tree_sitter.Node | None, bool]]:
        """Return the definitions whose value can be read at use, and whether each is a fallback."""
        binding = resolved.binding
        root = file.tree.root_node
        function = _enclosing_function(use, root)
        candidates: list[tuple[int, tree_sitter.Node | None, bool]] = []
        if function is not None and not binding.is_const:
            name = text(use, file.source)
            for target, value in self._assignments(function, name, use, file):
                target_binding = local_binding(
                    target, file.source, root, self.package.declarations_in(file)
                )
                # A write reaches this read only if it names the same variable.
                if resolved.package_level and target_binding is not None:
                    continue
                if not resolved.package_level and (
                    target_binding is None
                    or target_binding.declaration.id != binding.declaration.id
                ):
                    continue
                candidates.append((target.start_byte, value, dominates(target, use, root)))
        candidates.sort(key=lambda c: c[0])
        last = max((i for i, c in enumerate(candidates) if c[2]), default=-1)
        reaching: list[tuple[GoFile, tree_sitter.Node | None, bool]] = []
        if last < 0:
            name = text(use, file.source)
            registered = self._registered(name) if resolved.package_level else []
            if registered:
                # A flag registered on the variable sets it to the flag's default.
                reaching.extend((f, call, False) for f, call in registered)
            else:
                declarations = (
                    self.package.declarations(name) if resolved.package_level else [resolved]
                )
                arguments = self._arguments(resolved) if binding.is_parameter else []
                if arguments:
                    # A parameter holds what the package's callers pass for it.
                    reaching.extend((f, argument, False) for f, argument in arguments)
                else:
                    reaching.extend((d.file, d.binding.value, False) for d in declarations)
        reaching.extend(
            (file, value, not always) for _, value, always in candidates[max(last, 0) :]
        )
        return reaching

    def _assignments(
        self, function: tree_sitter.Node, name: str, use: tree_sitter.Node, file: GoFile
    ) -> list[tuple[tree_sitter.Node, tree_sitter.Node | None]]:
        """Return writes of name in function before use: (target identifier, value).

        A flag registered on &name counts as a write of its default; its value is the call.
        """
        key = (file.path, function.id)
        writes = self._writes.get(key)
        if writes is None:
            writes = self._writes[key] = _assignments(function, file.source)
        found = [
            (target, value)
            for statement_byte, target, value in writes.get(name, [])
            if statement_byte < use.start_byte
        ]
        for identifier in file.identifiers(name):
            if not function.start_byte <= identifier.start_byte < use.start_byte:
                continue
            call = self._registering_call(identifier, file)
            if call is not None:
                found.append((identifier, call))
        return found

    def _arguments(self, resolved: Resolved) -> list[tuple[GoFile, tree_sitter.Node]]:
        """Return what the package's calls of a function pass for one of its parameters."""
        declaration = resolved.binding.declaration
        parameters = declaration.parent
        function = parameters.parent if parameters is not None else None
        if (
            parameters is None
            or function is None
            or function.type != "function_declaration"
            or function.child_by_field_name("parameters") != parameters
        ):
            return []
        index = 0
        for sibling in parameters.named_children:
            if sibling.type != "parameter_declaration":
                return []  # a variadic parameter comes last; none of this is followed
            names = sibling.children_by_field_name("name")
            if sibling.id == declaration.id:
                index += [n.id for n in names].index(resolved.binding.name_node.id)
                break
            index += max(len(names), 1)
        name_node = function.child_by_field_name("name")
        if name_node is None:
            return []
        name = text(name_node, resolved.file.source)
        parameter = re.escape(resolved.binding.name_node.text or b"")
        body = resolved.file.source[function.start_byte : function.end_byte]
        # `if addr == "" { addr = ... }`: the function replaces an empty value with its own.
        guarded = bool(
            re.search(rb"\b" + parameter + rb'\s*==\s*""|""\s*==\s*' + parameter + rb"\b", body)
            and re.search(rb"\b" + parameter + rb"\s*=[^=]", body)
        )
        found = []
        self.package.ensure_matching(name, Spelling.CALL)
        for file in list(self.package.files):
            for identifier in file.identifiers(name):
                call = identifier.parent
                if call is None or call.type != "call_expression":
                    continue
                if call.child_by_field_name("function") != identifier:
                    continue
                if self.package.resolve(identifier, file) is not None:
                    continue  # a local variable of the same name
                args = call_arguments(call)
                if index >= len(args) or _spreads(call):
                    continue
                if guarded and self.spelled(args[index], file) == "":
                    continue
                found.append((file, args[index]))
        return found[:MAX_ALTERNATIVES]

    def _registering_call(
        self, identifier: tree_sitter.Node, file: GoFile
    ) -> tree_sitter.Node | None:
        """Return the flag registration call that identifier is the &target of, if any."""
        found = registration(identifier, file, self.package)
        if found is None:
            return None
        call, registered = found
        default = registered.default
        if default.type == "identifier" and text(default, file.source) == text(
            identifier, file.source
        ):
            # flag.StringVar(&addr, "addr", addr, ...) keeps the variable's own value.
            return None
        # Registering the flag writes the variable; it is not a read by other code.
        self.listener_uses.add((file.path, identifier.start_byte))
        return call

    def _registered(self, name: str) -> list[tuple[GoFile, tree_sitter.Node]]:
        """Return the flag registrations that set the package-level variable name."""
        if name not in self._registrations:
            found = []
            self.package.ensure_matching(name, Spelling.ADDRESS)
            for file in list(self.package.files):
                for identifier in file.identifiers(name):
                    call = self._registering_call(identifier, file)
                    if call is None:
                        continue
                    resolved = self.package.resolve(identifier, file)
                    if resolved is not None and resolved.package_level:
                        found.append((file, call))
            self._registrations[name] = found
        return self._registrations[name]

    def _field(self, node: tree_sitter.Node, file: GoFile, depth: int) -> list[Value]:
        """Return every value the package stores in the configuration field node reads."""
        if self._fields is None:
            self._fields = ConfigFields(self.package)
        owner = self._fields.owner(node, file)
        name_node = node.child_by_field_name("field")
        if owner is None or name_node is None:
            return [_unknown(node, file)]
        described = f"{owner}.{text(name_node, file.source)}"
        values = []
        for write in self._fields.writes(owner, text(name_node, file.source)):
            forwarded = write.node.type == "identifier" and self._is_parameter(
                write.node, write.file
            )
            for value in self.evaluate(write.node, write.file, depth + 1):
                if forwarded or any(kind == "flag" for kind, _ in value.defaults):
                    # The field only carries a value whose default is set elsewhere.
                    values.append(value)
                    continue
                values.append(
                    replace(
                        value,
                        definition=f"field {described}",
                        defaults=value.defaults | {("field", described)},
                    )
                )
        return values[:MAX_ALTERNATIVES] or [_unknown(node, file)]

    def _is_parameter(self, identifier: tree_sitter.Node, file: GoFile) -> bool:
        resolved = self.package.resolve(identifier, file)
        return resolved is not None and resolved.binding.is_parameter

    def _flag(self, node: tree_sitter.Node, file: GoFile, depth: int) -> list[Value] | None:
        """Return a flag definition's default, marked as such, or None if node defines no flag."""
        registered = flag_default(node, file, self.package)
        if registered is None:
            return None
        return [
            replace(
                value,
                definition=f"flag {registered.name}",
                defaults=value.defaults | {("flag", registered.name)},
            )
            for value in self.evaluate(registered.default, file, depth + 1)
        ]

    def _call(self, node: tree_sitter.Node, file: GoFile, depth: int) -> list[Value]:
        flagged = self._flag(node, file, depth)
        if flagged is not None:
            return flagged
        function = node.child_by_field_name("function")
        if function is not None and function.type == "identifier":
            return self._results(node, function, file, depth)
        if function is None or function.type != "selector_expression":
            return [_unknown(node, file)]
        operand = function.child_by_field_name("operand")
        field_node = function.child_by_field_name("field")
        if operand is None or field_node is None or operand.type != "identifier":
            return [_unknown(node, file)]
        path = file.imports.path_of(text(operand, file.source))
        if path is None or self.package.resolve(operand, file) is not None:
            return [_unknown(node, file)]
        name = text(field_node, file.source)
        args = call_arguments(node)
        if path == "fmt" and name == "Sprintf" and args:
            return self._sprintf(node, args, file, depth)
        if path == "net" and name == "JoinHostPort" and len(args) == 2:
            return self._join_host_port(args, file, depth)
        return [_unknown(node, file)]

    def _results(
        self, call: tree_sitter.Node, function: tree_sitter.Node, file: GoFile, depth: int
    ) -> list[Value]:
        """Return what a package function with one result returns, every return counted.

        defaultAddr() with `func defaultAddr() string { return ":8080" }` is ":8080", found
        through the function; one declaration per build-constrained file gives alternatives.
        """
        name = text(function, file.source)
        if name in PREDECLARED or self.package.resolve(function, file) is not None:
            return [_unknown(call, file)]
        declared = self.package.functions(name)
        returned = [(declaring, value) for declaring, body in declared for value in _returned(body)]
        if not returned or any(value is None for _, value in returned):
            return [_unknown(call, file)]
        self.listener_uses.add((file.path, function.start_byte))
        # Each of several returns runs only sometimes, as a fallback assignment does: in a
        # library, the value every caller gets when it passes nothing.
        sometimes = len(returned) > 1
        values = []
        for declaring, value in returned:
            assert value is not None
            for found in self.evaluate(value, declaring, depth + 1):
                values.append(
                    replace(
                        found,
                        definition=found.definition or f"func {name}",
                        globals=found.globals | {f"{name}()"},
                        fallback=found.fallback or sometimes,
                    )
                )
        return values[:MAX_ALTERNATIVES]

    def _join_host_port(
        self, args: list[tree_sitter.Node], file: GoFile, depth: int
    ) -> list[Value]:
        results = []
        ports = self.evaluate(args[1], file, depth + 1)
        for host in self.evaluate(args[0], file, depth + 1):
            host_text = "".join(p.text or "" for p in host.pieces)
            if host.known and ":" in host_text:
                host = replace(
                    host, pieces=(Piece("[", bracket=True), *host.pieces, Piece("]", bracket=True))
                )
            results.extend(_concat([[host], [_known(":")], ports]))
        return results[:MAX_ALTERNATIVES]

    def _sprintf(
        self, node: tree_sitter.Node, args: list[tree_sitter.Node], file: GoFile, depth: int
    ) -> list[Value]:
        results = []
        for layout in self.evaluate(args[0], file, depth + 1):
            if not layout.known:
                results.append(_unknown(node, file))
                continue
            parts = self._format(layout, args[1:], node, file, depth)
            if parts is None:
                results.append(_unknown(node, file))
                continue
            for built in _concat(parts):
                results.append(built.plus(replace(layout, pieces=())))
        return results[:MAX_ALTERNATIVES]

    def _format(
        self,
        layout: Value,
        args: list[tree_sitter.Node],
        node: tree_sitter.Node,
        file: GoFile,
        depth: int,
    ) -> list[list[Value]] | None:
        """Split a Printf format into text and argument parts; None for forms not modelled."""
        spans = []  # (start, end, piece) per known piece, in chars of the format
        position = 0
        for piece in layout.pieces:
            assert piece.text is not None
            spans.append((position, position + len(piece.text), piece))
            position += len(piece.text)
        layout_text = "".join(p.text or "" for p in layout.pieces)

        def copy(start: int, end: int) -> list[Value]:
            pieces = tuple(
                piece.cut(max(start, s) - s, min(end, e) - s)
                for s, e, piece in spans
                if s < end and start < e
            )
            return [Value(pieces)]

        parts: list[list[Value]] = []
        next_arg = 0
        index = 0
        run_start = 0
        while index < len(layout_text):
            if layout_text[index] != "%":
                index += 1
                continue
            parts.append(copy(run_start, index))
            verb_end = index + 1
            while verb_end < len(layout_text) and layout_text[verb_end] in "+-# 0123456789.":
                verb_end += 1
            if verb_end >= len(layout_text) or layout_text[verb_end] in "*[":
                return None
            verb = layout_text[verb_end]
            if verb == "%":
                parts.append([_known("%")])
            elif next_arg >= len(args):
                return None
            else:
                arg = args[next_arg]
                next_arg += 1
                flags = layout_text[index + 1 : verb_end]
                parts.append(self._formatted(verb, flags, arg, file, depth))
            index = verb_end + 1
            run_start = index
        parts.append(copy(run_start, len(layout_text)))
        return parts

    def _formatted(
        self, verb: str, flags: str, arg: tree_sitter.Node, file: GoFile, depth: int
    ) -> list[Value]:
        if flags:
            return [_unknown(arg, file)]
        if verb in "sv":
            return self.evaluate(arg, file, depth + 1)
        if verb in "dv" and arg.type == "int_literal":
            digits = text(arg, file.source).replace("_", "")
            if digits.isdigit():
                return [_known(str(int(digits)))]
        return [_unknown(arg, file)]


def _spreads(call: tree_sitter.Node) -> bool:
    """Tell whether a call passes a slice as its variadic arguments (f(xs...))."""
    arguments = call.child_by_field_name("arguments")
    return arguments is not None and any(c.type == "..." for c in arguments.children)


# One `name = value` write: where its statement starts, the target identifier, the value.
Write = tuple[int, tree_sitter.Node, tree_sitter.Node | None]


def _assignments(function: tree_sitter.Node, source: bytes) -> dict[str, list[Write]]:
    """Return the `name = value` writes in function, by the name written."""
    found: dict[str, list[Write]] = {}
    stack = [function]
    while stack:
        node = stack.pop()
        if node.type == "assignment_statement":
            operator = node.child_by_field_name("operator")
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if operator is not None and operator.type == "=" and left and right:
                targets = left.named_children
                values = [v for v in right.named_children if v.type != "comment"]
                for index, target in enumerate(targets):
                    if target.type == "identifier":
                        value = tuple_value(values, len(targets), index)
                        write = (node.start_byte, target, value)
                        found.setdefault(text(target, source), []).append(write)
        stack.extend(node.children)
    return found
