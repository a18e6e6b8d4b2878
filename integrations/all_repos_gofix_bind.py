"""An all-repos autofixer: bind Go servers to loopback across every repository all-repos knows.

Run it where your all-repos.json is, after `all-repos-clone`:

    python integrations/all_repos_gofix_bind.py --dry-run      # show each repository's commit
    python integrations/all_repos_gofix_bind.py --jobs 4       # commit and push

It takes all-repos' autofixer options (-C, --dry-run, -i, -j, --limit, --author, --repos) and
gofix-bind's --unsafe-fixes, --address and --ipv6-address. Per repository, in a fresh clone:

1. `gofix-bind --apply --exit-zero --format markdown -o BODY .` writes the fixes; exit 0 means
   it worked (findings that no fix covers may remain), anything else is an error, and all-repos
   then reports the repository as errored and commits nothing;
2. when something changed, `gofix-bind verify-patch --git` must accept the change:
   the commit holds nothing but gofix-bind's own fixes;
3. all-repos commits, the message being COMMIT_SUBJECT, then the Markdown body (what was fixed,
   what was left and why, how to review), and pushes as its config says. A run on an
   already-fixed repository changes nothing, so nothing is committed or pushed.

The body reaches the commit through a prepare-commit-msg hook in the temporary clone, because
all-repos commits every repository with the one message given on its command line; its GitHub
pull-request push takes the pull request's title and body from the commit's subject and body.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from all_repos import autofix_lib
from all_repos.config import Config

# The commit message's subject, the same for every repository (and the pull request's title).
COMMIT_SUBJECT = "Bind Go servers to loopback, not every network interface"
# all-repos' branch is all-repos_autofix_<this>.
BRANCH_NAME = "gofix-bind"
# Where the Markdown body is written: inside .git, so it is never part of the commit.
BODY_FILE = "gofix-bind-pull-request.md"


def gofix_bind() -> str:
    """Return the gofix-bind beside this Python, else the one on PATH."""
    beside = Path(sys.executable).parent / "gofix-bind"
    return str(beside) if beside.exists() else shutil.which("gofix-bind") or "gofix-bind"


@functools.cache
def _supports_exit_zero() -> bool:
    # --exit-zero came after gofix-bind 0.1.0, which exits 1 when findings remain: both are
    # accepted, and the flag is passed where it exists.
    shown = subprocess.run([gofix_bind(), "--help"], capture_output=True, text=True, check=False)
    return re.search(r"(?<![\w-])--exit-zero(?![\w-])", shown.stdout) is not None


def apply_command(options: Sequence[str], body: str) -> list[str]:
    """Return the gofix-bind command line that fixes the repository in the current directory."""
    exit_zero = ["--exit-zero"] if _supports_exit_zero() else []
    return [gofix_bind(), "--apply", *exit_zero, *options, "--format", "markdown", "-o", body, "."]


def _git_dir() -> Path:
    found = subprocess.run(
        ["git", "rev-parse", "--absolute-git-dir"], capture_output=True, text=True, check=True
    )
    return Path(found.stdout.strip())


def _install_body_hook(git_dir: Path, body: Path) -> None:
    # The hook puts the body between the subject and the rest of all-repos' message. A local
    # hooksPath beats a global one, and cleanup=whitespace keeps the body's "### " headings,
    # which git's default cleanup would strip as comments where an editor is configured.
    hooks = git_dir / "hooks"
    hooks.mkdir(exist_ok=True)
    hook = hooks / "prepare-commit-msg"
    quoted = shlex.quote(str(body))
    hook.write_text(
        "#!/bin/sh\n"
        f'[ -f {quoted} ] || exit 0\n{{ head -n 1 "$1"; echo; cat {quoted}; tail -n +2 "$1"; }}'
        f' > "$1.gofix-bind" && mv "$1.gofix-bind" "$1"\n',
        encoding="utf-8",
    )
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    for key, value in (("core.hooksPath", str(hooks)), ("commit.cleanup", "whitespace")):
        subprocess.run(["git", "config", key, value], check=True)


def apply_fix(options: Sequence[str] = ()) -> None:
    """Fix the repository in the current directory, the clone all-repos made for it."""
    git_dir = _git_dir()
    body = git_dir / BODY_FILE
    done = autofix_lib.run(*apply_command(options, str(body)), check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"gofix-bind --apply exited {done.returncode}")
    if done.returncode == 1 and _supports_exit_zero():
        raise RuntimeError("gofix-bind --apply --exit-zero exited 1")
    _install_body_hook(git_dir, body)


def check_fix(options: Sequence[str] = ()) -> None:
    """Refuse the change unless it holds nothing but gofix-bind's fixes (verify-patch)."""
    # verify-patch reads each pre-image from the base commit, so the change must be a commit
    # too: `git stash create` makes one of the work tree and touches nothing else.
    made = subprocess.run(["git", "stash", "create"], capture_output=True, text=True, check=True)
    autofix_lib.run(
        gofix_bind(), "verify-patch", *options, "--git", f"origin/HEAD..{made.stdout.strip()}"
    )


def _would_change(path: str, options: Sequence[str]) -> bool:
    # --list names every file --apply would change: the repositories worth a clone. A file that
    # fails to parse makes it exit 2 but does not hide the others, so the paths decide.
    done = subprocess.run(
        [gofix_bind(), "--list", *options, "."],
        cwd=path,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode >= 2:
        sys.stderr.write(f"{path}: gofix-bind --list exited {done.returncode}\n{done.stderr}")
    return bool(done.stdout.strip())


def find_repos(config: Config, options: Sequence[str] = ()) -> list[str]:
    """Return the cloned repositories in which gofix-bind --apply would change a file."""
    paths = [os.path.join(config.output_dir, name) for name in config.get_cloned_repos()]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        wanted = list(pool.map(functools.partial(_would_change, options=options), paths))
    return [path for path, keep in zip(paths, wanted, strict=True) if keep]


def gofix_bind_options(args: argparse.Namespace) -> tuple[str, ...]:
    """Return the gofix-bind options chosen on the command line, for --apply and verify-patch."""
    options: list[str] = []
    if args.unsafe_fixes:
        options.append("--unsafe-fixes")
    if args.address:
        options += ["--address", args.address]
    if args.ipv6_address:
        options += ["--ipv6-address", args.ipv6_address]
    return tuple(options)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the autofixer over the repositories of an all-repos config."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    autofix_lib.add_fixer_args(parser)
    parser.add_argument("--unsafe-fixes", action="store_true", help="gofix-bind --unsafe-fixes")
    parser.add_argument("--address", help="gofix-bind --address: the IPv4 address to bind")
    parser.add_argument("--ipv6-address", help="gofix-bind --ipv6-address: the IPv6 address")
    args = parser.parse_args(argv)
    options = gofix_bind_options(args)

    repos, config, commit, settings = autofix_lib.from_cli(
        args,
        find_repos=functools.partial(find_repos, options=options),
        msg=COMMIT_SUBJECT,
        branch_name=BRANCH_NAME,
    )
    # Partials of module-level functions: all-repos sends them to its worker processes (--jobs).
    autofix_lib.fix(
        repos,
        apply_fix=functools.partial(apply_fix, options),
        check_fix=functools.partial(check_fix, options),
        config=config,
        commit=commit,
        autofix_settings=settings,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
