"""Go behind the Language protocol: a unit is a directory, analysed package by package."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

import tree_sitter

from gofix_bind.go.align import forget, realign
from gofix_bind.go.analyze import analyze
from gofix_bind.go.compare import same_code
from gofix_bind.go.package import GoFile, Words
from gofix_bind.go.parse import error_count, parse, reparse
from gofix_bind.go.records import Expression, GoString, Splice, Target
from gofix_bind.go.regions import View, parse_view, reparse_view
from gofix_bind.go.spell import spell
from gofix_bind.go.unit import first_pass, is_generated, read, second_pass, siblings, widen
from gofix_bind.language import Scan, ScannedFile, Tree
from gofix_bind.model import Edit, Finding, Job, Suppressed
from gofix_bind.settings import Settings


class GoLanguage:
    """Go sources, parsed with tree-sitter-go and laid out as gofmt lays them out."""

    name: str = "go"
    suffixes: tuple[str, ...] = (".go",)
    default_excludes: tuple[str, ...] = ("vendor", "testdata", "_*")
    test_files: tuple[str, ...] = ("*_test.go",)
    records: tuple[type, ...] = (GoString, Target, Splice, Expression)

    def is_generated(self, source: bytes) -> bool:
        """Tell whether a `// Code generated ... DO NOT EDIT.` line precedes the package clause."""
        return is_generated(source)

    def units(self, jobs: Sequence[Job]) -> list[list[Job]]:
        """Group files by directory: a directory's files make its packages."""
        # By the directory's name: a Path object per file costs real time in a large tree.
        by_directory: dict[str, list[Job]] = {}
        for job in jobs:
            by_directory.setdefault(os.path.dirname(job.path), []).append(job)
        return list(by_directory.values())

    def analyze(self, unit: Sequence[Job], settings: Settings) -> Scan:
        """Read the unit's files and their siblings, and detect package by package."""
        generated = None if settings.discovery.include_generated else self.is_generated
        loaded = [read(job, generated) for job in unit]
        first = unit[0]
        # A unit handed over as bytes (a patch's pre-image tree) is its whole directory: the
        # directory on disk may hold other files, or another revision of them. Standard input
        # stands in for one file of a directory that is on disk.
        named = {job.path for job in unit}
        given = all(job.data is not None and not job.from_stdin for job in unit)
        context = [] if given else siblings(first.path.parent, named, first.cwd)
        findings: dict[str, tuple[Finding, ...]] = {}
        suppressed: dict[str, tuple[Suppressed, ...]] = {}
        while True:
            findings.clear()
            suppressed.clear()
            for package in first_pass([*loaded, *context], settings.detection.prefilter):
                analysis = analyze(package, settings.detection.no_suppress)
                findings.update(analysis.findings)
                suppressed.update(analysis.suppressed)
            # A large file parsed in part: again, with the chunks its lookups missed.
            if not widen([*loaded, *context]):
                break
        # A sibling read only for its names is reported too when a named file's listener needs
        # it fixed.
        needed = [item for item in context if item.file is not None and item.file.path in findings]
        files = []
        for item in [*loaded, *needed]:
            path = item.job.display
            ended = item.result is not None
            files.append(
                ScannedFile(
                    item.job,
                    item.source,
                    None if item.file is None else _tree_of(item.file),
                    item.result,
                    () if ended else findings.get(path, ()),
                    () if ended else suppressed.get(path, ()),
                )
            )
        parsed = [item.file for item in [*loaded, *context] if item.file is not None]
        return Scan(tuple(files), parsed)

    def rescan(
        self, scan: Scan, replaced: Mapping[str, tuple[bytes, Tree]], settings: Settings
    ) -> dict[str, tuple[Finding, ...]]:
        """Detect again over the parsed files, the rewritten ones with their new bytes."""
        assert isinstance(scan.state, list)
        files: list[GoFile] = []
        for file in scan.state:
            source, tree = replaced.get(file.path, (file.source, _tree_of(file)))
            words = file.words if source is file.source else None
            files.append(_go_file(file.path, source, tree, file.reported, words))
        while True:
            found: dict[str, tuple[Finding, ...]] = {}
            for package in second_pass(files, set(replaced), settings.detection.prefilter):
                found.update(analyze(package, settings.detection.no_suppress).findings)
            if not any(file.missed for file in files):
                return found
            # A large file parsed in part: again, with the chunks its lookups missed.
            files = [_widened(file) if file.missed else _fresh(file) for file in files]

    def spell(self, finding: Finding, host: str, ipv6: bool) -> tuple[Edit, ...] | None:
        """Write the new host into the literal, or the Go expression that binds it."""
        return spell(finding, host, ipv6)

    def layout(self, source: bytes, tree: GoTree, changes: Sequence[Edit]) -> tuple[Edit, ...]:
        """Realign gofmt's columns around the changes."""
        if isinstance(tree, View):
            # A blank line ends each chunk, and gofmt aligns no block across one.
            return realign(tree.source, tree.tree, changes)
        return realign(source, tree, changes)

    def parse(self, source: bytes) -> tree_sitter.Tree:
        """Parse Go bytes with tree-sitter-go."""
        return parse(source)

    def reparse(
        self, old: tuple[bytes, GoTree], edits: Sequence[Edit], new_source: bytes
    ) -> GoTree:
        """Parse the rewritten bytes incrementally, sharing the old tree's unchanged parts."""
        source, tree = old
        if isinstance(tree, View):
            view = reparse_view(tree, edits, new_source)
            # An edit outside the view: never planned, since edits come from its nodes.
            return parse(new_source) if view is None else view
        return reparse(source, tree, edits, new_source)

    def syntax_errors(self, tree: GoTree) -> int:
        """Count ERROR and MISSING nodes."""
        return error_count(tree.tree if isinstance(tree, View) else tree)

    def same_code(
        self, old: tuple[bytes, GoTree], new: tuple[bytes, GoTree], edits: Sequence[Edit]
    ) -> bool:
        """Compare node types and token texts outside the nodes the edits replace."""
        (old_source, old_tree), (new_source, new_tree) = old, new
        if isinstance(old_tree, View) and isinstance(new_tree, View):
            return same_code(old_tree.tree, old_tree.source, new_tree.tree, new_tree.source, edits)
        if isinstance(old_tree, View):
            old_tree = parse(old_source)
        if isinstance(new_tree, View):
            new_tree = parse(new_source)
        return same_code(old_tree, old_source, new_tree, new_source, edits)

    def release(self) -> None:
        """Drop the realignment model of the last file, which holds its syntax tree."""
        forget()


# A whole file's tree, or a large file's view (see regions).
GoTree = tree_sitter.Tree | View


def _tree_of(file: GoFile) -> GoTree:
    """Return what the pipeline carries of a parsed file's tree."""
    if file.regions is None or file.view is None:
        return file.tree
    return View(file.tree, file.view, file.regions)


def _go_file(
    path: str, source: bytes, tree: GoTree, reported: bool, words: Words | None = None
) -> GoFile:
    """Make a file for a second pass from its bytes and tree."""
    if isinstance(tree, View):
        return GoFile(
            path, source, tree.tree, reported, regions=tree.regions, view=tree.source, words=words
        )
    return GoFile(path, source, tree, reported, words=words)


def _fresh(file: GoFile) -> GoFile:
    """Return the file anew, with no lookups noted."""
    return _go_file(file.path, file.source, _tree_of(file), file.reported, file.words)


def _widened(file: GoFile) -> GoFile:
    """Return a large file parsed again with the chunks its lookups missed."""
    assert file.regions is not None
    view = parse_view(file.source, file.regions.widened(file.missed))
    return _go_file(file.path, file.source, view, file.reported, file.words)


GO = GoLanguage()
