"""Run a format over a small tree in a git repository, as the format tests need it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from tests.helpers import commit_all, invoke

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "go"
REVIEW_CASE = GOLDEN / "review_formats"


def git_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write files under root and make root a git work tree, the repository root."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    commit_all(root)
    return root


def golden_tree(case: str, root: Path) -> Path:
    """Copy a golden case's input to root, as a git work tree."""
    shutil.copytree(GOLDEN / case / "input", root)
    commit_all(root)
    return root


def run(monkeypatch: pytest.MonkeyPatch, cwd: Path, *args: str) -> Result:
    """Run the CLI in cwd."""
    monkeypatch.chdir(cwd)
    return invoke([*args])


def run_json(monkeypatch: pytest.MonkeyPatch, cwd: Path, *args: str) -> Any:
    """Run the CLI in cwd and parse its stdout as one JSON document."""
    return json.loads(run(monkeypatch, cwd, *args).stdout)


def listen(address: str, prefix: str = "") -> str:
    """Return a Go file whose main serves on address, prefix written before the call."""
    return (
        'package main\n\nimport "net/http"\n\nfunc main() {\n'
        f'\t{prefix}_ = http.ListenAndServe("{address}", nil)\n}}\n'
    )
