"""The Go toolchain for tests: find gofmt, go and git, skip without them, run gofmt.

A test that needs a tool calls need_gofmt(), need_go(), need_go_source() or need_git() first:
without the tool the test is skipped, except when GOFIX_BIND_REQUIRE_GOFMT=1 (as CI sets it),
where it fails, so that a check needing the toolchain can never be skipped there unnoticed;
need_go() fails under CI=true as well.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest

GOFMT = shutil.which("gofmt")
GO = shutil.which("go")
GIT = shutil.which("git")
REQUIRE_GOFMT = os.environ.get("GOFIX_BIND_REQUIRE_GOFMT") == "1"


def _missing(what: str) -> NoReturn:
    if REQUIRE_GOFMT:
        pytest.fail(f"{what} is required (GOFIX_BIND_REQUIRE_GOFMT=1) but not installed")
    pytest.skip(f"{what} is not installed")


def need_gofmt() -> str:
    """Return gofmt's path; skip the test without it, or fail it where gofmt is required."""
    if GOFMT is None:
        _missing("gofmt")
    return GOFMT


def need_go() -> str:
    """Return go's path; skip the test without it, or fail it where the toolchain is required."""
    if GO is None:
        if os.environ.get("CI") == "true":
            pytest.fail("go is required in CI (CI=true) but not installed")
        _missing("go")
    return GO


def need_git() -> str:
    """Return git's path; skip the test without it, or fail it where the toolchain is required."""
    if GIT is None:
        _missing("git")
    return GIT


@functools.cache
def go_source() -> Path | None:
    """Return GOROOT/src of the installed Go toolchain, or None without one (or its source)."""
    if GO is None:
        return None
    found = subprocess.run([GO, "env", "GOROOT"], capture_output=True, text=True, check=False)
    source = Path(found.stdout.strip()) / "src"
    return source.resolve() if found.returncode == 0 and (source / "net").is_dir() else None


def need_go_source() -> Path:
    """Return GOROOT/src; skip the test without Go, or fail it where the toolchain is required."""
    source = go_source()
    if source is None:
        _missing("a Go toolchain with its source (go env GOROOT)")
    return source


def _run_gofmt(source: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([need_gofmt()], input=source, capture_output=True, check=False)


def gofmt(source: bytes) -> bytes:
    """Return the real gofmt's layout of a Go source; raise when gofmt cannot parse it."""
    done = _run_gofmt(source)
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip()
        raise RuntimeError(f"gofmt exited {done.returncode}: {message}")
    return done.stdout


def gofmt_or_none(source: bytes) -> bytes | None:
    """Return the real gofmt's layout of a Go source, or None when gofmt cannot parse it."""
    done = _run_gofmt(source)
    return done.stdout if done.returncode == 0 else None
