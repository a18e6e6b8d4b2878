"""Process each file into exactly one FileResult; one bad file never stops the batch."""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gofix_bind.analyze import analyze, group_packages
from gofix_bind.discover import discover, is_generated
from gofix_bind.go.package import GoFile
from gofix_bind.go.parse import first_error, parse
from gofix_bind.model import FileResult, Finding, Mode, Outcome, Settings
from gofix_bind.paths import diff_path, display_path
from gofix_bind.rewrite import OverlapError, apply_edits
from gofix_bind.verify import verify


@dataclass(frozen=True)
class Job:
    """One file to process and the names it is shown under."""

    path: Path
    display: str
    diff_path: str


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
    """A file read and parsed, or the result it already ended in."""

    job: Job
    file: GoFile | None = None
    result: FileResult | None = None


def _load(job: Job, settings: Settings) -> _Loaded:
    try:
        source = job.path.read_bytes()
    except OSError as error:
        reason = f"cannot read: {error.strerror or error}"
        return _Loaded(job, result=FileResult(job.display, Outcome.FAILED, reason))
    generated = not settings.include_generated and is_generated(source)
    tree = parse(source)
    broken = first_error(tree)
    if generated:
        # Still read for names other files use, but never reported or rewritten.
        skipped = FileResult(job.display, Outcome.SKIPPED, "generated file")
        context = GoFile(job.display, source, tree, reported=False) if broken is None else None
        return _Loaded(job, context, skipped)
    if broken is not None:
        row, column = broken.start_point
        reason = f"syntax error at {row + 1}:{column + 1}"
        return _Loaded(job, result=FileResult(job.display, Outcome.FAILED, reason))
    return _Loaded(job, GoFile(job.display, source, tree))


def _siblings(directory: Path, named: set[Path], cwd: Path) -> list[_Loaded]:
    """Load the directory's other Go files, which may declare names the named files use."""
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith(".go"))
    except OSError:
        return []
    loaded = []
    for name in names:
        path = directory / name
        if path in named or not path.is_file():
            continue
        job = Job(path, display_path(path, cwd), diff_path(path, cwd))
        sibling = _load(job, Settings(include_generated=True))
        if sibling.file is not None:
            sibling.file.reported = False
            loaded.append(sibling)
    return loaded


def process_directory(
    jobs: list[Job], mode: Mode, settings: Settings, cwd: Path
) -> list[FileResult]:
    """Analyze the files of one directory together, package by package; one result per job."""
    loaded = [_load(job, settings) for job in jobs]
    context = _siblings(jobs[0].path.parent, {job.path for job in jobs}, cwd)
    files = [item.file for item in [*loaded, *context] if item.file is not None]
    findings: dict[str, tuple[Finding, ...]] = {}
    suppressed: dict[str, int] = {}
    for package in group_packages(files):
        analysis = analyze(package, settings)
        findings.update(analysis.findings)
        suppressed.update(analysis.suppressed)

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
        assert item.file is not None
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
        diff_path=item.job.diff_path,
    )


@dataclass(frozen=True)
class Run:
    """Every file's result in path order, and how many Go files excluded directories held."""

    results: tuple[FileResult, ...]
    excluded: int


def run(arguments: list[str], mode: Mode, settings: Settings) -> Run:
    """Process every file the arguments name; paths that do not exist end as failures."""
    cwd = Path.cwd()
    found = discover(arguments, settings)
    by_directory: dict[Path, list[Job]] = {}
    for path in found.files:
        job = Job(path, display_path(path, cwd), diff_path(path, cwd))
        by_directory.setdefault(path.parent, []).append(job)
    results = [
        result
        for jobs in by_directory.values()
        for result in process_directory(jobs, mode, settings, cwd)
    ]
    results.sort(key=lambda r: r.path)
    results.extend(FileResult(arg, Outcome.FAILED, message) for arg, message in found.errors)
    return Run(tuple(results), found.skipped)
