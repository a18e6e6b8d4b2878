"""A directory's Go files as a unit: read them, check they are Go text, and assemble packages."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from gofix_bind.go.package import GoFile, Package, Words
from gofix_bind.go.parse import first_error, parse
from gofix_bind.go.prefilter import package_clause, site_files
from gofix_bind.go.regions import Regions, parse_view, plan
from gofix_bind.go.rejects import go_position, go_rejection
from gofix_bind.model import FileResult, Job, Outcome
from gofix_bind.paths import display_path
from gofix_bind.source_io import read_job

GENERATED_PREFIX = b"// Code generated "
GENERATED_SUFFIX = b" DO NOT EDIT."


def is_generated(source: bytes) -> bool:
    """Tell whether a `// Code generated ... DO NOT EDIT.` line precedes the package clause."""
    for raw_line in io.BytesIO(source.removeprefix(b"\xef\xbb\xbf")):
        line = raw_line.rstrip(b"\r\n")
        if line.startswith(GENERATED_PREFIX) and line.endswith(GENERATED_SUFFIX):
            return True
        if line.lstrip().startswith(b"package"):
            return False
    return False


# A file of nothing but a byte order mark and white space.
_BLANK = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*")


# Decoded a piece at a time: a large file decoded whole would cost several times its size in
# memory. The pieces end after a newline, which no UTF-8 sequence holds.
_PIECE_BYTES = 1 << 20


def _utf8_error(source: bytes) -> int | None:
    """Return the offset of the first byte that is not UTF-8, or None when all are."""
    start = 0
    while start < len(source):
        end = source.find(b"\n", start + _PIECE_BYTES)
        end = len(source) if end < 0 else end + 1
        try:
            source[start:end].decode("utf-8")
        except UnicodeDecodeError as error:
            return start + error.start
        start = end
    return None


def not_go_text(source: bytes) -> str | None:
    """Say why bytes cannot be Go source whatever their syntax (gofmt's words), or None."""
    if _BLANK.fullmatch(source):
        return "expected 'package', found EOF (empty file)"
    problems = []
    nul = source.find(b"\0")
    if nul >= 0:
        problems.append((nul, "illegal character NUL"))
    bad = None if source.isascii() else _utf8_error(source)
    if bad is not None:
        problems.append((bad, "illegal UTF-8 encoding"))
    if not problems:
        return None
    offset, message = min(problems)
    return f"{message} at {go_position(source, offset)}"


@dataclass
class Loaded:
    """A file read and maybe parsed, or the result it already ended in."""

    job: Job
    source: bytes = b""
    file: GoFile | None = None
    result: FileResult | None = None
    # Read only for names other files use: never reported unless a finding needs it.
    context: bool = False
    # The bytes are Go text that names may be looked up in (a generated file's too).
    read: bool = False
    # A large file's chunks and the ones its tree holds; planned on the first parse.
    regions: Regions | None = None
    planned: bool = False
    # Kept across its parses, so that its bytes are searched once per name.
    words: Words | None = None


def read(job: Job, generated: Callable[[bytes], bool] | None, context: bool = False) -> Loaded:
    """Read a file, or end it in the result that says why it cannot be scanned.

    generated tells a generated file, which is then skipped; None reads every file.
    """
    source, result = read_job(job, generated)
    if source is None:
        return Loaded(job, result=result, context=context)
    loaded = Loaded(job, source, result=result, context=context, read=True)
    if result is not None:
        # Generated: still read for names other files use, but never reported or rewritten.
        return loaded
    # Checked in every file, parsed or not: it costs one scan of the bytes, and such a file is
    # not Go at all (gofmt and the compiler reject it), so no name in it may feed another file.
    problem = not_go_text(source)
    if problem is not None:
        loaded.read = False
        loaded.result = FileResult(job.display, Outcome.FAILED, problem)
    return loaded


def parse_loaded(item: Loaded, sites: list[tuple[int, int]] | None = None) -> GoFile | None:
    """Parse a read file; a syntax error (tree-sitter's or Go's) fails a reported file.

    sites are where the file may hold listener sites, None for anywhere: a large file is then
    parsed only in the chunks that hold them and its header, until lookups need more.
    """
    if not item.planned:
        item.planned = True
        if sites is not None:
            item.regions = plan(item.source, sites)
    if item.regions is not None:
        view = parse_view(item.source, item.regions)
        if not view.tree.root_node.has_error:
            reported = item.result is None and not item.context
            if item.words is None:
                item.words = Words(item.source)
            item.file = GoFile(
                item.job.display,
                item.source,
                view.tree,
                reported=reported,
                regions=view.regions,
                view=view.source,
                words=item.words,
            )
            return item.file
        # Every chunk was checked, so this cannot be; the whole parse reports what it is.
        item.regions = None
    tree = parse(item.source)
    broken = first_error(tree)
    reason = None
    if broken is not None:
        row, column = broken.start_point
        reason = f"syntax error at {row + 1}:{column + 1}"
    else:
        # tree-sitter takes more than Go does: such a file is not Go, so never rewritten.
        rejected = go_rejection(item.source, tree)
        if rejected is not None:
            position = go_position(item.source, rejected.start_byte)
            reason = f"syntax error at {position}: {rejected.message}"
    if reason is not None:
        if item.result is None and not item.context:
            item.result = FileResult(item.job.display, Outcome.FAILED, reason)
        return None
    reported = item.result is None and not item.context
    item.file = GoFile(item.job.display, item.source, tree, reported=reported)
    return item.file


def siblings(directory: Path, named: set[Path], cwd: Path) -> list[Loaded]:
    """Read the directory's other Go files, which may declare names the named files use."""
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith(".go"))
    except OSError:
        return []
    # Usually every Go file of the directory is named already.
    taken = {path.name for path in named}
    found = []
    for name in names:
        if name in taken:
            continue
        path = directory / name
        if not path.is_file():
            continue
        # Read only for its names and never reported, so whether it is generated is moot.
        sibling = read(Job(path, display_path(path, cwd), cwd), None, context=True)
        if sibling.result is None:
            found.append(sibling)
    return found


def assemble(
    sources: Mapping[str, bytes],
    sites: Mapping[str, list[tuple[int, int]] | None],
    load: Callable[[str], GoFile | None],
) -> list[Package]:
    """Group a directory's files into packages by package clause.

    The files in sites are loaded (parsed) now and hold the sites; the others stay pending as
    bytes until a lookup needs a name they spell. sources is in the directory's file order.
    """
    order = {path: index for index, path in enumerate(sources)}
    groups: dict[str, tuple[list[GoFile], dict[str, bytes]]] = {}
    for path, source in sources.items():
        if path not in sites:
            groups.setdefault(package_clause(source), ([], {}))[1][path] = source
            continue
        file = load(path)
        if file is not None:
            file.site_ranges = sites[path]
            groups.setdefault(file.package_name, ([], {}))[0].append(file)
    return [Package(files, pending, load, order) for files, pending in groups.values()]


def first_pass(items: Sequence[Loaded], prefilter: bool) -> list[Package]:
    """Make a directory's packages; parse up front only the files that may hold a site."""
    readable = [i for i in items if i.read]
    sources = {item.job.display: item.source for item in readable}
    by_display = {item.job.display: item for item in readable}
    sites = site_files(sources, prefilter)

    def load(path: str) -> GoFile | None:
        # A file parsed for a lookup holds no site: its header is where its view starts.
        return parse_loaded(by_display[path], sites.get(path, []))

    return assemble(sources, sites, load)


def widen(items: Sequence[Loaded]) -> bool:
    """Add to each large file's view the chunks a lookup missed; tell whether any was added.

    The files' trees are dropped: the next pass parses them again.
    """
    widened = False
    for item in items:
        file = item.file
        if file is not None and file.regions is not None and file.missed:
            item.regions = file.regions.widened(file.missed)
            widened = True
    if widened:
        for item in items:
            item.file = None
    return widened


def second_pass(files: Sequence[GoFile], rewritten: set[str], prefilter: bool) -> list[Package]:
    """Make the packages for verify's second pass, whose sites are the rewritten files'.

    Every fixable finding of the first pass is in a file its fix rewrites, and a fix only
    removes wildcard addresses, so no other file can hold a fix after it. The other files
    still answer the lookups the rewritten files' sites make.
    """
    sources = {file.path: file.source for file in files}
    everywhere = site_files(sources, prefilter)
    sites = {path: ranges for path, ranges in everywhere.items() if path in rewritten}
    by_path = {file.path: file for file in files}
    return assemble(sources, sites, by_path.get)
