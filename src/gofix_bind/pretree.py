"""Where a patch's pre-images come from: the work tree, or a commit; never outside the root.

The work tree is read by descriptors opened one path component at a time without following
symbolic links, so that a path reaching outside the repository is refused before any byte
outside it is opened, and a link swapped in meanwhile cannot redirect the read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Protocol

from gofix_bind import gitrepo
from gofix_bind.source_io import (
    MAX_FILE_BYTES,
    SkipError,
    check_size,
    os_error_reason,
    read_descriptor,
)

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW
# O_NONBLOCK: a FIFO put where a file was expected must not wait for a writer.
_FILE_FLAGS = os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW
_REGULAR_MODES = ("100644", "100755")


class PreImageError(Exception):
    """A pre-image cannot be read: missing, not a file, or behind a symbolic link."""


class PreImageTree(Protocol):
    """A tree of files as they were before the patch."""

    # Where the patch's paths start.
    root: Path
    # How messages name the tree: "the work tree", "BASE".
    name: str

    def check(self, path: str) -> None:
        """Raise PreImageError when the path reaches through a symbolic link; read nothing."""
        ...

    def read(self, path: str) -> bytes:
        """Return a file's bytes; raise PreImageError, or SkipError when it is no source."""
        ...

    def directory(self, directory: str, suffixes: tuple[str, ...]) -> dict[str, bytes]:
        """Return the directory's files with these suffixes, by path; unreadable ones left out."""
        ...


def _inside(path: str, root: Path) -> bool:
    return os.path.commonpath([path, str(root)]) == str(root)


class WorkTree:
    """The files on disk under the repository root."""

    name = "the work tree"

    def __init__(self, root: Path) -> None:
        """Read under root (resolved, so that containment checks compare real paths)."""
        self.root = Path(os.path.realpath(root))

    def _link_error(self, parts: list[str], index: int) -> PreImageError:
        link = "/".join(parts[: index + 1])
        # realpath only reads links, never a file's bytes.
        target = os.path.realpath(self.root / link)
        if _inside(target, self.root):
            return PreImageError(
                f"goes through the symbolic link {link}, which git apply does not write through"
            )
        return PreImageError(
            f"goes through the symbolic link {link}, which points outside the repository"
        )

    def _step(self, descriptor: int, parts: list[str], index: int, flags: int) -> int:
        """Open parts[index] in the open directory, refusing a symbolic link."""
        name = parts[index]
        try:
            info = os.lstat(name, dir_fd=descriptor)
        except FileNotFoundError:
            raise PreImageError(f"missing pre-image: no such file in {self.name}") from None
        except NotADirectoryError:
            raise PreImageError(f"missing pre-image: no such file in {self.name}") from None
        if stat.S_ISLNK(info.st_mode):
            raise self._link_error(parts, index)
        return os.open(name, flags, dir_fd=descriptor)

    def _open_directory(self, parts: list[str]) -> int:
        descriptor = os.open(self.root, _DIRECTORY_FLAGS)
        try:
            for index in range(len(parts)):
                inner = self._step(descriptor, parts, index, _DIRECTORY_FLAGS)
                os.close(descriptor)
                descriptor = inner
        except BaseException:
            os.close(descriptor)
            raise
        return descriptor

    def check(self, path: str) -> None:
        """Raise PreImageError when a component of the path is a symbolic link."""
        parts = path.split("/")
        for index in range(len(parts)):
            try:
                info = os.lstat(self.root.joinpath(*parts[: index + 1]))
            except OSError:
                # Missing from here on (a file the patch adds): nothing further can be a link.
                return
            if stat.S_ISLNK(info.st_mode):
                raise self._link_error(parts, index)

    def read(self, path: str) -> bytes:
        """Return a file's bytes, read without following any symbolic link."""
        parts = path.split("/")
        try:
            directory = self._open_directory(parts[:-1])
            try:
                descriptor = self._step(directory, parts, len(parts) - 1, _FILE_FLAGS)
            finally:
                os.close(directory)
            try:
                return read_descriptor(descriptor)
            finally:
                os.close(descriptor)
        except NotADirectoryError:
            raise PreImageError(f"missing pre-image: no such file in {self.name}") from None
        except OSError as error:
            reason = os_error_reason(self.root / path, error)
            raise PreImageError(f"cannot read the pre-image: {reason}") from None

    def directory(self, directory: str, suffixes: tuple[str, ...]) -> dict[str, bytes]:
        """Return the directory's regular files with the suffixes, and links that stay inside."""
        parts = directory.split("/") if directory else []
        try:
            descriptor = self._open_directory(parts)
        except (PreImageError, OSError):
            return {}
        found: dict[str, bytes] = {}
        try:
            names = sorted(name for name in os.listdir(descriptor) if name.endswith(suffixes))
            for name in names:
                path = f"{directory}/{name}" if directory else name
                try:
                    found[path] = self._sibling(descriptor, name, path)
                except (PreImageError, SkipError, OSError):
                    # As a scan of the directory does, a file that cannot be read is left out.
                    continue
        finally:
            os.close(descriptor)
        return found

    def _sibling(self, descriptor: int, name: str, path: str) -> bytes:
        if stat.S_ISLNK(os.lstat(name, dir_fd=descriptor).st_mode):
            # A scan reads a linked sibling through its link; here only when it stays inside.
            target = os.path.realpath(self.root / path)
            if not _inside(target, self.root):
                raise PreImageError("outside the repository")
            return self.read(os.path.relpath(target, self.root).replace(os.sep, "/"))
        opened = os.open(name, _FILE_FLAGS, dir_fd=descriptor)
        try:
            return read_descriptor(opened)
        finally:
            os.close(opened)


class GitRevision:
    """The files of one commit, read from git's objects (the work tree is never looked at)."""

    def __init__(self, root: Path, commit: str, name: str) -> None:
        """Read the commit's files; messages call the tree name (the revision as written)."""
        self.root = root
        self.commit = commit
        self.name = name
        self._listings: dict[str, dict[str, gitrepo.Entry]] = {}

    def _listing(self, directory: str) -> dict[str, gitrepo.Entry]:
        if directory not in self._listings:
            self._listings[directory] = gitrepo.listing(self.root, self.commit, directory)
        return self._listings[directory]

    def check(self, path: str) -> None:
        """Accept every path: a commit's paths never lead through a link into the work tree."""
        del path

    def read(self, path: str) -> bytes:
        """Return the file's bytes at the commit."""
        directory, _, name = path.rpartition("/")
        entry = self._listing(directory).get(name)
        if entry is None:
            raise PreImageError(f"missing pre-image: no such file in {self.name}")
        if entry.mode not in _REGULAR_MODES:
            raise PreImageError(f"not a regular file in {self.name} (mode {entry.mode})")
        check_size(entry.size)
        return gitrepo.blobs(self.root, [entry.oid])[entry.oid]

    def directory(self, directory: str, suffixes: tuple[str, ...]) -> dict[str, bytes]:
        """Return the directory's regular files with the suffixes at the commit."""
        wanted = {
            f"{directory}/{name}" if directory else name: entry
            for name, entry in sorted(self._listing(directory).items())
            if name.endswith(suffixes)
            and entry.mode in _REGULAR_MODES
            and 0 <= entry.size <= MAX_FILE_BYTES
        }
        contents = gitrepo.blobs(self.root, sorted({entry.oid for entry in wanted.values()}))
        return {path: contents[entry.oid] for path, entry in wanted.items()}
