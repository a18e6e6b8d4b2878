"""Where verify-patch gets its patch and pre-images: a file or standard input, or two commits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from gofix_bind import gitrepo
from gofix_bind.patchfile import Patch, PatchError, is_empty, parse_patch
from gofix_bind.paths import repository_root
from gofix_bind.pretree import GitRevision, PreImageTree, WorkTree
from gofix_bind.source_io import os_error_reason


class InputError(Exception):
    """The patch cannot be read or parsed: nothing can be verified."""


@dataclass(frozen=True)
class Inputs:
    """A parsed patch and the tree its pre-images come from."""

    patch: Patch
    tree: PreImageTree
    empty: bool


def _parse(data: bytes, name: str) -> Patch:
    try:
        return parse_patch(data)
    except PatchError as error:
        raise InputError(f"{name}: cannot parse the patch: {error}") from None


def from_git(revisions: str, cwd: Path) -> Inputs:
    """Diff two commits (`BASE..HEAD`); the pre-images come from BASE, not the work tree."""
    try:
        root = gitrepo.toplevel(cwd)
        commits = gitrepo.resolve_range(root, revisions)
        data = gitrepo.diff(root, commits)
    except gitrepo.GitError as error:
        raise InputError(f"--git {revisions}: {error}") from None
    patch = _parse(data, f"git diff {revisions}")
    return Inputs(patch, GitRevision(root, commits.base, commits.label), is_empty(data))


def from_file(argument: str, cwd: Path, stdin: BinaryIO) -> Inputs:
    """Read a patch file (`-`: standard input); the pre-images are the work tree's files.

    Paths start at the top of the work tree holding cwd, as `gofix-bind --diff` writes them,
    else at cwd.
    """
    if argument == "-":
        data, name = stdin.read(), "standard input"
    else:
        path = Path(argument)
        try:
            data, name = path.read_bytes(), argument
        except OSError as error:
            raise InputError(f"cannot read {argument}: {os_error_reason(path, error)}") from None
    return Inputs(_parse(data, name), WorkTree(repository_root(cwd)), is_empty(data))
