"""How file paths are shown: to people relative to the working directory, to git from its root."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


def display_path(path: Path, cwd: Path) -> str:
    """Return path relative to cwd when it lies under cwd, else as it was given."""
    absolute = Path(os.path.abspath(path))
    if absolute == cwd or cwd in absolute.parents:
        return absolute.relative_to(cwd).as_posix()
    return Path(os.path.normpath(path)).as_posix()


@cache
def _git_root(directory: Path) -> Path | None:
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def diff_path(path: Path, cwd: Path) -> str:
    """Return the path `git apply` expects: from the work tree's root, else from cwd."""
    absolute = Path(os.path.abspath(path))
    root = _git_root(absolute.parent) or cwd
    return Path(os.path.relpath(absolute, root)).as_posix()
