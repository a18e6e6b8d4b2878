"""Session fixtures for the integration tests: this checkout as a git repository, a wheelhouse.

Both are made once per session: pre-commit and the GitHub Action install gofix-bind from them,
offline, as they would install it from this repository on GitHub.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.integration_tools import ROOT, environment, git, need_git


@dataclass(frozen=True)
class HookRepository:
    """A copy of this checkout's files (committed or not) as a one-commit git repository."""

    path: Path
    rev: str


@pytest.fixture(scope="session")
def hook_repository(tmp_path_factory: pytest.TempPathFactory) -> HookRepository:
    """Copy the checkout's files, uncommitted changes included, into a fresh git repository.

    pre-commit installs a hook from a commit of a git repository; a copy tests the files as
    they are in the work tree, and leaves the checkout's own history alone.
    """
    need_git()
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    copy = tmp_path_factory.mktemp("hook-repository")
    for name in sorted(set(listed.split("\0")) - {""}):
        source = ROOT / name
        if source.is_file():  # a file deleted in the work tree is still listed by --cached
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    git(copy, "init", "-q", "-b", "main")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "the checkout, as tested")
    return HookRepository(copy, git(copy, "rev-parse", "HEAD").strip())


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory, hook_repository: HookRepository) -> Path:
    """Build wheels of gofix-bind, its dependencies and its build backend, once per session.

    This is the one step that uses a package index (as pip is set up on the machine); every
    install from the wheelhouse then runs with PIP_NO_INDEX=1.
    """
    wheels = tmp_path_factory.mktemp("wheelhouse")
    # setuptools too: pip builds the hook's package in an isolated environment, from here.
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--wheel-dir", str(wheels)]
    done = subprocess.run(
        [*command, str(hook_repository.path), "setuptools>=68"],
        env=environment(PIP_DISABLE_PIP_VERSION_CHECK="1"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return wheels


@pytest.fixture(scope="session", autouse=True)
def _session_cache_outside_trees(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the result cache of session and module fixtures' runs outside their trees too."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GOFIX_BIND_CACHE_DIR", str(tmp_path_factory.mktemp("session-cache")))
        patch.delenv("GOFIX_BIND_NO_CACHE", raising=False)
        yield


@pytest.fixture(autouse=True)
def _cache_outside_trees(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep each test's result cache in a directory of its own, outside the trees it checks.

    The cache stays on (a test that runs twice sees it warm); only its place moves, so that
    snapshots of a tree do not list it. tests/test_cache.py tests the default place.
    """
    monkeypatch.setenv("GOFIX_BIND_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("GOFIX_BIND_NO_CACHE", raising=False)
