"""Read source bytes within limits, and write new bytes over a file without losing any."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from gofix_bind import exchange
from gofix_bind.model import FileResult, Job, Outcome

# Far above real source: the largest file in a survey of popular Go projects and Go's own tree
# is a 4.9 MiB generated asset bundle. Bigger files are data; parsing them would only cost time.
MAX_FILE_BYTES = 10 * 1024 * 1024

# Hidden, and not ending in .go, so that no Go tool and no run of ours takes it for source.
BACKUP_SUFFIX = ".gofix-bind-backup"


def _no_pause(point: str) -> None:
    pass


# A seam for tests only: called at each named point of a write, so that a test can edit the
# file there, or kill the process. The tool itself never sets it.
_pause: Callable[[str], None] = _no_pause


class SkipError(Exception):
    """The file is no source worth reading (too large, not a regular file): a reported skip."""


def read_source(path: Path, data: bytes | None = None) -> bytes:
    """Return the file's bytes; raise SkipError or OSError instead when it cannot be scanned.

    Bytes that are not on disk (standard input, a patch's result) come as data, and are held
    to the same limit.
    """
    if data is not None:
        check_size(len(data))
        return data
    # O_NONBLOCK: opening a FIFO must not wait for a writer; regular files ignore the flag.
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        # A socket cannot even be opened (ENXIO); it is no source, not an unreadable one.
        if error.errno == errno.ENXIO and _is_socket(path):
            raise SkipError("not a regular file") from None
        raise
    try:
        return read_descriptor(descriptor)
    finally:
        os.close(descriptor)


def _is_socket(path: Path) -> bool:
    try:
        return stat.S_ISSOCK(os.stat(path).st_mode)
    except OSError:
        return False


def read_descriptor(descriptor: int) -> bytes:
    """Return the bytes of an open file; raise SkipError when it is not regular or too large."""
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        raise SkipError("not a regular file")
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
    check_size(max(size, total))
    return b"".join(chunks)


def check_size(size: int) -> None:
    """Raise SkipError when a file of this many bytes is too large to scan."""
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise SkipError(f"too large to scan ({size:,} bytes, over the {limit} MiB limit)")


def os_error_reason(path: Path, error: OSError) -> str:
    """Say in a few lower-case words why path could not be opened, as Go tools do."""
    if isinstance(error, FileNotFoundError) and path.is_symlink():
        return "broken symbolic link"
    message = error.strerror or str(error)
    return message[:1].lower() + message[1:]


def read_job(
    job: Job, is_generated: Callable[[bytes], bool] | None
) -> tuple[bytes | None, FileResult | None]:
    """Read a job's bytes, or say why it ends unread: the bytes and the result it ends in.

    A file too large or not regular is skipped (and said so); one that cannot be read fails.
    With is_generated, a generated file's bytes come back with a skip, for the names it holds.
    """
    if job.data is None and os.path.lexists(backup_path(os.fspath(job.path))):
        reason = leftover_reason(backup_path(os.fspath(job.path)))
        return None, FileResult(job.display, Outcome.FAILED, reason)
    try:
        source = read_source(job.path, job.data)
    except SkipError as skip:
        return None, FileResult(job.display, Outcome.SKIPPED, str(skip), announce=True)
    except OSError as error:
        reason = f"cannot read: {os_error_reason(job.path, error)}"
        return None, FileResult(job.display, Outcome.FAILED, reason)
    if is_generated is not None and is_generated(source):
        return source, FileResult(job.display, Outcome.SKIPPED, "generated file")
    return source, None


class ChangedOnDiskError(Exception):
    """The file no longer holds the bytes that were read: writing would lose someone's edit."""


def backup_path(path: str) -> str:
    """Return where an in-place write of the file keeps its original bytes until it is done."""
    directory, name = os.path.split(path)
    return os.path.join(directory, f".{name}{BACKUP_SUFFIX}")


def leftover_reason(backup: str) -> str:
    """Say what a backup left beside a file means, and what to do with it."""
    return (
        f"{os.path.basename(backup)} beside it is the backup of an unfinished write, holding "
        "the file's bytes from before that write: if the file is damaged, copy the backup "
        "over it; then delete the backup"
    )


class LeftoverBackupError(OSError):
    """A backup beside the file says that a write of it never finished: it is not written."""

    def __init__(self, backup: str) -> None:
        """Name the backup found."""
        super().__init__(errno.EEXIST, leftover_reason(backup))


def write_atomically(path: Path, data: bytes, read: bytes) -> None:
    """Write data over the file (a symlink's target) that held read, keeping its attributes.

    The file is swapped with a temporary file (or, where the system cannot swap, a temporary
    file is renamed over it), or written in place, with a backup beside it until the write is
    done, when it has other hard links, or an owner, mode or extended attribute (an ACL, a
    SELinux label) the temporary file cannot be given exactly. Raise ChangedOnDiskError when
    the file no longer holds read, LeftoverBackupError when a backup says an earlier write never
    finished, OSError when it cannot be written; either way the file keeps its bytes and no
    temporary file remains.
    """
    target = os.path.realpath(path)
    info = os.stat(target)
    if not stat.S_ISREG(info.st_mode):
        raise OSError("not a regular file")
    # Read-only by its mode bits, for root too, who may open any file: no one may write it.
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), target)
    # A rename needs only the directory to be writable. Ask about the file itself, as gofmt -w
    # does by opening it, so a file not this user's to write (or on a read-only mount) is refused.
    os.close(os.open(target, os.O_WRONLY | os.O_NONBLOCK))
    backup = backup_path(target)
    if os.path.lexists(backup):
        raise LeftoverBackupError(backup)
    if info.st_nlink > 1 or not _replace(target, data, read, info):
        _overwrite(target, data, read, backup)


# Set after fchmod and the other attributes: the access ACL's mask is the group-class bits of
# the mode, so a chmod after it would overwrite the mask with the original's group bits.
_ACCESS_ACL = "system.posix_acl_access"


def _attributes(target: str | int) -> dict[str, bytes] | None:
    """Return every extended attribute of a file by name; None when they cannot all be read."""
    if not hasattr(os, "listxattr"):
        # No xattr calls on this platform: nothing that could be copied is known to exist.
        return {}
    try:
        names = os.listxattr(target)
    except OSError as error:
        # A file system without extended attributes has none to lose.
        return {} if error.errno in (errno.ENOTSUP, errno.EOPNOTSUPP) else None
    try:
        return {name: os.getxattr(target, name) for name in names}
    except OSError:
        return None


def _holds(descriptor: int, wanted: dict[str, bytes], mode: int) -> bool:
    """Tell whether the open file has exactly these extended attributes and this mode."""
    return _attributes(descriptor) == wanted and stat.S_IMODE(os.fstat(descriptor).st_mode) == mode


def _give_attributes(descriptor: int, wanted: dict[str, bytes], mode: int) -> bool:
    """Give the open file exactly these extended attributes and mode; False when it cannot."""
    if _holds(descriptor, wanted, mode):
        return True
    have = _attributes(descriptor) or {}
    try:
        # A directory's default ACL, or the system, may have given the new file some of its own.
        for name in set(have) - set(wanted):
            os.removexattr(descriptor, name)
        for name in sorted(wanted, key=lambda name: name == _ACCESS_ACL):
            os.setxattr(descriptor, name, wanted[name])
    except OSError:
        # Not permitted (trusted.*, security.* without the privilege) or not supported here.
        return False
    # Read back: a file system may store an attribute otherwise than it was given.
    return _holds(descriptor, wanted, mode)


def _still_to_write(current: bytes | None, read: bytes, data: bytes) -> bool:
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


def _read_all(descriptor: int) -> bytes:
    chunks = []
    while chunk := os.read(descriptor, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _contents(path: str) -> bytes | None:
    """Return the bytes of the regular file at path; None for anything else found there."""
    # O_NONBLOCK: a FIFO put there meanwhile must not stop the run.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        return _read_all(descriptor) if stat.S_ISREG(os.fstat(descriptor).st_mode) else None
    finally:
        os.close(descriptor)


def _sync_directory(directory: str) -> None:
    """Make the names in a directory durable, where the system can; the bytes are in place."""
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _replace(target: str, data: bytes, read: bytes, info: os.stat_result) -> bool:
    """Put a temporary copy in the file's place; False when it cannot get the file's attributes.

    The copy needs the file's owner, mode and every extended attribute (ACLs and a SELinux
    label among them), read back to be sure; a file whose copy would lose any is written in
    place instead, which keeps them all.
    """
    wanted = _attributes(target)
    if wanted is None:
        return False
    directory, name = os.path.split(target)
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    # Whether the temporary name still holds the new bytes, to be removed on the way out.
    ours = True
    try:
        try:
            made = os.fstat(descriptor)
            if (made.st_uid, made.st_gid) != (info.st_uid, info.st_gid):
                try:
                    os.fchown(descriptor, info.st_uid, info.st_gid)
                except PermissionError:
                    return False
            _write_all(descriptor, data)
            mode = stat.S_IMODE(info.st_mode)
            os.fchmod(descriptor, mode)
            if not _give_attributes(descriptor, wanted, mode):
                return False
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        # As late as possible: an edit saved while the new bytes were prepared is not lost.
        if not _still_to_write(_contents(target), read, data):
            return True
        _pause("before-exchange")
        if exchange.exchange(temporary, target):
            ours = False
            _keep_or_undo(temporary, target, read, data)
        else:
            # No compare-and-rename here: an edit saved since the compare above is lost.
            os.replace(temporary, target)
            ours = False
    finally:
        if ours:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    _sync_directory(directory)
    return True


def _keep_or_undo(replaced: str, target: str, read: bytes, data: bytes) -> None:
    """Once swapped, remove the file now named replaced if it held read, else swap it back.

    Another writer may have saved the file between the last compare and the swap; the swap
    handed their bytes to the name replaced, so they are compared, and put back, not lost.
    """
    _pause("after-exchange")
    try:
        held: bytes | None = _contents(replaced)
    except OSError:
        held = None
    if held == read:
        # Only the old bytes are lost should this fail: the file holds the new ones.
        with contextlib.suppress(OSError):
            os.unlink(replaced)
        return
    try:
        swapped_back = exchange.exchange(replaced, target)
    except OSError as error:
        swapped_back, cause = False, error.strerror or str(error)
    else:
        cause = "the system no longer swaps files"
    if not swapped_back:
        name = os.path.basename(replaced)
        raise OSError(
            errno.EIO,
            f"changed on disk since it was read, and swapping those bytes back failed "
            f"({cause[:1].lower()}{cause[1:]}): they are kept in {name} beside it",
        )
    with contextlib.suppress(OSError):
        os.unlink(replaced)
    _still_to_write(held, read, data)


def _put(descriptor: int, data: bytes) -> None:
    """Make the open file hold exactly data, on disk."""
    os.lseek(descriptor, 0, os.SEEK_SET)
    _write_all(descriptor, data)
    _pause("after-write-before-truncate")
    os.ftruncate(descriptor, len(data))
    os.fsync(descriptor)


def _keep_backup(backup: str, read: bytes) -> None:
    """Put a copy of read, on disk, at the name backup; raise when one is there already.

    The copy is written under a temporary name and linked to its own only when whole, so a
    backup found under that name always holds every original byte.
    """
    directory, name = os.path.split(backup)
    # mkstemp's file is the runner's and private (0600): a copy shown to no one new.
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f"{name}.", suffix=".tmp")
    try:
        try:
            _write_all(descriptor, read)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        try:
            # A link never replaces a name: of two runs writing the file, one gets to.
            os.link(temporary, backup)
        except FileExistsError:
            raise LeftoverBackupError(backup) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    _sync_directory(directory)


def _drop_backup(backup: str) -> None:
    """Remove the backup once the file holds whole bytes again, on disk."""
    with contextlib.suppress(OSError):
        os.unlink(backup)
    _sync_directory(os.path.dirname(backup))


def _overwrite(target: str, data: bytes, read: bytes, backup: str) -> None:
    """Write data into the file's own inode, as gofmt -w does; put read back when that fails.

    Until the new bytes are on disk, a backup of the original stays beside the file: a kill
    midway leaves the original there to restore, and the next run reports it.
    """
    descriptor = os.open(target, os.O_RDWR)
    try:
        if not _still_to_write(_read_all(descriptor), read, data):
            return
        _keep_backup(backup, read)
        _pause("after-backup")
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
                    f"({again.strerror or again}), so the file may be damaged: its original "
                    f"bytes are kept in {os.path.basename(backup)} beside it"
                )
                raise OSError(error.errno, message) from error
            _drop_backup(backup)
            raise
        _drop_backup(backup)
    finally:
        os.close(descriptor)


def _report_mode(target: str) -> int:
    """Return the mode of the report being replaced, else the one a new file gets."""
    with contextlib.suppress(FileNotFoundError):
        return stat.S_IMODE(os.stat(target).st_mode)
    # mkstemp makes its file private; a new report gets what the umask leaves of 0666.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_report(path: Path, data: bytes) -> None:
    """Write a report file whole or not at all: a reader never sees half of it."""
    # Through a symbolic link, as a shell redirection writes.
    target = os.path.realpath(path)
    directory, name = os.path.split(target)
    descriptor, temporary = tempfile.mkstemp(
        dir=directory or ".", prefix=f".{name}.", suffix=".tmp"
    )
    try:
        try:
            _write_all(descriptor, data)
            os.fchmod(descriptor, _report_mode(target))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
