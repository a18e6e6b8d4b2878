"""Process each file into exactly one FileResult; one bad file never stops the batch."""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import re
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
from gofix_bind.discover import discover, is_generated, os_error_reason
from gofix_bind.go.align import realign
from gofix_bind.go.package import GoFile, Package
from gofix_bind.go.parse import first_error, parse
from gofix_bind.model import FileResult, Finding, Mode, Outcome, Settings
from gofix_bind.paths import diff_path, display_path, link_outside_tree
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


class ChangedOnDiskError(Exception):
    """The file no longer holds the bytes that were read: writing would lose someone's edit."""


def write_atomically(path: Path, data: bytes, read: bytes) -> None:
    """Write data over the file (a symlink's target) that held read, keeping mode and links.

    The file is replaced by renaming a temporary file over it, or written in place when it has
    other hard links or an owner the temporary file cannot be given. Raise ChangedOnDiskError
    when the file no longer holds read, OSError when it cannot be written; either way the file
    keeps its bytes and no temporary file remains.
    """
    target = os.path.realpath(path)
    info = os.stat(target)
    if not stat.S_ISREG(info.st_mode):
        raise OSError("not a regular file")
    # A rename needs only the directory to be writable. Ask about the file itself, as gofmt -w
    # does by opening it, so a read-only file (or one on a read-only mount) is refused.
    os.close(os.open(target, os.O_WRONLY | os.O_NONBLOCK))
    if info.st_nlink > 1 or not _replace(target, data, read, info):
        _overwrite(target, data, read)


def _still_to_write(current: bytes, read: bytes, data: bytes) -> bool:
    """Tell whether the file still holds read; raise when it holds anything but read or data."""
    if current == read:
        return True
    if current == data:
        # Already fixed through another name (a symlink) or by a concurrent run.
        return False
    raise ChangedOnDiskError


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _replace(target: str, data: bytes, read: bytes, info: os.stat_result) -> bool:
    """Rename a temporary copy over the file; False when the copy cannot get the file's owner."""
    directory, name = os.path.split(target)
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    renamed = False
    try:
        try:
            made = os.fstat(descriptor)
            if (made.st_uid, made.st_gid) != (info.st_uid, info.st_gid):
                try:
                    os.fchown(descriptor, info.st_uid, info.st_gid)
                except PermissionError:
                    return False
            _write_all(descriptor, data)
            os.fchmod(descriptor, stat.S_IMODE(info.st_mode))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        # As late as possible: an edit saved while the new bytes were prepared is not lost.
        if _still_to_write(Path(target).read_bytes(), read, data):
            os.replace(temporary, target)
            renamed = True
    finally:
        if not renamed:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    # Make the rename itself durable; the new bytes are in place whether or not this succeeds.
    with contextlib.suppress(OSError):
        directory_descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(directory_descriptor)
        finally:
            os.close(directory_descriptor)
    return True


def _put(descriptor: int, data: bytes) -> None:
    """Make the open file hold exactly data, on disk."""
    os.lseek(descriptor, 0, os.SEEK_SET)
    _write_all(descriptor, data)
    os.ftruncate(descriptor, len(data))
    os.fsync(descriptor)


def _overwrite(target: str, data: bytes, read: bytes) -> None:
    """Write data into the file's own inode, as gofmt -w does; put read back when that fails."""
    descriptor = os.open(target, os.O_RDWR)
    try:
        chunks = []
        while chunk := os.read(descriptor, 1 << 16):
            chunks.append(chunk)
        if not _still_to_write(b"".join(chunks), read, data):
            return
        try:
            _put(descriptor, data)
        except BaseException as error:
            try:
                # The original fits in the blocks the file already has, so this rarely fails.
                _put(descriptor, read)
            except OSError as again:
                if not isinstance(error, OSError):
                    raise error from again
                message = (
                    f"{error.strerror or error}; putting the original back failed too "
                    f"({again.strerror or again}), so the file may be damaged"
                )
                raise OSError(error.errno, message) from error
            raise
    finally:
        os.close(descriptor)


@dataclass
class _Loaded:
    """A file read and maybe parsed, or the result it already ended in."""

    job: Job
    source: bytes = b""
    file: GoFile | None = None
    result: FileResult | None = None
    # Read only for names other files use: never reported unless a finding needs it.
    context: bool = False
    # The bytes are Go text that names may be looked up in (a generated file's too).
    read: bool = False


# Far above real Go source: the largest file in a survey of popular projects and Go's own tree is
# a 4.9 MiB generated asset bundle. Bigger files are data; parsing them would only cost time.
MAX_FILE_BYTES = 10 * 1024 * 1024


class _SkipError(Exception):
    """The file is no Go source worth reading (too large, not a regular file): a reported skip."""


def _read_source(path: Path) -> bytes:
    """Return the file's bytes; raise _SkipError or OSError instead when it cannot be scanned."""
    # O_NONBLOCK: opening a FIFO must not wait for a writer; regular files ignore the flag.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _SkipError("not a regular file")
        # The size decides before any byte is read; reading on to the end catches a file that
        # is still growing, and stops one byte past the limit.
        size = info.st_size
        chunks = []
        total = 0
        if size <= MAX_FILE_BYTES:
            wanted = size + 1
            while total <= MAX_FILE_BYTES:
                chunk = os.read(descriptor, wanted)
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
                wanted = MAX_FILE_BYTES + 1 - total
    finally:
        os.close(descriptor)
    size = max(size, total)
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise _SkipError(f"too large to scan ({size:,} bytes, over the {limit} MiB limit)")
    return b"".join(chunks)


def _position(source: bytes, offset: int) -> str:
    """Return `line:column` (1-based, column in bytes, as gofmt counts) of a byte offset."""
    line = source.count(b"\n", 0, offset) + 1
    column = offset - (source.rfind(b"\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


# A file of nothing but a byte order mark and white space.
_BLANK = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*")


def not_go_text(source: bytes) -> str | None:
    """Say why bytes cannot be Go source whatever their syntax (gofmt's words), or None."""
    if _BLANK.fullmatch(source):
        return "expected 'package', found EOF (empty file)"
    problems = []
    nul = source.find(b"\0")
    if nul >= 0:
        problems.append((nul, "illegal character NUL"))
    if not source.isascii():
        try:
            source.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append((error.start, "illegal UTF-8 encoding"))
    if not problems:
        return None
    offset, message = min(problems)
    return f"{message} at {_position(source, offset)}"


def _read(job: Job, settings: Settings, context: bool = False) -> _Loaded:
    """Read a file, or end it in the result that says why it cannot be scanned."""
    try:
        source = _read_source(job.path)
    except _SkipError as skip:
        result = FileResult(job.display, Outcome.SKIPPED, str(skip), announce=True)
        return _Loaded(job, result=result, context=context)
    except OSError as error:
        reason = f"cannot read: {os_error_reason(job.path, error)}"
        return _Loaded(job, result=FileResult(job.display, Outcome.FAILED, reason))
    loaded = _Loaded(job, source, context=context, read=True)
    if not context and not settings.include_generated and is_generated(source):
        # Still read for names other files use, but never reported or rewritten.
        loaded.result = FileResult(job.display, Outcome.SKIPPED, "generated file")
        return loaded
    # Checked in every file, parsed or not: it costs one scan of the bytes, and such a file is
    # not Go at all (gofmt and the compiler reject it), so no name in it may feed another file.
    problem = not_go_text(source)
    if problem is not None:
        loaded.read = False
        loaded.result = FileResult(job.display, Outcome.FAILED, problem)
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
    readable = [i for i in items if i.read]
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
        edits = [e for f in fixable if f.fix for e in f.fix.edits]
        try:
            # A literal that grows or shrinks moves gofmt's columns: realign their padding too.
            new_sources[file.path] = apply_edits(
                file.source, [*edits, *realign(file.source, file.tree, edits)]
            )
        except OverlapError as overlap:
            failed[file.path] = str(overlap)
    if new_sources:
        # The fixes' edits, so verify knows which nodes may change; other edits only realign.
        planned = {
            path: [
                e
                for f in findings.get(path, ())
                if f.fix and settings.allows(f.fix)
                for e in f.fix.edits
            ]
            for path in new_sources
        }
        failed.update(verify(files, new_sources, settings, planned))

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
    if mode is not Mode.REPORT:
        outside = link_outside_tree(item.job.path, item.job.cwd)
        if outside is not None:
            reason = (
                f"a symbolic link to {outside}, outside the tree being processed; nothing written"
            )
            return FileResult(path, Outcome.FAILED, reason, found, suppressed)
    if mode is Mode.APPLY:
        try:
            write_atomically(item.job.path, new_source, item.file.source)
        except ChangedOnDiskError:
            reason = "changed on disk since it was read; nothing written"
            return FileResult(path, Outcome.FAILED, reason, found, suppressed)
        except OSError as error:
            reason = f"cannot write: {os_error_reason(item.job.path, error)}"
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
