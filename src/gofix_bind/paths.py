"""How file paths are shown: to people relative to the working directory, to git from its root."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# A byte of a file name that is not UTF-8 reaches Python as a lone surrogate (surrogateescape).
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _octal(match: re.Match[str]) -> str:
    return "\\%03o" % (ord(match.group()) - 0xDC00)


def shown(text: str) -> str:
    r"""Return text with each byte of a name that is not UTF-8 written as git's octal `\377`."""
    # Lone surrogates cannot be encoded: left in, they crash the output or make it invalid.
    return _UNDECODABLE.sub(_octal, text)


def shown_json(document: str) -> str:
    """Return a JSON document (dumped with ensure_ascii=False) with its names written as shown."""
    # A lone surrogate can only sit in a string literal, where the backslash must be escaped.
    return _UNDECODABLE.sub(lambda match: "\\" + _octal(match), document)


def display_path(path: Path, cwd: Path, here: str | None = None) -> str:
    """Return path relative to cwd when it lies under cwd, else as it was given.

    here, when given, is os.getcwd(), asked once by a caller that shows many paths.
    """
    # Plain string operations: this runs once per file of the tree.
    # With here, what os.path.abspath does, without asking for the working directory again.
    absolute = os.path.abspath(path) if here is None else os.path.normpath(os.path.join(here, path))
    base = str(cwd)
    if absolute == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    if absolute.startswith(prefix):
        return absolute[len(prefix) :].replace(os.sep, "/")
    return os.path.normpath(path).replace(os.sep, "/")


@cache
def git_root(directory: Path) -> Path | None:
    """Return the git work tree holding a resolved directory, or None."""
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def repository_root(cwd: Path) -> Path:
    """Return the work tree holding cwd, else cwd itself: where a patch's paths start."""
    directory = Path(os.path.realpath(cwd))
    return git_root(directory) or directory


def tree_root(path: Path, cwd: Path) -> Path:
    """Return the directory diff paths are relative to: the work tree holding path, else cwd."""
    # The directory is resolved, the file itself not: a symlink belongs to the tree it sits in.
    directory = Path(os.path.realpath(os.path.dirname(os.path.abspath(path))))
    return git_root(directory) or Path(os.path.realpath(cwd))


def diff_path(path: Path, cwd: Path) -> str:
    """Return the path `git apply` expects for the file (a symlink's target) from tree_root."""
    # git apply and patch refuse to write through a symlink, so the diff names its target.
    target = os.path.realpath(path)
    return os.path.relpath(target, tree_root(path, cwd)).replace(os.sep, "/")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _named_roots(argument: str, cwd: str) -> tuple[str, ...]:
    """Return the tree a path named on the command line belongs to, where it is named.

    That is the git work tree holding the path as written, not its target: a symbolic link met
    inside a work tree ends the search, since where it points is what gets checked. A link met
    outside every work tree (`/home` on some systems, a link the user named) is followed. Outside
    git the tree is the named path itself, resolved, and a named file's directory.
    """
    here = os.sep
    for name in os.path.join(cwd, argument).split(os.sep):
        if name in ("", "."):
            continue
        if name == "..":
            here = os.path.dirname(here)
            continue
        following = os.path.join(here, name)
        if os.path.islink(following):
            if git_root(Path(here)) is not None:
                break
            following = os.path.realpath(following)
        here = following
    tree = git_root(Path(here))
    if tree is not None:
        return (str(tree),)
    named = os.path.join(cwd, argument)
    if os.path.isdir(named):
        return (os.path.realpath(named),)
    # A file's fix can land in another file of its package: its directory, beside it.
    return (os.path.realpath(os.path.dirname(named)), os.path.realpath(named))


@dataclass(frozen=True)
class Bounds:
    """Where a run may write: the real roots of the trees its command-line paths name."""

    roots: tuple[str, ...]

    @classmethod
    def of(cls, arguments: Sequence[str], cwd: Path) -> Bounds:
        """Return the bounds of the paths named (as discovery reads them) from cwd."""
        base = os.path.realpath(cwd)
        roots = {root for argument in arguments for root in _named_roots(argument, base)}
        return cls(tuple(sorted(roots)))

    def refusal(self, path: Path) -> str | None:
        """Return why the file (after every link) must not be written, or None to write it."""
        real = os.path.realpath(path)
        root = next((root for root in self.roots if _inside(real, root)), None)
        if root is None:
            where = "a symbolic link to" if os.path.islink(path) else "reached through a link, at"
            return f"{where} {real}, outside the tree being processed; {UNWRITTEN}"
        inner = os.path.relpath(real, root).split(os.sep)
        if any(name.casefold() == ".git" for name in inner):
            return f"{real} is inside .git, git's own directory; {UNWRITTEN}"
        return None


# How every refusal ends: the file is left as it is.
UNWRITTEN = "nothing written"


def header_refusal(path: str) -> str | None:
    """Return why a diff may not name the file by path (as diff_path gives it), or None.

    git apply refuses an absolute path and any `..`, `.` or `.git` part, and patch -p1 an
    absolute path or `..`, so such a file is left out of the patch rather than break it.
    """
    parts = path.split("/")
    if path.startswith("/") or ".." in parts:
        return (
            "outside the current directory, where the patch's paths start "
            f"(git apply refuses {path}); not in the diff"
        )
    if any(part in ("", ".") or part.casefold() == ".git" for part in parts):
        return f"git apply refuses the path {path}; not in the diff"
    return None
