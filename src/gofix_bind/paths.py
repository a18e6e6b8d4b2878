"""How file paths are shown: to people relative to the working directory, to git from its root."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


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
