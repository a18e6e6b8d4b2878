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
    # A function or method declaration: func, maybe a receiver, the name, then ( or [.
    FUNCTION = "function"
    # A struct field declared as a string: the name, maybe more names, then string.
    STRING_FIELD = "string field"
    # A field write: a composite key, an assignment target x.name, or &x.name.
    FIELD_WRITE = "field write"
    # A call of a plain function: the name, then (.
    CALL = "call"
    # &name, through parentheses: where a flag can be registered on a variable.
    ADDRESS = "address"

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
_PARAMETERS_AFTER = re.compile(GAP + rb"[(\[]", re.DOTALL)
_STRING_AFTER = re.compile(
    rb"(?:" + GAP + rb"," + GAP + rb"[^\s,;{}()/]+)*" + GAP + rb"string(?![A-Za-z0-9_])",
    re.DOTALL,
)
_WRITE_AFTER = re.compile(GAP + rb"(?:(:)(?!=)|=(?!=)|,|\))", re.DOTALL)
_CALL_AFTER = re.compile(GAP + rb"\(", re.DOTALL)
_ADDRESS_GAP = re.compile(rb"[\s(&]*")


def _line_start(source: bytes, index: int) -> int:
    return source.rfind(b"\n", 0, index) + 1


def _declaration(source: bytes, start: int, end: int) -> bool:
    prefix = source[_line_start(source, start) : start]
    return bool(
        _KEYWORD_BEFORE.search(prefix) or _GROUP_LINE.match(prefix) or _LEADING.fullmatch(prefix)
    )


def _function(source: bytes, start: int, end: int) -> bool:
    if not _PARAMETERS_AFTER.match(source, end):
        return False
    keyword = source.rfind(b"func", 0, start)
    if keyword < 0:
        return False
    # A brace between func and the name ends the signature, unless a comment may hold it.
    return b"{" not in source[keyword:start] or b"/" in source[_line_start(source, keyword) : start]


def _string_field(source: bytes, start: int, end: int) -> bool:
    return _STRING_AFTER.match(source, end) is not None


def _field_write(source: bytes, start: int, end: int) -> bool:
    after = _WRITE_AFTER.match(source, end)
    if after is None:
        return False
    if after.group(1):
        return True
    # x.name: a dot before the name, maybe across blanks; a comment there may hide one.
    index = start
    while index > 0 and source[index - 1] in b" \t\r\n":
        index -= 1
    before = source[index - 1 : index]
    return before in (b".", b"/") or b"//" in source[_line_start(source, index) : start]


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


_CONFIRM = {
    Spelling.WORD: _any,
    Spelling.DECLARATION: _declaration,
    Spelling.FUNCTION: _function,
    Spelling.STRING_FIELD: _string_field,
    Spelling.FIELD_WRITE: _field_write,
    Spelling.CALL: _call,
    Spelling.ADDRESS: _address,
}
