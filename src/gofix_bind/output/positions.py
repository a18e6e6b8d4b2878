"""Byte offsets to lines and columns, in each unit a consumer counts: bytes, characters, UTF-16.

Findings and edits count bytes. SARIF counts UTF-16 code units by default, GitHub's annotations
count characters, and reviewdog counts bytes; each conversion reads the line's own bytes.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Position:
    """A 1-based line and a 1-based byte column."""

    line: int
    column: int


@dataclass(frozen=True)
class LineIndex:
    """Where each line of one file's bytes starts, for turning offsets into positions."""

    source: bytes = field(repr=False)
    # The byte offset at which each line starts; line n starts at starts[n - 1].
    starts: tuple[int, ...]

    @classmethod
    def of(cls, source: bytes) -> LineIndex:
        """Index the lines of source; only a line feed ends a line, as in Go and in git."""
        starts = [0]
        at = source.find(b"\n")
        while at != -1:
            starts.append(at + 1)
            at = source.find(b"\n", at + 1)
        return cls(source, tuple(starts))

    def position(self, offset: int) -> Position:
        """Return the line and byte column of a byte offset (the end of the file included)."""
        line = bisect.bisect_right(self.starts, offset)
        return Position(line, offset - self.starts[line - 1] + 1)

    def line_start(self, line: int) -> int:
        """Return the byte offset of the first byte of a line."""
        return self.starts[line - 1]

    def line_end(self, line: int) -> int:
        """Return the byte offset just past a line's newline (the file's end for the last)."""
        return self.starts[line] if line < len(self.starts) else len(self.source)

    def line_text(self, line: int) -> bytes:
        """Return a line's bytes without its line ending."""
        text = self.source[self.line_start(line) : self.line_end(line)]
        return text.removesuffix(b"\n").removesuffix(b"\r")

    def _before(self, position: Position) -> bytes:
        """Return the bytes of the line before the column, a leading byte order mark dropped."""
        start = self.line_start(position.line)
        before = self.source[start : start + position.column - 1]
        # An editor shows no character for the mark, so no column counts it.
        return before.removeprefix(_BOM) if start == 0 else before

    def utf16_column(self, position: Position) -> int:
        """Return the 1-based column in UTF-16 code units (SARIF's default column kind)."""
        text = self._before(position).decode("utf-8", errors="replace")
        return len(text.encode("utf-16-le")) // 2 + 1

    def char_column(self, position: Position) -> int:
        """Return the 1-based column in Unicode code points."""
        return len(self._before(position).decode("utf-8", errors="replace")) + 1
