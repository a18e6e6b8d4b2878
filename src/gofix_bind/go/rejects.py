"""Find what Go's parser rejects in a file that tree-sitter-go parses without an error.

tree-sitter's grammar is looser than go/parser and go/scanner, which gofmt and the compiler
use: it takes statements at top level, any escape letter, a newline where Go inserts a
semicolon, and more. Such a file is not Go, so it must be reported and never rewritten. Each
check here is a pass over the tree already made (one query, the top-level nodes) or a regular
expression over the bytes that looks at the tree only where it matches, never a second parser.
Positions and messages are go/parser's; the first rejection in source order is the one gofmt
prints first.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
import warnings
from dataclasses import dataclass

import tree_sitter

from gofix_bind.go.parse import language, merge_ranges


@dataclass(frozen=True)
class Rejection:
    """Where Go's parser stops at a file (a byte offset) and what it says."""

    start_byte: int
    message: str


_DECLARATIONS = frozenset(
    {
        "function_declaration",
        "method_declaration",
        "type_declaration",
        "const_declaration",
        "var_declaration",
    }
)
# Tokens go/parser prints as they are written; every other token is quoted ('func').
_LITERALS = frozenset(
    {
        "identifier",
        "int_literal",
        "float_literal",
        "imaginary_literal",
        "rune_literal",
        "interpreted_string_literal",
        "raw_string_literal",
        "nil",
        "true",
        "false",
        "iota",
    }
)


def _found(source: bytes, node: tree_sitter.Node) -> str:
    """Say which token starts a node, as go/parser's `found ...` does."""
    while node.type not in _LITERALS and node.children:
        node = node.children[0]
    text = source[node.start_byte : node.end_byte].decode("utf-8", "replace")
    # tree-sitter names true, false, nil and iota; go/parser sees identifiers.
    return text if node.type in _LITERALS or node.type.endswith("identifier") else f"'{text}'"


def go_position(source: bytes, offset: int) -> str:
    """Return `line:column` of a byte offset as gofmt prints it (column in bytes, 1-based).

    As in go/token, a newline that ends the file starts no line, so the end of a file ending
    in one is on its last line.
    """
    starts_line = offset < len(source) or not source.endswith(b"\n")
    line_start = source.rfind(b"\n", 0, offset if starts_line else offset - 1) + 1
    line = source.count(b"\n", 0, offset if starts_line else offset - 1) + 1
    return f"{line}:{offset - line_start + 1}"


def _bodiless(node: tree_sitter.Node | None) -> bool:
    """Tell a function or method declaration without a body."""
    functions = ("function_declaration", "method_declaration")
    return node is not None and node.type in functions and node.child_by_field_name("body") is None


def _top_level(source: bytes, root: tree_sitter.Node) -> Rejection | None:
    """Check the package clause comes first, then imports, then only declarations."""
    nodes = [n for n in root.children if n.is_named and n.type != "comment"]
    if not nodes or nodes[0].type != "package_clause":
        if not nodes:
            return Rejection(len(source), "expected 'package', found 'EOF'")
        return Rejection(
            nodes[0].start_byte, f"expected 'package', found {_found(source, nodes[0])}"
        )
    imports = True
    for node in nodes[1:]:
        if node.type == "import_declaration" and imports:
            continue
        imports = False
        if node.type == "block" and _bodiless(node.prev_named_sibling):
            # A function's opening brace on the next line: tree-sitter sees a bodiless func.
            return Rejection(node.start_byte, "unexpected semicolon or newline before {")
        if node.type not in _DECLARATIONS:
            return Rejection(node.start_byte, f"expected declaration, found {_found(source, node)}")
    return None


# Every escape, with the valid forms spelled out so that `\\` is consumed whole; an escape
# that matches none of them leaves group 1 alone set.
_ESCAPE = re.compile(
    rb"\\(?:[abfnrtv\\]|[0-3][0-7]{2}|x[0-9a-fA-F]{2}"
    rb"|u(?![dD][89a-fA-F])[0-9a-fA-F]{4}|U(?:0010|000[0-9a-fA-F])[0-9a-fA-F]{4}|([\s\S]))",
)
_BASES = {"x": (2, 16, 255), "u": (4, 16, 0x10FFFF), "U": (8, 16, 0x10FFFF)}


def _char(source: bytes, offset: int) -> str:
    """Describe the character at a byte offset as Go's %#U does."""
    if offset >= len(source):
        return ""
    end = offset + 1
    while end < len(source) and end - offset < 4 and source[end] & 0xC0 == 0x80:
        end += 1
    char = source[offset:end].decode("utf-8", "replace")[:1]
    code = f"U+{ord(char):04X}"
    return f"{code} '{char}'" if char.isprintable() else code


def _digit(byte: bytes) -> int:
    """Return a hexadecimal digit's value, 16 for anything else (go/scanner's digitVal)."""
    return int(byte, 16) if byte and byte in b"0123456789abcdefABCDEF" else 16


def escape_error(source: bytes, offset: int, quote: int) -> Rejection | None:
    """Check the escape whose backslash is just before offset, as go/scanner does."""
    letter = source[offset : offset + 1]
    if letter and (letter in b"abfnrtv\\" or letter[0] == quote):
        return None
    if letter and letter in b"01234567":
        count, base, top = 3, 8, 255
        at = offset
    elif letter and letter.decode() in _BASES:
        count, base, top = _BASES[letter.decode()]
        at = offset + 1
    elif not letter:
        return Rejection(offset, "escape sequence not terminated")
    else:
        return Rejection(offset, "unknown escape sequence")
    digits = source[at : at + count]
    for index in range(count):
        if at + index >= len(source):
            return Rejection(at + index, "escape sequence not terminated")
        if _digit(digits[index : index + 1]) >= base:
            return Rejection(
                at + index, f"illegal character {_char(source, at + index)} in escape sequence"
            )
    value = int(digits, base)
    if value > top or 0xD800 <= value < 0xE000:
        return Rejection(offset, "escape sequence is invalid Unicode code point")
    return None


def _escapes(source: bytes, root: tree_sitter.Node) -> Rejection | None:
    """Check the escapes of interpreted strings and runes (not of comments or raw strings)."""
    if b"\\" not in source:
        return None
    for match in _ESCAPE.finditer(source):
        if match.lastindex is None:
            continue
        node = root.descendant_for_byte_range(match.start(), match.start() + 1)
        if node is None:
            continue
        if node.type in ("escape_sequence", "interpreted_string_literal"):
            quote = ord('"')
        elif node.type == "rune_literal":
            quote = ord("'")
        else:
            continue
        rejection = escape_error(source, match.start() + 1, quote)
        if rejection is not None:
            return rejection
    return None


def _rune_newlines(source: bytes, root: tree_sitter.Node) -> Rejection | None:
    """Find a rune literal holding a raw newline, which go/scanner finds not terminated."""
    for match in re.finditer(rb"'\n'", source):
        node = root.descendant_for_byte_range(match.start(), match.start() + 1)
        if node is not None and node.type == "rune_literal" and node.start_byte == match.start():
            return Rejection(match.start(), "rune literal not terminated")
    return None


_NAMES = frozenset(
    {
        "identifier",
        "field_identifier",
        "type_identifier",
        "package_identifier",
        "label_name",
    }
)


def _go_name_char(char: str) -> bool:
    """Tell a letter or decimal digit, the only characters Go allows in a name."""
    category = unicodedata.category(char)
    return category.startswith("L") or category == "Nd"


_NON_ASCII = re.compile(rb"[\x80-\xff]+")


def _suspect(char: str) -> bool:
    """Tell whether tree-sitter may take the character for part of a name and Go may not."""
    return ord(char) > 0x7F and not _go_name_char(char) and f"a{char}".isidentifier()


def _names(source: bytes, root: tree_sitter.Node) -> Rejection | None:
    """Find a name holding a character tree-sitter allows (XID) and Go does not (a mark)."""
    # Only the non-ASCII runs are decoded, one at a time: decoding a large file whole would
    # cost several times its size in memory.
    if source.isascii():
        return None
    suspects: dict[str, bool] = {}
    for run in _NON_ASCII.finditer(source):
        offset = run.start()
        # Bytes that are not UTF-8 never reach here; surrogateescape keeps the widths right.
        for char in run.group().decode("utf-8", "surrogateescape"):
            suspect = suspects.get(char)
            if suspect is None:
                suspect = suspects[char] = _suspect(char)
            if suspect:
                node = root.named_descendant_for_byte_range(offset, offset + 1)
                if node is not None and node.type in _NAMES:
                    return Rejection(offset, f"illegal character {_char(source, offset)}")
            offset += len(char.encode("utf-8", "surrogateescape"))
    return None


# A newline that a closing bracket, a comma, a brace or `=` follows: only there can tree-sitter
# have taken for white space in a clean tree a newline that Go reads as a semicolon (anywhere
# else tree-sitter would have rejected what follows too).
_BREAK = re.compile(rb"\n(?=[ \t\r\n]*[)\]},{=])")
# `type T` then its type on the next line.
_TYPE_BREAK = re.compile(rb"type[ \t]+\w+(?:\[[^\n]*\])?[ \t]*(?://[^\n]*)?(\n)")
_LINE_ENDS = re.compile(rb"[ \t\r]*(?:\n|//|\Z)")
_WORD_OR_DOT = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")
_CLOSERS = frozenset(b")]}'\"`")
_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _inserts_semicolon(line: bytes) -> bool:
    """Tell whether go/scanner inserts a semicolon after the last token of a (stripped) line."""
    last = line[-1]
    if last in _CLOSERS or last >= 0x80 or line.endswith((b"++", b"--")):
        return True
    if last not in _WORD:
        return False
    # Only the keywords matter, and none is longer than 11 letters: look no further back.
    start = len(line)
    while start > 0 and len(line) - start < 12 and line[start - 1] in _WORD:
        start -= 1
    return line[start:] not in _NO_SEMICOLON


_NO_SEMICOLON = frozenset(
    b"""chan case const default defer else for func go goto if import interface map
    package range select struct switch type var""".split()
)
_COMMA = {
    "argument_list": "argument list",
    "literal_value": "composite literal",
    "parameter_list": "parameter list",
    "type_parameter_list": "parameter list",
}
_CLOSING = {
    "parenthesized_expression": "')'",
    "index_expression": "']'",
    "slice_expression": "']'",
    "type_arguments": "']'",
}


def _semicolon(container: tree_sitter.Node, at: int) -> Rejection | None:
    """Say what go/parser makes of a semicolon it inserts at byte at, inside container."""
    kind = container.type
    if kind in _COMMA:
        return Rejection(at, f"missing ',' before newline in {_COMMA[kind]}")
    if kind in _CLOSING:
        return Rejection(at, f"expected {_CLOSING[kind]}, found newline")
    if kind in ("function_declaration", "method_declaration"):
        body = container.child_by_field_name("body")
        signature = body.prev_named_sibling if body is not None else None
        if body is not None and signature is not None and signature.end_byte <= at:
            return Rejection(body.start_byte, "unexpected semicolon or newline before {")
    if kind == "if_statement":
        condition = container.child_by_field_name("condition")
        consequence = container.child_by_field_name("consequence")
        if (
            condition is not None
            and consequence is not None
            and condition.end_byte <= at < consequence.start_byte
        ):
            return Rejection(at, "unexpected newline, expecting { after if clause")
    if kind == "for_statement":
        body = container.child_by_field_name("body")
        header = body.prev_named_sibling if body is not None else None
        if body is not None and header is not None and header.end_byte <= at < body.start_byte:
            if header.type in ("for_clause", "range_clause"):
                return Rejection(at, "expected '{', found newline")
            # `for x;` reads x as the init statement and wants a condition at the brace.
            return Rejection(body.start_byte, "expected operand, found '{'")
    if kind in ("var_spec", "const_spec"):
        value = container.child_by_field_name("value")
        untyped = container.child_by_field_name("type") is None
        if untyped and value is not None and at < value.start_byte:
            missing = "variable type or initialization" if kind == "var_spec" else "constant value"
            return Rejection(container.start_byte, f"missing {missing}")
    if kind == "type_spec":
        spelled = container.child_by_field_name("type")
        name = container.child_by_field_name("name")
        if spelled is not None and name is not None and name.end_byte <= at < spelled.start_byte:
            return Rejection(at, "expected type, found newline")
    return None


def _line_end(source: bytes, root: tree_sitter.Node, newline: int) -> int | None:
    """Return where Go inserts a semicolon for a newline (its offset, or a comment's), or None."""
    line_start = source.rfind(b"\n", 0, newline) + 1
    end = len(source[line_start:newline].rstrip())
    if end == 0:
        return None
    end += line_start
    at = newline
    if b"/" in source[line_start:end]:
        # The line may end in a comment (and `//` may sit in a string): ask the tree.
        node = root.descendant_for_byte_range(end - 1, end)
        if node is not None and node.type == "comment":
            at = node.start_byte
            end = line_start + len(source[line_start:at].rstrip())
            if end == line_start:
                return None
    if not _inserts_semicolon(source[line_start:end]):
        return None
    last = root.descendant_for_byte_range(end - 1, end)
    return None if last is None or last.type == "comment" else at


def _general_comments(source: bytes, root: tree_sitter.Node) -> list[Rejection]:
    """Check the /* comments that end a line, after which Go inserts a semicolon at them."""
    found = []
    start = source.find(b"/*")
    while start >= 0:
        close = source.find(b"*/", start + 2)
        if close < 0:
            break
        ends = b"\n" in source[start:close] or _LINE_ENDS.match(source, close + 2)
        line_start = source.rfind(b"\n", 0, start) + 1
        before = source[line_start:start].rstrip(b" \t\r")
        if ends and before and _inserts_semicolon(before):
            comment = root.named_descendant_for_byte_range(start, start + 1)
            # The tree says whether this `/*` opens a comment, not one inside `//` or a string.
            if comment is None or comment.type != "comment" or comment.start_byte != start:
                start = source.find(b"/*", start + 2)
                continue
            if comment.parent is not None:
                rejection = _semicolon(comment.parent, start)
                if rejection is not None:
                    found.append(rejection)
        start = source.find(b"/*", close + 2)
    return found


def _newlines(source: bytes, root: tree_sitter.Node) -> Rejection | None:
    """Find a newline Go reads as a semicolon where tree-sitter read white space."""
    found = _general_comments(source, root) if b"/*" in source else []
    # Chained, not gathered: a large file has a match on most of its lines.
    for match in itertools.chain(_BREAK.finditer(source), _TYPE_BREAK.finditer(source)):
        newline = match.start(match.lastindex or 0)
        container = root.named_descendant_for_byte_range(newline, newline + 1)
        if container is None or container.type in ("block", "statement_list", "source_file"):
            continue
        at = _line_end(source, root, newline)
        if at is None:
            continue
        rejection = _semicolon(container, at)
        if rejection is not None:
            found.append(rejection)
    return min(found, key=lambda r: r.start_byte) if found else None


# A full query over every tree costs nearly half a parse, so the statements below are looked
# for only around the lines a regular expression picks out: a line that may hold one of them.
# A hint that is a false alarm costs a query over a few nodes; a miss is a check not made.
# Each pattern starts with a literal, which lets the regular expression engine skip ahead fast;
# a longer name ending in `for` is then a false alarm, which costs little.
_HINTS = [
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        # Three names before `= range`, three before `:= <-` in a case, two in a type switch.
        rb"for[ \t][^\n{;]*,[^\n{;]*,[^\n{;]*=[ \t]*range\b",
        rb"case[ \t][^\n:]*,[^\n:]*,[^\n:]*:?=[ \t]*<-",
        rb"switch[ \t][^\n{;]*,[^\n{;]*:=",
        # A constant spelled alone on its line, first in its declaration.
        rb"const[ \t]+\w+[ \t]*(?://[^\n]*)?$",
        rb"const[ \t]*\([ \t]*(?://[^\n]*)?\n(?:[ \t]*(?://[^\n]*)?\n)*[ \t]*\w+[ \t]*(?://[^\n]*)?$",
        # An argument after a `...` one.
        rb"\.\.\.[ \t]*,\s*[^\s)/]",
        # A label with no statement before a case (or an empty case, a false alarm).
        rb":[ \t]*(?://[^\n]*)?\n(?:[ \t]*(?://[^\n]*)?\n)*[ \t]*(?:case|default)\b",
    )
]
# What a name on the left of := cannot hold (a selector, index, call, dereference or literal),
# in the statement that ends there: after the last `;`, `{` or `}` of the line.
_NOT_A_NAME = re.compile(rb"[.\[\]()*&\"'`][^;{}]*\Z")
# No look-behind for a longer name: it would cost the engine its fast literal search.
_GO_DEFER = re.compile(rb"(?:go|defer)[ \t]+")


def _hints(source: bytes) -> list[tuple[int, int]]:
    """Return the byte ranges of the lines that may hold a statement go/parser restricts."""
    ranges = [match.span() for pattern in _HINTS for match in pattern.finditer(source)]
    define = source.find(b":=")
    while define >= 0:
        line = source.rfind(b"\n", 0, define) + 1
        if _NOT_A_NAME.search(source, line, define):
            ranges.append((line, define + 2))
        define = source.find(b":=", define + 2)
    for match in _GO_DEFER.finditer(source):
        if match.start() > 0 and source[match.start() - 1] in _WORD_OR_DOT:
            continue
        end = source.find(b"\n", match.end())
        rest = source[match.end() : end if end >= 0 else len(source)].rstrip()
        # A call ends the line with `)`, or opens a literal or arguments that go on below.
        if rest.startswith(b"(") or not rest.endswith((b")", b"{", b"(", b",")):
            ranges.append((match.start(), match.end() + len(rest)))
    return merge_ranges(ranges)


_STRUCTURE = tree_sitter.Query(
    language(),
    """
    (short_var_declaration left: (expression_list) @define)
    (range_clause left: (expression_list) @range)
    (receive_statement left: (expression_list) @receive)
    (type_switch_statement alias: (expression_list) @alias)
    (go_statement (_) @go)
    (defer_statement (_) @defer)
    (const_declaration . (const_spec !value) @const)
    (variadic_argument) @variadic
    (labeled_statement) @label
    """,
)
_NAMES_ONLY = frozenset({"identifier", "iota", "nil", "true", "false", "comment"})


def _left_names(node: tree_sitter.Node) -> Rejection | None:
    """Check the left side of := holds names alone."""
    for name in node.named_children:
        # tree-sitter names iota, nil, true and false apart; for go/parser they are names.
        if name.type not in _NAMES_ONLY:
            return Rejection(name.start_byte, "expected identifier on left side of :=")
    return None


def _defines(node: tree_sitter.Node) -> bool:
    """Tell whether the statement holding an expression list declares with :=."""
    parent = node.parent
    return parent is not None and any(c.type == ":=" for c in parent.children)


_ILLEGAL_IN_IMPORT = set("!\"#$%&'()*,:;<=>?[\\]^{|}`\ufffd")


def _import_path(source: bytes, node: tree_sitter.Node) -> Rejection | None:
    """Check an import path is a non-empty string of graphic, non-space, allowed characters."""
    raw = source[node.start_byte : node.end_byte]
    text = raw.decode("utf-8", "replace")
    if node.type == "raw_string_literal":
        path = text[1:-1].replace("\r", "")
    else:
        try:
            escaped = b"\\" in raw and raw.isascii()
            with warnings.catch_warnings():
                # An escape Go has not keeps its backslash, which makes the path invalid, as
                # Go's failed unquote does; Python warns about it, which is not news here.
                warnings.simplefilter("ignore", DeprecationWarning)
                path = raw[1:-1].decode("unicode_escape") if escaped else text[1:-1]
        except UnicodeDecodeError:
            return None
    bad = any(
        c in _ILLEGAL_IN_IMPORT or c.isspace() or not (c.isprintable() or c == " ") for c in path
    )
    if bad or not path:
        # Go's words, with a raw string's newline spelled out to keep the report on one line.
        return Rejection(node.start_byte, f"invalid import path: {text}".replace("\n", "\\n"))
    return None


def _case_after(node: tree_sitter.Node) -> tree_sitter.Node | None:
    """Return the case after the one a trailing label ends, where go/parser wants a statement."""
    block = node.parent
    if block is None or block.type != "statement_list":
        return None
    later = node.next_named_sibling
    while later is not None and later.type == "comment":
        later = later.next_named_sibling
    clause = block.parent
    if later is not None or clause is None or not clause.type.endswith("_case"):
        return None
    following = clause.next_named_sibling
    while following is not None and following.type == "comment":
        following = following.next_named_sibling
    return following if following is not None and following.type.endswith("_case") else None


def _structure(source: bytes, root: tree_sitter.Node) -> list[Rejection]:
    """Check the statements and lists go/parser restricts further than tree-sitter does."""
    found = []
    ranges = _hints(source)
    cursor = tree_sitter.QueryCursor(_STRUCTURE)
    for start, end in ranges:
        cursor.set_byte_range(start, end)
        for kind, nodes in cursor.captures(root).items():
            for node in nodes:
                rejection = _structure_one(source, kind, node)
                if rejection is not None:
                    found.append(rejection)
    # Parameter lists and imports are checked on the top-level declarations, a short walk.
    for node in root.children:
        if node.type in ("function_declaration", "method_declaration"):
            for field in ("receiver", "parameters", "result"):
                listed = node.child_by_field_name(field)
                is_list = listed is not None and listed.type == "parameter_list"
                if is_list and listed is not None and _mixed(listed.named_children):
                    first = listed.named_children[0]
                    found.append(Rejection(first.start_byte, "mixed named and unnamed parameters"))
        elif node.type == "import_declaration":
            for spec in _import_specs(node):
                path = spec.child_by_field_name("path")
                rejection = None if path is None else _import_path(source, path)
                if rejection is not None:
                    found.append(rejection)
    return found


def _import_specs(declaration: tree_sitter.Node) -> list[tree_sitter.Node]:
    """Return an import declaration's specs, grouped or not."""
    specs = []
    for child in declaration.named_children:
        if child.type == "import_spec":
            specs.append(child)
        elif child.type == "import_spec_list":
            specs.extend(c for c in child.named_children if c.type == "import_spec")
    return specs


def _mixed(declared: list[tree_sitter.Node]) -> bool:
    """Tell a parameter list go/parser finds some named and some not.

    Go reads each entry as a name, a type, or both, and gives a lone name the type after it.
    tree-sitter groups `a, b int` differently (at times as the type `a`, then `b int`), so
    its declarations are first split into Go's entries.
    """
    entries = []
    for node in declared:
        if not node.type.endswith("parameter_declaration"):
            continue
        names = node.children_by_field_name("name")
        spelled = node.child_by_field_name("type")
        if names:
            entries.extend(["name"] * (len(names) - 1) + ["both"])
        elif node.type == "parameter_declaration" and spelled and spelled.type == "type_identifier":
            entries.append("name")
        else:
            entries.append("type")
    if "both" not in entries:
        return False
    typed = False
    for entry in reversed(entries):
        if entry == "type" or (entry == "name" and not typed):
            return True
        typed = typed or entry == "both"
    return False


def _structure_one(source: bytes, kind: str, node: tree_sitter.Node) -> Rejection | None:
    """Check one captured node (kind names the capture)."""
    names = node.named_children
    if kind == "define" or (kind in ("receive", "range") and _defines(node)):
        rejection = _left_names(node)
        if rejection is not None:
            return rejection
    if kind == "range" and len(names) > 2:
        return Rejection(names[2].start_byte, "expected at most 2 expressions")
    if kind == "receive" and len(names) > 2:
        return Rejection(names[0].start_byte, "expected 1 or 2 expressions")
    if kind == "alias":
        if len(names) > 1:
            return Rejection(
                names[0].start_byte,
                "expected switch expression, found assignment "
                "(missing parentheses around composite literal?)",
            )
        return _left_names(node)
    if kind in ("go", "defer") and node.type not in ("call_expression", "comment"):
        return Rejection(node.end_byte, f"function must be invoked in {kind} statement")
    if kind == "const":
        return Rejection(node.start_byte, "missing constant value")
    if kind == "variadic":
        later = node.next_named_sibling
        while later is not None and later.type == "comment":
            later = later.next_named_sibling
        if later is not None:
            return Rejection(later.start_byte, f"expected ')', found {_found(source, later)}")
    if kind == "label" and len(names) == 1:
        following = _case_after(node)
        if following is not None:
            return Rejection(
                following.start_byte, f"expected statement, found {_found(source, following)}"
            )
    return None


def go_rejection(source: bytes, tree: tree_sitter.Tree) -> Rejection | None:
    """Return the first thing go/parser rejects in a tree tree-sitter parsed cleanly, or None."""
    root = tree.root_node
    found = [
        rejection
        # At one position, the newline's message is go/parser's, as its scanner goes first.
        for rejection in (
            _newlines(source, root),
            _top_level(source, root),
            _escapes(source, root),
            _rune_newlines(source, root),
            _names(source, root),
        )
        if rejection is not None
    ]
    found.extend(_structure(source, root))
    # min keeps the first of equal positions.
    return min(found, key=lambda r: r.start_byte) if found else None
