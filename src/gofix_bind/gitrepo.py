"""The little of git that verify-patch needs: the top level, a revision range, a diff, blobs."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """git failed or was asked something it cannot answer; the message says what."""


def _git(root: Path, args: list[str], data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, input=data, capture_output=True, check=False
        )
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror or error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} exited {done.returncode}")
    return done.stdout


def toplevel(cwd: Path) -> Path:
    """Return the top level of the work tree holding cwd."""
    out = _git(cwd, ["rev-parse", "--show-toplevel"])
    return Path(out.decode("utf-8", "surrogateescape").rstrip("\n"))


def _commit(root: Path, revision: str) -> str:
    if not revision or revision.startswith("-"):
        # Never handed to git, where it would read as an option.
        raise GitError(f"{revision!r} is not a revision")
    try:
        out = _git(root, ["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"])
    except GitError:
        raise GitError(f"unknown revision {revision!r}") from None
    return out.decode("ascii").strip()


@dataclass(frozen=True)
class Range:
    """Two commits: the patch is the diff from base to head."""

    base: str
    head: str
    # How messages name the base: the revision as written.
    label: str


def resolve_range(root: Path, spec: str) -> Range:
    """Resolve `BASE..HEAD` (or `BASE...HEAD`: from their merge base) to commits."""
    symmetric = "..." in spec
    base, dots, head = spec.partition("..." if symmetric else "..")
    if not dots:
        raise GitError(f"{spec!r} is not a range: write BASE..HEAD")
    # As git reads them, an empty side means HEAD.
    base, head = base or "HEAD", head or "HEAD"
    base_id = _commit(root, base)
    head_id = _commit(root, head)
    if not symmetric:
        return Range(base_id, head_id, base)
    out = _git(root, ["merge-base", base_id, head_id])
    return Range(out.decode("ascii").strip(), head_id, f"the merge base of {base} and {head}")


def diff(root: Path, commits: Range) -> bytes:
    """Return the diff from base to head in the one form verify-patch reads, whatever the config."""
    return _git(
        root,
        [
            "-c",
            "core.quotePath=true",
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--binary",
            "--find-renames",
            "--no-relative",
            "--submodule=short",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            commits.base,
            commits.head,
            "--",
        ],
    )


@dataclass(frozen=True)
class Entry:
    """One entry of a tree object."""

    mode: str
    kind: str
    oid: str
    # The blob's size in bytes; -1 for entries that are not blobs.
    size: int


def listing(root: Path, commit: str, directory: str) -> dict[str, Entry]:
    """Return a directory's entries at a commit by name; empty when it is no directory there."""
    treeish = f"{commit}:{directory}" if directory else f"{commit}^{{tree}}"
    try:
        out = _git(root, ["ls-tree", "-z", "-l", treeish])
    except GitError:
        return {}
    entries = {}
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, oid, size = meta.decode("ascii").split()
        entries[name.decode("utf-8", "surrogateescape")] = Entry(
            mode, kind, oid, int(size) if size != "-" else -1
        )
    return entries


def blobs(root: Path, oids: list[str]) -> dict[str, bytes]:
    """Return the bytes of each blob, read in one `git cat-file --batch`."""
    if not oids:
        return {}
    out = _git(root, ["cat-file", "--batch"], "".join(f"{oid}\n" for oid in oids).encode())
    found: dict[str, bytes] = {}
    position = 0
    for oid in oids:
        end = out.index(b"\n", position)
        header = out[position:end].decode("ascii").split()
        if len(header) != 3 or header[1] != "blob":
            raise GitError(f"cannot read the blob {oid}")
        size = int(header[2])
        found[oid] = out[end + 1 : end + 1 + size]
        # Each blob is followed by a line end of its own.
        position = end + 1 + size + 1
    return found
