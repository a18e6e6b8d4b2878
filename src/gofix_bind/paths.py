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


def diff_path(path: Path, cwd: Path) -> str:
    """Return the path `git apply` expects: from the work tree's root, else from cwd."""
    absolute = os.path.abspath(path)
    root = _git_root(Path(os.path.dirname(absolute))) or cwd
    return os.path.relpath(absolute, root).replace(os.sep, "/")
