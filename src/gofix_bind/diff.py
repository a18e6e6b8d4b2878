"""Render git-style unified diffs from bytes, with hunks as small as git's."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Sequence

from gofix_bind.model import Edit

NO_NEWLINE = b"\\ No newline at end of file\n"

Opcode = tuple[str, int, int, int, int]

# The bytes git's quote_c_style writes as a letter escape; other control bytes, DEL and
# (core.quotePath=true, git's default) every byte >= 0x80 are written in octal.
_LETTERS = {7: b"a", 8: b"b", 9: b"t", 10: b"n", 11: b"v", 12: b"f", 13: b"r", 34: b'"', 92: b"\\"}


def _plain(byte: int) -> bool:
    return 0x20 <= byte < 0x7F and byte not in _LETTERS


def quote_path(name: bytes) -> bytes:
    r"""Return a diff header's path as git quotes it (`"a/caf\303\251.go"`), if it must be."""
    if all(_plain(byte) for byte in name):
        return name
    out = bytearray(b'"')
    for byte in name:
        if _plain(byte):
            out.append(byte)
        elif byte in _LETTERS:
            out += b"\\" + _LETTERS[byte]
        else:
            out += b"\\%03o" % byte
    return bytes(out + b'"')


def _headers(path: str) -> bytes:
    """Return the diff --git, --- and +++ lines of a file, byte for byte as `git diff` does."""
    # Names are bytes on POSIX: a byte that is not UTF-8 came in as a surrogate escape.
    name = os.fsencode(path)
    old, new = quote_path(b"a/" + name), quote_path(b"b/" + name)
    # git ends the ---/+++ lines of a name with a space in a TAB, so that patch(1) sees its end.
    tab = b"\t" if b" " in name else b""
    return b"diff --git %s %s\n--- %s%s\n+++ %s%s\n" % (old, new, old, tab, new, tab)


def split_lines(data: bytes) -> list[bytes]:
    """Split on LF only, as git does, keeping line ends; a CR stays part of its line."""
    lines = data.split(b"\n")
    tail = lines.pop()
    result = [line + b"\n" for line in lines]
    if tail:
        result.append(tail)
    return result


def line_opcodes(old: list[bytes], new: list[bytes]) -> list[Opcode]:
    """Return line opcodes with the common head and tail matched first.

    Fixes change a few lines of a file, so the lines around them are matched outright and
    difflib sees only the middle; autojunk is off because its "popular line" heuristic would
    otherwise treat a frequent line such as a closing brace as changed in long files.
    """
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    middle = difflib.SequenceMatcher(
        None, old[head : len(old) - tail], new[head : len(new) - tail], autojunk=False
    )
    shifted = [
        (tag, i1 + head, i2 + head, j1 + head, j2 + head)
        for tag, i1, i2, j1, j2 in middle.get_opcodes()
    ]
    parts = [("equal", 0, head, 0, head), *shifted]
    parts.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return _merged(parts)


def _merged(parts: Sequence[Opcode]) -> list[Opcode]:
    """Drop empty opcodes and join neighbouring equal ones."""
    codes: list[Opcode] = []
    for code in parts:
        if code[1] == code[2] and code[3] == code[4]:
            continue
        if codes and code[0] == "equal" and codes[-1][0] == "equal":
            codes[-1] = ("equal", codes[-1][1], code[2], codes[-1][3], code[4])
        else:
            codes.append(code)
    return codes


def _groups(codes: list[Opcode], context: int) -> Iterator[list[Opcode]]:
    """Group opcodes into hunks with context lines around each change, as diff -U does."""
    group: list[Opcode] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag != "equal":
            group.append((tag, i1, i2, j1, j2))
            continue
        if index > 0 and group:
            # Context after the change before; a long run of equal lines also ends the hunk.
            if i2 - i1 > 2 * context or index == len(codes) - 1:
                group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
                yield group
                group = []
            else:
                group.append((tag, i1, i2, j1, j2))
                continue
        # Context before the next change.
        if index < len(codes) - 1:
            group.append((tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2))
    if group and any(tag != "equal" for tag, *_ in group):
        yield group


def _range(start: int, stop: int) -> bytes:
    """Return a hunk header's line range as unified diffs spell it."""
    length = stop - start
    first = start + 1 if length else start
    return b"%d" % first if length == 1 else b"%d,%d" % (first, length)


def _line(marker: bytes, line: bytes) -> bytes:
    if line.endswith(b"\n"):
        return marker + line
    return marker + line + b"\n" + NO_NEWLINE


def _edited_lines(old: bytes, edits: Sequence[Edit]) -> list[tuple[int, int, int]]:
    """Return each run of old lines the edits touch: first, end, and the lines it gains."""
    runs: list[tuple[int, int, int]] = []
    line, at = 0, 0
    for edit in sorted(edits, key=lambda e: (e.start_byte, e.end_byte)):
        line += old.count(b"\n", at, edit.start_byte)
        first = line
        line += old.count(b"\n", edit.start_byte, edit.end_byte)
        at = edit.end_byte
        gained = edit.content.count(b"\n") - old.count(b"\n", edit.start_byte, edit.end_byte)
        # A run that touches the last one's lines, or starts right below them, joins it:
        # difflib pairs a block of changed lines as a whole.
        if runs and first <= runs[-1][1]:
            runs[-1] = (runs[-1][0], line + 1, runs[-1][2] + gained)
        else:
            runs.append((first, line + 1, gained))
    return runs


def edit_opcodes(old: bytes, a: list[bytes], b: list[bytes], edits: Sequence[Edit]) -> list[Opcode]:
    """Return line opcodes for new = the edits applied to old, in time linear in the file.

    Only the lines the edits touch can differ, so difflib compares each run of them alone;
    the result is checked, and any mismatch falls back to comparing the whole files.
    """
    codes: list[Opcode] = []
    done, shift = 0, 0
    for first, end, gained in _edited_lines(old, edits):
        end = min(end, len(a))
        codes.append(("equal", done, first, done + shift, first + shift))
        matcher = difflib.SequenceMatcher(
            None, a[first:end], b[first + shift : end + shift + gained], autojunk=False
        )
        codes.extend(
            (tag, i1 + first, i2 + first, j1 + first + shift, j2 + first + shift)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        )
        done, shift = end, shift + gained
    codes.append(("equal", done, len(a), done + shift, len(b)))
    if len(a) - done != len(b) - done - shift or any(
        a[i1:i2] != b[j1:j2] for tag, i1, i2, j1, j2 in codes if tag == "equal"
    ):
        return line_opcodes(a, b)
    return _merged(codes)


def unified_diff(
    old: bytes, new: bytes, path: str, context: int = 3, edits: Sequence[Edit] | None = None
) -> bytes:
    """Return a diff that `git apply` accepts at the root path is relative to; b"" if equal.

    edits, when given, are the edits that make new from old, which keeps the work linear.
    """
    if old == new:
        return b""
    out = [_headers(path)]
    a, b = split_lines(old), split_lines(new)
    codes = line_opcodes(a, b) if edits is None else edit_opcodes(old, a, b, edits)
    for group in _groups(codes, context):
        first, last = group[0], group[-1]
        out.append(
            b"@@ -" + _range(first[1], last[2]) + b" +" + _range(first[3], last[4]) + b" @@\n"
        )
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(_line(b" ", line) for line in a[i1:i2])
                continue
            out.extend(_line(b"-", line) for line in a[i1:i2])
            out.extend(_line(b"+", line) for line in b[j1:j2])
    return b"".join(out)
