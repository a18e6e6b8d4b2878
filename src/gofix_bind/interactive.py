"""Review fixes one at a time at a terminal, as `git add -p` reviews hunks, then write the chosen.

The scan is a report run kept unit by unit. Each fix the run's policy allows is shown as the
diff of its file with that fix alone applied, and asked about. Each unit's accepted fixes are
then planned again as one set, their layout planned for exactly that set, verified, and
written through runner.write, the one place that writes.
"""

from __future__ import annotations

import dataclasses
import enum
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from gofix_bind.diff import split_lines, unified_diff
from gofix_bind.dirty import Guard
from gofix_bind.discover import discover, normalize
from gofix_bind.languages import LANGUAGES
from gofix_bind.model import (
    Applicability,
    FileResult,
    Finding,
    Fix,
    Job,
    Mode,
    Outcome,
    Run,
)
from gofix_bind.output import diff as diff_output
from gofix_bind.output import text
from gofix_bind.output.describe import via
from gofix_bind.output.format import Context
from gofix_bind.paths import Bounds, shown
from gofix_bind.plan import apply_edits
from gofix_bind.report import ExitCode, exit_code, summarize
from gofix_bind.runner import failed, group, plan_units, process_unit, unread_skips, write
from gofix_bind.settings import FixPolicy, Settings

NEEDS_TERMINAL = "--interactive needs a terminal on standard input"
CHANGED_SINCE_READ = "changed on disk since it was read; nothing written"
FIXES_MOVED = "the fixes accepted are no longer found as they were shown; nothing written"


class Key(enum.Enum):
    """The answers the prompt takes, in the order it lists them."""

    YES = "y"
    NO = "n"
    ALL = "a"
    DONE = "d"
    QUIT = "q"
    HELP = "?"


HELP = {
    Key.YES: "apply this fix",
    Key.NO: "do not apply this fix",
    Key.ALL: "apply this fix and every remaining fix, in all files",
    Key.DONE: "do not apply this fix or any remaining fix in this file",
    Key.QUIT: "quit; do not apply this fix or any remaining one (those accepted are written)",
    Key.HELP: "print help",
}
PROMPT = f"Apply this fix [{','.join(key.value for key in Key)}]? "

# A finding across the scan and the second planning, which rebuild Finding records: the file
# on disk (a symlink and its target are one file), the literal's bytes and the listener.
FindingId = tuple[str, int, int, str]


@dataclass(frozen=True)
class ScannedUnit:
    """One unit as the scan saw it: its language, its jobs and its files' results."""

    language: str
    jobs: tuple[Job, ...]
    results: tuple[FileResult, ...]


@dataclass(frozen=True)
class Scanned:
    """A report run kept unit by unit, so that any unit can be planned again for a subset."""

    cwd: Path
    units: tuple[ScannedUnit, ...]
    # The paths named on the command line that could not be read.
    errors: tuple[FileResult, ...]
    excluded: int
    # Where the fixes may be written: the trees of the paths named.
    bounds: Bounds | None = None


@dataclass(frozen=True)
class Offer:
    """One fix to ask about, with the scanned file it is in."""

    result: FileResult
    finding: Finding
    fix: Fix
    # The file on disk, the first part of the finding's FindingId.
    file: str

    @property
    def id(self) -> FindingId:
        """Return the id that names the finding in the second planning too."""
        return (self.file, self.finding.start_byte, self.finding.end_byte, self.finding.sink)


def check_usage(others: Sequence[str]) -> None:
    """Raise a usage error when --interactive cannot run with the other options or this stdin."""
    for option in others:
        raise click.UsageError(f"--interactive and {option} cannot be used together")
    if not sys.stdin.isatty():
        raise click.UsageError(NEEDS_TERMINAL)


def scan(
    arguments: list[str],
    settings: Settings,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Scanned:
    """Analyse and plan every file the arguments name, as a report run does, unit by unit."""
    cwd = Path.cwd()
    found = discover(arguments, settings.discovery_at, LANGUAGES)
    units = group(found, cwd)
    kept = []
    done = 0
    for (language, jobs), results in zip(units, plan_units(units, settings, workers), strict=True):
        kept.append(ScannedUnit(language, tuple(jobs), tuple(results)))
        done += len(results)
        if progress is not None:
            progress(done, len(found.files))
    # The files left unread go with the errors: results of no unit, shown at the end.
    errors = (
        *unread_skips(found, cwd),
        *(FileResult(arg, Outcome.FAILED, message) for arg, message in found.errors),
    )
    bounds = Bounds.of([normalize(argument) for argument in arguments], cwd)
    return Scanned(cwd, tuple(kept), errors, found.skipped, bounds)


def _file_id(result: FileResult) -> str:
    assert result.disk_path is not None
    return os.path.realpath(result.disk_path)


def offers(scanned: Scanned, policy: FixPolicy) -> list[Offer]:
    """Return the fixes to ask about: those --apply would write, by path, then by position."""
    results = sorted((r for unit in scanned.units for r in unit.results), key=lambda r: r.path)
    found = []
    seen: set[str] = set()
    for result in results:
        if result.outcome is not Outcome.CHANGED:
            continue
        file = _file_id(result)
        # A symlink and its target are one file: its fixes are asked about once.
        if file in seen:
            continue
        seen.add(file)
        allowed = [f for f in result.findings if f.fix is not None and policy.allows(f)]
        for finding in sorted(allowed, key=lambda f: (f.start_byte, f.end_byte)):
            assert finding.fix is not None
            found.append(Offer(result, finding, finding.fix, file))
    return found


def hunk(offer: Offer, header: bool, color: bool) -> bytes:
    """Return the diff of the offer's file with its fix alone applied; header adds file lines."""
    old = offer.result.old_source
    edits = offer.fix.edits
    patch = unified_diff(old, apply_edits(old, edits), offer.result.diff_path, edits=edits)
    if not header:
        # The diff --git, --- and +++ lines, shown once per file as git add -p does.
        patch = b"".join(split_lines(patch)[3:])
    return diff_output.colour(patch) if color else patch


def describe(offer: Offer, color: bool) -> str:
    """Return the lines that introduce a fix: where, which listener, and why it is unsafe."""
    finding = offer.finding
    location = f"{finding.path}:{finding.line}:{finding.column}:"
    if color:
        location = click.style(location, bold=True)
    lines = f"{location} {finding.message}{via(finding)}\n"
    if offer.fix.applicability is Applicability.UNSAFE:
        unsafe = f"unsafe fix: {offer.fix.reason}"
        lines += (click.style(unsafe, fg="yellow") if color else unsafe) + "\n"
    return shown(lines)


class Terminal:
    """The dialogue: offers and prompts on stdout, answers read as lines from stdin."""

    def __init__(self, color: bool) -> None:
        """Colour the prompt and help as git does when color is set."""
        self._color = color

    def show(self, offer: Offer, header: bool) -> None:
        """Print one fix: its description and its diff."""
        click.echo(describe(offer, self._color), nl=False)
        click.echo(hunk(offer, header, self._color), nl=False)

    def ask(self, index: int, total: int) -> Key | None:
        """Ask about the fix just shown until a decision comes; None at end of input."""
        prompt = f"({index + 1}/{total}) {PROMPT}"
        if self._color:
            prompt = click.style(prompt, fg="blue", bold=True)
        while True:
            click.echo(prompt, nl=False)
            line = sys.stdin.readline()
            if not line:
                # Ctrl-D: end the prompt's line so that what follows starts on its own.
                click.echo()
                return None
            answer = line.strip()
            if not answer:
                continue
            # The first character decides, as in git add -p: "yes" is y.
            key = next((k for k in Key if k.value == answer[0].lower()), None)
            if key is Key.HELP:
                self._help()
            elif key is None:
                click.echo(f"unknown answer {answer!r} (use '?' for help)")
            else:
                return key

    def _help(self) -> None:
        lines = "".join(f"{key.value} - {HELP[key]}\n" for key in Key)
        click.echo(click.style(lines, fg="red", bold=True) if self._color else lines, nl=False)


def choose(found: Sequence[Offer], terminal: Terminal) -> set[FindingId]:
    """Ask about each offer in turn; return the ids of the fixes accepted."""
    accepted: set[FindingId] = set()
    skipped_file = ""
    shown_file = ""
    for index, offer in enumerate(found):
        if offer.file == skipped_file:
            continue
        terminal.show(offer, header=offer.file != shown_file)
        shown_file = offer.file
        key = terminal.ask(index, len(found))
        if key is None or key is Key.QUIT:
            break
        if key is Key.YES:
            accepted.add(offer.id)
        elif key is Key.ALL:
            accepted.update(o.id for o in found[index:])
            break
        elif key is Key.DONE:
            skipped_file = offer.file
    return accepted


def _left(result: FileResult) -> FileResult:
    """Return a scanned result as this run leaves it: nothing written."""
    if result.outcome is not Outcome.CHANGED:
        return result
    return dataclasses.replace(
        result, outcome=Outcome.UNCHANGED, plan=None, new_source=b"", disk_path=None, diff_path=""
    )


def _checked(before: FileResult, after: FileResult | None, wanted: int) -> FileResult:
    """Return a file's second plan when it is still the file that was shown, else why not."""
    if after is None:
        return failed(before, FIXES_MOVED)
    if after.old_source != before.old_source:
        return failed(after, CHANGED_SINCE_READ)
    if after.outcome is Outcome.FAILED:
        return after
    if after.outcome is not Outcome.CHANGED or len(after.fixed) != wanted:
        return failed(after, FIXES_MOVED)
    return after


def plan_accepted(
    scanned: Scanned, settings: Settings, accepted: set[FindingId]
) -> list[FileResult]:
    """Plan and verify each unit's accepted fixes as one set; return every file's result."""
    files = {
        r.path: _file_id(r)
        for unit in scanned.units
        for r in unit.results
        if r.outcome is Outcome.CHANGED
    }
    wanted: dict[str, int] = {}
    for file, *_ in accepted:
        wanted[file] = wanted.get(file, 0) + 1

    def chosen(finding: Finding) -> bool:
        file = files.get(finding.path, "")
        return (file, finding.start_byte, finding.end_byte, finding.sink) in accepted

    results: list[FileResult] = []
    for unit in scanned.units:
        touched = {r.path for r in unit.results if files.get(r.path, "") in wanted}
        if not touched:
            results.extend(_left(r) for r in unit.results)
            continue
        # The unit is analysed again rather than its first plan cut down: the layout of a set
        # of fixes is planned for that set, and verify must see exactly what is written.
        again = {r.path: r for r in process_unit(unit.language, unit.jobs, settings, chosen)}
        for before in unit.results:
            if before.path in touched:
                count = wanted[files[before.path]]
                results.append(_checked(before, again.get(before.path), count))
            else:
                results.append(_left(before))
    results.sort(key=lambda r: r.path)
    return [*results, *scanned.errors]


def write_accepted(
    scanned: Scanned, settings: Settings, accepted: set[FindingId], allow_dirty: bool = False
) -> list[FileResult]:
    """Plan the accepted fixes, then write them, guarded as --apply is; return every result."""
    # Every plan is made before the first write: a symlink's unit reads its target again.
    planned = plan_accepted(scanned, settings, accepted)
    guard = None if allow_dirty else Guard()
    return [write(result, Mode.APPLY, scanned.cwd, guard, scanned.bounds) for result in planned]


def _report(run: Run, settings: Settings, color: bool, exit_zero: bool) -> ExitCode:
    """Print what an --apply run prints (errors, findings left, the summary); return its code."""
    summary = summarize(run, settings.policy)
    click.echo(text.problems(run.results), err=True, nl=False)
    click.echo(text.render(run, Context(summary, settings, color)), nl=False)
    click.echo(text.changed_lines(run.results), err=True, nl=False)
    click.echo(text.summary_line(summary, True), err=True, nl=False)
    return exit_code(summary, exit_zero=exit_zero)


def review(
    scanned: Scanned,
    settings: Settings,
    color: bool,
    terminal: Terminal | None = None,
    exit_zero: bool = False,
    allow_dirty: bool = False,
) -> ExitCode:
    """Ask about every fix of the scan, write those accepted, and report as --apply does."""
    found = offers(scanned, settings.policy)
    if not found:
        click.echo("No fix to review.")
    accepted = choose(found, terminal or Terminal(color))
    results = write_accepted(scanned, settings, accepted, allow_dirty)
    run = Run(Mode.APPLY, tuple(results), scanned.excluded)
    return _report(run, settings, color, exit_zero)
