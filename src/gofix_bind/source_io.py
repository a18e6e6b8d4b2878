"""Read source bytes within limits, and write new bytes over a file without losing any."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from gofix_bind.model import FileResult, Job, Outcome

# Far above real source: the largest file in a survey of popular Go projects and Go's own tree
# is a 4.9 MiB generated asset bundle. Bigger files are data; parsing them would only cost time.
MAX_FILE_BYTES = 10 * 1024 * 1024


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


def write_atomically(path: Path, data: bytes, read: bytes) -> None:
    """Write data over the file (a symlink's target) that held read, keeping its attributes.

    The file is replaced by renaming a temporary file over it, or written in place when it has
    other hard links, or an owner, mode or extended attribute (an ACL, a SELinux label) the
    temporary file cannot be given exactly. Raise ChangedOnDiskError when the file no longer
    holds read, OSError when it cannot be written; either way the file keeps its bytes and no
    temporary file remains.
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
    """Rename a temporary copy over the file; False when it cannot get the file's attributes.

    The copy needs the file's owner, mode and every extended attribute (ACLs and a SELinux
    label among them), read back to be sure; a file whose copy would lose any is written in
    place instead, which keeps them all.
    """
    wanted = _attributes(target)
    if wanted is None:
        return False
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
            mode = stat.S_IMODE(info.st_mode)
            os.fchmod(descriptor, mode)
            if not _give_attributes(descriptor, wanted, mode):
                return False
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
