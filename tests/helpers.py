"""Shared test helpers: run the CLI, read a tree, apply a patch with git.

The Go toolchain (gofmt, go, git) is found and run in tests/toolchain.py.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from click.testing import CliRunner, Result

from gofix_bind.cli import command


def invoke(args: list[str], env: dict[str, str] | None = None) -> Result:
    """Run the real click command in-process, with stdout and stderr kept apart."""
    return CliRunner().invoke(command, [*args], env=env, catch_exceptions=False)


def snapshot(root: Path) -> dict[str, bytes]:
    """Map every file under root (outside .git) to its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def git_apply(root: Path, patch: bytes) -> None:
    """Apply a patch at root with git, failing loudly on anything git skips or rejects."""
    if not patch:
        return
    subprocess.run(
        ["git", "apply", "--verbose", "--whitespace=nowarn", "-"],
        cwd=root,
        input=patch,
        check=True,
        capture_output=True,
    )
