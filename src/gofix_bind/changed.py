"""--changed-since: scan what changed since a revision, and report only the findings it adds.

As Semgrep's --baseline-commit does. The files that differ between the merge base of REF and
HEAD and the work tree (committed, staged, unstaged and untracked, ignores honoured) pick the
directories to scan: each changed source file's own, and every directory under a changed
config, ignore or go.mod file. Those directories are scanned as they are now and, where they
hold findings, as the merge base holds them: read from git into a temporary directory, never
checked out over the work tree. A finding is new when the baseline has no finding with its
fingerprint (rule, repository path, the text of its line, which occurrence of that line) and
its listener, so that a finding moved by lines added above it stays old.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import subprocess
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from gofix_bind import gitrepo
from gofix_bind.config import CONFIG_NAME, PYPROJECT, ConfigError
from gofix_bind.discover import normalize
from gofix_bind.languages import LANGUAGES
from gofix_bind.model import FileResult, Finding, Mode, Outcome, Run
from gofix_bind.output.fingerprint import fingerprints, spot
from gofix_bind.output.positions import LineIndex
from gofix_bind.resolve import Resolver
from gofix_bind.runner import run as run_paths
from gofix_bind.source_io import os_error_reason

# The files that decide how every directory below theirs is scanned: a change to one reaches
# the whole tree under it.
GOVERNING = frozenset({CONFIG_NAME, PYPROJECT, ".gitignore", "go.mod"})

# The file names a scan reads as source.
SUFFIXES = tuple(suffix for language in LANGUAGES for suffix in language.suffixes)

# A repository's config could name a program of its own that git diff and ls-files start (the
# other one, diff.external, is turned off by --no-ext-diff).
SAFE_GIT = ("-c", "core.fsmonitor=false")


class ChangedError(Exception):
    """--changed-since cannot run: no git work tree, or a revision git cannot resolve."""


def _git(root: str, *args: str) -> bytes:
    """Run git in root and return its output; raise ChangedError with git's last word."""
    try:
        done = subprocess.run(["git", *SAFE_GIT, *args], cwd=root, capture_output=True, check=False)
    except OSError as error:
        raise ChangedError(f"cannot run git: {error.strerror or error}") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChangedError(lines[-1] if lines else f"git {args[0]} exited {done.returncode}")
    return done.stdout


def _start(root: str, *args: str) -> subprocess.Popen[bytes]:
    """Start a git command in root, so that two can run at once."""
    try:
        return subprocess.Popen(
            ["git", *SAFE_GIT, *args], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except OSError as error:
        raise ChangedError(f"cannot run git: {error.strerror or error}") from None


def _finish(command: subprocess.Popen[bytes]) -> bytes:
    out, err = command.communicate()
    if command.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        raise ChangedError(lines[-1] if lines else f"git exited {command.returncode}")
    return out


def _names(out: bytes) -> list[str]:
    return [os.fsdecode(name) for name in out.split(b"\0") if name]


@dataclass(frozen=True)
class Changes:
    """What changed in a work tree since the merge base of a revision and HEAD."""

    # The work tree's top level, every symbolic link resolved.
    root: str
    # The merge base, as a commit id.
    base: str
    # Repository paths: added, modified, deleted, untracked, and both sides of a rename; a
    # directory that git does not track at all ends in "/".
    paths: tuple[str, ...]
    # The new path of each file renamed since the merge base, by its old one.
    renamed: Mapping[str, str]


def _merge_base(root: str, ref: str) -> str:
    """Return the merge base of ref and HEAD; when there is none, say why in git's words."""
    if ref and not ref.startswith("-"):
        with contextlib.suppress(ChangedError):
            return _git(root, "merge-base", ref, "HEAD").decode("ascii").strip()
    # One command when it works; the failure is asked again, for the reason.
    try:
        gitrepo.resolve_range(Path(root), f"{ref}..HEAD")
    except gitrepo.GitError as error:
        raise ChangedError(f"--changed-since: {error}") from None
    raise ChangedError(f"--changed-since: {ref!r} and HEAD have no merge base")


def changes(directory: str, ref: str) -> Changes:
    """Return the changes of the work tree holding directory since the merge base of ref."""
    try:
        root = os.path.realpath(gitrepo.toplevel(Path(directory)))
    except gitrepo.GitError:
        raise ChangedError(f"--changed-since: {directory} is not in a git work tree") from None
    # The two slow commands (each reads the whole work tree) run beside the others.
    # A directory git does not track is one entry (`new/`), not every file in it.
    untracked = _start(
        root,
        "ls-files",
        "-z",
        "--others",
        "--exclude-standard",
        "--directory",
        "--no-empty-directory",
    )
    try:
        base = _merge_base(root, ref)
        # Against the work tree: the index's changes are in it, and git refreshes stat data.
        diff = _start(
            root, "diff", "--name-status", "-z", "-M", "--no-relative", "--no-ext-diff", base, "--"
        )
        records = _names(_finish(diff))
    except BaseException:
        untracked.kill()
        untracked.communicate()
        raise
    paths = _names(_finish(untracked))
    renamed: dict[str, str] = {}
    position = 0
    while position < len(records):
        status = records[position]
        if status[:1] in ("R", "C"):
            old, new = records[position + 1], records[position + 2]
            if status[0] == "R":
                renamed[old] = new
            paths += [old, new]
            position += 3
        else:
            paths.append(records[position + 1])
            position += 2
    return Changes(root, base, tuple(sorted(set(paths))), renamed)


def _parent(path: str) -> str:
    """Return a repository path's directory; "" for the root."""
    return path.rpartition("/")[0]


def _ancestors(directory: str) -> list[str]:
    """Return the directories above a repository directory, the root ("") first."""
    parts = directory.split("/") if directory else []
    return ["/".join(parts[:count]) for count in range(len(parts))]


def _inside(path: str, tree: str) -> bool:
    return path == tree or path.startswith(tree.rstrip(os.sep) + os.sep)


@dataclass(frozen=True)
class Reach:
    """The directories a change reaches, by repository path ("" is the root)."""

    # Directories whose own files are scanned.
    directories: frozenset[str]
    # Directories whose whole tree is scanned.
    trees: frozenset[str] = frozenset()

    @classmethod
    def of(cls, paths: Iterable[str]) -> Reach:
        """Return what changed paths reach: a source file's directory, a governing file's tree."""
        directories: set[str] = set()
        trees: set[str] = set()
        for path in paths:
            name = path.rpartition("/")[2]
            if path.endswith("/"):
                # Every file in it is new: the whole tree is reached.
                trees.add(path.rstrip("/"))
            elif name in GOVERNING:
                trees.add(_parent(path))
            elif name.endswith(SUFFIXES):
                directories.add(_parent(path))
        return cls(frozenset(directories), frozenset(trees))

    def at(self, roots: Collection[str]) -> Walked:
        """Return the scope of a walk, the repository's root spelled each of these ways."""
        kept: set[str] = set()
        entered: set[str] = set()
        trees: set[str] = set()
        for root in roots:

            def absolute(directory: str, root: str = root) -> str:
                return os.path.join(root, *directory.split("/")) if directory else root

            kept.update(absolute(directory) for directory in self.directories)
            trees.update(absolute(tree) for tree in self.trees)
            for directory in (*self.directories, *self.trees):
                entered.update(absolute(above) for above in _ancestors(directory))
        return Walked(frozenset(kept), frozenset(entered | kept | trees), tuple(sorted(trees)))


@dataclass(frozen=True)
class Walked:
    """A Reach as discovery's scope: absolute directories, as the walk spells them."""

    kept: frozenset[str]
    entered: frozenset[str]
    trees: tuple[str, ...]

    def enters(self, directory: str) -> bool:
        """Tell whether the walk goes into an absolute directory."""
        return directory in self.entered or any(_inside(directory, t) for t in self.trees)

    def keeps(self, directory: str) -> bool:
        """Tell whether the files directly in an absolute directory are scanned."""
        return directory in self.kept or any(_inside(directory, t) for t in self.trees)


@dataclass(frozen=True)
class _Entry:
    mode: str
    oid: str
    path: str


def _plain(path: str) -> bool:
    """Tell whether a tree's path stays below its root: git refuses to check out the others."""
    return all(
        part not in ("", ".", "..") and part.casefold() != ".git" for part in path.split("/")
    )


def _listing(out: bytes) -> list[_Entry]:
    entries = []
    for record in out.split(b"\0"):
        meta, tab, name = record.partition(b"\t")
        if not tab:
            continue
        mode, kind, oid = meta.decode("ascii").split()
        path = os.fsdecode(name)
        # A hostile tree's `../x.go` would be written outside the temporary directory.
        if kind == "blob" and _plain(path):
            entries.append(_Entry(mode, oid, path))
    return entries


def materialize(root: str, commit: str, directories: Collection[str], target: str) -> None:
    """Write the files of directories at commit under target, with the governing files above.

    target becomes a work tree's root of its own (an empty .git), so that config files, ignore
    files and repository paths are found there as they are in the real one.
    """
    os.mkdir(os.path.join(target, ".git"))
    if not directories:
        return
    specs = {f"{directory}/" if directory else "./" for directory in directories}
    for directory in directories:
        for above in _ancestors(directory):
            specs.update(f"{above}/{name}" if above else name for name in GOVERNING)
    out = _git(root, "--literal-pathspecs", "ls-tree", "-z", "--full-tree", commit, "--", *specs)
    wanted = [
        entry
        for entry in _listing(out)
        if entry.path.rpartition("/")[2] in GOVERNING
        or (entry.path.endswith(SUFFIXES) and _parent(entry.path) in directories)
    ]
    # A submodule (160000) is a commit, not a blob: _listing has left it out.
    try:
        contents = gitrepo.blobs(Path(root), sorted({entry.oid for entry in wanted}))
    except gitrepo.GitError as error:
        raise ChangedError(f"--changed-since: {error}") from None
    for entry in wanted:
        path = os.path.join(target, *entry.path.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if entry.mode == "120000":
            os.symlink(os.fsdecode(contents[entry.oid]), path)
            continue
        # O_EXCL and O_NOFOLLOW: never through a link a hostile tree put there first.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with open(descriptor, "wb") as file:
            file.write(contents[entry.oid])


@contextlib.contextmanager
def _working_directory(directory: str) -> Iterator[None]:
    """Run the block in directory, and return to the one before however it ends."""
    before = os.getcwd()
    os.chdir(directory)
    try:
        yield
    finally:
        os.chdir(before)


# A finding across runs: its fingerprint (which already counts repeated lines) and listener.
Key = tuple[str, str]


def _repo_path(result: FileResult, renamed: Mapping[str, str]) -> str:
    path = result.diff_path or result.path
    return renamed.get(path, path)


def _keyed(findings: Sequence[Finding], repo_path: str, source: bytes) -> list[Key]:
    """Return each finding's key, in the order given."""
    prints = fingerprints(findings, repo_path, LineIndex.of(source))
    return [(prints[spot(finding)], finding.sink) for finding in findings]


@dataclass(frozen=True)
class Baseline:
    """The keys of the findings, and of the suppressed findings, the merge base has."""

    findings: frozenset[Key]
    suppressed: frozenset[Key]

    @classmethod
    def of(cls, results: Iterable[FileResult], renamed: Mapping[str, str]) -> Baseline:
        """Return the keys of a baseline run, each renamed file under its new path."""
        findings: set[Key] = set()
        suppressed: set[Key] = set()
        for result in results:
            path = _repo_path(result, renamed)
            findings.update(_keyed(result.findings, path, result.old_source))
            hidden = [item.finding for item in result.suppressed]
            suppressed.update(_keyed(hidden, path, result.old_source))
        return cls(frozenset(findings), frozenset(suppressed))

    def new(self, result: FileResult) -> FileResult:
        """Return a result with only the findings and suppressed findings the baseline lacks."""
        if not result.findings and not result.suppressed:
            return result
        path = _repo_path(result, {})
        keys = _keyed(result.findings, path, result.old_source)
        findings = tuple(
            f for f, key in zip(result.findings, keys, strict=True) if key not in self.findings
        )
        hidden = [item.finding for item in result.suppressed]
        keys = _keyed(hidden, path, result.old_source)
        suppressed = tuple(
            item
            for item, key in zip(result.suppressed, keys, strict=True)
            if key not in self.suppressed
        )
        return dataclasses.replace(result, findings=findings, suppressed=suppressed)


# A finding within one run: its file as shown, its bytes and its rule.
FindingId = tuple[str, int, int, str]


def _id(finding: Finding) -> FindingId:
    return (finding.path, finding.start_byte, finding.end_byte, finding.rule)


@dataclass(frozen=True)
class Chosen:
    """Selects the fixes of the new findings (a record, so that it pickles for the workers)."""

    ids: frozenset[FindingId]

    def __call__(self, finding: Finding) -> bool:
        """Tell whether the finding is one of the new ones whose fix the run applies."""
        return _id(finding) in self.ids


@dataclass(frozen=True)
class ChangedRun:
    """A --changed-since run: its results, and what stderr says about the baseline."""

    run: Run
    warnings: tuple[str, ...] = ()


def _spellings(targets: Sequence[str], root: str) -> tuple[list[str], list[str]]:
    """Return each target's repository path, and the ways the root is spelled by them.

    Raise ChangedError for a target outside the work tree.
    """
    relative = []
    roots = {root}
    for target in targets:
        absolute = os.path.abspath(target)
        inner = os.path.relpath(os.path.realpath(absolute), root)
        if inner == ".." or inner.startswith(".." + os.sep):
            raise ChangedError(f"--changed-since: {target} is not in the git work tree at {root}")
        inner = "" if inner == "." else inner.replace(os.sep, "/")
        relative.append(inner)
        # Reached through a symbolic link above the root: the walk spells the root that way.
        parts = absolute.split(os.sep)
        depth = len(inner.split("/")) if inner else 0
        if depth == 0 or parts[-depth:] == inner.split("/"):
            roots.add(os.sep.join(parts[: len(parts) - depth]) or os.sep)
    return relative, sorted(roots)


def _directory(result: FileResult, roots: Sequence[str]) -> str | None:
    """Return the repository directory of a result's file, or None outside the roots."""
    absolute = os.path.dirname(os.path.abspath(result.path))
    for root in roots:
        if _inside(absolute, root):
            inner = os.path.relpath(absolute, root)
            return "" if inner == "." else inner.replace(os.sep, "/")
    return None


def _baseline(
    changed: Changes,
    directories: Collection[str],
    relative: Sequence[str],
    resolver: Resolver,
    workers: int,
) -> Baseline:
    """Scan the directories as the merge base holds them, the same paths named the same way."""
    cwd = os.path.realpath(resolver.cwd)
    with tempfile.TemporaryDirectory(prefix="gofix-bind-base-") as temporary:
        target = os.path.realpath(temporary)
        try:
            materialize(changed.root, changed.base, directories, target)
        except OSError as error:
            reason = os_error_reason(Path(error.filename or target), error)
            message = f"--changed-since: cannot write the merge base's files: {reason}"
            raise ChangedError(message) from None
        # The same working directory, so that the globs of --exclude mean the same paths.
        here = target
        if _inside(cwd, changed.root):
            here = os.path.join(target, os.path.relpath(cwd, changed.root))
            os.makedirs(here, exist_ok=True)
        arguments = [os.path.join(target, *path.split("/")) for path in relative]
        given = resolver.given
        if given.config is not None:
            given = dataclasses.replace(given, config=Path(os.path.abspath(given.config)))
        with _working_directory(here):
            settings = Resolver(given, Path(here)).settings()
            scope = Reach(frozenset(directories)).at([target])
            # Only the findings count: no fix is planned, so none is verified.
            nothing = Chosen(frozenset())
            base_run = run_paths(
                arguments, Mode.REPORT, settings, workers, scope=scope, select=nothing
            )
    return Baseline.of(base_run.results, changed.renamed)


def _merged(first: Run, second: Run) -> tuple[FileResult, ...]:
    """Return the first run's results, each file the second run planned again replaced."""
    again = {result.path: result for result in second.results}
    return tuple(again.get(result.path, result) for result in first.results)


def run(
    ref: str,
    arguments: list[str],
    mode: Mode,
    resolver: Resolver,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    allow_dirty: bool = False,
) -> ChangedRun:
    """Scan what changed since the merge base of ref and HEAD, and keep the new findings.

    With --diff and --apply only the new findings' fixes are shown or written. Raise
    ChangedError when there is no work tree or ref names no commit.
    """
    targets = [normalize(argument) for argument in arguments]
    # The closest directory that exists: a missing path is the scan's error, not git's.
    start = os.path.abspath(targets[0])
    while not os.path.isdir(start) and os.path.dirname(start) != start:
        start = os.path.dirname(start)
    changed = changes(start, ref)
    relative, roots = _spellings(targets, changed.root)
    settings = resolver.settings()
    now = run_paths(
        arguments,
        Mode.REPORT,
        settings,
        workers,
        progress,
        scope=Reach.of(changed.paths).at(roots),
    )
    shown = {
        directory
        for result in now.results
        if result.findings or result.suppressed
        for directory in [_directory(result, roots)]
        if directory is not None
    }
    # A file renamed into one of them had its findings at the merge base in its old directory.
    shown.update(_parent(old) for old, new in changed.renamed.items() if _parent(new) in shown)
    warnings: list[str] = []
    try:
        baseline = _baseline(changed, shown, relative, resolver, workers) if shown else None
    except ConfigError as error:
        # A config file the merge base holds may be broken and fixed now: nothing is old then.
        warnings.append(
            f"cannot scan the merge base {changed.base[:12]}: {error}; every finding is reported"
        )
        baseline = None
    if baseline is None:
        baseline = Baseline(frozenset(), frozenset())
    kept = [baseline.new(result) for result in now.results]
    new = frozenset(_id(finding) for result in kept for finding in result.findings)
    chosen = Chosen(frozenset(_id(f) for result in kept for f in result.fixed if _id(f) in new))
    # Plan again where a plan fixes an old finding, and wherever the mode writes.
    again = {
        directory
        for result in now.results
        if result.outcome is Outcome.CHANGED
        and (mode is not Mode.REPORT or any(_id(f) not in new for f in result.fixed))
        for directory in [_directory(result, roots)]
        if directory is not None
    }
    results = tuple(kept)
    if again:
        second = run_paths(
            arguments,
            mode,
            settings,
            workers,
            allow_dirty=allow_dirty,
            scope=Reach(frozenset(again)).at(roots),
            select=chosen,
        )
        results = tuple(baseline.new(result) for result in _merged(now, second))
    return ChangedRun(Run(mode, results, now.excluded), tuple(warnings))
