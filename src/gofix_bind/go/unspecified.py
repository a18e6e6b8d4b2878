"""Tell code that checks for the wildcard address near a listener: its fix changes that check.

raft's NewTCPTransport reads the address it bound and refuses an unspecified one
(errNotAdvertisable); code like it may also branch on the wildcard to pick an address to
advertise. Moved to loopback, the listener takes the other branch. The listener's function is
read for a call of IsUnspecified, a comparison of an IP with nil, a mention of net.IPv4zero,
IPv6zero or IPv6unspecified, or a comparison with an all-interfaces literal.
"""

from __future__ import annotations

import tree_sitter

from gofix_bind.go.parse import language
from gofix_bind.go.scope import FUNCTIONS, text

_QUERY = tree_sitter.Query(
    language(),
    """
    (call_expression
      function: (selector_expression field: (field_identifier) @method)
      (#eq? @method "IsUnspecified")) @check
    (selector_expression
      operand: (identifier) @package
      field: (field_identifier) @zero
      (#match? @zero "^(IPv4zero|IPv6zero|IPv6unspecified)$")) @check
    (binary_expression
      left: (selector_expression field: (field_identifier) @field)
      operator: ["==" "!="]
      right: (nil)
      (#eq? @field "IP")) @check
    (binary_expression
      left: (nil)
      operator: ["==" "!="]
      right: (selector_expression field: (field_identifier) @field)
      (#eq? @field "IP")) @check
    (binary_expression
      operator: ["==" "!="]
      [(interpreted_string_literal) (raw_string_literal)] @literal) @check
    """,
)
# The hosts of every interface, as a comparison spells them (an empty string is too common a
# test for "not set" to count).
_WILDCARDS = frozenset({"0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0", "0.0.0.0:0", "[::]:0"})


_IDENTIFIERS = tree_sitter.Query(language(), "(identifier) @name")
_ASSIGNMENTS = tree_sitter.Query(
    language(),
    """
    [(short_var_declaration left: (_) @left right: (_) @right)
     (assignment_statement left: (_) @left right: (_) @right)
     (var_spec name: (identifier) @left value: (_) @right)] @assignment
    """,
)
# Calls whose result is the listener's address.
_ADDRESS_CALLS = (b".Addr()", b".LocalAddr()")


def _comparison(zero: tree_sitter.Node, source: bytes) -> tree_sitter.Node | None:
    """Return the comparison a zero address is an operand of: x.Equal(zero), x == zero."""
    parent = zero.parent
    if parent is not None and parent.type == "binary_expression":
        operator = parent.child_by_field_name("operator")
        return parent if operator is not None and operator.type in ("==", "!=") else None
    call = parent.parent if parent is not None and parent.type == "argument_list" else None
    function = call.child_by_field_name("function") if call is not None else None
    if function is not None and text(function, source).endswith("Equal"):
        return call
    return None


def _names(node: tree_sitter.Node, source: bytes) -> set[str]:
    captures = tree_sitter.QueryCursor(_IDENTIFIERS).captures(node)
    return {text(n, source) for n in captures.get("name", [])} | (
        {text(node, source)} if node.type == "identifier" else set()
    )


def _reads_address(node: tree_sitter.Node, names: set[str], source: bytes) -> bool:
    """Tell whether an expression reads the listener, its address or the address value."""
    body = source[node.start_byte : node.end_byte]
    return any(call in body for call in _ADDRESS_CALLS) or not names.isdisjoint(
        _names(node, source)
    )


def _tainted(
    function: tree_sitter.Node, call: tree_sitter.Node, address: tree_sitter.Node, source: bytes
) -> set[str]:
    """Return the names in the function that hold the listener, its address or the value.

    A name counts from the address argument's names and the listener the call returns, then
    from every assignment whose value reads one of them, in source order.
    """
    names = _names(address, source)
    statement = call.parent
    while statement is not None and statement.type == "expression_list":
        statement = statement.parent
    if statement is not None and statement.type in (
        "short_var_declaration",
        "assignment_statement",
    ):
        left = statement.child_by_field_name("left")
        if left is not None and left.named_children:
            names |= _names(left.named_children[0], source)
    cursor = tree_sitter.QueryCursor(_ASSIGNMENTS)
    for _, captures in cursor.matches(function):
        if _reads_address(captures["right"][0], names, source):
            for left in captures["left"]:
                names |= _names(left, source)
    return names - {"_", "nil", "net"}


def wildcard_check(call: tree_sitter.Node, address: tree_sitter.Node, source: bytes) -> str | None:
    """Return why the listener's function checks its address for the wildcard, or None."""
    function = call.parent
    while function is not None and function.type not in FUNCTIONS:
        function = function.parent
    if function is None:
        return None
    names: set[str] | None = None
    cursor = tree_sitter.QueryCursor(_QUERY)
    for _, captures in cursor.matches(function):
        check = captures["check"][0]
        if "literal" in captures:
            value = text(captures["literal"][0], source)[1:-1]
            if value not in _WILDCARDS:
                continue
        elif "package" in captures and text(captures["package"][0], source) != "net":
            continue
        if names is None:
            names = _tainted(function, call, address, source)
        subject = check
        if "package" in captures:
            # net.IPv4zero counts only as what an IP is compared with: ip.Equal(net.IPv4zero).
            compared = _comparison(check, source)
            if compared is None:
                continue
            subject = compared

        if not _reads_address(subject, names, source):
            continue
        line = check.start_point.row + 1
        shown = " ".join(text(subject, source).split())
        if len(shown) > 60:
            shown = shown[:57] + "..."
        return (
            f"its function checks for the wildcard address (line {line}: {shown}): on loopback"
            " that check goes the other way"
        )
    return None
