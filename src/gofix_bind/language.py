"""The Language protocol: what the pipeline needs from a language, and what it gets back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from gofix_bind.model import Edit, FileResult, Finding, Job, Suppressed
from gofix_bind.settings import Settings

# A language's own syntax tree: the pipeline only hands it back to the language that made it.
Tree = Any


@dataclass(frozen=True)
class ScannedFile:
    """One file of a unit after analysis: its bytes and tree, or the result it ended in early."""

    job: Job
    source: bytes
    # None when the file was never parsed (nothing in it could matter) or ended early.
    tree: Tree | None
    # Set when the file ended before analysis: skipped, or failed to read or parse.
    result: FileResult | None
    # Findings whose literal is in this file, before any fix is planned.
    findings: tuple[Finding, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()


@dataclass(frozen=True)
class Scan:
    """What a language found in one unit: each named file, then the others that need a fix."""

    files: tuple[ScannedFile, ...]
    # The language's own state for a second pass over the same unit (verify).
    state: object


class Language(Protocol):
    """What the pipeline needs from a language; everything else stays inside its package."""

    name: str
    # File name endings that select the language's sources.
    suffixes: tuple[str, ...]
    # Directory names (shell patterns) discovery leaves out unless told otherwise.
    default_excludes: tuple[str, ...]
    # File names (shell patterns) of tests, left out with exclude-tests.
    test_files: tuple[str, ...]
    # The records (dataclasses and enums) a finding's target is made of: all the result cache
    # may write down of the language's own, and read back.
    records: tuple[type, ...]

    def is_generated(self, source: bytes) -> bool:
        """Tell whether the file says a generator wrote it (such files are skipped)."""
        ...

    def units(self, jobs: Sequence[Job]) -> list[list[Job]]:
        """Group files into the units analysed together (Go: a directory)."""
        ...

    def analyze(self, unit: Sequence[Job], settings: Settings) -> Scan:
        """Read, parse and detect one unit; every job ends in one ScannedFile."""
        ...

    def rescan(
        self, scan: Scan, replaced: Mapping[str, tuple[bytes, Tree]], settings: Settings
    ) -> dict[str, tuple[Finding, ...]]:
        """Detect again in the unit with some files' bytes replaced; findings by literal path."""
        ...

    def spell(self, finding: Finding, host: str, ipv6: bool) -> tuple[Edit, ...] | None:
        """Return the edits that make the finding's listeners bind host, or None."""
        ...

    def layout(self, source: bytes, tree: Tree, changes: Sequence[Edit]) -> tuple[Edit, ...]:
        """Return the white-space edits the formatter's layout needs after the changes."""
        ...

    def parse(self, source: bytes) -> Tree:
        """Parse bytes into the language's tree."""
        ...

    def reparse(self, old: tuple[bytes, Tree], edits: Sequence[Edit], new_source: bytes) -> Tree:
        """Parse the bytes the edits make of old, as parse would; old's tree stays as it was."""
        ...

    def syntax_errors(self, tree: Tree) -> int:
        """Count the syntax errors in a tree."""
        ...

    def same_code(
        self,
        old: tuple[bytes, Tree],
        new: tuple[bytes, Tree],
        edits: Sequence[Edit],
    ) -> bool:
        """Tell whether new is old's code except in the nodes the edits replace."""
        ...

    def release(self) -> None:
        """Drop what the language keeps between calls on one unit, its syntax trees among them."""
        ...
