"""Tell from a file's bytes, before any parse, whether it may spell a name in a kind of code.

A package's files are parsed only when a lookup needs them: the uses of a name need every file
that spells it, its declaration only files that may declare it. Each kind below says yes for
every place its code can be written, and for some more; a file it says no to cannot change
the lookup it serves. Each finds the name first (a literal search, which is fast) and then
looks at the bytes around it.
"""

from __future__ import annotations

import enum
import functools
import re

# Blanks and comments that may stand between two tokens.
GAP = rb"(?:\s|/\*.*?\*/|//[^\n]*\n)*"


@functools.lru_cache(maxsize=4096)
def word_pattern(name: bytes) -> re.Pattern[bytes]:
    """Match name where no ASCII identifier byte touches it.

    A non-ASCII neighbour counts as a boundary too, which can only find more than needed.
    """
    escaped = re.escape(name)
    # The name comes first so that the regex engine can search for it as a literal.
    return re.compile(escaped + rb"(?<![A-Za-z0-9_]" + escaped + rb")(?![A-Za-z0-9_])")


class Spelling(enum.Enum):
    """A kind of code that spells a name."""

    # Any use at all.
    WORD = "word"
    # A package-level declaration: after func, type, var or const; on a line that starts with
    # var or const; or first on a line, or after commas at its start, as in a var (...) group.
    DECLARATION = "declaration"
    # A type declaration: after type, or first on a line of a type (...) group.
    TYPE = "type"
    # A function or method declaration: func, maybe a receiver, the name, then ( or [.
    FUNCTION = "function"
    # A struct field declared as a string: the name, maybe more names, then string.
    STRING_FIELD = "string field"
    # A key in a composite literal: name:.
    KEY = "key"
    # A field written through a selector: an assignment target x.name, or &x.name.
    SELECTOR_WRITE = "selector write"
    # A call of a plain function: the name, then (.
    CALL = "call"
    # &name, through parentheses: where a flag can be registered on a variable.
    ADDRESS = "address"
    # An import's name or path: before the file's first declaration.
    IMPORT = "import"

    def found_in(self, source: bytes, name: str) -> bool:
        """Tell whether source may spell name in this kind of code."""
        needle = name.encode("utf-8")
        if needle not in source:
            return False
        confirm = _CONFIRM[self]
        return any(
            confirm(source, m.start(), m.end()) for m in word_pattern(needle).finditer(source)
        )


_KEYWORD_BEFORE = re.compile(rb"\b(?:func|type|var|const)[ \t]+\Z")
_GROUP_LINE = re.compile(rb"[ \t]*(?:var|const)\b")
_LEADING = re.compile(rb"[ \t]*(?:/\*.*?\*/[ \t]*)*(?:[A-Za-z0-9_, \t]*,[ \t]*)?")
_TYPE_BEFORE = re.compile(rb"\btype(?:[ \t]|/\*.*?\*/)+\Z")
_TYPE_GROUP = re.compile(rb"type(?<![A-Za-z0-9_]type)" + GAP + rb"\(", re.DOTALL)
_PARAMETERS_AFTER = re.compile(GAP + rb"[(\[]", re.DOTALL)
_STRING_AFTER = re.compile(
    rb"(?:" + GAP + rb"," + GAP + rb"[^\s,;{}()/]+)*" + GAP + rb"string(?![A-Za-z0-9_])",
    re.DOTALL,
)
_KEY_AFTER = re.compile(GAP + rb":(?!=)", re.DOTALL)
_WRITE_AFTER = re.compile(GAP + rb"(?:(=)(?!=)|(,)|\))", re.DOTALL)
_BLANKS = frozenset(b" \t\r\n")
# What an operand like cfg.server spells, and the blanks that may part it from &.
_OPERAND_BYTES = (
    frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") | _BLANKS
)
_PARENTHESES = frozenset(b"(") | _BLANKS
_CALL_AFTER = re.compile(GAP + rb"\(", re.DOTALL)
_ADDRESS_GAP = re.compile(rb"[\s(&]*")


def imports_end(source: bytes) -> int:
    """Return a byte offset before which all the file's imports are: they precede declarations."""
    end = len(source)
    for keyword in (b"\nfunc", b"\ntype", b"\nvar", b"\nconst"):
        # Each search stops where an earlier keyword was found.
        found = source.find(keyword, 0, end)
        if found >= 0:
            end = found
    # Only a block comment could hold a line that starts with a keyword before the imports.
    return len(source) if b"/*" in source[:end] else end


def _line_start(source: bytes, index: int) -> int:
    return source.rfind(b"\n", 0, index) + 1


def _back_over(source: bytes, index: int, skipped: frozenset[int]) -> int:
    """Return where the run of skipped bytes that ends at index starts."""
    while index > 0 and source[index - 1] in skipped:
        index -= 1
    return index


def _declaration(source: bytes, start: int, end: int) -> bool:
    prefix = source[_line_start(source, start) : start]
    return bool(
        _KEYWORD_BEFORE.search(prefix) or _GROUP_LINE.match(prefix) or _LEADING.fullmatch(prefix)
    )


def _token_before(source: bytes, start: int) -> bytes | None:
    """Return up to four bytes before start, past blanks; None when a comment may end there."""
    index = _back_over(source, start, _BLANKS)
    if source[index - 1 : index] == b"/" or b"//" in source[_line_start(source, index) : index]:
        return None
    return source[max(0, index - 4) : index]


def _type(source: bytes, start: int, end: int) -> bool:
    line = _line_start(source, start)
    prefix = source[line:start]
    if _TYPE_BEFORE.search(prefix) or b"*/" in prefix:
        return True
    if not _LEADING.fullmatch(prefix):
        return False
    if _TYPE_GROUP.search(source):
        return True
    # `type` may end an earlier line, with the name first on the next.
    index = _back_over(source, line, _BLANKS)
    previous = source[_line_start(source, index) : index]
    return previous.rstrip().endswith(b"type") or (b"type" in previous and b"/" in previous)


def _function(source: bytes, start: int, end: int) -> bool:
    if not _PARAMETERS_AFTER.match(source, end):
        return False
    # The name follows func, or the receiver's closing parenthesis.
    before = _token_before(source, start)
    return before is None or before.endswith(b")") or before == b"func"


def _string_field(source: bytes, start: int, end: int) -> bool:
    return _STRING_AFTER.match(source, end) is not None


def _key(source: bytes, start: int, end: int) -> bool:
    return _KEY_AFTER.match(source, end) is not None


def _selector_write(source: bytes, start: int, end: int) -> bool:
    after = _WRITE_AFTER.match(source, end)
    if after is None:
        return False
    # x.name, maybe with blanks around the dot.
    before = _token_before(source, start)
    if before is not None and not before.endswith(b"."):
        return False
    if after.group(1):
        return True
    if after.group(2) and _is_tuple_assignment(source, after.end()):
        return True
    return _address_taken(source, start)


def _is_tuple_assignment(source: bytes, index: int) -> bool:
    """Tell whether the targets after a comma may end in the = of an assignment."""
    rest = source[index : source.find(b"\n", index) + 1 or len(source)]
    if not rest.strip() or b"//" in rest or b"/*" in rest:
        # The list goes on on the next line, or a comment may hide where it ends.
        return True
    return any(
        rest[i] == ord("=")
        and rest[i - 1 : i] not in (b"=", b"!", b"<", b">", b":")
        and rest[i + 1 : i + 2] != b"="
        for i in range(len(rest))
    )


def _address_taken(source: bytes, start: int) -> bool:
    """Tell whether &, maybe through parentheses, comes before the operand that ends at start."""
    index = _back_over(source, start, _OPERAND_BYTES)
    index = _back_over(source, index, _PARENTHESES)
    # An index or a call in the operand (&cfgs[i].f), or a comment: it may be either.
    return source[index - 1 : index] in (b"&", b"]", b")", b"/", b'"')


def _call(source: bytes, start: int, end: int) -> bool:
    return _CALL_AFTER.match(source, end) is not None


def _address(source: bytes, start: int, end: int) -> bool:
    ampersand = source.rfind(b"&", 0, start)
    if ampersand < 0:
        return False
    between = source[ampersand + 1 : start]
    return b"/" in between or _ADDRESS_GAP.fullmatch(between) is not None


def _any(source: bytes, start: int, end: int) -> bool:
    return True


def _import(source: bytes, start: int, end: int) -> bool:
    return start < imports_end(source)


_CONFIRM = {
    Spelling.WORD: _any,
    Spelling.DECLARATION: _declaration,
    Spelling.TYPE: _type,
    Spelling.FUNCTION: _function,
    Spelling.STRING_FIELD: _string_field,
    Spelling.KEY: _key,
    Spelling.SELECTOR_WRITE: _selector_write,
    Spelling.CALL: _call,
    Spelling.ADDRESS: _address,
    Spelling.IMPORT: _import,
}
