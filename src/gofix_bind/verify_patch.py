"""Decide whether a patch holds nothing but gofix-bind's own fixes, file by file, hunk by hunk.

A file's change is pure when it is exactly what gofix-bind writes for some subset of its fixes
in that file, the layout planned for that subset: a reviewer may drop a fix, and nothing more.
The pre-image is analysed with its siblings as they are in the pre-image tree; the subset is
the fixes whose change each hunk holds (fixmatch), and that subset is planned and compared.
"""

from __future__ import annotations

import bisect
import enum
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from gofix_bind.address import parse_replacement, wants_ipv6
from gofix_bind.diff import line_opcodes, split_lines
from gofix_bind.discover import left_out
from gofix_bind.fixmatch import Candidate, match_region, zone
from gofix_bind.hosts import hosts_in
from gofix_bind.language import Language
from gofix_bind.languages import LANGUAGES
from gofix_bind.model import FileResult, Finding, Job, Outcome
from gofix_bind.patchfile import (
    SYMLINK_MODE,
    FileDiff,
    Hunk,
    LineKind,
    Patch,
    PatchError,
    StaleError,
    Status,
    path_problem,
    post_image,
)
from gofix_bind.pretree import PreImageError, PreImageTree
from gofix_bind.report import ExitCode
from gofix_bind.runner import process_unit
from gofix_bind.settings import FixPolicy, Settings
from gofix_bind.source_io import SkipError


class Kind(enum.Enum):
    """What makes a patch more than gofix-bind's fixes."""

    OTHER_CHANGE = "other-change"  # a hunk changes code no fix changes
    ADDRESS = "address"  # a fix writes another address than the configured one
    LAYOUT = "layout"  # the fixes' code is right, their white space is not gofmt's layout
    UNCHANGED_LINE = "unchanged-line"  # a line the fixes also change is left as it was
    UNSAFE = "unsafe"  # an unsafe fix, accepted only with --unsafe-fixes
    NOT_PLANNED = "not-planned"  # the fixes the patch makes fail gofix-bind's own checks
    NOT_OURS = "not-ours"  # a file gofix-bind would not touch
    ADDED = "added"
    DELETED = "deleted"
    RENAMED = "renamed"
    COPIED = "copied"
    MODE = "mode"
    BINARY = "binary"


@dataclass(frozen=True)
class Problem:
    """One way the patch goes beyond the fixes: one line on stdout."""

    kind: Kind
    path: str
    line: int | None
    message: str

    def render(self) -> str:
        """Return the problem as `path[:line]: message`."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Failure:
    """Why a file of the patch could not be verified at all: one line on stderr."""

    path: str
    line: int | None
    reason: str

    def render(self) -> str:
        """Return the failure as `path[:line]: error: reason`, as the scan reports errors."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: error: {self.reason}"


def _plural(count: int, noun: str) -> str:
    plural = noun + ("es" if noun.endswith("x") else "s")
    return f"{count} {noun if count == 1 else plural}"


@dataclass(frozen=True)
class Verdict:
    """What verify-patch found: problems, files it could not verify, and the counts."""

    problems: tuple[Problem, ...]
    errors: tuple[Failure, ...]
    files: int
    # The fixes the patch makes, in files where it makes any.
    fixes: int
    empty: bool = False

    @property
    def exit_code(self) -> ExitCode:
        """Return 0 for a pure patch, 1 for one with problems, 2 when a file was not verified."""
        if self.errors:
            return ExitCode.ERROR
        return ExitCode.FINDINGS if self.problems else ExitCode.CLEAN

    def summary(self) -> str:
        """Return the one-line summary printed on stderr."""
        if self.empty:
            return "empty patch: nothing to verify\n"
        files = _plural(self.files, "file")
        problems = _plural(len(self.problems), "problem")
        if self.errors:
            errors = _plural(len(self.errors), "error")
            return f"the patch cannot be verified: {errors}, {problems} in {files}\n"
        if self.problems:
            return f"the patch is not pure: {problems} in {files}\n"
        return f"the patch is pure: {_plural(self.fixes, 'fix')} in {files}, nothing else\n"


@dataclass(frozen=True)
class _Patched:
    """A file entry to compare with the fixes: its pre-image and the post-image it gives."""

    diff: FileDiff
    language: Language
    old: bytes
    new: bytes


@dataclass(frozen=True)
class _Made:
    """A fix a hunk makes, and the host it writes where the policy expects another, maybe."""

    finding: Finding
    hunk: int
    host: str
    expected: str


@dataclass(frozen=True)
class _Choice:
    """The fixes a file's hunks make, and the hunks whose code (white space aside) they are."""

    made: tuple[_Made, ...]
    matched: frozenset[int]


def _key(finding: Finding) -> tuple[str, int, int, str, str]:
    """Name a finding across two analyses of the same bytes."""
    return (finding.path, finding.start_byte, finding.end_byte, finding.sink, finding.message)


def _language_of(path: str) -> Language | None:
    for language in LANGUAGES:
        if path.endswith(language.suffixes):
            return language
    return None


def _entry_problems(entry: FileDiff) -> list[Problem] | None:
    """Return the problems an entry has whatever the files hold, or None to compare its hunks."""
    path = entry.path
    if entry.status is Status.ADDED:
        return [Problem(Kind.ADDED, path, None, "adds a file")]
    if entry.status is Status.DELETED:
        return [Problem(Kind.DELETED, path, None, "deletes a file")]
    if entry.status is Status.RENAMED:
        return [Problem(Kind.RENAMED, entry.old_path or "", None, f"renames the file to {path}")]
    if entry.status is Status.COPIED:
        return [Problem(Kind.COPIED, path, None, f"copies {entry.old_path} to a new file")]
    if entry.binary:
        return [Problem(Kind.BINARY, path, None, "changes a binary file")]
    if entry.special_mode is not None:
        what = "a symbolic link" if entry.special_mode == SYMLINK_MODE else "a submodule"
        return [Problem(Kind.NOT_OURS, path, None, f"changes {what}, which gofix-bind never does")]
    return None


def _not_ours(path: str, why: str) -> Problem:
    return Problem(Kind.NOT_OURS, path, None, f"changes a file gofix-bind does not fix: {why}")


def _path_failure(entry: FileDiff, tree: PreImageTree) -> Failure | None:
    """Return why a path of the entry must not be read, checked before anything is read."""
    for named in dict.fromkeys(p for p in (entry.old_path, entry.new_path) if p is not None):
        reason = path_problem(named)
        if reason is None:
            try:
                tree.check(named)
            except PreImageError as error:
                reason = str(error)
        if reason is not None:
            return Failure(named, None, reason)
    return None


def _not_scanned(
    path: str, language: Language | None, settings: Settings, root: Path
) -> str | None:
    """Say why a scan of the tree would never change the file, or None."""
    if language is None:
        return "not a source file gofix-bind reads"
    return left_out(str(root), path, language, settings.discovery_at)


def _screen(
    entry: FileDiff, tree: PreImageTree, settings: Settings
) -> tuple[list[Problem], Failure | None, _Patched | None]:
    """Check an entry's paths and kind; read its pre-image and compute its post-image."""
    path = entry.path
    failure = _path_failure(entry, tree)
    if failure is not None:
        return [], failure, None
    whole = _entry_problems(entry)
    if whole is not None:
        return whole, None, None
    problems = []
    if entry.mode_change is not None:
        before, after = entry.mode_change
        message = f"changes the mode from {before} to {after}"
        problems.append(Problem(Kind.MODE, path, None, message))
    if not entry.hunks:
        if problems:
            return problems, None, None
        return [], Failure(path, None, "an entry with no hunk (is the patch cut short?)"), None
    language = _language_of(path)
    why = _not_scanned(path, language, settings, tree.root)
    if why is not None:
        return [*problems, _not_ours(path, why)], None, None
    # _not_scanned names every file of no language.
    assert language is not None
    try:
        old = tree.read(path)
        new = post_image(old, entry.hunks)
    except SkipError as skip:
        return [*problems, _not_ours(path, f"gofix-bind skips it ({skip})")], None, None
    except StaleError as stale:
        return problems, Failure(path, stale.line, f"stale pre-image: {stale}"), None
    except (PreImageError, PatchError) as error:
        return problems, Failure(path, None, str(error)), None
    return problems, None, _Patched(entry, language, old, new)


def _line_starts(lines: Sequence[bytes]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _line_of(starts: Sequence[int], offset: int) -> int:
    """Return the 0-based line holding a byte offset."""
    return bisect.bisect_right(starts, offset) - 1


def _touches(finding: Finding, starts: Sequence[int], removed: set[int]) -> bool:
    """Tell whether a hunk removes a line the fix's change edits touch."""
    assert finding.fix is not None
    for change in finding.fix.changes:
        first = _line_of(starts, change.start_byte)
        last = _line_of(starts, max(change.start_byte, change.end_byte - 1))
        if any(line in removed for line in range(first, last + 1)):
            return True
    return False


def _spellings(
    finding: Finding, language: Language, hosts: Sequence[str], expected: str, ipv6: bool
) -> list[tuple[tuple[bytes, ...], tuple[str, ...]]]:
    """Return, per change edit, its spellings with the host of each: the expected one first."""
    assert finding.fix is not None
    changes = finding.fix.changes
    per_change = [([change.content], [expected]) for change in changes]
    for host in hosts:
        if host == expected:
            continue
        try:
            edits = language.spell(finding, host, ipv6)
        except ValueError:
            # A host that cannot be spelled in this form (a name where an IP is built).
            continue
        if edits is None or len(edits) != len(changes):
            continue
        if any(
            (e.start_byte, e.end_byte) != (c.start_byte, c.end_byte)
            for e, c in zip(edits, changes, strict=True)
        ):
            continue
        for (spelled, named), edit in zip(per_change, edits, strict=True):
            spelled.append(edit.content)
            named.append(host)
    return [(tuple(spelled), tuple(named)) for spelled, named in per_change]


# Per candidate edit of a hunk: the finding it belongs to and the host of each spelling.
_Owners = list[tuple[Finding, tuple[str, ...]]]


def _candidates(
    source: bytes,
    region: tuple[int, int],
    hosts: Sequence[str],
    findings: Sequence[Finding],
    language: Language,
    policy: FixPolicy,
) -> tuple[list[Candidate], _Owners]:
    """Return the change edits of the fixes in a hunk's region, each in every spelling."""
    low, high = zone(source, *region)
    candidates: list[Candidate] = []
    owners: _Owners = []
    for finding in findings:
        assert finding.fix is not None
        changes = finding.fix.changes
        if not any(low <= c.start_byte and c.end_byte <= high for c in changes):
            continue
        ipv6 = wants_ipv6(finding.network, finding.family)
        expected = policy.address_for(finding.path, 6 if ipv6 else 4)
        spelled = _spellings(finding, language, hosts, expected, ipv6)
        for change, (spellings, named) in zip(changes, spelled, strict=True):
            candidates.append(Candidate(change.start_byte, change.end_byte, spellings))
            owners.append((finding, named))
    return candidates, owners


def _choose(
    patched: _Patched, findings: Sequence[Finding], language: Language, policy: FixPolicy
) -> _Choice:
    """Return the fixes each hunk makes, in the spelling it makes them in."""
    starts = _line_starts(split_lines(patched.old))
    made: dict[tuple[str, int, int, str, str], _Made] = {}
    matched = set()
    for number, hunk in enumerate(patched.diff.hunks):
        region = (starts[hunk.old_index], starts[hunk.old_index + hunk.old_length])
        new = b"".join(line.text for line in hunk.lines if line.kind is not LineKind.REMOVED)
        added = b"".join(line.text for line in hunk.lines if line.kind is LineKind.ADDED)
        candidates, owners = _candidates(
            patched.old, region, hosts_in(added), findings, language, policy
        )
        choices = match_region(patched.old, *region, new, candidates)
        if choices is None:
            # The hunk holds more than fixes; it is reported. Take the fixes whose lines it
            # rewrites, so that the other hunks are compared with the layout they need.
            removed = hunk.removed_lines()
            for finding, named in owners:
                if _touches(finding, starts, removed):
                    made.setdefault(_key(finding), _Made(finding, number, named[0], named[0]))
            continue
        matched.add(number)
        for index, choice in choices.items():
            if choice is not None:
                finding, named = owners[index]
                made.setdefault(_key(finding), _Made(finding, number, named[choice], named[0]))
    return _Choice(tuple(made.values()), frozenset(matched))


def _covers(hunk: Hunk, first: int, stop: int) -> bool:
    """Tell whether post-image lines [first, stop) (a point when empty) fall in the hunk."""
    low, high = hunk.new_index, hunk.new_index + hunk.new_length
    if first == stop:
        return low <= first <= high
    return first < high and low < stop


def _pre_line(hunks: Sequence[Hunk], index: int) -> int:
    """Return the 1-based pre-image line of a post-image line that lies outside every hunk."""
    shift = sum(
        hunk.new_length - hunk.old_length
        for hunk in hunks
        if hunk.new_index + hunk.new_length <= index
    )
    return index - shift + 1


def _hunk_problem(path: str, hunk: Hunk, matched: bool) -> Problem:
    line = hunk.first_changed_line
    if matched:
        message = f"hunk {hunk.header} changes white space other than the layout of its fixes"
        return Problem(Kind.LAYOUT, path, line, message)
    return Problem(Kind.OTHER_CHANGE, path, line, f"hunk {hunk.header} changes lines no fix makes")


def _address_problem(path: str, hunk: Hunk, made: _Made) -> Problem:
    finding = made.finding
    family = 6 if wants_ipv6(finding.network, finding.family) else 4
    message = f"hunk {hunk.header} writes {made.host} where the fix writes {made.expected}"
    try:
        parse_replacement(made.host, family)
    except ValueError as error:
        # No option makes gofix-bind write it: say why.
        message += f" ({error})"
    else:
        option = "--ipv6-address" if family == 6 else "--address"
        message += f" (verify with {option} {made.host} to accept it)"
    return Problem(Kind.ADDRESS, path, finding.line, message)


def _compare(
    patched: _Patched, planned: bytes, choice: _Choice, policy: FixPolicy
) -> list[Problem]:
    """Return the problems of a file whose fixes were planned: where the patch and plan differ."""
    path = patched.diff.path
    hunks = patched.diff.hunks
    problems: list[Problem] = []
    reported: set[int] = set()
    for made in choice.made:
        hunk = hunks[made.hunk]
        if made.host != made.expected:
            problems.append(_address_problem(path, hunk, made))
            reported.add(made.hunk)
        elif not policy.allows(made.finding):
            assert made.finding.fix is not None
            message = (
                f"hunk {hunk.header} makes an unsafe fix ({made.finding.fix.reason}); "
                "verify with --unsafe-fixes to accept it"
            )
            problems.append(Problem(Kind.UNSAFE, path, made.finding.line, message))
    offending: set[int] = set()
    unchanged: list[int] = []
    for tag, _, _, first, stop in line_opcodes(split_lines(planned), split_lines(patched.new)):
        if tag == "equal":
            continue
        hit = {number for number, hunk in enumerate(hunks) if _covers(hunk, first, stop)}
        offending |= hit
        if not hit:
            unchanged.append(_pre_line(hunks, first))
    for number in sorted(offending - reported):
        problems.append(_hunk_problem(path, hunks[number], number in choice.matched))
    for line in unchanged:
        message = "leaves this line as it is, where the fixes the patch makes change it too"
        problems.append(Problem(Kind.UNCHANGED_LINE, path, line, message))
    return sorted(problems, key=lambda problem: problem.line or 0)


def _result_problem(path: str, result: FileResult | None, settings: Settings) -> Problem | None:
    """Return the problem of a file the scan ends early or finds no fix in, else None."""
    if result is None:
        return _not_ours(path, "gofix-bind does not scan it")
    if result.outcome is Outcome.SKIPPED:
        if result.reason == "generated file":
            return _not_ours(path, "a generated file, scanned only with --include-generated")
        return _not_ours(path, f"gofix-bind skips it ({result.reason})")
    if result.outcome is Outcome.FAILED:
        return _not_ours(path, f"gofix-bind cannot fix it ({result.reason})")
    if any(finding.fix is not None for finding in result.findings):
        return None
    why = "gofix-bind makes no fix in it"
    if result.suppressed and not settings.detection.no_suppress:
        why += f" ({_plural(len(result.suppressed), 'finding')} suppressed: see --no-suppress)"
    return _not_ours(path, why)


def _by_path(results: Sequence[FileResult]) -> dict[str, FileResult]:
    return {result.path: result for result in results}


def _verify_unit(
    language: Language, unit: Sequence[Job], here: Sequence[_Patched], settings: Settings
) -> tuple[list[Problem], int]:
    """Compare the unit's patched files with the plan for the fixes their hunks make."""
    problems: list[Problem] = []
    first = _by_path(process_unit(language.name, unit, settings, select=lambda _: False))
    choices: dict[str, _Choice] = {}
    for patched in here:
        path = patched.diff.path
        result = first.get(path)
        problem = _result_problem(path, result, settings)
        if problem is not None or result is None:
            problems.extend([problem] if problem else [])
            continue
        findings = [finding for finding in result.findings if finding.fix is not None]
        choices[path] = _choose(patched, findings, language, settings.policy)
    wanted = {_key(made.finding) for choice in choices.values() for made in choice.made}
    second: dict[str, FileResult] = {}
    if wanted:
        chosen = process_unit(language.name, unit, settings, select=lambda f: _key(f) in wanted)
        second = _by_path(chosen)
    fixes = 0
    for patched in here:
        path = patched.diff.path
        if path not in choices:
            continue
        result = second.get(path)
        if result is not None and result.outcome is Outcome.FAILED:
            why = f"the fixes the patch makes fail gofix-bind's checks: {result.reason}"
            problems.append(Problem(Kind.NOT_PLANNED, path, None, why))
            continue
        planned = result.new_source if result and result.outcome is Outcome.CHANGED else patched.old
        problems.extend(_compare(patched, planned, choices[path], settings.policy))
        fixes += len(choices[path].made)
    return problems, fixes


def _verify_directory(
    language: Language,
    directory: str,
    here: Sequence[_Patched],
    tree: PreImageTree,
    settings: Settings,
) -> tuple[list[Problem], int]:
    """Analyse the directory's files as the pre-image tree holds them, the patched ones too."""
    files = tree.directory(directory, language.suffixes)
    files.update({patched.diff.path: patched.old for patched in here})
    # Every job carries its bytes, so the unit is exactly these files, whatever is on disk.
    jobs = [Job(tree.root / path, path, tree.root, data) for path, data in sorted(files.items())]
    problems: list[Problem] = []
    fixes = 0
    for unit in language.units(jobs):
        names = {job.display for job in unit}
        inside = [patched for patched in here if patched.diff.path in names]
        if inside:
            found, made = _verify_unit(language, unit, inside, settings)
            problems += found
            fixes += made
    return problems, fixes


def verify(patch: Patch, tree: PreImageTree, settings: Settings, empty: bool = False) -> Verdict:
    """Verify every entry of the patch against the pre-image tree."""
    # Each entry's problems, so that they print in the patch's order, a file's together.
    problems: list[list[Problem]] = [[] for _ in patch.files]
    errors: list[Failure] = []
    named = Counter(entry.path for entry in patch.files)
    index_of: dict[str, int] = {}
    groups: dict[tuple[str, str], list[_Patched]] = {}
    for index, entry in enumerate(patch.files):
        if named[entry.path] > 1:
            errors.append(Failure(entry.path, None, "named by more than one entry of the patch"))
            continue
        index_of[entry.path] = index
        found, failure, patched = _screen(entry, tree, settings)
        problems[index] += found
        if failure is not None:
            errors.append(failure)
        if patched is not None:
            directory = entry.path.rpartition("/")[0]
            groups.setdefault((patched.language.name, directory), []).append(patched)
    fixes = 0
    for (_, directory), here in groups.items():
        found, made = _verify_directory(here[0].language, directory, here, tree, settings)
        fixes += made
        for problem in found:
            problems[index_of[problem.path]].append(problem)
    ordered = tuple(problem for entry_problems in problems for problem in entry_problems)
    return Verdict(ordered, tuple(errors), len(patch.files), fixes, empty)
