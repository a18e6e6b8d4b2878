"""Keep gofmt's column alignment when a fix changes the width of text inside an aligned block.

gofmt prints through a tabwriter: the printer ends a cell with a tab before a trailing comment,
after `Key:` in a composite literal written one element per line, between the parts of the
specs of a const or var group, and before the body of a one-line function. The cells of one
column on consecutive lines are padded with spaces to the widest of them, so a fix that widens
or narrows one cell must move the padding of every line of its block. Which lines form a block
also depends on text widths: go/printer breaks the alignment of list elements whose sizes
differ too much (exprList's size ratio rule), so a grown literal can split a block or join two.

This module models the lines around each edit as tabwriter cells from the syntax tree, checks
that the source is laid out exactly as gofmt's tabwriter would lay out that model (otherwise
it changes nothing), and returns the padding changes the edits call for.
"""

from __future__ import annotations

import bisect
import enum
import itertools
import math
import re
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import tree_sitter

from gofix_bind.go.parse import language, line_starts
from gofix_bind.model import Edit

# go/printer's exprList: elements whose sizes are both at most this always align ...
_SMALL_SIZE = 40
# ... otherwise an element this many times larger or smaller than the geometric mean of the
# sizes before it (since the last section break) starts a new section.
_RATIO = 2.5
# gofmt's tabwriter: tab width for indentation, one space of padding after every cell.
_TAB_WIDTH = 8
_PADDING = 1

# Tokens the printer escapes from the tabwriter: their text, tabs included, is one run of cells.
_TOKENS = tree_sitter.Query(
    language(),
    """
    [(comment) (raw_string_literal) (interpreted_string_literal) (rune_literal)] @token
    (keyed_element) @pair
    """,
)

# Parents whose children are printed one per line, with a line break go/printer decides.
_LISTS = frozenset(
    {
        "statement_list",
        "literal_value",
        "argument_list",
        "const_declaration",
        "var_spec_list",
        "import_spec_list",
        "type_declaration",
        "source_file",
        "field_declaration_list",
        "interface_type",
        "expression_switch_statement",
        "type_switch_statement",
        "select_statement",
    }
)
_CASE_LISTS = frozenset(
    {"expression_switch_statement", "type_switch_statement", "select_statement"}
)
_SPEC_LISTS = frozenset(
    {"const_declaration", "var_spec_list", "import_spec_list", "type_declaration"}
)
_SPECS = frozenset({"const_spec", "var_spec", "import_spec", "type_spec"})
_VALUE_SPECS = frozenset({"const_spec", "var_spec"})
_EXPRESSION_LISTS = frozenset({"literal_value", "argument_list"})
# A closing bracket on its own line always follows a formfeed in these constructs.
_CLOSED_AFTER_FORMFEED = frozenset(
    {"block", "field_declaration_list", "interface_type", *_CASE_LISTS, *_SPEC_LISTS}
)
_FUNCTIONS = frozenset({"function_declaration", "method_declaration"})


class _Break(enum.Enum):
    """The line break go/printer writes before a line."""

    NEWLINE = "newline"  # '\n': the tabwriter's columns go on across it
    FORMFEED = "formfeed"  # '\f', a blank line, or a line without cells: nothing aligns across
    UNKNOWN = "unknown"  # a construct this module does not model


@dataclass(frozen=True)
class _Cell:
    """A tab-terminated tabwriter cell: its text's byte span (empty for indentation)."""

    start_byte: int
    end_byte: int
    # Terminated by '\t' (indentation, before a comment), not '\v': never discarded when empty.
    htab: bool


@dataclass(frozen=True)
class _Row:
    """One source line as the tabwriter sees it."""

    start_byte: int
    end_byte: int
    cells: tuple[_Cell, ...]
    # Where the last, unterminated cell begins; it belongs to no column.
    trailing_byte: int


@dataclass(frozen=True)
class _Gap:
    """The whitespace between two texts of a row, written as the padding of some of its cells."""

    start_byte: int
    end_byte: int
    cells: tuple[int, ...]


@dataclass(frozen=True)
class _ListLayout:
    """go/printer's decisions for one multi-line composite literal or argument list."""

    # The break before each line an element starts.
    breaks: Mapping[int, _Break]


@dataclass
class _FileModel:
    """What the aligner learns of one file that no edit changes: its lines, rows and lists."""

    source: bytes
    tree: tree_sitter.Tree
    # An array, not a list: a large file has hundreds of thousands of lines.
    line_starts: array[int]
    rows: dict[int, _Row | None] = field(default_factory=dict)
    captures: dict[int, dict[str, list[tree_sitter.Node]]] = field(default_factory=dict)
    children: dict[int, list[tree_sitter.Node]] = field(default_factory=dict)
    positions: dict[int, dict[int, int]] = field(default_factory=dict)
    keep_type: dict[int, list[bool]] = field(default_factory=dict)


# The model of the file realigned last. A file's fixes are realigned one at a time (each fix's
# own layout) and then together, so rebuilding the model on each call would cost the file's size
# per fix. One file only: a run holds many files, and the model's size is the file's.
_last: list[_FileModel] = []


def _model(source: bytes, tree: tree_sitter.Tree) -> _FileModel:
    """Return the file's model, remembered while the calls stay on the same bytes and tree."""
    if _last and _last[0].source is source and _last[0].tree is tree:
        return _last[0]
    model = _FileModel(source, tree, line_starts(source))
    _last[:] = [model]
    return model


def forget() -> None:
    """Drop the remembered model, so that the last file's tree can be freed."""
    _last.clear()


def realign(source: bytes, tree: tree_sitter.Tree, edits: Sequence[Edit]) -> tuple[Edit, ...]:
    """Return whitespace-only edits that realign gofmt's columns around the given edits."""
    if not edits:
        return ()
    return _Aligner(_model(source, tree), edits).alignment_edits()


def _runes(data: bytes) -> int:
    return len(data.decode("utf-8", errors="replace"))


def _padding(text_width: int, cell_width: int, use_tabs: bool) -> str:
    """Pad a cell as text/tabwriter's writePadding does with gofmt's settings."""
    if use_tabs:
        cell_width = -(-cell_width // _TAB_WIDTH) * _TAB_WIDTH
        return "\t" * -(-(cell_width - text_width) // _TAB_WIDTH)
    return " " * (cell_width - text_width)


def _pad_section(lines: list[list[tuple[int, bool]]]) -> list[list[str]]:
    """Return each cell's padding in one tabwriter section (text/tabwriter's format)."""
    pads: list[list[str]] = [[""] * len(line) for line in lines]

    def write(index: int, widths: list[int]) -> None:
        use_tabs = True  # leading empty cells are indentation: gofmt sets TabIndent
        for column, (width, _) in enumerate(lines[index]):
            if width > 0:
                use_tabs = False
            if column < len(widths):
                pads[index][column] = _padding(width, widths[column], use_tabs and width == 0)

    def format_columns(first: int, end: int, widths: list[int]) -> None:
        column = len(widths)
        line = first
        while line < end:
            if column >= len(lines[line]):
                write(line, widths)
                line += 1
                continue
            block = line
            width = 0
            discardable = True
            while line < end and column < len(lines[line]):
                text_width, htab = lines[line][column]
                width = max(width, text_width + _PADDING)
                discardable = discardable and text_width == 0 and not htab
                line += 1
            format_columns(block, line, [*widths, 0 if discardable else width])

    format_columns(0, len(lines), [])
    return pads


class _Aligner:
    """The rows of one file around its edits, modelled as gofmt's tabwriter sees them."""

    def __init__(self, model: _FileModel, edits: Sequence[Edit]) -> None:
        self.source = model.source
        self.root = model.tree.root_node
        self.edits = sorted(edits, key=lambda e: (e.start_byte, e.end_byte))
        # The edits' starts, and the furthest end of each prefix: the edits near a span are
        # found by bisection, so the work per region does not grow with the file's edits.
        self._starts = [e.start_byte for e in self.edits]
        self._reach = list(itertools.accumulate((e.end_byte for e in self.edits), max))
        self.line_starts = model.line_starts
        self._rows = model.rows
        self._captures = model.captures
        self._children = model.children
        self._positions = model.positions
        self._lists: dict[tuple[int, bool], _ListLayout] = {}
        self._keep_type = model.keep_type

    def _near(self, start: int, end: int) -> Iterator[Edit]:
        """Yield, in order, a superset of the edits that end at or after start and begin by end."""
        first = bisect.bisect_left(self._reach, start)
        last = bisect.bisect_right(self._starts, end)
        return itertools.islice(self.edits, first, max(first, last))

    def _within(self, start: int, end: int) -> Iterator[Edit]:
        """Yield the edits that lie inside [start, end]."""
        first = bisect.bisect_left(self._starts, start)
        last = bisect.bisect_right(self._starts, end)
        return (
            e for e in itertools.islice(self.edits, first, max(first, last)) if e.end_byte <= end
        )

    # Lines ------------------------------------------------------------------------------------

    def _row_of(self, byte: int) -> int:
        low, high = 0, len(self.line_starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.line_starts[middle] <= byte:
                low = middle
            else:
                high = middle - 1
        return low

    def _span(self, row: int) -> tuple[int, int]:
        start = self.line_starts[row]
        if row + 1 < len(self.line_starts):
            return start, self.line_starts[row + 1] - 1
        return start, len(self.source)

    def _text_end(self, byte: int) -> int:
        """Return where the text before the whitespace that ends at byte ends."""
        while byte > 0 and self.source[byte - 1] in b" \t":
            byte -= 1
        return byte

    def _blank(self, row: int) -> bool:
        start, end = self._span(row)
        return not self.source[start:end].strip(b" \t")

    def _content_start(self, row: int) -> int:
        start, end = self._span(row)
        line = self.source[start:end]
        return start + len(line) - len(line.lstrip(b"\t"))

    def _row_captures(self, row: int) -> dict[str, list[tree_sitter.Node]]:
        found = self._captures.get(row)
        if found is None:
            start, end = self._span(row)
            cursor = tree_sitter.QueryCursor(_TOKENS)
            cursor.set_byte_range(start, max(end, start + 1))
            found = {
                name: [
                    n for n in nodes if n.start_byte < max(end, start + 1) and n.end_byte > start
                ]
                for name, nodes in cursor.captures(self.root).items()
            }
            self._captures[row] = found
        return found

    def _multiline_token(self, row: int) -> bool:
        """Tell whether a literal or comment that spans lines touches the row."""
        return any(
            node.start_point.row != node.end_point.row
            for node in self._row_captures(row).get("token", [])
        )

    # The syntax a line starts with ------------------------------------------------------------

    def _list_children(self, parent: tree_sitter.Node) -> list[tree_sitter.Node]:
        """Return the items go/printer lays out one per line in parent, comments left out."""
        found = self._children.get(parent.id)
        if found is None:
            skipped = {"comment", "empty_statement"}
            if parent.type in _SPEC_LISTS:
                found = [c for c in parent.named_children if c.type in _SPECS]
            else:
                found = [c for c in parent.named_children if c.type not in skipped]
            self._children[parent.id] = found
        return found

    def _index(self, item: tree_sitter.Node) -> int:
        """Return the item's position among its parent's list items, -1 when it is none."""
        parent = item.parent
        assert parent is not None
        positions = self._positions.get(parent.id)
        if positions is None:
            children = self._list_children(parent)
            positions = {child.start_byte: index for index, child in enumerate(children)}
            self._positions[parent.id] = positions
        return positions.get(item.start_byte, -1)

    def _item(self, byte: int) -> tree_sitter.Node | None:
        """Return the outermost list item that starts at byte, if any."""
        node: tree_sitter.Node | None = self.root.descendant_for_byte_range(byte, byte + 1)
        found = None
        while node is not None and node.start_byte == byte:
            parent = node.parent
            if parent is None:
                break
            if parent.type in _LISTS:
                found = node
            node = parent
        return found

    def _break_before(self, row: int, after: bool) -> _Break:
        """Return the break go/printer writes between row - 1 and row (both not blank)."""
        if self._multiline_token(row - 1):
            # A line break inside a literal or comment ends the alignment (printer.endAlignment),
            # and the tabwriter line the token starts has no cell after it.
            return _Break.FORMFEED
        start = self._content_start(row)
        leaf = self.root.descendant_for_byte_range(start, start + 1)
        if leaf is None:
            return _Break.UNKNOWN
        if leaf.type == "comment":
            return _Break.FORMFEED
        if leaf.type in ("}", ")", "]") and leaf.start_byte == start:
            return self._closing_break(leaf)
        item = self._item(start)
        if item is None or item.parent is None:
            return _Break.UNKNOWN
        parent = item.parent
        if parent.type == "statement_list":
            return self._sequence_break(item, row, statements=True)
        if parent.type in _CASE_LISTS:
            return _Break.FORMFEED
        if parent.type in _EXPRESSION_LISTS:
            return self._list_layout(parent, after).breaks.get(row, _Break.UNKNOWN)
        if parent.type in _SPEC_LISTS:
            return self._sequence_break(item, row, statements=False)
        if parent.type == "source_file":
            return self._declaration_break(item, row)
        if self._index(item) == 0:
            # fieldList writes a formfeed after the opening brace of a struct or interface.
            return _Break.FORMFEED
        return _Break.UNKNOWN

    def _closing_break(self, bracket: tree_sitter.Node) -> _Break:
        parent = bracket.parent
        if parent is None:
            return _Break.UNKNOWN
        if parent.type in _CLOSED_AFTER_FORMFEED and (
            parent.type not in _SPEC_LISTS or self._list_children(parent)
        ):
            return _Break.FORMFEED
        if parent.type in _EXPRESSION_LISTS:
            # exprList ends a list whose closing bracket is on its own line with a formfeed; an
            # empty one gets the plain newline the printer adds to follow the source's lines.
            return _Break.FORMFEED if self._list_children(parent) else _Break.NEWLINE
        return _Break.UNKNOWN

    def _sequence_break(self, item: tree_sitter.Node, row: int, statements: bool) -> _Break:
        """Statements of a block and specs of a group: a new section after a multi-line one."""
        index = self._index(item)
        if index < 0:
            return _Break.UNKNOWN
        if index == 0 or item.type == "labeled_statement":
            # A label's unindent right after the line break turns it into a formfeed.
            return _Break.FORMFEED
        assert item.parent is not None
        previous = self._list_children(item.parent)[index - 1]
        if statements and previous.type == "labeled_statement":
            return _Break.UNKNOWN
        if previous.end_point.row != row - 1 or previous.start_point.row != row - 1:
            return _Break.FORMFEED
        return _Break.NEWLINE

    def _declaration_break(self, item: tree_sitter.Node, row: int) -> _Break:
        """Top-level declarations: a newline, but a formfeed before a multi-line function."""
        index = self._index(item)
        if index <= 0:
            return _Break.FORMFEED if index == 0 else _Break.UNKNOWN
        previous = self._list_children(self.root)[index - 1]
        if previous.end_point.row != row - 1:
            return _Break.FORMFEED
        if item.type in _FUNCTIONS and item.start_point.row != item.end_point.row:
            return _Break.FORMFEED
        return _Break.NEWLINE

    # Composite literals and argument lists (go/printer's exprList) ----------------------------

    def _byte_delta(self, start: int, end: int) -> int:
        return sum(len(e.content) - (e.end_byte - e.start_byte) for e in self._within(start, end))

    def _size(self, element: tree_sitter.Node, after: bool) -> int:
        """Return exprList's size of an element: 0 when multi-line, the key's for a pair."""
        size = self._one_line_size(element)
        if size is None:
            return 0
        measured: tree_sitter.Node | None = element
        if element.type == "keyed_element":
            measured = element.child_by_field_name("key")
        elif element.type == "variadic_argument":
            measured = element.named_children[0] if element.named_children else None
        if measured is None:
            return 0
        if measured is not element:
            size = self._one_line_size(measured) or 0
        if after:
            size += self._byte_delta(measured.start_byte, measured.end_byte)
        return size

    def _list_layout(self, parent: tree_sitter.Node, after: bool) -> _ListLayout:
        key = (parent.id, after)
        if key not in self._lists:
            self._lists[key] = self._compute_list_layout(parent, after)
        return self._lists[key]

    def _compute_list_layout(self, parent: tree_sitter.Node, after: bool) -> _ListLayout:
        """Replay exprList's line breaks, with the element sizes before or after the edits."""
        elements = self._list_children(parent)
        open_row = parent.start_point.row
        if not elements or (open_row == elements[0].start_point.row == elements[-1].end_point.row):
            return _ListLayout({})
        breaks: dict[int, _Break] = {}
        previous_break = -1
        if open_row < elements[0].start_point.row:
            breaks[elements[0].start_point.row] = _Break.FORMFEED
            previous_break = 0
        size = 0
        log_sum = 0.0
        count = 0
        previous_row = open_row
        for index, element in enumerate(elements):
            row = element.start_point.row
            previous_size = size
            size = self._size(element, after)
            use_formfeed = True
            if previous_size > 0 and size > 0:
                if count == 0 or (previous_size <= _SMALL_SIZE and size <= _SMALL_SIZE):
                    use_formfeed = False
                else:
                    ratio = size / math.exp(log_sum / count)
                    use_formfeed = _RATIO * ratio <= 1 or ratio >= _RATIO
            if index > 0 and previous_row < row:
                lines = min(row - elements[index - 1].end_point.row, 2)
                if lines > 0:
                    new_section = use_formfeed or previous_break + 1 < index
                    breaks[row] = _Break.FORMFEED if new_section or lines > 1 else _Break.NEWLINE
                    previous_break = index
                    if new_section or lines > 1:
                        log_sum = 0.0
                        count = 0
            if size > 0:
                log_sum += math.log(size)
                count += 1
            previous_row = row
        return _ListLayout(breaks)

    def _key_takes_column(self, pair: tree_sitter.Node) -> bool:
        """Tell whether exprList writes a tab after this pair's colon (key: value columns)."""
        parent = pair.parent
        if parent is None or parent.type != "literal_value":
            return False
        elements = self._list_children(parent)
        index = self._index(pair)
        if len(elements) < 2 or index < 0:
            return False
        previous_row = parent.start_point.row if index == 0 else elements[index - 1].start_point.row
        if previous_row == pair.start_point.row:
            return False
        return self._one_line_size(pair) is not None

    def _one_line_size(self, node: tree_sitter.Node) -> int | None:
        """Return the bytes nodeSize prints for the node, or None when it takes more than a line.

        nodeSize prints a node without its comments, so a line that only a comment broke (an
        empty literal or call holding a comment) joins the line before it again.
        """
        for row in range(node.start_point.row + 1, node.end_point.row + 1):
            start = self._content_start(row)
            leaf = self.root.descendant_for_byte_range(start, start + 1)
            if leaf is None or leaf.start_byte != start:
                return None
            parent = leaf.parent
            empty_list = (
                leaf.type in ("}", ")")
                and parent is not None
                and parent.type in _EXPRESSION_LISTS
                and not self._list_children(parent)
            )
            if leaf.type != "comment" and not empty_list:
                return None  # the printer keeps the line break before this token
        cursor = tree_sitter.QueryCursor(_TOKENS)
        cursor.set_byte_range(node.start_byte, node.end_byte)
        comments = sorted(
            (t.start_byte, t.end_byte)
            for t in cursor.captures(node).get("token", [])
            if t.type == "comment"
            and node.start_byte < t.start_byte
            and t.end_byte <= node.end_byte
        )
        text = bytearray()
        position = node.start_byte
        for start, end in comments:
            text += self.source[position : self._text_end(start)]
            position = end
        text += self.source[position : node.end_byte]
        return len(re.sub(rb"[ \t]*\n[ \t]*", b"", bytes(text)))

    # The cells of a line ----------------------------------------------------------------------

    def _keep_type_column(self, group: tree_sitter.Node) -> list[bool]:
        """go/printer's keepTypeColumn: a run of valued specs keeps a type column if one has."""
        found = self._keep_type.get(group.id)
        if found is None:
            specs = self._list_children(group)
            found = [False] * len(specs)
            run_start = -1
            keep = False
            for index, spec in enumerate(specs):
                if spec.child_by_field_name("value") is not None:
                    if run_start < 0:
                        run_start, keep = index, False
                else:
                    if run_start >= 0 and keep:
                        found[run_start:index] = [True] * (index - run_start)
                    run_start = -1
                if spec.child_by_field_name("type") is not None:
                    keep = True
            if run_start >= 0 and keep:
                found[run_start:] = [True] * (len(specs) - run_start)
            self._keep_type[group.id] = found
        return found

    def _value_spec(self, item: tree_sitter.Node) -> tuple[list[tuple[int, int, int]], int] | None:
        """Return a grouped const/var spec's column gaps (start, end, cells) and comment tabs."""
        group = item.parent
        assert group is not None
        names = item.children_by_field_name("name")
        spec_type = item.child_by_field_name("type")
        values = item.child_by_field_name("value")
        assign = next((c for c in item.children if c.type == "="), None)
        if not names or (values is not None and assign is None):
            return None
        keep_type = self._keep_type_column(group)[self._index(item)]
        gaps: list[tuple[int, int, int]] = []
        end = names[-1].end_byte
        if spec_type is not None:
            gaps.append((end, spec_type.start_byte, 1))
            end = spec_type.end_byte
        if assign is not None:
            # Without a type of its own, a spec in a run that keeps the column has an empty one.
            empty_type = spec_type is None and keep_type
            gaps.append((end, assign.start_byte, 2 if empty_type else 1))
        has_type_column = spec_type is not None or keep_type
        return gaps, 3 - has_type_column - (values is not None)

    def _row(self, row: int) -> _Row | None:
        if row not in self._rows:
            self._rows[row] = self._build_row(row)
        return self._rows[row]

    def _build_row(self, row: int) -> _Row | None:
        """Split a line into tabwriter cells, or None when it holds something not modelled."""
        start, end = self._span(row)
        content = self._content_start(row)
        line = self.source[start:end]
        if content == end or b"\r" in line or self.source[content : content + 1] == b" ":
            return None
        captures = self._row_captures(row)
        tokens = captures.get("token", [])
        spanning = [t for t in tokens if t.start_point.row != t.end_point.row]
        if any(t.start_point.row < row for t in spanning):
            return None
        # A literal or comment that goes on below is the last text of this tabwriter line.
        limit = min((t.start_byte for t in spanning), default=end)
        tokens = [t for t in tokens if t.start_point.row == t.end_point.row]
        # (end of text, start of next text, cells the gap terminates, first of them a tab)
        gaps: list[tuple[int, int, int, bool]] = []
        item = self._item(content)
        if item is not None and item.parent is not None:
            parent = item.parent
            if parent.type in ("field_declaration_list", "interface_type") or (
                item.type == "labeled_statement"
            ):
                return None
            if parent.type == "type_declaration" and len(self._list_children(parent)) > 1:
                return None
            value_group = parent.type in ("const_declaration", "var_spec_list")
            if value_group and item.type in _VALUE_SPECS and len(self._list_children(parent)) > 1:
                spec = self._value_spec(item)
                if spec is None:
                    return None
                gaps.extend((s, e, n, False) for s, e, n in spec[0])
            if item.type in _FUNCTIONS and item.start_point.row == item.end_point.row:
                body = item.child_by_field_name("body")
                if body is not None:
                    text_end = self._text_end(body.start_byte)
                    gaps.append((text_end, body.start_byte, 1, False))
        for pair in captures.get("pair", []):
            if pair.start_point.row == row and self._key_takes_column(pair):
                colon = next((c for c in pair.children if c.type == ":"), None)
                value = pair.child_by_field_name("value")
                if colon is None or value is None:
                    return None
                gaps.append((colon.end_byte, value.start_byte, 1, False))
        comments = sorted((t for t in tokens if t.type == "comment"), key=lambda t: t.start_byte)
        trailing = []
        for index, comment in enumerate(comments):
            following = comments[index + 1].start_byte if index + 1 < len(comments) else limit
            # Code after it on the line: the printer separates the comment with blanks only.
            if comment.start_byte != content and not self.source[
                comment.end_byte : following
            ].strip(b" \t"):
                trailing.append(comment)
        for index, comment in enumerate(trailing):
            tabs = self._line_comment_tabs(comment, row) if index == 0 else 0
            if tabs is None:
                return None
            text_end = self._text_end(comment.start_byte)
            if tabs:
                gaps.append((text_end, comment.start_byte, tabs, False))
            else:
                gaps.append((text_end, comment.start_byte, 1, True))
        if any(gap[1] > limit for gap in gaps):
            return None
        return self._assemble(start, end, content, limit, sorted(gaps), tokens)

    def _line_comment_tabs(self, comment: tree_sitter.Node, row: int) -> int | None:
        """Return how many vertical tabs precede a grouped spec's line comment, 0 for a tab."""
        spec = comment.prev_named_sibling
        if (
            spec is None
            or spec.type not in _VALUE_SPECS
            or spec.end_point.row != row
            or spec.parent is None
            or spec.parent.type not in ("const_declaration", "var_spec_list")
            or len(self._list_children(spec.parent)) < 2
        ):
            return 0
        layout = self._value_spec(spec)
        return None if layout is None else layout[1]

    def _assemble(
        self,
        start: int,
        end: int,
        content: int,
        limit: int,
        gaps: list[tuple[int, int, int, bool]],
        tokens: list[tree_sitter.Node],
    ) -> _Row | None:
        """Make the row's cells from its gaps; limit is where its last text stops being code."""
        cells = [_Cell(b, b, True) for b in range(start, content)]
        text_start = content
        texts = []
        for text_end, next_start, count, htab in gaps:
            if text_end <= text_start or self.source[text_end:next_start].strip(b" "):
                return None
            cells.append(_Cell(text_start, text_end, htab))
            cells.extend(_Cell(text_end, text_end, False) for _ in range(count - 1))
            texts.append((text_start, text_end))
            text_start = next_start
        if text_start > limit or (limit == end and self.source[end - 1 : end] in (b" ", b"\t")):
            return None
        if text_start == limit == end:
            return None
        texts.append((text_start, limit))
        if not self._plain(texts, tokens):
            return None
        return _Row(start, end, tuple(cells), text_start)

    def _plain(self, texts: list[tuple[int, int]], tokens: list[tree_sitter.Node]) -> bool:
        """Tell whether no text holds padding the model missed: two spaces or a tab."""
        spans = sorted((t.start_byte, t.end_byte) for t in tokens)
        for text_start, text_end in texts:
            position = text_start
            for token_start, token_end in [*spans, (text_end, text_end)]:
                if token_end <= position:
                    continue
                piece = self.source[position : min(max(token_start, position), text_end)]
                if b"  " in piece or b"\t" in piece:
                    return False
                position = token_end
                if position >= text_end:
                    break
        return True

    # Regions and rendering --------------------------------------------------------------------

    def _inert(self, neighbour: int, edge: int) -> bool:
        """Tell whether two lines share no column but indentation, so no block spans both."""
        row = self._row(neighbour)
        edge_row = self._row(edge)
        if row is None or edge_row is None:
            return False
        shared = min(len(row.cells), len(edge_row.cells))
        return all(
            c.start_byte == c.end_byte for c in (*row.cells[:shared], *edge_row.cells[:shared])
        )

    def _joins(self, upper: int, neighbour: int) -> bool | None:
        """Tell whether rows upper and upper + 1 may share a section; None when unknowable."""
        lower = upper + 1
        if self._blank(upper) or self._blank(lower):
            return False
        breaks = {self._break_before(lower, False), self._break_before(lower, True)}
        if breaks == {_Break.FORMFEED}:
            return False
        edge = lower if neighbour == upper else upper
        if _Break.UNKNOWN in breaks:
            return False if self._inert(neighbour, edge) else None
        return True if self._row(neighbour) is not None else None

    def _region(self, seed: int) -> tuple[int, int] | None:
        """Return the rows whose alignment an edit on the seed row can change, or None."""
        if self._row(seed) is None:
            return None
        first = last = seed
        while first > 0:
            joined = self._joins(first - 1, first - 1)
            if joined is None:
                return None
            if not joined:
                break
            first -= 1
        while last + 1 < len(self.line_starts):
            joined = self._joins(last, last + 1)
            if joined is None:
                return None
            if not joined:
                break
            last += 1
        return first, last

    def _rune_delta(self, start: int, end: int) -> int:
        return sum(
            _runes(e.content) - _runes(self.source[e.start_byte : e.end_byte])
            for e in self._within(start, end)
        )

    def _paddings(self, rows: list[_Row], first: int, after: bool) -> list[list[str]]:
        """Pad the region's cells as gofmt would, with the texts before or after the edits."""
        pads: list[list[str]] = []
        section: list[list[tuple[int, bool]]] = []
        for index, row in enumerate(rows):
            if index > 0 and self._break_before(first + index, after) is not _Break.NEWLINE:
                pads.extend(_pad_section(section))
                section = []
            widths = []
            for cell in row.cells:
                width = _runes(self.source[cell.start_byte : cell.end_byte])
                if after and cell.end_byte > cell.start_byte:
                    width += self._rune_delta(cell.start_byte, cell.end_byte)
                widths.append((width, cell.htab))
            section.append(widths)
        pads.extend(_pad_section(section))
        return pads

    def _edits_fit(self, rows: list[_Row]) -> bool:
        """Tell whether every edit in the region stays inside one text of one line."""
        start, end = rows[0].start_byte, rows[-1].end_byte
        texts: list[tuple[int, int]] = []
        for row in rows:
            text_start = row.trailing_byte
            texts.append((text_start, row.end_byte))
            texts.extend((c.start_byte, c.end_byte) for c in row.cells if c.end_byte > c.start_byte)
        for edit in self._near(start - 1, end + 1):
            # A line inserted or removed next to the region could join or split its blocks.
            if edit.end_byte < start - 1 or edit.start_byte > end + 1:
                continue
            if b"\n" in edit.content or b"\n" in self.source[edit.start_byte : edit.end_byte]:
                return False
            if edit.end_byte < start or edit.start_byte > end:
                continue
            if not any(s <= edit.start_byte and edit.end_byte <= e for s, e in texts):
                return False
        return True

    def _realign_region(self, first: int, last: int) -> list[Edit]:
        rows = [self._row(r) for r in range(first, last + 1)]
        known = [row for row in rows if row is not None]
        if len(known) != len(rows) or not self._edits_fit(known):
            return []
        before = self._paddings(known, first, after=False)
        after = self._paddings(known, first, after=True)
        found: list[Edit] = []
        for row, old_pads, new_pads in zip(known, before, after, strict=True):
            for gap in _gaps(row):
                old = "".join(old_pads[c] for c in gap.cells)
                if old.encode() != self.source[gap.start_byte : gap.end_byte]:
                    return []  # not laid out as gofmt would: leave the block alone
                new = "".join(new_pads[c] for c in gap.cells)
                if new != old:
                    found.append(Edit(gap.start_byte, gap.end_byte, new.encode()))
        if any(_touch(a, b) for a in found for b in self._near(a.start_byte, a.end_byte)):
            return []
        return found

    def alignment_edits(self) -> tuple[Edit, ...]:
        """Return the padding changes for every region an edit on a single line touches."""
        seeds = sorted(
            {
                self._row_of(e.start_byte)
                for e in self.edits
                if b"\n" not in e.content and b"\n" not in self.source[e.start_byte : e.end_byte]
            }
        )
        covered = -1
        found: list[Edit] = []
        for seed in seeds:
            if seed <= covered:
                continue
            region = self._region(seed)
            if region is None:
                continue
            first, covered = region
            found.extend(self._realign_region(first, covered))
        return tuple(found)


def _gaps(row: _Row) -> list[_Gap]:
    """Group a row's cells by the whitespace run their padding is written into."""
    gaps: list[_Gap] = []
    start = row.start_byte
    members: list[int] = []
    for index, cell in enumerate(row.cells):
        if cell.end_byte > cell.start_byte:
            if members:
                gaps.append(_Gap(start, cell.start_byte, tuple(members)))
            start, members = cell.end_byte, [index]
        else:
            members.append(index)
    if members:
        gaps.append(_Gap(start, row.trailing_byte, tuple(members)))
    return gaps


def _touch(a: Edit, b: Edit) -> bool:
    """Tell whether two edits overlap as apply_edits judges it."""
    first, second = sorted((a, b), key=lambda e: (e.start_byte, e.end_byte))
    return second.start_byte < first.end_byte or (
        second.start_byte == first.start_byte == first.end_byte
    )
