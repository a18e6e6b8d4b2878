"""Render git-style unified diffs from bytes."""

from __future__ import annotations

import difflib

NO_NEWLINE = b"\\ No newline at end of file\n"


def split_lines(data: bytes) -> list[bytes]:
    """Split on LF only, as git does, keeping line ends; a CR stays part of its line."""
    lines = data.split(b"\n")
    tail = lines.pop()
    result = [line + b"\n" for line in lines]
    if tail:
        result.append(tail)
    return result


def unified_diff(old: bytes, new: bytes, path: str, context: int = 3) -> bytes:
    """Return a diff that `git apply` accepts at the root path is relative to; b"" if equal."""
    if old == new:
        return b""
    name = path.encode("utf-8")
    out = [b"diff --git a/" + name + b" b/" + name + b"\n"]
    body = difflib.diff_bytes(
        difflib.unified_diff,
        split_lines(old),
        split_lines(new),
        b"a/" + name,
        b"b/" + name,
        n=context,
        lineterm=b"",
    )
    for index, line in enumerate(body):
        if index < 2:
            # difflib's file header lines, rewritten without its trailing spaces.
            out.append(line.rstrip(b" \t") + b"\n")
        elif line.endswith(b"\n"):
            out.append(line)
        elif line.startswith(b"@@"):
            out.append(line + b"\n")
        else:
            out.append(line + b"\n" + NO_NEWLINE)
    return b"".join(out)
