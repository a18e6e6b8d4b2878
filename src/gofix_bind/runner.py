"""Discover files, analyse them unit by unit (in worker processes when it pays), then write.

Workers return results, each changed file with the plan of what it would write; the writes
happen here, in the parent process, and nowhere else.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import multiprocessing
import os
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from gofix_bind import containers, ignore, interrupt
from gofix_bind.cache import Cache, Probe
from gofix_bind.dirty import Guard
from gofix_bind.discover import Found, Scope, discover, normalize
from gofix_bind.language import Language, ScannedFile
from gofix_bind.languages import LANGUAGES, by_name
from gofix_bind.model import Edit, FilePlan, FileResult, Finding, Job, Mode, Outcome, Run
from gofix_bind.paths import Bounds, diff_path, display_path, header_refusal
from gofix_bind.plan import Layout, OverlapError, apply_edits, plan_file, plan_fix, with_layout
from gofix_bind.settings import Settings
from gofix_bind.source_io import ChangedOnDiskError, os_error_reason, write_atomically
from gofix_bind.verify import verify

# Chooses the fixes a plan applies; by default, those the run's policy allows.
Select = Callable[[Finding], bool]


def _layout(language: Language, file: ScannedFile) -> Layout:
    """Return the file's layout planner: the formatter's white space after some changes."""

    def layout(changes: Sequence[Edit]) -> tuple[Edit, ...]:
        return language.layout(file.source, file.tree, changes)

    return layout


def unit_directory(unit: Sequence[Job]) -> str:
    """Return the absolute directory whose config file decides a unit's settings."""
    return os.path.dirname(os.path.abspath(unit[0].path))


def process_unit(
    language_name: str,
    unit: Sequence[Job],
    settings: Settings,
    select: Select | None = None,
    verified: bool = True,
) -> list[FileResult]:
    """Analyse one unit and plan its fixes; one result per job, plus files a fix needs.

    verified False leaves the planned bytes unverified: for a text report, which shows
    neither edits nor bytes, and writes nothing.
    """
    language = by_name(language_name)
    settings = settings.at(unit_directory(unit))
    chosen_by = select or (lambda finding: settings.policy.allows(finding))
    scan = ignore.narrow(language.analyze(unit, settings), unit, language, settings)
    planned: dict[str, list[Finding]] = {}
    # Each file to rewrite: its plan and the bytes the plan gives.
    writes: dict[str, tuple[FilePlan, bytes]] = {}
    failed: dict[str, str] = {}
    left: list[Finding] = []
    for file in scan.files:
        if file.result is not None or file.tree is None:
            continue
        path = file.job.display
        layout = _layout(language, file)
        location = os.path.join(file.job.cwd, file.job.path)
        findings = planned[path] = [
            with_layout(plan_fix(finding, settings.policy, language.spell, location), layout)
            for finding in file.findings
        ]
        chosen: list[Finding] = []
        for finding in findings:
            if finding.fix is not None and chosen_by(finding):
                chosen.append(finding)
            elif settings.policy.allows(finding):
                left.append(finding)
        if not chosen:
            continue
        plan = plan_file(path, chosen, layout)
        try:
            writes[path] = (plan, apply_edits(file.source, plan.edits))
        except OverlapError as overlap:
            failed[path] = str(overlap)
    if writes and verified:
        failed.update(verify(language, scan, writes, settings, left))
    # The unit's trees go with it: a large file's tree is many times its size.
    language.release()
    return [_result(file, planned, writes, failed) for file in scan.files]


def _result(
    file: ScannedFile,
    planned: dict[str, list[Finding]],
    writes: dict[str, tuple[FilePlan, bytes]],
    failed: dict[str, str],
) -> FileResult:
    if file.result is not None:
        return file.result
    path = file.job.display
    if file.tree is None:
        # Never parsed: its bytes spell no listener and no name a listener needed.
        return FileResult(path, Outcome.UNCHANGED)
    found = tuple(planned.get(path, ()))
    # Only files with something to show keep their bytes, for positions in other units, and
    # their repository path, which the review formats (SARIF, GitHub annotations) name.
    shown = bool(found or file.suppressed)
    kept = file.source if shown else b""
    repo_path = diff_path(file.job.path, file.job.cwd) if shown else ""
    if path in failed:
        return FileResult(
            path,
            Outcome.FAILED,
            failed[path],
            found,
            file.suppressed,
            old_source=kept,
            diff_path=repo_path,
        )
    if path not in writes:
        return FileResult(
            path,
            Outcome.UNCHANGED,
            "",
            found,
            file.suppressed,
            old_source=kept,
            diff_path=repo_path,
        )
    plan, new_source = writes[path]
    return FileResult(
        path,
        Outcome.CHANGED,
        "",
        found,
        file.suppressed,
        plan=plan,
        old_source=file.source,
        new_source=new_source,
        disk_path=file.job.path,
        diff_path=diff_path(file.job.path, file.job.cwd),
    )


def failed(result: FileResult, reason: str) -> FileResult:
    """Return the result as a failure for reason, its findings and bytes read kept."""
    return FileResult(
        result.path,
        Outcome.FAILED,
        reason,
        result.findings,
        result.suppressed,
        old_source=result.old_source,
    )


def refused(result: FileResult, bounds: Bounds, mode: Mode) -> FileResult:
    """Return a changed file as failed when the mode may not touch it where it lies.

    The rule has no exception: nothing is written outside the trees the paths name (bounds),
    and --diff leaves out a file its patch could not name in a way git apply accepts.
    """
    if result.outcome is not Outcome.CHANGED or result.disk_path is None:
        return result
    reason = bounds.refusal(result.disk_path)
    if reason is None and mode is Mode.DIFF:
        reason = header_refusal(result.diff_path)
    return result if reason is None else failed(result, reason)


def writable(run: Run, arguments: Sequence[str]) -> Run:
    """Return a report run as --apply would end it: each file it must not write failed."""
    bounds = Bounds.of([normalize(argument) for argument in arguments], Path.cwd())
    results = tuple(refused(result, bounds, Mode.APPLY) for result in run.results)
    return dataclasses.replace(run, results=results)


def write(
    result: FileResult,
    mode: Mode,
    cwd: Path,
    guard: Guard | None = None,
    bounds: Bounds | None = None,
) -> FileResult:
    """Carry out a changed file's plan as the mode says: the one place that writes a file.

    guard, when given, refuses to write over work that git does not hold (--allow-dirty
    leaves it out). bounds are the trees of the paths named (by default, of cwd alone).
    """
    if result.outcome is not Outcome.CHANGED or mode is Mode.REPORT or result.disk_path is None:
        return result
    result = refused(result, bounds or Bounds.of(["."], cwd), mode)
    if result.outcome is not Outcome.CHANGED or result.disk_path is None:
        return result
    if mode is Mode.APPLY:
        refusal = guard.refusal(result.disk_path) if guard is not None else None
        if refusal is not None:
            return failed(result, refusal)
        try:
            write_atomically(result.disk_path, result.new_source, result.old_source)
        except ChangedOnDiskError:
            return failed(result, "changed on disk since it was read; nothing written")
        except OSError as error:
            return failed(result, f"cannot write: {os_error_reason(result.disk_path, error)}")
    return result


# Below this many files a worker pool costs more to start than it saves.
PARALLEL_MIN_FILES = 200

Unit = tuple[str, list[Job]]


def _unit_results(
    work: tuple[Unit, Settings], select: Select | None = None, verified: bool = True
) -> list[FileResult]:
    (language, jobs), settings = work
    return process_unit(language, jobs, settings, select, verified=verified)


def unit_settings(units: list[Unit], settings: Settings) -> list[tuple[Unit, Settings]]:
    """Pair each unit with its own settings, every config file read before any unit runs."""
    return [(unit, settings.at(unit_directory(unit[1]))) for unit in units]


# What a worker sends back for a unit: how many results it has, and those that are not
# trivially unchanged (no finding, nothing suppressed, nothing to write), by position.
Sent = tuple[int, int, dict[int, FileResult]]


def _batch_results(
    batch: list[tuple[int, tuple[Unit, Settings]]],
    verified: bool = True,
    select: Select | None = None,
) -> list[Sent]:
    """Process a worker's batch of units; the parent makes the trivial results again."""
    sent = []
    for index, work in batch:
        jobs = work[0][1]
        results = _unit_results(work, select, verified)
        kept = {
            position: result
            for position, result in enumerate(results)
            if position >= len(jobs)
            or result != FileResult(jobs[position].display, Outcome.UNCHANGED)
        }
        sent.append((index, len(results), kept))
    return sent


def _batches(
    work: list[tuple[Unit, Settings]], workers: int
) -> list[list[tuple[int, tuple[Unit, Settings]]]]:
    """Split the units into batches of about equal cost, the largest units first.

    A large directory begun last keeps one worker busy after the others are done; small ones
    go together, since each batch costs a round trip between processes.
    """
    order = sorted(range(len(work)), key=lambda index: -len(work[index][0][1]))
    target = max(1, sum(len(jobs) for (_, jobs), _ in work) // (workers * 16))
    batches: list[list[tuple[int, tuple[Unit, Settings]]]] = []
    cost = target
    for index in order:
        if cost >= target:
            batches.append([])
            cost = 0
        batches[-1].append((index, work[index]))
        cost += len(work[index][0][1])
    return batches


def planned_units(
    units: list[Unit],
    settings: Settings,
    workers: int,
    verified: bool = True,
    select: Select | None = None,
) -> Generator[tuple[int, list[FileResult]], None, None]:
    """Yield each unit's index and results as they are done, from worker processes when it pays.

    verified False leaves planned bytes unverified (process_unit). select, when given,
    chooses the fixes the plans apply (it must pickle, for the workers).
    """
    # Resolved here, so that a bad config file stops the run before a result is written, and
    # workers get each unit's own settings rather than the whole tree's.
    yield from _planned(unit_settings(units, settings), workers, verified, select)


def _planned(
    work: list[tuple[Unit, Settings]], workers: int, verified: bool, select: Select | None
) -> Generator[tuple[int, list[FileResult]], None, None]:
    """Yield each unit's index in work and its results as they are done."""
    units = [unit for unit, _ in work]
    files = sum(len(jobs) for _, jobs in units)
    if workers <= 1 or len(units) <= 1 or files < PARALLEL_MIN_FILES:
        yield from enumerate(_unit_results(item, select, verified) for item in work)
        return
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=interrupt.worker_start,
        initargs=(os.getpid(),),
    )
    with interrupt.abandoning(pool):
        # map hands every batch over at once, and the first one starts the workers.
        with interrupt.held():
            batches = pool.map(
                functools.partial(_batch_results, verified=verified, select=select),
                _batches(work, workers),
            )
        for batch in batches:
            for index, count, kept in batch:
                jobs = units[index][1]
                yield (
                    index,
                    [
                        kept.get(position) or FileResult(jobs[position].display, Outcome.UNCHANGED)
                        for position in range(count)
                    ],
                )


def _cached_units(
    units: list[Unit],
    settings: Settings,
    workers: int,
    verified: bool,
    select: Select | None,
    cache: Cache | None,
    mode: Mode,
) -> Generator[tuple[int, list[FileResult]], None, None]:
    """Yield each unit's index and results, from the cache where the unit's inputs are unchanged.

    The other units are computed, and their results kept.

    With --apply only the units it has nothing to write in are served: a write always starts
    from bytes read and verified in this run. A run that chooses its fixes (select) is never
    served, and a text report's unverified results serve only text reports.
    """
    work = unit_settings(units, settings)
    if cache is None or select is not None:
        yield from _planned(work, workers, verified, select)
        return
    probes = [
        cache.lookup(
            language, jobs, own, settings, serve_changed=mode is not Mode.APPLY, verified=verified
        )
        for (language, jobs), own in work
    ]
    missed = [index for index, probe in enumerate(probes) if not _served(probe)]
    for index, probe in enumerate(probes):
        if probe is not None and probe.results is not None:
            yield index, probe.results
    computed = _planned([work[index] for index in missed], workers, verified, select)
    with contextlib.closing(computed):
        for position, results in computed:
            index = missed[position]
            cache.record(probes[index], results)
            yield index, results


def _served(probe: Probe | None) -> bool:
    return probe is not None and probe.results is not None


def plan_units(
    units: list[Unit], settings: Settings, workers: int, select: Select | None = None
) -> Generator[list[FileResult], None, None]:
    """Yield each unit's results in order, from worker processes when it pays.

    select, when given, chooses the fixes the plans apply (it must pickle, for the workers).
    """
    done: dict[int, list[FileResult]] = {}
    following = 0
    with contextlib.closing(planned_units(units, settings, workers, select=select)) as planned:
        for index, results in planned:
            done[index] = results
            while following in done:
                yield done.pop(following)
                following += 1


def unread_skips(found: Found, cwd: Path) -> list[FileResult]:
    """Return a skip, named on stderr, for each file discovery left unread."""
    return [
        FileResult(display_path(path, cwd), Outcome.SKIPPED, reason, announce=True)
        for path, reason in found.unread
    ]


def group(found: Found, cwd: Path) -> list[Unit]:
    """Split the files found into each language's units, shown relative to cwd."""
    jobs: dict[str, list[Job]] = {}
    here = os.getcwd()
    for path, language in found.files:
        jobs.setdefault(language.name, []).append(Job(path, display_path(path, cwd, here), cwd))
    return [(name, unit) for name, named in jobs.items() for unit in by_name(name).units(named)]


def run(
    arguments: list[str],
    mode: Mode,
    settings: Settings,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    allow_dirty: bool = False,
    scope: Scope | None = None,
    select: Select | None = None,
    verified: bool = True,
    cache: Cache | None = None,
) -> Run:
    """Process every file the arguments name; paths that do not exist end as failures.

    progress, when given, is told the files done so far and the total after each unit. With
    allow_dirty, --apply also writes files that git does not hold as they are. scope limits
    the directories scanned, and select chooses the fixes (both for --changed-since).
    verified False leaves planned bytes unverified, for a report that shows no edit
    (process_unit).
    cache, when given, serves the units whose inputs are unchanged and keeps the others'
    results.
    """
    if mode is not Mode.REPORT:
        # Whatever is shown or written as bytes is verified first.
        verified = True
    cwd = Path.cwd()
    results: list[FileResult] = []
    # Read afresh by each run: a process may run more than once (tests, an editor's server).
    containers.forget()
    try:
        found = discover(arguments, settings.discovery_at, LANGUAGES, scope)
        containers.seen(found.context)
        units = group(found, cwd)
        guard = None if allow_dirty else Guard()
        bounds = Bounds.of([normalize(argument) for argument in arguments], cwd)
        # Closed here, not by the garbage collector: a stop cancels the units not yet begun.
        # In the order units are done: results are sorted by path at the end.
        planned = _cached_units(units, settings, workers, verified, select, cache, mode)
        with contextlib.closing(planned) as batches:
            for _, batch in batches:
                for result in batch:
                    # Each write completes or never starts; a stop signal waits for its end.
                    with interrupt.shielded():
                        results.append(write(result, mode, cwd, guard, bounds))
                if progress is not None:
                    progress(len(results), len(found.files))
    except interrupt.Interrupted as stop:
        written = sum(r.outcome is Outcome.CHANGED for r in results)
        raise interrupt.Interrupted(stop.signum, written if mode is Mode.APPLY else None) from None
    if cache is not None:
        with interrupt.shielded():
            cache.save()
    # What discovery saw belongs to this run alone.
    containers.forget()
    results.extend(unread_skips(found, cwd))
    results.sort(key=lambda r: r.path)
    results.extend(FileResult(arg, Outcome.FAILED, message) for arg, message in found.errors)
    return Run(mode, tuple(results), found.skipped)
