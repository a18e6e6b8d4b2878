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


def _result_name(call: tree_sitter.Node, source: bytes) -> tuple[str, tree_sitter.Node] | None:
    """Return the variable a call's first result goes to, with the statement; None if none."""
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
    return text(names[0], source), statement


def _probe_use(use: tree_sitter.Node, source: bytes) -> bool:
    """Tell whether one use of the listener's variable leaves it unserved."""
    node = use
    while node.parent is not None and node.parent.type == "parenthesized_expression":
        node = node.parent
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "binary_expression":
        other = [c for c in parent.named_children if c.id != node.id]
        return len(other) == 1 and unparen(other[0]).type == "nil"
    if parent.type != "selector_expression" or parent.child_by_field_name("operand") != node:
        return False
    field = parent.child_by_field_name("field")
    call = parent.parent
    return (
        field is not None
        and text(field, source) in _PROBE_METHODS
        and call is not None
        and call.type == "call_expression"
        and call.child_by_field_name("function") == parent
    )


def probe_risks(sink: str, call: tree_sitter.Node, source: bytes) -> tuple[str, ...]:
    """Return why loopback would change a listener that is only opened and closed."""
    if sink not in LISTENER_SINKS:
        return ()
    result = _result_name(call, source)
    if result is None:
        return ()
    name, statement = result
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
    # A listener never used again escapes the function some other way; leave it be.
    if not uses or not all(_probe_use(use, source) for use in uses):
        return ()
    return (PROBE_RISK,)
