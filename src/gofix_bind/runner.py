"""Process each file into exactly one FileResult; one bad file never stops the batch."""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from gofix_bind.analyze import analyze
from gofix_bind.discover import discover, is_generated
from gofix_bind.go.package import GoFile, Package
from gofix_bind.go.parse import first_error, parse
from gofix_bind.model import FileResult, Finding, Mode, Outcome, Settings
from gofix_bind.paths import diff_path, display_path
from gofix_bind.prefilter import package_clause, site_files
from gofix_bind.rewrite import OverlapError, apply_edits
from gofix_bind.verify import verify


@dataclass(frozen=True)
class Job:
    """One file to process and the names it is shown under."""

    path: Path
    display: str
    # The working directory, from which the path git apply expects is worked out when needed.
    cwd: Path


def write_atomically(path: Path, data: bytes) -> None:
    """Replace the file's bytes via a temporary file in its directory, keeping its mode."""
    target = Path(os.path.realpath(path))
    mode = stat.S_IMODE(target.stat().st_mode)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass
class _Loaded:
    """A file read and maybe parsed, or the result it already ended in."""

    job: Job
    source: bytes = b""
    file: GoFile | None = None
    result: FileResult | None = None
    # Read only for names other files use: never reported unless a finding needs it.
    context: bool = False


def _read(job: Job, settings: Settings, context: bool = False) -> _Loaded:
    try:
        source = job.path.read_bytes()
    except OSError as error:
        reason = f"cannot read: {error.strerror or error}"
        return _Loaded(job, result=FileResult(job.display, Outcome.FAILED, reason))
    loaded = _Loaded(job, source, context=context)
    if not context and not settings.include_generated and is_generated(source):
        # Still read for names other files use, but never reported or rewritten.
        loaded.result = FileResult(job.display, Outcome.SKIPPED, "generated file")
    return loaded


def _parse(item: _Loaded) -> GoFile | None:
    """Parse a read file; a syntax error ends a reported file as a failure."""
    tree = parse(item.source)
    broken = first_error(tree)
    if broken is not None:
        if item.result is None and not item.context:
            row, column = broken.start_point
            reason = f"syntax error at {row + 1}:{column + 1}"
            item.result = FileResult(item.job.display, Outcome.FAILED, reason)
        return None
    reported = item.result is None and not item.context
    item.file = GoFile(item.job.display, item.source, tree, reported=reported)
    return item.file


def _siblings(directory: Path, named: set[Path], cwd: Path) -> list[_Loaded]:
    """Read the directory's other Go files, which may declare names the named files use."""
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith(".go"))
    except OSError:
        return []
    # Usually every Go file of the directory is named already.
    taken = {path.name for path in named}
    read = []
    for name in names:
        if name in taken:
            continue
        path = directory / name
        if not path.is_file():
            continue
        sibling = _read(Job(path, display_path(path, cwd), cwd), Settings(), True)
        if sibling.result is None:
            read.append(sibling)
    return read


def _packages(items: list[_Loaded], settings: Settings) -> list[Package]:
    """Group a directory's files by package; parse up front only those that may hold a site."""
    readable = [i for i in items if i.result is None or i.result.outcome is not Outcome.FAILED]
    sites = site_files({item.job.display: item.source for item in readable}, settings.prefilter)
    order = {item.job.display: index for index, item in enumerate(readable)}
    by_display = {item.job.display: item for item in readable}
    groups: dict[str, tuple[list[GoFile], dict[str, bytes]]] = {}
    for item in readable:
        path = item.job.display
        if path not in sites:
            name = package_clause(item.source)
            groups.setdefault(name, ([], {}))[1][path] = item.source
            continue
        file = _parse(item)
        if file is not None:
            file.site_ranges = sites[path]
            groups.setdefault(file.package_name, ([], {}))[0].append(file)

    def load(path: str) -> GoFile | None:
        return _parse(by_display[path])

    return [Package(files, pending, load, order) for files, pending in groups.values()]


def process_directory(
    jobs: list[Job], mode: Mode, settings: Settings, cwd: Path
) -> list[FileResult]:
    """Analyze the files of one directory together, package by package; one result per job."""
    loaded = [_read(job, settings) for job in jobs]
    context = _siblings(jobs[0].path.parent, {job.path for job in jobs}, cwd)
    packages = _packages([*loaded, *context], settings)
    findings: dict[str, tuple[Finding, ...]] = {}
    suppressed: dict[str, int] = {}
    for package in packages:
        analysis = analyze(package, settings)
        findings.update(analysis.findings)
        suppressed.update(analysis.suppressed)
    files = [item.file for item in [*loaded, *context] if item.file is not None]

    new_sources: dict[str, bytes] = {}
    failed: dict[str, str] = {}
    for file in files:
        fixable = [f for f in findings.get(file.path, ()) if settings.allows(f.fix)]
        if not fixable:
            continue
        try:
            new_sources[file.path] = apply_edits(
                file.source, (e for f in fixable if f.fix for e in f.fix.edits)
            )
        except OverlapError as overlap:
            failed[file.path] = str(overlap)
    if new_sources:
        failed.update(verify(files, new_sources, settings))

    # A sibling read only for its names is reported too when a named file's listener needs it fixed.
    loaded += [item for item in context if item.file is not None and item.file.path in findings]
    results = []
    for item in loaded:
        if item.result is not None:
            results.append(item.result)
            continue
        if item.file is None:
            # Never parsed: its bytes spell no listener and no name a listener needed.
            results.append(FileResult(item.job.display, Outcome.UNCHANGED, ""))
            continue
        results.append(
            _finish(
                item,
                findings,
                suppressed.get(item.file.path, 0),
                new_sources,
                failed,
                mode,
                settings,
            )
        )
    return results


def _finish(
    item: _Loaded,
    findings: dict[str, tuple[Finding, ...]],
    suppressed: int,
    new_sources: dict[str, bytes],
    failed: dict[str, str],
    mode: Mode,
    settings: Settings,
) -> FileResult:
    assert item.file is not None
    path = item.file.path
    found = findings.get(path, ())
    if path in failed:
        return FileResult(path, Outcome.FAILED, failed[path], found, suppressed)
    new_source = new_sources.get(path)
    if new_source is None:
        return FileResult(path, Outcome.UNCHANGED, "", found, suppressed)
    if mode is Mode.APPLY:
        try:
            write_atomically(item.job.path, new_source)
        except OSError as error:
            reason = f"cannot write: {error.strerror or error}"
            return FileResult(path, Outcome.FAILED, reason, found, suppressed)
    return FileResult(
        path,
        Outcome.CHANGED,
        "",
        found,
        suppressed,
        fixed=tuple(f for f in found if settings.allows(f.fix)),
        old_source=item.file.source,
        new_source=new_source,
        diff_path=diff_path(item.job.path, item.job.cwd),
    )


@dataclass(frozen=True)
class Run:
    """Every file's result in path order, and how many Go files excluded directories held."""

    results: tuple[FileResult, ...]
    excluded: int


# Below this many files a worker pool costs more to start than it saves.
PARALLEL_MIN_FILES = 200
# The progress bar appears only once a run has taken this long.
PROGRESS_AFTER_SECONDS = 0.5


def _results(
    directories: list[list[Job]], mode: Mode, settings: Settings, cwd: Path, workers: int
) -> Iterator[list[FileResult]]:
    """Yield each directory's results in order, from worker processes when it pays."""
    work = functools.partial(process_directory, mode=mode, settings=settings, cwd=cwd)
    files = sum(len(jobs) for jobs in directories)
    if workers <= 1 or len(directories) <= 1 or files < PARALLEL_MIN_FILES:
        yield from map(work, directories)
        return
    chunk = max(1, len(directories) // (workers * 16))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(work, directories, chunksize=chunk)


def run(
    arguments: list[str],
    mode: Mode,
    settings: Settings,
    workers: int = 1,
    progress: bool = False,
) -> Run:
    """Process every file the arguments name; paths that do not exist end as failures."""
    cwd = Path.cwd()
    found = discover(arguments, settings)
    by_directory: dict[Path, list[Job]] = {}
    for path in found.files:
        job = Job(path, display_path(path, cwd), cwd)
        by_directory.setdefault(path.parent, []).append(job)
    directories = list(by_directory.values())
    results: list[FileResult] = []
    started = time.monotonic()
    bar: Any = None
    with contextlib.ExitStack() as stack:
        for batch in _results(directories, mode, settings, cwd, workers):
            results.extend(batch)
            if bar is None and progress and time.monotonic() - started > PROGRESS_AFTER_SECONDS:
                bar = stack.enter_context(
                    click.progressbar(length=len(found.files), label="scanning", file=sys.stderr)
                )
                bar.update(len(results) - len(batch))
            if bar is not None:
                bar.update(len(batch))
    results.sort(key=lambda r: r.path)
    results.extend(FileResult(arg, Outcome.FAILED, message) for arg, message in found.errors)
    return Run(tuple(results), found.skipped)
