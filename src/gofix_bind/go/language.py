"""Go behind the Language protocol: a unit is a directory, analysed package by package."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import tree_sitter

from gofix_bind.go.align import forget, realign
from gofix_bind.go.analyze import analyze
from gofix_bind.go.compare import same_code
from gofix_bind.go.package import GoFile
from gofix_bind.go.parse import error_count, parse, reparse
from gofix_bind.go.records import Expression, GoString, Splice, Target
from gofix_bind.go.spell import spell
from gofix_bind.go.unit import first_pass, is_generated, read, second_pass, siblings
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
        by_directory: dict[Path, list[Job]] = {}
        for job in jobs:
            by_directory.setdefault(job.path.parent, []).append(job)
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
        for package in first_pass([*loaded, *context], settings.detection.prefilter):
            analysis = analyze(package, settings.detection.no_suppress)
            findings.update(analysis.findings)
            suppressed.update(analysis.suppressed)
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
                    item.file.tree if item.file is not None else None,
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
            source, tree = replaced.get(file.path, (file.source, file.tree))
            files.append(GoFile(file.path, source, tree, file.reported))
        found: dict[str, tuple[Finding, ...]] = {}
        for package in second_pass(files, set(replaced), settings.detection.prefilter):
            found.update(analyze(package, settings.detection.no_suppress).findings)
        return found

    def spell(self, finding: Finding, host: str, ipv6: bool) -> tuple[Edit, ...] | None:
        """Write the new host into the literal, or the Go expression that binds it."""
        return spell(finding, host, ipv6)

    def layout(
        self, source: bytes, tree: tree_sitter.Tree, changes: Sequence[Edit]
    ) -> tuple[Edit, ...]:
        """Realign gofmt's columns around the changes."""
        return realign(source, tree, changes)

    def parse(self, source: bytes) -> tree_sitter.Tree:
        """Parse Go bytes with tree-sitter-go."""
        return parse(source)

    def reparse(
        self, old: tuple[bytes, tree_sitter.Tree], edits: Sequence[Edit], new_source: bytes
    ) -> tree_sitter.Tree:
        """Parse the rewritten bytes incrementally, sharing the old tree's unchanged parts."""
        return reparse(old[0], old[1], edits, new_source)

    def syntax_errors(self, tree: tree_sitter.Tree) -> int:
        """Count ERROR and MISSING nodes."""
        return error_count(tree)

    def same_code(
        self,
        old: tuple[bytes, tree_sitter.Tree],
        new: tuple[bytes, tree_sitter.Tree],
        edits: Sequence[Edit],
    ) -> bool:
        """Compare node types and token texts outside the nodes the edits replace."""
        return same_code(old[1], old[0], new[1], new[0], edits)

    def release(self) -> None:
        """Drop the realignment model of the last file, which holds its syntax tree."""
        forget()


GO = GoLanguage()
