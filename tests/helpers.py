"""Shared test helpers: run the CLI, read a tree, apply a patch with git."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gofix_bind.cli import command

GOFMT = shutil.which("gofmt")
# CI installs Go and sets this, so a check that needs gofmt can never be skipped there unnoticed.
REQUIRE_GOFMT = os.environ.get("GOFIX_BIND_REQUIRE_GOFMT") == "1"


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


def need_gofmt() -> None:
    """Skip the test when gofmt is missing, or fail it where gofmt is required."""
    if GOFMT is None:
        if REQUIRE_GOFMT:
            pytest.fail("gofmt is required (GOFIX_BIND_REQUIRE_GOFMT=1) but not installed")
        pytest.skip("gofmt is not installed")


def gofmt(source: bytes) -> bytes:
    """Return the real gofmt's layout of a Go source that it can parse."""
    assert GOFMT is not None
    done = subprocess.run([GOFMT], input=source, capture_output=True, check=True)
    return done.stdout
