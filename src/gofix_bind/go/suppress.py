"""Honour the suppression comments of gofix-bind, gosec, golangci-lint, Semgrep and Datadog.

Each tool's comments are read as that tool reads them and cover the lines that tool would leave
alone. A finding is dropped when its literal's line, or every listener it reaches, is covered.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping

import tree_sitter

from gofix_bind.go.parse import line_starts
from gofix_bind.model import Finding, Suppressed, Suppression
from gofix_bind.rules import BIND_ALL_INTERFACES

RULE_ID = BIND_ALL_INTERFACES.id

DIRECTIVE = b"//gofix-bind:ignore"
# gosec's rule for binding to all interfaces, and the last part of Semgrep's bind-all rule ids
# (go.lang.security.audit.net.bind_all.avoid-bind-to-all-interfaces and its cousins).
GOSEC_RULE = "G102"
SEMGREP_RULE = "avoid-bind-to-all-interfaces"

# Where a comment can start: every comment token begins with one of these.
_COMMENT_OPENERS = re.compile(rb"//|/\*")


class Tool(enum.Enum):
    """A tool whose suppression comments are honoured."""

    GOFIX_BIND = "gofix-bind"
    GOSEC = "gosec"
    GOLANGCI_LINT = "golangci-lint"
    SEMGREP = "semgrep"
    DATADOG = "datadog"


# Slots: a large file has tens of thousands of comments.
@dataclasses.dataclass(frozen=True, slots=True)
class _Comment:
    """One comment node: where it lies (0-based rows, byte columns) and its text."""

    start_row: int
    end_row: int
    start_column: int
    end_column: int
    start_byte: int
    end_byte: int
    text: str
    # Code stands before the comment on its first line.
    trailing: bool


@dataclasses.dataclass(frozen=True)
class _File:
    """What every comment form reads: the comments, the source lines and the tree."""

    root: tree_sitter.Node
    source: bytes
    comments: tuple[_Comment, ...]
    # Source lines without their line ending, indexed by tree-sitter row.
    lines: _Lines
    # By row, the byte column ranges [start, end) that comments occupy.
    spans: Mapping[int, tuple[tuple[int, int], ...]]

    def all_lines(self) -> frozenset[int]:
        """Return every 1-based line of the file."""
        return frozenset(range(1, len(self.lines) + 1))


class _Lines:
    """A file's lines without their line endings, cut from its bytes only when one is read.

    A large file has hundreds of thousands of lines, and the forms read only commented ones.
    """

    def __init__(self, source: bytes) -> None:
        self.source = source
        self.starts = line_starts(source)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, row: int) -> bytes:
        if row < 0:
            row += len(self.starts)
        start = self.starts[row]
        end = self.starts[row + 1] - 1 if row + 1 < len(self.starts) else len(self.source)
        return self.source[start:end].removesuffix(b"\r")


def _comment_nodes(root: tree_sitter.Node, source: bytes) -> Iterator[tree_sitter.Node]:
    """Yield the tree's comments in source order, found from their bytes one at a time.

    A query's captures would hold a node object for every comment of the file at once.
    """
    for match in _COMMENT_OPENERS.finditer(source):
        node = root.descendant_for_byte_range(match.start(), match.end())
        if node is not None and node.type == "comment" and node.start_byte == match.start():
            yield node


def _read(root: tree_sitter.Node, source: bytes) -> _File:
    comments = []
    for node in _comment_nodes(root, source):
        line_start = node.start_byte - node.start_point.column
        # go/scanner drops carriage returns from comment text; so do the tools below.
        text = source[node.start_byte : node.end_byte].replace(b"\r", b"")
        comments.append(
            _Comment(
                start_row=node.start_point.row,
                end_row=node.end_point.row,
                start_column=node.start_point.column,
                end_column=node.end_point.column,
                start_byte=node.start_byte,
                end_byte=node.end_byte,
                text=text.decode("utf-8", "replace"),
                trailing=source[line_start : node.start_byte].strip() != b"",
            )
        )
    lines = _Lines(source)
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for comment in comments:
        for row in range(comment.start_row, comment.end_row + 1):
            start = comment.start_column if row == comment.start_row else 0
            end = comment.end_column if row == comment.end_row else len(lines[row])
            spans[row].append((start, end))
    return _File(root, source, tuple(comments), lines, {row: tuple(s) for row, s in spans.items()})


# gofix-bind: `//gofix-bind:ignore [reason]` on the line, or alone on the line above.


def _is_directive(text: str) -> bool:
    directive = DIRECTIVE.decode()
    rest = text[len(directive) :]
    return text.startswith(directive) and (rest == "" or rest[:1].isspace())


def _gofix_bind(file: _File) -> frozenset[int]:
    lines: set[int] = set()
    for comment in file.comments:
        if not _is_directive(comment.text):
            continue
        line = comment.start_row + 1
        lines.add(line)
        if not comment.trailing:
            # A directive alone on its line speaks for the line below.
            lines.add(line + 1)
    return frozenset(lines)


# gosec (analyzer.go): `#nosec [rules] [-- justification]` starting the comment text, or one of
# its lines, or `//gosec:disable [rules] [-- justification]`. Rules are every G and 3 digits
# before the first `--`, whatever separates them; no rule at all means every rule.

_GOSEC_TAG = "#nosec"
_GOSEC_DIRECTIVE = "//gosec:disable"
_GOSEC_RULES = re.compile(r"G[0-9]{3}")
# go/ast's CommentGroup.Text leaves out directives such as //nolint:gosec or //go:generate.
_GO_DIRECTIVE = re.compile(r"line |extern |export |[a-z0-9]+:[a-z0-9]")


def _comment_text(comment: str) -> str:
    """Return a comment's text as go/ast's CommentGroup.Text gives it (markers removed)."""
    if not comment.startswith("//"):
        return comment[2:-2]
    body = comment[2:]
    if body.startswith(" "):
        return body[1:]
    return "" if _GO_DIRECTIVE.match(body) else body


def _gosec_arguments(comment: str) -> str | None:
    """Return what follows a gosec tag or directive in a comment, or None when it has none."""
    text = _comment_text(comment).strip()
    at = text.find(_GOSEC_TAG)
    # gosec looks at the first #nosec only, and only where it starts the text or a line of it.
    if at == 0 or (at > 0 and text[:at].rstrip(" \t").endswith("\n")):
        return text[at + len(_GOSEC_TAG) :]
    if comment.startswith(_GOSEC_DIRECTIVE):
        rest = comment[len(_GOSEC_DIRECTIVE) :]
        if rest == "" or rest.startswith(" "):
            return rest.strip()
    return None


def gosec_suppresses(comment: str) -> bool:
    """Tell whether gosec would suppress its bind-all rule (G102) for this comment."""
    arguments = _gosec_arguments(comment)
    if arguments is None:
        return False
    rules = arguments.split("--", 1)[0].strip()
    if rules in ("", "block"):
        return True
    named = _GOSEC_RULES.findall(rules)
    return not named or GOSEC_RULE in named


def _gosec(file: _File) -> frozenset[int]:
    lines: set[int] = set()
    for comment in file.comments:
        if gosec_suppresses(comment.text):
            lines.update(range(comment.start_row + 1, comment.end_row + 2))
    return frozenset(lines)


# golangci-lint (nolint_filter.go): a line comment whose text, after any `/` and spaces, is
# `nolint`, `nolint:all`, or `nolint:` and a comma list of linters (an explanation may follow
# `//`). It covers its comment group's lines; a group that starts at the column of a node on
# the line below also covers that node (a statement, a declaration, the whole file).

_NOLINT = re.compile(r"nolint(?: |:|\Z)")
# gosec's name, its golangci-lint v1 alias, and the word for every linter.
_NOLINT_NAMES = frozenset({"gosec", "gas", "all"})
# go/ast has no statement list: tree-sitter's starts at its first statement but runs to the end
# of the block, so it must not stand for that statement.
_NOT_GO_AST = frozenset({"statement_list"})


def nolint_suppresses(comment: str) -> bool:
    """Tell whether golangci-lint would suppress gosec's findings for this comment."""
    text = comment.lstrip("/ ")
    if not _NOLINT.match(text):
        return False
    if text.startswith("nolint:all") or not text.startswith("nolint:"):
        return True
    names = text.split("//", 1)[0].removeprefix("nolint:").split(",")
    return any(name.strip().lower() in _NOLINT_NAMES for name in names)


def _comment_groups(file: _File) -> list[list[_Comment]]:
    """Group comments as go/parser does: a trailing comment's group stays on its line."""
    groups: list[list[_Comment]] = []
    for comment in file.comments:
        if groups:
            group = groups[-1]
            last = group[-1]
            only_space = file.source[last.end_byte : comment.start_byte].strip() == b""
            reach = last.end_row if group[0].trailing else last.end_row + 1
            if only_space and comment.start_row <= reach:
                group.append(comment)
                continue
        groups.append([comment])
    return groups


def _node_starting_at(root: tree_sitter.Node, row: int, column: int) -> tree_sitter.Node | None:
    """Return the outermost node that starts at (row, column), walking down from the root."""
    point = (row, column)
    node = root
    while True:
        for child in node.named_children:
            if child.start_point > point:
                return None
            # go/ast does not walk into comments: a nolint never reaches another comment.
            if child.end_point <= point or child.type == "comment":
                continue
            if child.start_point == point and child.type not in _NOT_GO_AST:
                return child
            node = child
            break
        else:
            return None


def _golangci_lint(file: _File) -> frozenset[int]:
    lines: set[int] = set()
    last_row = len(file.lines) - 1
    for group in _comment_groups(file):
        if not any(nolint_suppresses(comment.text) for comment in group):
            continue
        first, end = group[0].start_row, group[-1].end_row
        node = _node_starting_at(file.root, end + 1, group[0].start_column)
        if node is not None:
            # go/ast's File starts at the package clause and ends with the last declaration.
            end = last_row if node.type == "package_clause" else max(end, node.end_point.row)
        lines.update(range(first + 1, end + 2))
    return frozenset(lines)


# Semgrep (Nosemgrep.ml): ` nosem` or ` nosemgrep` anywhere on the finding's line, or
# `nosemgrep` as the first word of the line above, in any case; `:` or `=` and one optional
# space introduce rule ids. Each comma-separated piece names one id, its first word; an id
# suppresses a rule whose id it ends (at a dot). Only tags inside comments count here.

_SEMGREP_IDS = rb"(?:[:=]\s?(?P<ids>(?:[^,\s](?:[,\s]+)?)+))?"
_SEMGREP_SAME_LINE = re.compile(rb" (?P<tag>nosem)(?:grep)?" + _SEMGREP_IDS, re.IGNORECASE)
_SEMGREP_LINE_ABOVE = re.compile(
    rb"^[^a-zA-Z0-9]* *(?P<tag>nosem)(?:grep)?" + _SEMGREP_IDS, re.IGNORECASE
)
_SEMGREP_VALID_ID = re.compile(r"[a-zA-Z0-9._-]*")


def _semgrep_ids(match: re.Match[bytes]) -> tuple[str, ...] | None:
    """Return the rule ids a nosemgrep tag lists, or None when it lists none."""
    listed = match.group("ids")
    if listed is None:
        return None
    pieces = listed.decode("utf-8", "replace").split(",")
    return tuple(piece.strip(" ").split(" ")[0].strip('"') for piece in pieces)


def semgrep_names_rule(rule_id: str) -> bool:
    """Tell whether a nosemgrep rule id names this rule or Semgrep's own bind-all rule."""
    if rule_id == RULE_ID:
        return True
    valid = _SEMGREP_VALID_ID.fullmatch(rule_id) is not None
    return valid and (rule_id == SEMGREP_RULE or rule_id.endswith("." + SEMGREP_RULE))


def _semgrep_suppresses(tags: list[tuple[str, ...] | None]) -> bool:
    """Tell whether the nosemgrep tags found for one line suppress the finding on it."""
    if all(ids is None for ids in tags):
        return True
    # Once any tag lists ids, Semgrep ignores the bare tags and asks the ids alone.
    return any(semgrep_names_rule(rule_id) for ids in tags if ids is not None for rule_id in ids)


def _in_spans(column: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(start <= column < end for start, end in spans)


def _semgrep(file: _File) -> frozenset[int]:
    tags: dict[int, list[tuple[str, ...] | None]] = defaultdict(list)
    for row, spans in file.spans.items():
        line = file.lines[row]
        for match in _SEMGREP_SAME_LINE.finditer(line):
            if _in_spans(match.start("tag"), spans):
                tags[row + 1].append(_semgrep_ids(match))
        above = _SEMGREP_LINE_ABOVE.match(line)
        if above is not None and _in_spans(above.start("tag"), spans):
            tags[row + 2].append(_semgrep_ids(above))
    return frozenset(line for line, found in tags.items() if _semgrep_suppresses(found))


# Datadog (datadog-static-analyzer, analyze.rs): a line holding `//no-dd-sa` or
# `//datadog-disable` (whitespace ignored) covers the line below, or the whole file from the
# first line. Words of the line that contain `/`, after `,` and `:` are dropped, are the rules;
# none means every rule. Only comment text is read here.

_DATADOG_TAGS = ("//no-dd-sa", "//datadog-disable")
_DATADOG_NOISE = ("//", "/*", "*/", "#", "no-dd-sa", "datadog-disable", ":")


def datadog_rules(text: str) -> tuple[str, ...] | None:
    """Return the rules a line's no-dd-sa comment names (empty: every rule), or None if none."""
    squeezed = "".join(text.split())
    if not any(tag in squeezed for tag in _DATADOG_TAGS):
        return None
    for noise in _DATADOG_NOISE:
        text = text.replace(noise, "")
    return tuple(word for word in text.replace(",", " ").split() if "/" in word)


def _datadog(file: _File) -> frozenset[int]:
    lines: set[int] = set()
    for row, spans in file.spans.items():
        text = b" ".join(file.lines[row][start:end] for start, end in spans)
        rules = datadog_rules(text.decode("utf-8", "replace"))
        if rules is None or (rules and RULE_ID not in rules):
            continue
        if row == 0:
            return file.all_lines()
        lines.add(row + 2)
    return frozenset(lines)


_FORMS: dict[Tool, Callable[[_File], frozenset[int]]] = {
    Tool.GOFIX_BIND: _gofix_bind,
    Tool.GOSEC: _gosec,
    Tool.GOLANGCI_LINT: _golangci_lint,
    Tool.SEMGREP: _semgrep,
    Tool.DATADOG: _datadog,
}


# Every tool's comment holds one of these words, in some case: a file without any has no
# suppression, and its comments need not be read (a large file has tens of thousands).
_MARKERS = re.compile(
    rb"gofix-bind:ignore|#nosec|gosec:disable|nolint|nosem|no-dd-sa|datadog-disable",
    re.IGNORECASE,
)


_LOWER_MARKERS = re.compile(_MARKERS.pattern.lower())


def marker_offsets(source: bytes) -> list[int]:
    """Return where a word that a suppression comment holds is written."""
    # Lowered first: a search that ignores case is many times slower on a large file, and
    # lowering keeps every offset (it changes ASCII letters only).
    return [match.start() for match in _LOWER_MARKERS.finditer(source.lower())]


def coverage(root: tree_sitter.Node, source: bytes) -> dict[Tool, frozenset[int]]:
    """Return, for each tool, the 1-based lines its suppression comments cover."""
    if _MARKERS.search(source) is None:
        return {tool: frozenset() for tool in Tool}
    file = _read(root, source)
    if not file.comments:
        return {tool: frozenset() for tool in Tool}
    return {tool: form(file) for tool, form in _FORMS.items()}


def split_suppressed(
    findings: list[Finding], coverage_of: Callable[[str], Mapping[Tool, frozenset[int]]]
) -> tuple[list[Finding], list[Suppressed]]:
    """Split off findings whose literal, or every listener they reach, a suppression covers.

    coverage_of(path) returns the lines each tool's comments cover in that file. A finding
    keeps only the trace steps whose listener call is not covered; it is suppressed when none
    is left, by the comments that cover its listeners.
    """
    kept = []
    suppressed = []

    def covering(path: str, line: int) -> list[Suppression]:
        return [
            Suppression(tool.value, path, line)
            for tool, lines in coverage_of(path).items()
            if line in lines
        ]

    for finding in findings:
        own = covering(finding.path, finding.line)
        if own:
            suppressed.append(Suppressed(finding, tuple(own)))
            continue
        steps = [(step, covering(step.path, step.line)) for step in finding.trace]
        trace = tuple(step for step, by in steps if not by)
        if not trace:
            by = tuple(dict.fromkeys(s for _, found in steps for s in found))
            suppressed.append(Suppressed(finding, by))
            continue
        kept.append(finding.with_trace(trace))
    return kept, suppressed
