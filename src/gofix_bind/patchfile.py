"""Read a unified diff into byte-exact records, check its paths, and compute post-images."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from unidiff.constants import LINE_TYPE_EMPTY, LINE_TYPE_NO_NEWLINE
from unidiff.errors import UnidiffParseError
from unidiff.patch import Hunk as UnidiffHunk
from unidiff.patch import PatchedFile, PatchSet

from gofix_bind.diff import split_lines

# git's C-style quoting of unusual path bytes (core.quotePath), as `git apply` reads it back.
_ESCAPES = {
    "a": b"\a",
    "b": b"\b",
    "t": b"\t",
    "n": b"\n",
    "v": b"\v",
    "f": b"\f",
    "r": b"\r",
    '"': b'"',
    "\\": b"\\",
}
DEV_NULL = "/dev/null"
# The modes of entries that are not regular files: gofix-bind never changes them.
SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"


class PatchError(ValueError):
    """The patch cannot be read as a unified diff (cut short, malformed)."""


class StaleError(ValueError):
    """A pre-image line differs from the patch's context or removed line."""

    def __init__(self, line: int) -> None:
        """Name the 1-based pre-image line that differs."""
        super().__init__(f"line {line} differs from the patch's context")
        self.line = line


class LineKind(enum.Enum):
    """What a hunk line does to the file."""

    CONTEXT = " "
    REMOVED = "-"
    ADDED = "+"


class Status(enum.Enum):
    """What a file entry of the patch does to its file."""

    MODIFIED = "modified"
    ADDED = "added"
    DELETED = "deleted"
    RENAMED = "renamed"
    COPIED = "copied"


@dataclass(frozen=True)
class HunkLine:
    """One line of a hunk: its kind and bytes, line end included unless the file has none."""

    kind: LineKind
    text: bytes


@dataclass(frozen=True)
class Hunk:
    """One hunk: its header's ranges and its lines."""

    old_start: int
    old_length: int
    new_start: int
    new_length: int
    lines: tuple[HunkLine, ...]

    @property
    def header(self) -> str:
        """Return the hunk's range header, as `@@ -a,b +c,d @@`."""
        return f"@@ -{self.old_start},{self.old_length} +{self.new_start},{self.new_length} @@"

    @property
    def old_index(self) -> int:
        """Return the 0-based index of the first pre-image line the hunk covers."""
        # "-k,0" inserts after line k: the hunk sits before the line of index k.
        return self.old_start - 1 if self.old_length else self.old_start

    @property
    def new_index(self) -> int:
        """Return the 0-based index of the first post-image line the hunk covers."""
        return self.new_start - 1 if self.new_length else self.new_start

    @property
    def first_changed_line(self) -> int:
        """Return the 1-based pre-image line where the hunk's first change starts."""
        line = self.old_index + 1
        for hunk_line in self.lines:
            if hunk_line.kind is not LineKind.CONTEXT:
                return line
            line += 1
        return line

    def removed_lines(self) -> set[int]:
        """Return the 0-based indices of the pre-image lines the hunk removes or replaces."""
        removed = set()
        index = self.old_index
        for hunk_line in self.lines:
            if hunk_line.kind is LineKind.REMOVED:
                removed.add(index)
            if hunk_line.kind is not LineKind.ADDED:
                index += 1
        return removed


@dataclass(frozen=True)
class FileDiff:
    """One file entry of the patch: its paths (None for /dev/null), modes, and hunks."""

    old_path: str | None
    new_path: str | None
    old_mode: str | None
    new_mode: str | None
    binary: bool
    copied: bool
    hunks: tuple[Hunk, ...]

    @property
    def path(self) -> str:
        """Return the path the entry is named by: the new one, or the old one when deleted."""
        return self.new_path or self.old_path or ""

    @property
    def status(self) -> Status:
        """Return what the entry does to its file."""
        if self.old_path is None:
            return Status.ADDED
        if self.new_path is None:
            return Status.DELETED
        if self.copied:
            return Status.COPIED
        if self.old_path != self.new_path:
            return Status.RENAMED
        return Status.MODIFIED

    @property
    def mode_change(self) -> tuple[str, str] | None:
        """Return the old and new mode when the entry changes an existing file's mode."""
        if self.status is not Status.MODIFIED or not self.old_mode or not self.new_mode:
            return None
        return None if self.old_mode == self.new_mode else (self.old_mode, self.new_mode)

    @property
    def special_mode(self) -> str | None:
        """Return the mode when either side is a symbolic link or a submodule, else None."""
        for mode in (self.old_mode, self.new_mode):
            if mode in (SYMLINK_MODE, SUBMODULE_MODE):
                return mode
        return None


@dataclass(frozen=True)
class Patch:
    """A parsed patch: its file entries in order."""

    files: tuple[FileDiff, ...]


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def unquote(path: str) -> str:
    r"""Undo git's C-style quoting of a path (`"a/caf\303\251.go"`); other paths stay."""
    if len(path) < 2 or not (path.startswith('"') and path.endswith('"')):
        return path
    body = path[1:-1]
    out = bytearray()
    index = 0
    while index < len(body):
        char = body[index]
        if char != "\\":
            out += _encode(char)
            index += 1
            continue
        escape = body[index + 1 : index + 2]
        if escape in _ESCAPES:
            out += _ESCAPES[escape]
            index += 2
        elif len(body[index + 1 : index + 4]) == 3 and all(
            c in "01234567" for c in body[index + 1 : index + 4]
        ):
            out.append(int(body[index + 1 : index + 4], 8) & 0xFF)
            index += 4
        else:
            raise PatchError(f"bad escape in the quoted path {path}")
    return out.decode("utf-8", "surrogateescape")


def _strip_prefix(raw: str) -> str | None:
    """Return the repository path of a patch path, as `git apply` (-p1) reads it."""
    path = unquote(raw)
    if path == DEV_NULL:
        return None
    first, slash, rest = path.partition("/")
    if path.startswith("/") or first == "..":
        # Kept whole, so that the check of paths names it for what it is.
        return path
    if not slash or not rest:
        raise PatchError(f"the path {raw} has no a/ or b/ prefix to drop")
    return rest


def path_problem(path: str) -> str | None:
    """Say why a repository path from a patch must never be read or written, or None."""
    if path.startswith("/"):
        return "an absolute path, outside the repository"
    parts = path.split("/")
    if ".." in parts:
        return "the path leaves the repository (..)"
    if "\0" in path or any(part in ("", ".") for part in parts):
        return "not a plain relative path"
    if ".git" in parts:
        return "a path inside .git"
    return None


def _info_path(info: list[str], prefix: str) -> str | None:
    """Return the path of an extended header line such as `rename from X`, unquoted."""
    for line in info:
        if line.startswith(prefix):
            return unquote(line[len(prefix) :].rstrip("\n"))
    return None


def _hunk(hunk: UnidiffHunk) -> Hunk:
    lines: list[HunkLine] = []
    for line in hunk:
        if line.line_type == LINE_TYPE_NO_NEWLINE:
            if not lines or not lines[-1].text.endswith(b"\n"):
                raise PatchError("a '\\ No newline at end of file' marker follows no line")
            last = lines[-1]
            lines[-1] = HunkLine(last.kind, last.text[:-1])
            continue
        if line.line_type == LINE_TYPE_EMPTY:
            # A blank line after a complete hunk separates entries; it belongs to no file.
            continue
        text = _encode(line.value)
        if not text.endswith(b"\n"):
            # Only the patch's very last line can lack its line end: the patch was cut there.
            raise PatchError("the patch ends in the middle of a line (cut short?)")
        lines.append(HunkLine(LineKind(line.line_type), text))
    return Hunk(
        hunk.source_start, hunk.source_length, hunk.target_start, hunk.target_length, tuple(lines)
    )


def _file(entry: PatchedFile) -> FileDiff:
    info = list(entry.patch_info or [])
    # An extended header names renames and copies exactly, spaces and all, without prefixes.
    copied_from = _info_path(info, "copy from ")
    old_named = _info_path(info, "rename from ") or copied_from
    new_named = _info_path(info, "rename to ") or _info_path(info, "copy to ")
    return FileDiff(
        old_path=old_named or _strip_prefix(entry.source_file),
        new_path=new_named or _strip_prefix(entry.target_file),
        old_mode=entry.source_mode,
        new_mode=entry.target_mode,
        binary=entry.is_binary_file,
        copied=copied_from is not None,
        hunks=tuple(_hunk(hunk) for hunk in entry),
    )


def is_empty(data: bytes) -> bool:
    """Tell whether the patch holds nothing at all (white space only)."""
    return not data.strip()


def parse_patch(data: bytes) -> Patch:
    """Parse a unified diff (git's extended headers included); raise PatchError when unsound.

    Bytes that are not UTF-8 are carried through unchanged, so that hunks compare byte for
    byte with the files they apply to.
    """
    text = data.decode("utf-8", "surrogateescape")
    try:
        # StringIO splits on "\n" only: a CR stays part of its line, as git keeps it.
        parsed = PatchSet.from_string(text)
    except UnidiffParseError as error:
        raise PatchError(str(error)) from None
    files = tuple(_file(entry) for entry in parsed)
    if not files and not is_empty(data):
        raise PatchError("no file diff found")
    return Patch(files)


def post_image(pre: bytes, hunks: tuple[Hunk, ...]) -> bytes:
    """Apply the hunks to the pre-image exactly where they say; raise StaleError if they differ.

    Context and removed lines must equal the pre-image's lines at the hunk's own line numbers:
    no offset, no fuzz, so that what is checked is what the patch says.
    """
    lines = split_lines(pre)
    out: list[bytes] = []
    cursor = 0
    for hunk in hunks:
        start = hunk.old_index
        if start < cursor:
            raise PatchError(f"hunk {hunk.header} overlaps the hunk before it")
        if start > len(lines):
            raise StaleError(len(lines) + 1)
        out.extend(lines[cursor:start])
        index = start
        for line in hunk.lines:
            if line.kind is not LineKind.ADDED:
                if index >= len(lines) or lines[index] != line.text:
                    raise StaleError(index + 1)
                index += 1
            if line.kind is not LineKind.REMOVED:
                out.append(line.text)
        cursor = index
    out.extend(lines[cursor:])
    for text in out[:-1]:
        if not text.endswith(b"\n"):
            raise PatchError("a line marked as the file's last is followed by others")
    return b"".join(out)
