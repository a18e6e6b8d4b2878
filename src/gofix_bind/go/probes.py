"""Tell a port probe from a server: a listener its function only closes or asks for its address.

Code that finds a free port opens a listener, reads its port, and closes it again, then hands the
port to a server elsewhere (syncthing's getFreePort("0.0.0.0", 22000)). Moving such a probe to
loopback changes the question it asks: a port free on loopback may be taken on another interface.
"""

from __future__ import annotations

import tree_sitter

from gofix_bind.go.parse import language
from gofix_bind.go.scope import FUNCTIONS, SCOPES, text, unparen

# Methods that read or release a listener without serving on it.
_PROBE_METHODS = frozenset({"Close", "Addr", "LocalAddr"})
# Sinks that return the listener or connection, which the caller then serves on or closes.
LISTENER_SINKS = frozenset(
    {
        "net.Listen",
        "net.ListenPacket",
        "net.ListenTCP",
        "net.ListenUDP",
        "net.ListenIP",
        "tls.Listen",
        "(*net.ListenConfig).Listen",
        "(*net.ListenConfig).ListenPacket",
    }
)
_IDENTIFIERS = tree_sitter.Query(language(), "(identifier) @name")
PROBE_RISK = (
    "its function only closes the listener or reads its address, never serving on it: it "
    "probes a port or the bind itself, and on loopback it would answer a different question"
)


def _result_names(
    call: tree_sitter.Node, source: bytes
) -> tuple[list[str], tree_sitter.Node] | None:
    """Return the variables a call's results go to, with the statement; None if none."""
    node = call
    while node.parent is not None and node.parent.type == "parenthesized_expression":
        node = node.parent
    values = node.parent
    statement = values.parent if values is not None else None
    if values is None or statement is None or values.type != "expression_list":
        return None
    if statement.type in ("short_var_declaration", "assignment_statement"):
        if statement.child_by_field_name("right") != values:
            return None
        left = statement.child_by_field_name("left")
        names = [c for c in left.named_children if c.type != "comment"] if left else []
    elif statement.type == "var_spec":
        names = statement.children_by_field_name("name")
    else:
        return None
    values_list = [c for c in values.named_children if c.type != "comment"]
    if len(values_list) != 1 or not names or names[0].type != "identifier":
        return None
    return [text(n, source) if n.type == "identifier" else "" for n in names], statement


def _probe_use(use: tree_sitter.Node, source: bytes) -> str | None:
    """Return how one use of the listener's variable leaves it unserved, or None if not.

    "close" for Close() or a comparison with nil, "address" for Addr() or LocalAddr().
    """
    node = use
    while node.parent is not None and node.parent.type == "parenthesized_expression":
        node = node.parent
    parent = node.parent
    if parent is None:
        return None
    if parent.type == "binary_expression":
        other = [c for c in parent.named_children if c.id != node.id]
        return "close" if len(other) == 1 and unparen(other[0]).type == "nil" else None
    if parent.type != "selector_expression" or parent.child_by_field_name("operand") != node:
        return None
    field = parent.child_by_field_name("field")
    call = parent.parent
    if (
        field is None
        or text(field, source) not in _PROBE_METHODS
        or call is None
        or call.type != "call_expression"
        or call.child_by_field_name("function") != parent
    ):
        return None
    return "close" if text(field, source) == "Close" else "address"


# Result types that can say what a bind found: a port number, whether it worked.
_ANSWERS = frozenset(
    {"bool", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32"}
    | {"uint64", "uintptr"}
)
_RETURNS = tree_sitter.Query(language(), "(return_statement) @return")


def _reports_bind(function: tree_sitter.Node, error: str, after: int, source: bytes) -> bool:
    """Tell whether a function returns a port or a bool, or returns the bind's error."""
    result = function.child_by_field_name("result")
    if result is None:
        return False
    if result.type == "parameter_list":
        kinds = [p.child_by_field_name("type") for p in result.named_children]
        types = [text(k, source) for k in kinds if k is not None]
    else:
        types = [text(result, source)]
    if any(kind in _ANSWERS for kind in types):
        return True
    if "error" not in types or not error or error == "_":
        return False
    cursor = tree_sitter.QueryCursor(_RETURNS)
    cursor.set_byte_range(after, function.end_byte)
    for statement in cursor.captures(function).get("return", []):
        found = tree_sitter.QueryCursor(_IDENTIFIERS).captures(statement).get("name", [])
        if any(text(name, source) == error for name in found):
            return True
    return False


def probe_risks(
    sink: str, call: tree_sitter.Node, source: bytes, path: str = ""
) -> tuple[str, ...]:
    """Return why loopback would change a listener that is only opened and closed.

    A listener whose address is read and that is then closed probes a port. One that is only
    closed probes the bind itself in a test, or in a function that returns a port, a bool or
    the bind's error; elsewhere (the `defer l.Close()` of a main) it is a server's.
    """
    if sink not in LISTENER_SINKS:
        return ()
    result = _result_names(call, source)
    if result is None:
        return ()
    names, statement = result
    name = names[0]
    # A declaration's uses are in its scope; an assignment's variable may live in the whole
    # function, so read all of it.
    outer = FUNCTIONS if statement.type == "assignment_statement" else SCOPES
    scope = statement.parent
    while scope is not None and scope.type not in outer:
        scope = scope.parent
    if scope is None:
        return ()
    if name == "_":
        return (PROBE_RISK,)
    cursor = tree_sitter.QueryCursor(_IDENTIFIERS)
    cursor.set_byte_range(statement.end_byte, scope.end_byte)
    uses = [n for n in cursor.captures(scope).get("name", []) if text(n, source) == name]
    kinds = [_probe_use(use, source) for use in uses]
    # A listener never used again escapes the function some other way; leave it be.
    if not uses or None in kinds:
        return ()
    if "address" in kinds or path.endswith("_test.go"):
        return (PROBE_RISK,)
    function = statement.parent
    while function is not None and function.type not in FUNCTIONS:
        function = function.parent
    error = names[1] if len(names) > 1 else ""
    if function is not None and _reports_bind(function, error, statement.end_byte, source):
        return (PROBE_RISK,)
    return ()
