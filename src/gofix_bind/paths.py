"""How file paths are shown: to people relative to the working directory, to git from its root."""

from __future__ import annotations

import os
import re
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


def display_path(path: Path, cwd: Path) -> str:
    """Return path relative to cwd when it lies under cwd, else as it was given."""
    # Plain string operations: this runs once per file of the tree.
    absolute = os.path.abspath(path)
    base = str(cwd)
    if absolute == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    if absolute.startswith(prefix):
        return absolute[len(prefix) :].replace(os.sep, "/")
    return os.path.normpath(path).replace(os.sep, "/")


@cache
def _git_root(directory: Path) -> Path | None:
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def repository_root(cwd: Path) -> Path:
    """Return the work tree holding cwd, else cwd itself: where a patch's paths start."""
    directory = Path(os.path.realpath(cwd))
    return _git_root(directory) or directory


def tree_root(path: Path, cwd: Path) -> Path:
    """Return the directory diff paths are relative to: the work tree holding path, else cwd."""
    # The directory is resolved, the file itself not: a symlink belongs to the tree it sits in.
    directory = Path(os.path.realpath(os.path.dirname(os.path.abspath(path))))
    return _git_root(directory) or Path(os.path.realpath(cwd))


def diff_path(path: Path, cwd: Path) -> str:
    """Return the path `git apply` expects for the file (a symlink's target) from tree_root."""
    # git apply and patch refuse to write through a symlink, so the diff names its target.
    target = os.path.realpath(path)
    return os.path.relpath(target, tree_root(path, cwd)).replace(os.sep, "/")


def link_outside_tree(path: Path, cwd: Path) -> Path | None:
    """Return a symlink's target when it lies outside tree_root, else None."""
    if not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    root = str(tree_root(path, cwd))
    if os.path.commonpath([target, root]) == root:
        return None
    return Path(target)
