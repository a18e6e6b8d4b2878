"""Helpers for the integration tests: the tools they run, flags still to come, git repositories.

The tools (pre-commit, all-repos, check-jsonschema, actionlint) are pip packages of the test
extras. A test whose tool is missing is skipped, except where CI=true: there it fails, so that
CI can never pass by skipping an integration.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GOFIX_BIND = BIN / "gofix-bind"
IN_CI = os.environ.get("CI") == "true"
IDENTITY = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
}
# A server on every interface, fixed by a safe fix, and the file as --apply writes it.
SERVER = (
    'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n'
)
FIXED = SERVER.replace('":8080"', '"127.0.0.1:8080"')


def _missing(what: str) -> NoReturn:
    if IN_CI:
        pytest.fail(f"{what} is required in CI (CI=true) but not found; pip install -e '.[test]'")
    pytest.skip(f"{what} is not installed")


def need_tool(name: str) -> str:
    """Return the path of a tool of the test extras: beside this Python, else on PATH."""
    beside = BIN / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        _missing(name)
    return found


def need_git() -> str:
    """Return git's path, or skip (fail in CI) without it."""
    found = shutil.which("git")
    if found is None:
        _missing("git")
    return found


@functools.cache
def _help() -> str:
    shown = subprocess.run([str(GOFIX_BIND), "--help"], capture_output=True, text=True, check=True)
    return shown.stdout


def has_flag(flag: str) -> bool:
    """Tell whether the installed gofix-bind has this option, as --help lists it."""
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", _help()) is not None


def needs_flag(*flags: str) -> pytest.MarkDecorator:
    """Skip a test until the command line has these options (they land with the CLI work)."""
    missing = [flag for flag in flags if not has_flag(flag)]
    reason = f"needs {', '.join(missing)} (lands with the CLI work)"
    return pytest.mark.skipif(bool(missing), reason=reason)


def environment(**extra: str) -> dict[str, str]:
    """Return os.environ with a git identity, this venv's tools first on PATH, and extra."""
    path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    return {**os.environ, **IDENTITY, "PATH": path, **extra}


def git(root: Path, *args: str) -> str:
    """Run git at root and return its stdout."""
    done = subprocess.run(
        [need_git(), *args], cwd=root, env=environment(), capture_output=True, text=True
    )
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def git_repository(root: Path, files: Mapping[str, str]) -> Path:
    """Make root a git repository on branch main whose first commit holds these files."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first")
    return root


def offline_pip(wheels: Path) -> dict[str, str]:
    """Return the environment variables that make pip install from a wheelhouse alone."""
    # No config file either: the machine's may name other indexes or find-links.
    # No bytecode either: the environments live for one session, and compiling costs seconds.
    return {
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheels),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_COMPILE": "1",
    }


# A block of a doc that includes a file verbatim: a marker naming the file, then the fence.
INCLUDED = re.compile(r"<!-- file: (?P<path>[\w./-]+) -->\n```[a-z]*\n(?P<body>.*?\n)```\n", re.S)


def included_files(doc: Path) -> dict[str, str]:
    """Map each file a doc includes verbatim to the text of its block."""
    return {m["path"]: m["body"] for m in INCLUDED.finditer(doc.read_text(encoding="utf-8"))}
