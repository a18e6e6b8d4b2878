"""Shared test helpers: run the CLI, read a tree, apply a patch with git, answer --interactive.

The Go toolchain (gofmt, go, git) is found and run in tests/toolchain.py.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pexpect
from click.testing import CliRunner, Result

from gofix_bind.cli import command

# The installed console script, as a user runs it.
GOFIX_BIND = Path(sys.executable).parent / "gofix-bind"
# The question --interactive asks after each fix (after a "(n/total) " counter).
PROMPT = "Apply this fix [y,n,a,d,q,?]? "
# An answer to --interactive that ends standard input (Ctrl-D) instead of typing a line.
EOF = "<eof>"
# An answer that interrupts (Ctrl-C) instead of typing a line.
INTERRUPT = "<interrupt>"


# One listener on every interface, and its fix: the file most write-path tests write.
LISTEN = b"""package main

import (
	"log"
	"net/http"
)

func main() {
	log.Fatal(http.ListenAndServe(":8080", nil))
}
"""
FIXED = LISTEN.replace(b'":8080"', b'"127.0.0.1:8080"')


def invoke(
    args: list[str], env: dict[str, str] | None = None, stdin: bytes | None = None
) -> Result:
    """Run the real click command in-process, with stdout and stderr kept apart."""
    return CliRunner().invoke(command, [*args], input=stdin, env=env, catch_exceptions=False)


def snapshot(root: Path) -> dict[str, bytes]:
    """Map every file under root (outside .git) to its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


# A committer for test repositories, whatever the machine's git configuration says.
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}


def git(root: Path, *args: str) -> bytes:
    """Run git at root with a fixed identity and no hooks; return its stdout."""
    env = {**os.environ, **GIT_IDENTITY}
    done = subprocess.run(
        ["git", "-c", "core.hooksPath=/dev/null", "-c", "commit.gpgSign=false", *args],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )
    return done.stdout


def commit_all(root: Path) -> None:
    """Make root a git repository (when it is not one) whose last commit holds every file."""
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", "input")


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


@dataclass(frozen=True)
class Dialogue:
    """What an --interactive run showed on its terminal (stdout and stderr), and its exit code."""

    transcript: str
    exit_code: int


def spawn_interactive(
    root: Path, flags: Sequence[str] = ("--color", "never"), paths: Sequence[str] = (".",)
) -> pexpect.spawn:
    """Start the installed gofix-bind --interactive in a real pseudo-terminal, at root."""
    # CI set: no progress bar between the prompts, whatever the terminal.
    env = {**os.environ, "CI": "1"}
    env.pop("NO_COLOR", None)
    return pexpect.spawn(
        str(GOFIX_BIND),
        ["--interactive", *flags, *paths],
        cwd=str(root),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 250),
    )


def run_interactive(
    root: Path,
    answers: Sequence[str],
    flags: Sequence[str] = ("--color", "never"),
    paths: Sequence[str] = (".",),
) -> Dialogue:
    """Run gofix-bind --interactive at root in a pseudo-terminal, giving it these answers.

    Each answer is typed at the next prompt (EOF sends Ctrl-D, INTERRUPT Ctrl-C); a prompt
    after the last answer fails the test. The terminal's CR LF line ends come back as LF.
    """
    log = io.StringIO()
    child = spawn_interactive(root, flags, paths)
    child.logfile_read = log
    try:
        for answer in answers:
            child.expect_exact(PROMPT)
            if answer == EOF:
                child.sendeof()
            elif answer == INTERRUPT:
                child.sendintr()
            else:
                child.sendline(answer)
        if child.expect_exact([pexpect.EOF, PROMPT]) != 0:
            raise AssertionError(f"asked more than {len(answers)} times:\n{log.getvalue()}")
    finally:
        child.close(force=True)
    return Dialogue(log.getvalue().replace("\r\n", "\n"), child.exitstatus)


def interactive_patch(
    root: Path, answers: Sequence[str], flags: Sequence[str] = ("--color", "never")
) -> bytes:
    """Return the patch of the fixes an --interactive run at root accepts, as git diff prints it.

    root becomes a git repository (when it is not one) whose index holds the files as they
    were; the run then writes the accepted fixes, and git diff shows exactly those.
    """
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    run_interactive(root, answers, flags)
    done = subprocess.run(
        ["git", "diff", "--no-color", "--no-ext-diff"], cwd=root, capture_output=True, check=True
    )
    return done.stdout
