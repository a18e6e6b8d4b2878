"""The language-neutral records that flow through the pipeline: findings, edits, plans, results."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from pathlib import Path


class Applicability(enum.Enum):
    """Whether a fix may be applied without asking (ruff's model)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class Mode(enum.Enum):
    """What a run does with the fixes it plans."""

    REPORT = "report"
    DIFF = "diff"
    APPLY = "apply"


class Outcome(enum.Enum):
    """The closed set of results a file can end in."""

    CHANGED = "changed"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class Job:
    """One file to process and the names it is shown under."""

    path: Path
    display: str
    # The working directory, from which the path git apply expects is worked out when needed.
    cwd: Path
    # The file's bytes when they are not on disk (standard input, a patch's pre-image). A Go
    # unit whose every job carries its bytes is a whole directory: no sibling is read from disk.
    data: bytes | None = field(default=None, repr=False)
    # The data came from standard input in place of the file at path: the other files of its
    # directory are still read from disk, for the names they declare.
    from_stdin: bool = False


@dataclass(frozen=True)
class Edit:
    """Replace source bytes [start_byte, end_byte) with content; start == end inserts."""

    start_byte: int
    end_byte: int
    content: bytes


@dataclass(frozen=True)
class Fix:
    """Everything one finding's fix writes when it is applied alone, and whether it is safe."""

    applicability: Applicability
    # The edits that make the change: the new host, the inserted field or argument.
    changes: tuple[Edit, ...]
    # White-space edits that keep the formatter's layout (gofmt realignment) for this fix alone.
    layout: tuple[Edit, ...] = ()
    # Why the fix is unsafe, in words; "" for a safe fix.
    reason: str = ""

    @property
    def edits(self) -> tuple[Edit, ...]:
        """Return every edit of the fix, layout included, in byte order."""
        return tuple(
            sorted((*self.changes, *self.layout), key=lambda e: (e.start_byte, e.end_byte))
        )


class Source(enum.Enum):
    """Where the address a finding reports is written."""

    LITERAL = "literal"  # a string literal at the listener call
    VALUE = "value"  # a string reached through names, concatenation or formatting
    FLAG = "flag"  # the default of a command-line flag
    CONFIG = "config"  # a field of one of the package's configuration structs
    EXPRESSION = "expression"  # an address struct, IP or address value
    NO_ADDRESS = "no-address"  # nothing: gin's Run(), an http.Server without Addr


@dataclass(frozen=True)
class TraceStep:
    """A listener the finding's value reaches: where it is called and what it is."""

    path: str
    line: int
    column: int
    sink: str


@dataclass(frozen=True)
class Finding:
    """Facts about one literal that makes listeners bind every interface; fix set by the planner.

    Lines and columns are 1-based; columns count bytes, as gofmt and go vet count them.
    """

    rule: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start_byte: int
    end_byte: int
    sink: str
    address: str
    message: str
    trace: tuple[TraceStep, ...]
    network: str | None
    empty_port: str | None
    # The host's IP family (4, 6, or None when empty) and whether a port follows it.
    family: int | None
    has_port: bool
    # What a fix edits, in the detecting language's own terms; only that language reads it.
    # None when no single place in the source decides the host.
    target: object | None
    # True when the literal is not written at the listener call itself.
    indirect: bool = False
    # Package-level names that hold the literal and are also read outside listeners.
    shared_names: tuple[str, ...] = ()
    # The literal is a fallback default assigned only sometimes, in a library package.
    library_fallback: bool = False
    # Why any fix changes more than the host, decided where the finding is detected.
    unsafe_reasons: tuple[str, ...] = ()
    source: Source = Source.LITERAL
    fix: Fix | None = None

    def with_trace(self, trace: tuple[TraceStep, ...]) -> Finding:
        """Return the finding as it reaches only these of its listeners (a non-empty subset)."""
        if trace == self.trace:
            return self
        message = self.message
        if message.startswith(self.sink):
            # The message names the first listener; name the first one left instead.
            message = trace[0].sink + message[len(self.sink) :]
        return dataclasses.replace(self, trace=trace, sink=trace[0].sink, message=message)


class SuppressionKind(enum.Enum):
    """Where a suppression is written."""

    COMMENT = "comment"  # a comment in the source covers the line
    CONFIG = "config"  # an [[overrides]] table of a config file ignores the path


@dataclass(frozen=True)
class Suppression:
    """What keeps a finding out of the report: a tool's comment, or a config file's table."""

    # The tool whose comment form matched: gofix-bind, gosec, golangci-lint, semgrep, datadog;
    # gofix-bind for a config file.
    tool: str
    # The file whose comment covers the line, or the config file.
    path: str
    # The line a comment covers; 0 for a config file.
    line: int
    kind: SuppressionKind = SuppressionKind.COMMENT
    # A config file's table (overrides[2]) and the reason it gives.
    table: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Suppressed:
    """A finding that a suppression hides, with every suppression that covers it."""

    finding: Finding
    by: tuple[Suppression, ...]


@dataclass(frozen=True)
class FilePlan:
    """Exactly the edits a write makes to one file, for the fixes it applies, layout included."""

    path: str
    edits: tuple[Edit, ...]
    # The findings whose fixes the edits hold.
    fixed: tuple[Finding, ...]


@dataclass(frozen=True)
class FileResult:
    """What happened to one file; never raised, always returned."""

    path: str
    outcome: Outcome
    reason: str = ""
    findings: tuple[Finding, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()
    # What the mode writes (or would write, in report mode): set only for changed files.
    plan: FilePlan | None = None
    # The bytes read, kept for files with findings (positions in other units, diffs); the
    # bytes after, kept only for changed files.
    old_source: bytes = field(default=b"", repr=False)
    new_source: bytes = field(default=b"", repr=False)
    # The file on disk (a symlink is written through to its target).
    disk_path: Path | None = None
    # Path relative to the repository root when there is one, as diffs and the review formats
    # name it: set for changed files and for files with findings or suppressed findings.
    diff_path: str = ""
    # A skip nobody asked for (a file too large to scan) is named on stderr; skips the settings
    # chose (generated files) are only counted.
    announce: bool = False

    @property
    def fixed(self) -> tuple[Finding, ...]:
        """Return the findings whose fixes this file's plan holds."""
        return self.plan.fixed if self.plan is not None else ()


@dataclass(frozen=True)
class Run:
    """Every file's result in path order, and how many source files excluded directories held."""

    mode: Mode
    results: tuple[FileResult, ...]
    excluded: int
