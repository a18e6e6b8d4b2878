"""Process each file into exactly one FileResult; one bad file never stops the batch."""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gofix_bind.analyze import analyze
from gofix_bind.discover import discover, is_generated
from gofix_bind.go.parse import first_error
from gofix_bind.model import FileResult, Mode, Outcome, Settings
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


def process(job: Job, mode: Mode, settings: Settings) -> FileResult:
    """Read, analyze, fix, verify and (in apply mode) write one file."""
    path = job.display
    try:
        source = job.path.read_bytes()
    except OSError as error:
        return FileResult(path, Outcome.FAILED, f"cannot read: {error.strerror or error}")
    if not settings.include_generated and is_generated(source):
        return FileResult(path, Outcome.SKIPPED, "generated file")
    analysis = analyze(path, source, settings)
    broken = first_error(analysis.tree)
    if broken is not None:
        row, column = broken.start_point
        return FileResult(path, Outcome.FAILED, f"syntax error at {row + 1}:{column + 1}")
    findings = analysis.findings
    fixable = tuple(f for f in findings if settings.allows(f.fix))
    unchanged = FileResult(path, Outcome.UNCHANGED, "", findings, analysis.suppressed)
    if not fixable:
        return unchanged
    try:
        new_source = apply_edits(source, (e for f in fixable if f.fix for e in f.fix.edits))
    except OverlapError as overlap:
        return FileResult(path, Outcome.FAILED, str(overlap), findings, analysis.suppressed)
    problem = verify(path, new_source, settings)
    if problem is not None:
        return FileResult(path, Outcome.FAILED, problem, findings, analysis.suppressed)
    if mode is Mode.APPLY:
        try:
            write_atomically(job.path, new_source)
        except OSError as error:
            reason = f"cannot write: {error.strerror or error}"
            return FileResult(path, Outcome.FAILED, reason, findings, analysis.suppressed)
    return FileResult(
        path,
        Outcome.CHANGED,
        "",
        findings,
        analysis.suppressed,
        fixed=fixable,
        old_source=source,
        new_source=new_source,
        diff_path=job.diff_path,
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
    jobs = (Job(path, display_path(path, cwd), diff_path(path, cwd)) for path in found.files)
    results = [process(job, mode, settings) for job in jobs]
    results.extend(FileResult(arg, Outcome.FAILED, message) for arg, message in found.errors)
    return Run(tuple(results), found.skipped)
