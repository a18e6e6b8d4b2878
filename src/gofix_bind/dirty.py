"""The guard for uncommitted work: --apply writes only files whose bytes git already holds.

As cargo fix does, a write that git could not undo is refused: a file that is not tracked, or
whose work-tree bytes differ from the index. Staged changes are allowed, so a pre-commit hook
(which stashes unstaged changes first) still applies its fixes. Git is asked once per
repository, and only once a file of that repository is about to be written.
"""

from __future__ import annotations

import enum
import os
import subprocess
from pathlib import Path

ALLOW = "--allow-dirty"
UNSTAGED = f"has changes that are not staged; stage, commit or stash them, or pass {ALLOW}"
UNTRACKED = f"is not tracked by git; add it, or pass {ALLOW}"


class State(enum.Enum):
    """What git's index says of a work-tree file; a file it does not list is untracked."""

    CLEAN = "clean"
    UNSTAGED = "unstaged"


# `git ls-files -t` tags: tracked (H), skip-worktree (S), modified (C), unmerged (M).
_TRACKED = {"H", "S"}
_DIRTY = {"C", "M"}


def parse_ls_files(output: bytes) -> dict[str, State]:
    """Read `git ls-files -z -t --cached --modified` into each path's state."""
    states: dict[str, State] = {}
    for entry in output.split(b"\0"):
        if not entry:
            continue
        tag, _, name = os.fsdecode(entry).partition(" ")
        if tag in _DIRTY:
            states[name] = State.UNSTAGED
        elif tag in _TRACKED:
            states.setdefault(name, State.CLEAN)
    return states


def _ls_files(root: Path) -> dict[str, State] | str:
    """Return the states of root's tracked files, or why git could not tell."""
    # ls-files compares contents when stat data differs, so a file merely touched is clean
    # (git diff-files would call it modified until the index is refreshed).
    command = ["git", "ls-files", "-z", "-t", "--cached", "--modified"]
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, check=False)
    except OSError as error:
        return f"cannot run git: {error.strerror or error}"
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        # The first line is git's own "fatal: ..."; hints follow it.
        return lines[0] if lines else f"git ls-files exited {done.returncode}"
    return parse_ls_files(done.stdout)


def work_tree(directory: str) -> str | None:
    """Return the root of the work tree holding directory (a real path), or None."""
    candidate = directory
    while True:
        if os.path.lexists(os.path.join(candidate, ".git")):
            return candidate
        parent = os.path.dirname(candidate)
        if parent == candidate:
            return None
        candidate = parent


class Guard:
    """Decides, file by file, whether --apply may write; remembers each repository's answer."""

    def __init__(self) -> None:
        """Start with no repository asked."""
        self._roots: dict[str, str | None] = {}
        self._states: dict[str, dict[str, State] | str] = {}

    def _root(self, directory: str) -> str | None:
        if directory not in self._roots:
            self._roots[directory] = work_tree(directory)
        return self._roots[directory]

    def refusal(self, path: Path) -> str | None:
        """Return why the file (a symlink's target) must not be written, or None to write it."""
        target = os.path.realpath(path)
        root = self._root(os.path.dirname(target))
        if root is None:
            # Outside git there is no commit to go back to, and no guard.
            return None
        if root not in self._states:
            self._states[root] = _ls_files(Path(root))
        states = self._states[root]
        if isinstance(states, str):
            return f"cannot tell whether it has uncommitted changes ({states}); pass {ALLOW}"
        name = os.path.relpath(target, root).replace(os.sep, "/")
        state = states.get(name)
        if state is None:
            return UNTRACKED
        return UNSTAGED if state is State.UNSTAGED else None
