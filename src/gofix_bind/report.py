"""Count a run's results and turn them into the one exit code."""

from __future__ import annotations

import enum
import signal
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from gofix_bind.model import FileResult, Finding, Mode, Outcome, Run
from gofix_bind.settings import FixPolicy


class ExitCode(enum.IntEnum):
    """The only exit codes gofix-bind uses."""

    CLEAN = 0  # the run's question is answered "no" (see Question)
    # An unsuppressed finding remains (report mode, --apply); --diff printed a diff; with --list
    # or --check, --apply would change a file.
    FINDINGS = 1
    ERROR = 2  # a usage error, or a path that could not be read, parsed or written
    # Stopped by a signal, reported as shells report it, 128 + the signal's number.
    INTERRUPTED = 128 + signal.SIGINT  # 130: SIGINT (Ctrl-C)
    TERMINATED = 128 + signal.SIGTERM  # 143: SIGTERM

    @classmethod
    def of_signal(cls, signum: int) -> ExitCode:
        """Return the exit code of a run stopped by SIGINT or SIGTERM."""
        return cls.TERMINATED if signum == signal.SIGTERM else cls.INTERRUPTED


class Question(enum.Enum):
    """What exit code 1 answers, which depends on the mode."""

    # Report mode, --apply, --interactive: does an unsuppressed finding remain?
    REMAINING = "remaining"
    # --diff (as ruff's), --list, --check: does the run print a change (would --apply write)?
    CHANGES = "changes"

    @classmethod
    def of(cls, mode: Mode, listing: bool = False) -> Question:
        """Return the question a mode's exit code answers; listing is --list or --check."""
        return cls.CHANGES if listing or mode is Mode.DIFF else cls.REMAINING


@dataclass(frozen=True)
class Summary:
    """The figures printed at the end of a run."""

    # Every file read or tried, failures included.
    files_scanned: int
    files_skipped: int
    files_failed: int
    files_changed: int
    findings: int
    fixable: int
    fixed: int
    # Unsafe fixes the policy did not allow.
    held_back: int
    # Findings that have no fix at all.
    unfixable: int
    # Fixes this run's plans hold: written with --apply, printed with --diff.
    planned: int
    suppressed: int
    errors: int

    @property
    def remaining(self) -> int:
        """Return the findings still in the code after this run."""
        return self.findings - self.fixed


def summarize(run: Run, policy: FixPolicy) -> Summary:
    """Add up a run's results."""
    results = run.results
    mode = run.mode
    failed = sum(r.outcome is Outcome.FAILED for r in results)
    skipped = sum(r.outcome is Outcome.SKIPPED for r in results)
    findings = [f for r in results for f in r.findings]
    return Summary(
        files_scanned=len(results) - skipped,
        files_skipped=run.excluded + skipped,
        files_failed=failed,
        files_changed=sum(r.outcome is Outcome.CHANGED for r in results),
        findings=len(findings),
        fixable=sum(policy.allows(f) for f in findings),
        fixed=sum(len(r.fixed) for r in results) if mode is Mode.APPLY else 0,
        held_back=sum(f.fix is not None and not policy.allows(f) for f in findings),
        unfixable=sum(f.fix is None for f in findings),
        planned=sum(len(r.fixed) for r in results if r.outcome is Outcome.CHANGED),
        suppressed=sum(len(r.suppressed) for r in results),
        errors=failed,
    )


def exit_code(
    summary: Summary, question: Question = Question.REMAINING, exit_zero: bool = False
) -> ExitCode:
    """Return the exit code for a finished run (usage errors exit before any run).

    exit_zero (--exit-zero) turns FINDINGS into CLEAN; an error is still an error.
    """
    if summary.errors:
        return ExitCode.ERROR
    if exit_zero:
        return ExitCode.CLEAN
    answer = summary.files_changed if question is Question.CHANGES else summary.remaining
    return ExitCode.FINDINGS if answer else ExitCode.CLEAN


def fixed_by(result: FileResult) -> Callable[[Finding], bool]:
    """Return a test of whether a finding equals one the result's plan fixes.

    Equal findings share where they are, so each is compared only with the fixed findings at
    the same bytes: a file with many findings would cost the square of their number otherwise.
    """
    at: dict[tuple[str, int, int], list[Finding]] = defaultdict(list)
    for fixed in result.fixed:
        at[(fixed.path, fixed.start_byte, fixed.end_byte)].append(fixed)

    def test(finding: Finding) -> bool:
        return finding in at.get((finding.path, finding.start_byte, finding.end_byte), ())

    return test


def remaining_findings(results: tuple[FileResult, ...], mode: Mode) -> list[Finding]:
    """Return the findings still in the code after the mode's action."""
    if mode is not Mode.APPLY:
        return [f for r in results for f in r.findings]
    left = []
    for result in results:
        fixed = fixed_by(result)
        left += [f for f in result.findings if not fixed(f)]
    return left


def failures(results: tuple[FileResult, ...]) -> list[FileResult]:
    """Return the results that failed, in order."""
    return [r for r in results if r.outcome is Outcome.FAILED]
