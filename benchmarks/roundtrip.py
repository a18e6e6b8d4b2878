"""Round-trip safety check: fix a whole Go corpus and check that nothing but the fixes changed.

The corpus is copied twice. On the apply copy, gofix-bind runs in report mode (to learn which
files have findings) and then with --apply; on the patch copy, it runs with --diff, and that diff
is applied with `git apply`. Then, for every file:

- its tree-sitter error count is unchanged;
- gofmt does not reject or want to reformat a file that was gofmt-clean before;
- a file without findings keeps its bytes and its mtime_ns (it was not rewritten), and no file
  is added or removed (no temporary file is left behind);
- a second `--diff` run on the applied copy prints nothing;
- the patch copy after `git apply` equals the applied copy byte for byte;
- `gofix-bind verify-patch` finds the `--diff` output pure (run on the patch copy before
  `git apply`, so that the pre-images are the files the diff was made from);
- the `--diff` output's added and removed line counts equal `git diff --numstat`'s for the
  same change, file by file (the apply copy's files are added to git's index before --apply).

Both copies get a `git init`, so that diff paths are relative to the copy's root and .gitignore
lookups stop there even when the scratch directory lies inside another work tree.

    python benchmarks/roundtrip.py --corpus ../go-corpus --work "$(mktemp -d)"
    python benchmarks/roundtrip.py --corpus ../go-corpus --work "$(mktemp -d)" \
        --subset go-1.19/src/net gocode/github.com

The Markdown summary goes to stdout; the exit code is 0 when every check passes, 1 when one
fails (the run directory under --work is then kept for inspection), 2 on a setup error.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gofix_bind.go.parse import error_count, parse
from gofix_bind.patchfile import LineKind, parse_patch

DEFAULT_TOOL: tuple[str, ...] = (sys.executable, "-m", "gofix_bind")
# gofmt names a file it cannot parse as `path:line[:column]: message` on stderr; a message may
# run on over several lines (a raw string quoted in it).
GOFMT_ERROR = re.compile(r"^(?P<path>.+?\.go):\d+(?::\d+)?: ")


@dataclass(frozen=True)
class FileState:
    """One entry of a tree: a symbolic link's target, or a regular file's sha256; its mtime."""

    sha256: str
    mtime_ns: int
    link: str | None = None

    def same_content(self, other: FileState) -> bool:
        """Return whether both hold the same bytes (or point at the same target)."""
        return self.sha256 == other.sha256 and self.link == other.link


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_state(root: Path) -> dict[str, FileState]:
    """Map every file and symbolic link under root (outside root/.git) to its state.

    Keys are POSIX paths relative to root. Directory links are recorded, never followed. The
    result cache gofix-bind keeps at the work tree's root (ignored by git) is no source either.
    """
    states: dict[str, FileState] = {}
    for parent, directories, names in os.walk(root):
        if parent == str(root):
            directories[:] = [d for d in directories if d not in (".git", ".gofix-bind_cache")]
        for name in [*names, *(d for d in directories if os.path.islink(os.path.join(parent, d)))]:
            path = os.path.join(parent, name)
            key = Path(path).relative_to(root).as_posix()
            info = os.lstat(path)
            if os.path.islink(path):
                states[key] = FileState("", info.st_mtime_ns, os.readlink(path))
            else:
                states[key] = FileState(_sha256(path), info.st_mtime_ns)
    return states


def is_go_file(key: str) -> bool:
    """Return whether gofmt, walking a directory, would format this path."""
    name = key.rsplit("/", 1)[-1]
    return name.endswith(".go") and not name.startswith(".")


def _error_count_of(path: str) -> int:
    with open(path, "rb") as handle:
        return error_count(parse(handle.read()))


def parse_errors(root: Path, keys: Sequence[str], jobs: int) -> dict[str, int]:
    """Return the tree-sitter error count (ERROR and MISSING nodes) of each file."""
    paths = [str(root / key) for key in keys]
    if jobs <= 1 or len(paths) < 500:
        counts = [_error_count_of(path) for path in paths]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            counts = list(pool.map(_error_count_of, paths, chunksize=128))
    return dict(zip(keys, counts, strict=True))


@dataclass(frozen=True)
class Gofmt:
    """What `gofmt -l` said: files it would reformat, files it could not parse."""

    dirty: frozenset[str]
    failed: frozenset[str]

    def clean(self, key: str) -> bool:
        """Return whether gofmt parsed the file and would leave it as it is."""
        return key not in self.dirty and key not in self.failed


def gofmt_status(gofmt: str, root: Path, keys: Sequence[str] | None = None) -> Gofmt:
    """Run `gofmt -l` on the whole tree (keys None) or on the files named, from root.

    gofmt exits 2 when some file does not parse; that file is then named on stderr, not listed.
    """
    batches: Iterable[Sequence[str]] = (
        [["."]] if keys is None else (keys[i : i + 500] for i in range(0, len(keys), 500))
    )
    dirty: set[str] = set()
    failed: set[str] = set()
    for batch in batches:
        if not batch:
            continue
        done = subprocess.run(
            [gofmt, "-l", *batch], cwd=root, capture_output=True, text=True, check=False
        )
        named = {
            os.path.normpath(match["path"])
            for match in map(GOFMT_ERROR.match, done.stderr.splitlines())
            if match and (root / match["path"]).is_file()
        }
        if done.returncode not in (0, 2) or bool(named) != (done.returncode == 2):
            raise RuntimeError(f"gofmt -l exited {done.returncode}: {done.stderr[-2000:]}")
        failed.update(named)
        dirty.update(os.path.normpath(line) for line in done.stdout.splitlines() if line)
    return Gofmt(frozenset(dirty), frozenset(failed))


@dataclass(frozen=True)
class ToolRun:
    """One gofix-bind run: its arguments, exit code and output."""

    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: str
    seconds: float

    @property
    def crashed(self) -> bool:
        """Return whether it ended other than by one of its documented exit codes."""
        return self.returncode not in (0, 1, 2) or "Traceback (most recent call last)" in (
            self.stderr
        )

    def json(self) -> dict[str, Any]:
        """Return the --format json document it printed."""
        document: dict[str, Any] = json.loads(self.stdout)
        return document


def run_tool(tool: Sequence[str], args: Sequence[str], cwd: Path) -> ToolRun:
    """Run gofix-bind with args from cwd; keep stdout as bytes."""
    start = time.perf_counter()
    done = subprocess.run([*tool, *args], cwd=cwd, capture_output=True, check=False)
    return ToolRun(
        tuple(args),
        done.returncode,
        done.stdout,
        done.stderr.decode("utf-8", "replace"),
        time.perf_counter() - start,
    )


def diff_files(diff: bytes) -> list[str]:
    """Return the paths a git-style diff changes, from its `diff --git a/X b/X` lines."""
    found = []
    for line in diff.splitlines():
        if line.startswith(b"diff --git a/"):
            found.append(line.decode("utf-8", "replace").split(" b/", 1)[0][len("diff --git a/") :])
    return found


# Added and removed lines of each file of a change.
LineCounts = dict[str, tuple[int, int]]


def diff_line_counts(diff: bytes) -> LineCounts:
    """Return each file's added and removed line counts in a unified diff."""
    counts: LineCounts = {}
    for entry in parse_patch(diff).files:
        kinds = [line.kind for hunk in entry.hunks for line in hunk.lines]
        counts[entry.path] = (kinds.count(LineKind.ADDED), kinds.count(LineKind.REMOVED))
    return counts


def git_add_all(root: Path) -> None:
    """Put every file of the work tree in git's index, so that `git diff` shows what changes."""
    subprocess.run(["git", "add", "-A", "."], cwd=root, check=True, capture_output=True)


def git_numstat(root: Path) -> LineCounts:
    """Return `git diff --numstat` (work tree against the index) as line counts by path."""
    done = subprocess.run(
        ["git", "diff", "--numstat", "-z", "--no-renames", "--no-ext-diff", "--no-textconv"],
        cwd=root,
        capture_output=True,
        check=True,
    )
    counts: LineCounts = {}
    for record in done.stdout.split(b"\0"):
        if not record:
            continue
        added, removed, path = record.decode("utf-8", "surrogateescape").split("\t", 2)
        # A binary file counts "-": no line counts to compare, so it always differs.
        counts[path] = (int(added), int(removed)) if added != "-" else (-1, -1)
    return counts


def compare_counts(ours: LineCounts, git: LineCounts) -> list[str]:
    """Return a line for each file whose counts differ, or that only one side names."""

    def shown(counts: tuple[int, int] | None) -> str:
        return "absent" if counts is None else f"+{counts[0]} -{counts[1]}"

    return [
        f"{path}: --diff {shown(ours.get(path))}, git {shown(git.get(path))}"
        for path in sorted(set(ours) | set(git))
        if ours.get(path) != git.get(path)
    ]


def copy_corpus(corpus: Path, target: Path, subsets: Sequence[str]) -> None:
    """Copy the corpus (or only the subdirectories named) to target, keeping links and mtimes."""
    if not subsets:
        shutil.copytree(corpus, target, symlinks=True)
        return
    for subset in subsets:  # one may hold another (net, net/http): copy over it
        shutil.copytree(corpus / subset, target / subset, symlinks=True, dirs_exist_ok=True)


def git_init(root: Path) -> None:
    """Make root a git work tree of its own (see the module docstring)."""
    subprocess.run(["git", "init", "-q", str(root)], check=True)


def git_apply(root: Path, patch: bytes) -> str:
    """Apply a patch at root; return git's complaint, or "" when it applied."""
    if not patch:
        return ""
    done = subprocess.run(
        ["git", "apply", "--verbose", "--whitespace=nowarn", "-"],
        cwd=root,
        input=patch,
        capture_output=True,
        check=False,
    )
    return "" if done.returncode == 0 else done.stderr.decode("utf-8", "replace").strip()


@dataclass
class Outcome:
    """What one round trip measured; failures() says which checks failed."""

    go_files: int = 0
    parse_errors_before: int = 0
    gofmt_dirty_before: int = 0
    gofmt_failed_before: int = 0
    files_scanned: int = 0
    files_skipped: int = 0
    findings: int = 0
    fixable: int = 0
    suppressed: int = 0
    files_with_findings: int = 0
    files_changed: list[str] = field(default_factory=list)
    fixes_applied: int = 0
    diff_files: int = 0
    diff_hunks: int = 0
    # verify-patch on the --diff output: its exit code, the problems it printed, its summary.
    verify_patch_exit: int | None = None
    verify_patch_problems: list[str] = field(default_factory=list)
    verify_patch_summary: str = ""
    # Files whose --diff line counts differ from git diff --numstat's, and how many compared.
    numstat_mismatch: list[str] = field(default_factory=list)
    numstat_files: int = 0
    syntax_errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    parse_count_changed: list[str] = field(default_factory=list)
    new_parse_errors: list[str] = field(default_factory=list)
    new_gofmt_dirty: list[str] = field(default_factory=list)
    dirty_before_changed: list[str] = field(default_factory=list)
    second_run: bytes = b""
    git_apply_error: str = ""
    diff_apply_mismatch: list[str] = field(default_factory=list)
    changed_without_finding: list[str] = field(default_factory=list)
    mtime_only_changed: list[str] = field(default_factory=list)
    added_or_removed: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    exit_codes: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def verify_patch_pure(self) -> bool:
        """Return whether verify-patch found the --diff output pure (exit 0, no problem)."""
        return self.verify_patch_exit == 0 and not self.verify_patch_problems

    @property
    def diff_equals_apply(self) -> bool:
        """Return whether `git apply` of the diff gave exactly the --apply tree."""
        return not self.git_apply_error and not self.diff_apply_mismatch

    def failures(self) -> list[str]:
        """Return the names of the checks that failed (empty: all passed)."""
        checks = {
            "gofix-bind exited with a documented code": not self.crashes,
            "tree-sitter error counts unchanged": not self.parse_count_changed,
            "no gofmt-clean file became dirty": not self.new_gofmt_dirty,
            "second --diff run prints nothing": not self.second_run,
            "git apply of --diff == --apply": self.diff_equals_apply,
            "files without findings byte-identical": not self.changed_without_finding,
            "untouched files keep their mtime_ns": not self.mtime_only_changed,
            "no file added or removed": not self.added_or_removed,
            "verify-patch finds the --diff pure": self.verify_patch_pure,
            "--diff line counts == git diff --numstat": not self.numstat_mismatch,
        }
        return [name for name, passed in checks.items() if not passed]


@contextmanager
def _timed(outcome: Outcome, step: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        outcome.seconds[step] = time.perf_counter() - start


def roundtrip(
    corpus: Path,
    run_dir: Path,
    *,
    subsets: Sequence[str] = (),
    tool: Sequence[str] = DEFAULT_TOOL,
    gofmt: str = "gofmt",
    jobs: int = 2,
) -> Outcome:
    """Run every check on a copy of corpus made under run_dir (which must not hold them yet)."""
    outcome = Outcome()
    total = time.perf_counter()
    apply_root = run_dir / "apply"
    patch_root = run_dir / "patch"
    tool_flags = ["--unsafe-fixes", "-j", str(jobs)]

    with _timed(outcome, "copy the corpus twice"):
        for root in (apply_root, patch_root):
            copy_corpus(corpus, root, subsets)
            git_init(root)

    with _timed(outcome, "git add (apply copy, for git diff --numstat)"):
        git_add_all(apply_root)

    with _timed(outcome, "record: sha256, mtime_ns, tree-sitter, gofmt -l (all files)"):
        before = tree_state(apply_root)
        go_keys = [key for key, state in before.items() if state.link is None and is_go_file(key)]
        errors_before = parse_errors(apply_root, go_keys, jobs)
        gofmt_before = gofmt_status(gofmt, apply_root)
    outcome.go_files = len(go_keys)
    outcome.parse_errors_before = sum(count > 0 for count in errors_before.values())
    outcome.gofmt_dirty_before = len(gofmt_before.dirty)
    outcome.gofmt_failed_before = len(gofmt_before.failed)

    report = run_tool(tool, ["--format", "json", *tool_flags, "."], apply_root)
    diff = run_tool(tool, ["--diff", *tool_flags, "."], patch_root)
    applied = run_tool(tool, ["--apply", "--format", "json", *tool_flags, "."], apply_root)
    runs = {"report": report, "--diff": diff, "--apply": applied}
    for name, run in runs.items():
        outcome.seconds[f"gofix-bind {name}"] = run.seconds
        outcome.exit_codes[name] = run.returncode
        if run.crashed:
            outcome.crashes.append(f"{name} exited {run.returncode}: {run.stderr[-2000:]}")
    if outcome.crashes:
        outcome.seconds["total"] = time.perf_counter() - total
        return outcome

    document = report.json()
    finding_paths = {finding["path"] for finding in document["findings"]}
    outcome.files_scanned = document["summary"]["files_scanned"]
    outcome.files_skipped = document["summary"]["files_skipped"]
    outcome.findings = document["summary"]["findings"]
    outcome.fixable = document["summary"]["fixable"]
    outcome.suppressed = document["summary"]["suppressed"]
    outcome.files_with_findings = len(finding_paths)
    summary = applied.json()
    outcome.fixes_applied = summary["summary"]["fixed"]
    for error in summary["errors"]:
        if error["message"].startswith("syntax error"):
            outcome.syntax_errors.append(f"{error['path']}: {error['message']}")
        else:
            outcome.refused.append(f"{error['path']}: {error['message']}")
    outcome.diff_files = len(diff_files(diff.stdout))
    outcome.diff_hunks = sum(line.startswith(b"@@ ") for line in diff.stdout.splitlines())

    # Before git apply: the patch copy still holds the pre-images the diff was made from.
    patch_file = run_dir / "fix.patch"
    patch_file.write_bytes(diff.stdout)
    verified = run_tool(tool, ["verify-patch", "--unsafe-fixes", str(patch_file)], patch_root)
    outcome.seconds["gofix-bind verify-patch"] = verified.seconds
    outcome.exit_codes["verify-patch"] = verified.returncode
    if verified.crashed:
        outcome.crashes.append(f"verify-patch exited {verified.returncode}: {verified.stderr}")
    outcome.verify_patch_exit = verified.returncode
    outcome.verify_patch_problems = verified.stdout.decode("utf-8", "replace").splitlines()
    said = verified.stderr.strip().splitlines()
    outcome.verify_patch_summary = said[-1] if said else ""

    with _timed(outcome, "git diff --numstat and compare"):
        ours = diff_line_counts(diff.stdout)
        theirs = git_numstat(apply_root)
        outcome.numstat_files = len(set(ours) | set(theirs))
        outcome.numstat_mismatch = compare_counts(ours, theirs)

    with _timed(outcome, "re-check the changed files: tree-sitter, gofmt -l"):
        after = tree_state(apply_root)
        outcome.added_or_removed = sorted(set(before) ^ set(after))
        common = sorted(set(before) & set(after))
        changed = [key for key in common if not before[key].same_content(after[key])]
        outcome.files_changed = changed
        outcome.mtime_only_changed = [
            key
            for key in common
            if before[key].same_content(after[key]) and before[key].mtime_ns != after[key].mtime_ns
        ]
        outcome.changed_without_finding = [key for key in changed if key not in finding_paths]
        # Unchanged bytes cannot change either verdict, so only changed files are looked at again.
        changed_go = [key for key in changed if key in errors_before]
        errors_after = parse_errors(apply_root, changed_go, jobs)
        for key in changed_go:
            if errors_after[key] != errors_before[key]:
                outcome.parse_count_changed.append(
                    f"{key}: {errors_before[key]} -> {errors_after[key]}"
                )
                if errors_after[key] > errors_before[key]:
                    outcome.new_parse_errors.append(key)
        gofmt_after = gofmt_status(gofmt, apply_root, changed_go)
        outcome.new_gofmt_dirty = [
            key for key in changed_go if gofmt_before.clean(key) and not gofmt_after.clean(key)
        ]
        outcome.dirty_before_changed = [key for key in changed_go if not gofmt_before.clean(key)]

    second = run_tool(tool, ["--diff", *tool_flags, "."], apply_root)
    outcome.seconds["gofix-bind --diff (second run)"] = second.seconds
    outcome.exit_codes["--diff (second run)"] = second.returncode
    if second.crashed:
        outcome.crashes.append(f"second --diff exited {second.returncode}: {second.stderr[-2000:]}")
    outcome.second_run = second.stdout

    with _timed(outcome, "git apply and compare"):
        outcome.git_apply_error = git_apply(patch_root, diff.stdout)
        patched = tree_state(patch_root)
        outcome.diff_apply_mismatch = sorted(
            key
            for key in set(patched) | set(after)
            if key not in patched or key not in after or not patched[key].same_content(after[key])
        )
    outcome.seconds["total"] = time.perf_counter() - total
    return outcome


def _listing(title: str, items: Sequence[str], limit: int = 50) -> list[str]:
    if not items:
        return []
    lines = ["", f"{title} ({len(items)}):", ""]
    lines += [f"- `{item}`" for item in items[:limit]]
    if len(items) > limit:
        lines.append(f"- ... and {len(items) - limit} more")
    return lines


def render(outcome: Outcome, corpus: Path, subsets: Sequence[str]) -> str:
    """Format the outcome as Markdown."""
    scope = f"{corpus.name} ({', '.join(subsets)})" if subsets else corpus.name
    failed = set(outcome.failures())

    def status(check: str) -> str:
        return "FAIL" if check in failed else "pass"

    second_files = len(diff_files(outcome.second_run))
    lines = [
        f"## Round trip: {scope}",
        "",
        "| measure | value |",
        "|---|---|",
        f"| .go files in the copy | {outcome.go_files:,} |",
        f"| before: files with tree-sitter errors | {outcome.parse_errors_before:,} |",
        f"| before: files gofmt cannot parse | {outcome.gofmt_failed_before:,} |",
        f"| before: files gofmt would reformat | {outcome.gofmt_dirty_before:,} |",
        f"| files scanned by gofix-bind | {outcome.files_scanned:,} "
        f"({outcome.files_skipped:,} skipped) |",
        f"| findings (with --unsafe-fixes) | {outcome.findings:,} in "
        f"{outcome.files_with_findings:,} files, {outcome.fixable:,} fixable, "
        f"{outcome.suppressed:,} suppressed |",
        f"| files changed by --apply | {len(outcome.files_changed):,} |",
        f"| files in the --diff output | {outcome.diff_files:,} ({outcome.diff_hunks:,} hunks) |",
        f"| fixes applied (summary.fixed) | {outcome.fixes_applied:,} |",
        f"| files refused by gofix-bind (errors other than syntax errors) "
        f"| {len(outcome.refused):,} |",
        f"| syntax errors reported by --apply | {len(outcome.syntax_errors):,} |",
        f"| changed files that were not gofmt-clean before "
        f"| {len(outcome.dirty_before_changed):,} |",
        "| exit codes | "
        + ", ".join(f"{name} {code}" for name, code in outcome.exit_codes.items())
        + " |",
        "",
        "| check | measured | result |",
        "|---|---|---|",
        f"| gofix-bind exited with a documented code | {len(outcome.crashes)} crashes "
        f"| {status('gofix-bind exited with a documented code')} |",
        f"| tree-sitter error counts unchanged | {len(outcome.parse_count_changed)} files changed "
        f"count, {len(outcome.new_parse_errors)} with new parse errors "
        f"| {status('tree-sitter error counts unchanged')} |",
        f"| no gofmt-clean file became dirty | {len(outcome.new_gofmt_dirty)} new gofmt-dirty "
        f"files | {status('no gofmt-clean file became dirty')} |",
        f"| second --diff run prints nothing | {len(outcome.second_run):,} bytes, "
        f"{second_files} files | {status('second --diff run prints nothing')} |",
        f"| git apply of --diff == --apply | {'yes' if outcome.diff_equals_apply else 'no'} "
        f"| {status('git apply of --diff == --apply')} |",
        f"| files without findings byte-identical | {len(outcome.changed_without_finding)} "
        f"changed | {status('files without findings byte-identical')} |",
        f"| untouched files keep their mtime_ns | {len(outcome.mtime_only_changed)} "
        f"with changed mtime | {status('untouched files keep their mtime_ns')} |",
        f"| no file added or removed | {len(outcome.added_or_removed)} "
        f"| {status('no file added or removed')} |",
        f"| verify-patch finds the --diff pure | exit {outcome.verify_patch_exit}, "
        f"{len(outcome.verify_patch_problems)} problems: {outcome.verify_patch_summary} "
        f"| {status('verify-patch finds the --diff pure')} |",
        f"| --diff line counts == git diff --numstat | {len(outcome.numstat_mismatch)} of "
        f"{outcome.numstat_files} files differ "
        f"| {status('--diff line counts == git diff --numstat')} |",
        "",
        "| step | wall s |",
        "|---|---|",
        *(f"| {step} | {seconds:.1f} |" for step, seconds in outcome.seconds.items()),
    ]
    lines += _listing("gofix-bind crashed", outcome.crashes)
    lines += _listing("Files refused by gofix-bind", outcome.refused)
    lines += _listing("Syntax errors reported by --apply", outcome.syntax_errors)
    lines += _listing(
        "Changed files that were not gofmt-clean before", outcome.dirty_before_changed
    )
    lines += _listing("Tree-sitter error count changed", outcome.parse_count_changed)
    lines += _listing("New gofmt-dirty files", outcome.new_gofmt_dirty)
    lines += _listing("Files in the second --diff run", diff_files(outcome.second_run))
    if outcome.git_apply_error:
        lines += ["", "git apply failed:", "", "```", outcome.git_apply_error[-3000:], "```"]
    lines += _listing(
        "Files that differ between git apply and --apply", outcome.diff_apply_mismatch
    )
    lines += _listing("Files changed without a finding", outcome.changed_without_finding)
    lines += _listing("Untouched files with a changed mtime", outcome.mtime_only_changed)
    lines += _listing("Files added or removed", outcome.added_or_removed)
    lines += _listing("Problems verify-patch found in the --diff", outcome.verify_patch_problems)
    lines += _listing("Line counts that differ from git diff --numstat", outcome.numstat_mismatch)
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the round trip and print the Markdown summary; exit 1 when a check fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="the Go corpus directory")
    parser.add_argument("--work", type=Path, required=True, help="scratch directory")
    parser.add_argument(
        "--subset",
        nargs="+",
        action="extend",
        default=[],
        metavar="DIR",
        help="only these subdirectories of the corpus (relative to it)",
    )
    parser.add_argument(
        "--gofix-bind",
        default=shlex.join(DEFAULT_TOOL),
        help="command that runs gofix-bind (default: this Python's gofix_bind module)",
    )
    parser.add_argument("--gofmt", default=shutil.which("gofmt"), help="gofmt executable")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--keep", action="store_true", help="keep the copies even when all pass")
    args = parser.parse_args(argv)

    corpus: Path = args.corpus.resolve()
    if not corpus.is_dir():
        parser.error(f"{corpus} is not a directory")
    for subset in args.subset:
        if not (corpus / subset).is_dir():
            parser.error(f"{corpus / subset} is not a directory")
    if not args.gofmt:
        parser.error("gofmt not found; install Go or pass --gofmt")
    if shutil.which("git") is None:
        parser.error("git not found")
    args.work.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix="roundtrip-", dir=args.work)).resolve()

    outcome = roundtrip(
        corpus,
        run_dir,
        subsets=args.subset,
        tool=shlex.split(args.gofix_bind),
        gofmt=args.gofmt,
        jobs=args.jobs,
    )
    print(render(outcome, corpus, args.subset), end="")
    failures = outcome.failures()
    if failures or args.keep:
        print(f"\nThe copies are kept in {run_dir}", file=sys.stderr)
    else:
        shutil.rmtree(run_dir)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
