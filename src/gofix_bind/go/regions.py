"""Parse a large file only where lookups need it: its top-level declarations, cut into chunks.

A syntax tree costs about 35 times the bytes it covers, so a 10 MiB file's tree alone is
larger than the memory a run may take. A large file is therefore cut, on its bytes, at the
start of top-level declarations that follow a blank line (with the comment lines right above
them), and each chunk is checked once, a batch at a time: it parses cleanly, Go's parser
would take it, and no top-level node of the batch's tree crosses a cut. A file that fails any
check is parsed whole. The syntax tree the analysis reads is then made from a view of the
file: the bytes of the chunks it needs, the others blanked to spaces with their newlines kept,
so that every byte offset, line and column is the file's own. Lookups note the chunks they
would have read (GoFile.note), and the unit is analysed again with those chunks added until
none is missing, so the findings are those of a whole parse.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import tree_sitter

from gofix_bind.go.parse import parse, reparse
from gofix_bind.go.rejects import go_rejection
from gofix_bind.model import Edit

# Files at least this large are parsed in chunks; below it a whole tree costs little.
PARTIAL_BYTES = 1 << 20
# Chunks are checked in batches of about this size: one parse each, its tree freed after.
_BATCH_BYTES = 256 << 10
# A batch that fails is joined with the next, up to this size; beyond it the file is whole.
_JOINED_BYTES = 4 << 20
# What a batch after the file's header is parsed behind, to be a Go file of its own.
_PREFIX = b"package p\n"
_DECLARATION_LINE = re.compile(rb"^(?:func|type|var|const)(?![A-Za-z0-9_])", re.MULTILINE)
# Blanks every byte but the newline: a blanked chunk keeps its lines.
_BLANKED = bytes(byte if byte == 0x0A else 0x20 for byte in range(256))


@dataclass(frozen=True)
class Regions:
    """A file's chunks, by start offset, and the ones its view keeps."""

    starts: tuple[int, ...]
    size: int
    included: frozenset[int]

    def span(self, index: int) -> tuple[int, int]:
        """Return the byte range [start, end) of a chunk."""
        end = self.starts[index + 1] if index + 1 < len(self.starts) else self.size
        return self.starts[index], end

    def chunk(self, offset: int) -> int:
        """Return the chunk that holds a byte offset."""
        return bisect.bisect_right(self.starts, offset) - 1

    def excluded(self, offsets: Iterable[int]) -> set[int]:
        """Return the chunks the view leaves out that hold any of the offsets."""
        return {self.chunk(o) for o in offsets} - self.included

    def covering(self, ranges: Iterable[tuple[int, int]]) -> set[int]:
        """Return the chunks that any of the byte ranges [start, end) touch."""
        found: set[int] = set()
        for start, end in ranges:
            found.update(range(self.chunk(start), self.chunk(max(start, end - 1)) + 1))
        return found

    def widened(self, chunks: Iterable[int]) -> Regions:
        """Return these regions with more chunks kept."""
        return Regions(self.starts, self.size, self.included | frozenset(chunks))

    def whole(self) -> bool:
        """Tell whether the view keeps every chunk."""
        return len(self.included) == len(self.starts)

    def view(self, source: bytes) -> bytes:
        """Return source with the chunks the view leaves out blanked."""
        parts: list[bytes] = []
        position = 0
        for index in sorted(self.included):
            start, end = self.span(index)
            parts += (source[position:start].translate(_BLANKED), source[start:end])
            position = end
        parts.append(source[position:].translate(_BLANKED))
        return b"".join(parts)

    def shifted(self, edits: Sequence[Edit]) -> Regions | None:
        """Return the regions of the bytes the edits make; None if an edit leaves the view."""
        ordered = sorted(edits, key=lambda e: (e.start_byte, e.end_byte))
        for edit in ordered:
            index = self.chunk(edit.start_byte)
            _, end = self.span(index)
            if index not in self.included or edit.end_byte >= end:
                return None
        starts = []
        delta = 0
        position = 0
        for start in self.starts:
            while position < len(ordered) and ordered[position].start_byte < start:
                edit = ordered[position]
                delta += len(edit.content) - (edit.end_byte - edit.start_byte)
                position += 1
            starts.append(start + delta)
        size = self.size + sum(len(e.content) - (e.end_byte - e.start_byte) for e in ordered)
        return Regions(tuple(starts), size, self.included)


@dataclass(frozen=True)
class View:
    """A syntax tree of a file's view, with the view's bytes and regions."""

    tree: tree_sitter.Tree
    source: bytes
    regions: Regions


def plan(source: bytes, ranges: Sequence[tuple[int, int]]) -> Regions | None:
    """Return the regions of a large file that keep its header and the ranges, or None.

    None means the file is parsed whole: it is small, has a single chunk, the ranges need
    every chunk, or a check of its chunks fails (the whole parse then reports the error).
    """
    if len(source) < PARTIAL_BYTES:
        return None
    starts = cuts(source)
    if len(starts) < 2:
        return None
    sound = _sound_cuts(source, starts)
    if sound is None or len(sound) < 2:
        return None
    regions = Regions(sound, len(source), frozenset([0]))
    regions = regions.widened(regions.covering(ranges))
    return None if regions.whole() else regions


def cuts(source: bytes) -> tuple[int, ...]:
    """Return where chunks may start: 0, and each top-level declaration after a blank line.

    A declaration's comment lines right above it start its chunk, so that a suppression or a
    doc comment stays with the code it is about. A blank line ends every block gofmt aligns,
    so no alignment crosses a cut.
    """
    starts = [0]
    for match in _DECLARATION_LINE.finditer(source):
        start = match.start()
        while start > 0:
            above = source.rfind(b"\n", 0, start - 1) + 1
            if not source.startswith(b"//", above):
                break
            start = above
        if start <= starts[-1]:
            continue
        above = source.rfind(b"\n", 0, start - 1) + 1
        if not source[above:start].strip():
            starts.append(start)
    return tuple(starts)


def _sound_cuts(source: bytes, starts: Sequence[int]) -> tuple[int, ...] | None:
    """Return the cuts that fall between top-level nodes of a file Go would take, or None.

    A cut inside a string, comment or declaration leaves the batch before it unfinished,
    which then parses with an error: that batch is checked again with the next one joined to
    it. A cut inside a batch that parses cleanly is kept only if its tree has no top-level
    node across it. None means some batch of at most _JOINED_BYTES still fails.
    """
    kept = [0]
    bounds = [*starts[1:], len(source)]
    begin = 0
    limit = _BATCH_BYTES
    cuts: list[int] = []
    for index, start in enumerate(bounds):
        last = index == len(bounds) - 1
        if start - begin < limit and not last:
            cuts.append(start)
            continue
        sound = _batch_cuts(source, begin, cuts, start)
        if sound is None:
            if last or limit >= _JOINED_BYTES:
                return None
            # Joined with what follows, a string or comment cut in two is whole again.
            limit *= 2
            cuts.append(start)
            continue
        kept += sound
        if not last:
            kept.append(start)
        begin, cuts, limit = start, [], _BATCH_BYTES
    return tuple(kept)


def _batch_cuts(source: bytes, first: int, cuts: list[int], end: int) -> list[int] | None:
    """Check the batch from first to end: return its cuts between top-level nodes, or None."""
    prefix = _PREFIX if first else b""
    piece = prefix + source[first:end]
    tree = parse(piece)
    root = tree.root_node
    if root.has_error or go_rejection(piece, tree) is not None:
        return None
    shift = first - len(prefix)
    children = root.children
    if first and any(c.type in ("package_clause", "import_declaration") for c in children[1:]):
        # Go takes neither after a declaration; parsed behind the prefix, the batch would.
        return None
    sound = []
    index = 0
    for cut in cuts:
        local = cut - shift
        while index < len(children) and children[index].end_byte <= local:
            index += 1
        if index == len(children) or children[index].start_byte >= local:
            sound.append(cut)
    return sound


def parse_view(source: bytes, regions: Regions) -> View:
    """Parse the view of source that regions keep."""
    view = regions.view(source)
    return View(parse(view), view, regions)


def reparse_view(old: View, edits: Sequence[Edit], new_source: bytes) -> View | None:
    """Parse the view of the rewritten bytes incrementally; None if an edit leaves the view."""
    regions = old.regions.shifted(edits)
    if regions is None:
        return None
    view = regions.view(new_source)
    return View(reparse(old.source, old.tree, edits, view), view, regions)
