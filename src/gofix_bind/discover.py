"""Turn command-line paths into the sorted list of source files to scan, with their languages."""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pathspec

from gofix_bind.containers import wanted
from gofix_bind.language import Language
from gofix_bind.settings import Discovery
from gofix_bind.source_io import os_error_reason


@dataclass(frozen=True)
class Found:
    """The files to scan with their languages, how many were skipped unread, paths that failed."""

    files: tuple[tuple[Path, Language], ...]
    skipped: int = 0
    errors: tuple[tuple[str, str], ...] = field(default=())
    # Files left unread, and why: an ignore file (a FIFO, a symbolic link, too large) or a
    # socket named like source. Each is a skip named on stderr.
    unread: tuple[tuple[Path, str], ...] = field(default=())
    # The container files the walk saw (Dockerfiles, manifests, ...), absolute.
    context: tuple[str, ...] = field(default=())


# The discovery settings of an absolute directory (config files may differ by directory).
DiscoveryAt = Callable[[str], Discovery]


class Scope(Protocol):
    """The directories a walk is limited to (--changed-since); without one it takes every one."""

    def enters(self, directory: str) -> bool:
        """Tell whether the walk goes into an absolute directory: it holds or is one kept."""
        ...

    def keeps(self, directory: str) -> bool:
        """Tell whether the files directly in an absolute directory are scanned."""
        ...


def _default_excluded(language: Language, name: str, settings: Discovery) -> bool:
    """Tell whether a language's default excludes leave out a directory of this name."""
    if name == "vendor" and settings.include_vendor:
        return False
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in language.default_excludes)


# What a directory left out by a language's default excludes is said to be left out by.
DEFAULT_EXCLUDES = "default"


def _excluded(language: Language, name: str, absolute: str, settings: Discovery) -> str | None:
    """Return what leaves out a directory (DEFAULT_EXCLUDES or the globs' origin), or None."""
    if settings.exclude is None:
        if _default_excluded(language, name, settings):
            return DEFAULT_EXCLUDES
    elif settings.exclude.matches(absolute, True):
        return settings.exclude.origin
    return next((g.origin for g in settings.extend_exclude if g.matches(absolute, True)), None)


def file_excluded(language: Language, name: str, absolute: str, settings: Discovery) -> str | None:
    """Say why the excludes leave out a file (its own name or path), or None."""
    if settings.exclude_tests and any(
        fnmatch.fnmatchcase(name, pattern) for pattern in language.test_files
    ):
        return "a test file, left out by exclude-tests"
    if settings.exclude is not None and settings.exclude.matches(absolute, False):
        return f"excluded by {settings.exclude.origin}"
    for globs in settings.extend_exclude:
        if globs.matches(absolute, False):
            return f"excluded by {globs.origin}"
    return None


def left_out(root: str, path: str, language: Language, at: DiscoveryAt) -> str | None:
    """Say why a walk from the absolute directory root leaves out a relative path, or None."""
    parts = path.split("/")
    directory = root
    for name in parts[:-1]:
        settings = at(directory)
        directory = os.path.join(directory, name)
        if name.startswith("."):
            return f"in {name}/, a directory a scan does not walk"
        origin = _excluded(language, name, directory, settings)
        if origin == DEFAULT_EXCLUDES:
            if name == "vendor":
                return "in vendor/, scanned only with --include-vendor"
            return f"in {name}/, a directory a scan does not walk"
        if origin is not None:
            return f"in {name}/, excluded by {origin}"
    return file_excluded(language, parts[-1], os.path.join(root, path), at(directory))


def _count_files(directory: str, languages: Sequence[Language]) -> int:
    suffixes = tuple(suffix for language in languages for suffix in language.suffixes)
    count = 0
    for _, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        count += sum(1 for name in files if name.endswith(suffixes))
    return count


# Far above any real ignore file (GitHub's templates are a few KiB, a large monorepo's tens of
# KiB), and small enough that refusing a hostile one (a generated monster) costs little.
MAX_IGNORE_BYTES = 1024 * 1024

# Tells the walk that an ignore file was left unread, and why.
IgnoreSkip = Callable[[Path, str], None]


class _UnreadError(Exception):
    """An ignore file that is there but is not read: the reason is its skip's."""


def _read_ignore_file(path: str) -> bytes | None:
    """Return an ignore file's bytes, or None when there is none; raise _UnreadError otherwise.

    As careful as reading source: regular files only, within a size limit, never blocking.
    """
    try:
        # O_NOFOLLOW: git reads no in-tree .gitignore through a symbolic link (since 2.32),
        # which also keeps a link to /dev/zero or outside the tree from being read at all.
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        if error.errno == errno.ELOOP and os.path.islink(path):
            raise _UnreadError("a symbolic link, which git does not follow") from None
        raise _UnreadError(f"cannot read: {os_error_reason(Path(path), error)}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _UnreadError(NOT_REGULAR)
        chunks = []
        total = 0
        # Reading stops one byte past the limit, so a file still growing is refused too.
        while info.st_size <= MAX_IGNORE_BYTES and total <= MAX_IGNORE_BYTES:
            chunk = os.read(descriptor, MAX_IGNORE_BYTES + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        size = max(info.st_size, total)
        if size > MAX_IGNORE_BYTES:
            limit = MAX_IGNORE_BYTES // (1024 * 1024)
            raise _UnreadError(f"too large to read ({size:,} bytes, over the {limit} MiB limit)")
        return b"".join(chunks)
    except OSError as error:
        raise _UnreadError(f"cannot read: {os_error_reason(Path(path), error)}") from None
    finally:
        os.close(descriptor)


# A range in a bracket expression, with the backslash escapes git allows at either end.
_RANGE = re.compile(r"(\\.|[^\\])-(\\.|[^\\\]])")


def _git_ranges(line: str) -> str:
    """Rewrite each reversed range ([z-a]) as the one character git's wildmatch matches."""

    def bracket(match: re.Match[str]) -> str:
        def one(found: re.Match[str]) -> str:
            low, high = found.group(1), found.group(2)
            # git compares the first character alone, then the range, which matches nothing.
            return low if high[-1] < low[-1] else found.group(0)

        return match.group(1) + _RANGE.sub(one, match.group(2)) + "]"

    # [, an optional negation, then the members: a leading ] is a member, as in git.
    return re.sub(r"(\[[!^]?)(\]?(?:\\.|[^\]])*)\]", bracket, line)


def compile_ignore_lines(lines: Sequence[str]) -> pathspec.GitIgnoreSpec:
    r"""Compile ignore-file lines as git reads them: a line git matches nothing by is dropped.

    git takes every line; pathspec refuses some (`!`, a lone `\`, a reversed range), so
    each line is compiled on its own and one refused does not lose the rest of the file.
    """
    kept = []
    for line in lines:
        for text in (line, _git_ranges(line)):
            try:
                pathspec.GitIgnoreSpec.from_lines([text])
            except (ValueError, re.error):
                continue
            kept.append(text)
            break
    # Compiled again as a whole: the lines' order decides, and pathspec's own types stay.
    return pathspec.GitIgnoreSpec.from_lines(kept)


class _Ignores:
    """The .gitignore files that apply to a directory: its own and its ancestors'."""

    def __init__(self, rules: tuple[tuple[str, pathspec.GitIgnoreSpec], ...] = ()) -> None:
        """Hold (directory, spec) pairs, outermost first."""
        self.rules = rules

    def entering(self, directory: str, skip: IgnoreSkip) -> _Ignores:
        """Return the rules inside directory, adding its .gitignore if it has one.

        directory is as the walk names it; skip hears of a .gitignore left unread.
        """
        path = os.path.join(directory, ".gitignore")
        try:
            data = _read_ignore_file(path)
        except _UnreadError as unread:
            skip(Path(path), str(unread))
            return self
        if data is None:
            return self
        spec = compile_ignore_lines(data.decode("utf-8", errors="replace").splitlines())
        return _Ignores((*self.rules, (os.path.abspath(directory), spec)))

    def ignored(self, path: str, is_dir: bool) -> bool:
        """Tell whether git would ignore path; a later (deeper) file's rule wins."""
        verdict = False
        for directory, spec in self.rules:
            relative = os.path.relpath(path, directory).replace(os.sep, "/")
            if relative.startswith("../"):
                continue
            result = spec.check_file(relative + "/" if is_dir else relative)
            if result.include is not None:
                verdict = result.include
        return verdict


def _outer_ignores(root: Path, skip: IgnoreSkip) -> _Ignores:
    """Return the .gitignore rules of root's ancestors inside its git work tree."""
    absolute = Path(os.path.abspath(root))
    ancestors = []
    for candidate in absolute.parents:
        ancestors.append(candidate)
        if (candidate / ".git").exists():
            break
    else:
        return _Ignores()
    ignores = _Ignores()
    for directory in reversed(ancestors):
        ignores = ignores.entering(str(directory), skip)
    return ignores


def _language_of(name: str, languages: Sequence[Language]) -> Language | None:
    for language in languages:
        if name.endswith(language.suffixes):
            return language
    return None


# The skip of a file that is not a regular file, as the source reader words it.
NOT_REGULAR = "not a regular file"


def _listing(directory: str, errors: list[tuple[str, str]]) -> tuple[list[str], list[str]] | None:
    """Return a directory's subdirectories and other entries as os.walk splits them, or None.

    A symbolic link to a directory counts as a directory; the walk does not enter it. A
    directory that cannot be listed to the end is left out, with an error that names it.
    """
    dirs: list[str] = []
    others: list[str] = []
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                (dirs if is_dir else others).append(entry.name)
    except OSError as error:
        # Left out without a word otherwise: the error names the directory.
        path = Path(os.path.normpath(error.filename or directory))
        errors.append((str(path), f"cannot read directory: {os_error_reason(path, error)}"))
        return None
    return dirs, others


def _walk(
    root: Path,
    at: DiscoveryAt,
    languages: Sequence[Language],
    skip: IgnoreSkip,
    scope: Scope | None = None,
) -> tuple[list[tuple[str, Language]], int, list[tuple[str, str]], list[str]]:
    # Plain strings and one scandir per directory: this runs for every file and directory of
    # the tree, where a Path object per file and os.walk's extra calls cost real time.
    found: list[tuple[str, Language]] = []
    # Container files seen on the way, absolute: they decide which fixes are safe.
    context: list[str] = []
    skipped = 0
    errors: list[tuple[str, str]] = []
    top = os.fspath(root)
    honour_gitignore = not at(os.path.abspath(top)).no_ignore
    outer = _outer_ignores(root, skip) if honour_gitignore else _Ignores()
    # Directories still to walk, the last one next, each with the ignore rules around it and
    # the languages still looked for under it (a default exclude is per language).
    pending: list[tuple[str, _Ignores, tuple[Language, ...]]] = [(top, outer, tuple(languages))]
    while pending:
        parent, ignores, here = pending.pop()
        listed = _listing(parent, errors)
        if listed is None:
            continue
        dirs, files = listed
        absolute = os.path.abspath(parent)
        # Where no entry is named .gitignore, there is none to read (or to refuse).
        if honour_gitignore and (".gitignore" in files or ".gitignore" in dirs):
            ignores = ignores.entering(parent, skip)
        settings = at(absolute)
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                # Hidden directories (.git, .cache) are not part of the source tree at all.
                continue
            child = os.path.join(absolute, name)
            if ignores.rules and ignores.ignored(child, True):
                continue
            if scope is not None and not scope.enters(child):
                continue
            inside = tuple(lang for lang in here if _excluded(lang, name, child, settings) is None)
            left_out = [lang for lang in here if lang not in inside]
            if left_out:
                skipped += _count_files(os.path.join(parent, name), left_out)
            if not inside:
                continue
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                kept.append((path, ignores, inside))
        # In sorted order, each directory's tree before the next: os.walk's order.
        pending.extend(reversed(kept))
        if scope is not None and not scope.keeps(absolute):
            continue
        for name in sorted(files):
            language = _language_of(name, here)
            if language is None:
                if wanted(name):
                    context.append(os.path.join(absolute, name))
                continue
            if ignores.rules and ignores.ignored(os.path.join(absolute, name), False):
                continue
            if file_excluded(language, name, os.path.join(absolute, name), settings):
                skipped += 1
                continue
            found.append((os.path.join(parent, name), language))
    return found, skipped, errors, context


def normalize(argument: str) -> str:
    """Return a command-line path as discovery reads it (`./...` is `.`)."""
    # `./...` is how Go users name a tree; the walk is recursive anyway.
    if argument == "...":
        return "."
    if argument.endswith("/..."):
        return argument[: -len("/...")] or "/"
    return argument


def forced_out(path: Path, language: Language, at: DiscoveryAt) -> bool:
    """Tell whether force-exclude leaves out a file named on the command line.

    Under the working directory it is left out as a walk from there would leave it out;
    elsewhere, by its own name and path only.
    """
    absolute = os.path.abspath(path)
    directory = os.path.dirname(absolute)
    if not at(directory).force_exclude:
        return False
    cwd = os.getcwd()
    relative = os.path.relpath(absolute, cwd).replace(os.sep, "/")
    if relative.startswith("../"):
        return file_excluded(language, path.name, absolute, at(directory)) is not None
    return left_out(cwd, relative, language, at) is not None


def discover(
    arguments: list[str],
    settings: Discovery | DiscoveryAt,
    languages: Sequence[Language],
    scope: Scope | None = None,
) -> Found:
    """Walk directories (never following symlinked ones), keep explicit files, sort, dedupe.

    A file named on the command line is scanned whatever its name, as the language its suffix
    selects, else as the first language, unless force-exclude applies the excludes to it.
    With a scope, only the files of the directories it keeps are found, named or walked.
    """
    at: DiscoveryAt = settings if callable(settings) else (lambda _: settings)
    files: dict[str, tuple[Path, Language]] = {}
    skipped = 0
    errors: list[tuple[str, str]] = []
    context: list[str] = []
    # Keyed by absolute path: overlapping arguments read an ignore file more than once.
    unread: dict[str, tuple[Path, str]] = {}

    def skip_unread(path: Path, reason: str) -> None:
        unread.setdefault(os.path.abspath(path), (path, reason))

    for argument in arguments:
        path = Path(normalize(argument))
        try:
            info = path.stat()
        except OSError as error:
            errors.append((argument, os_error_reason(path, error)))
            continue
        if stat.S_ISDIR(info.st_mode):
            # Whatever its name: a directory called x.go is walked, as gofmt walks it.
            walked, walked_skipped, walk_errors, seen = _walk(
                path, at, languages, skip_unread, scope
            )
            skipped += walked_skipped
            errors += walk_errors
            context += seen
            for name, language in walked:
                key = os.path.normpath(name)
                if key not in files:
                    files[key] = (Path(name), language)
        else:
            # A file named on the command line is scanned whatever its name or directory.
            if scope is not None and not scope.keeps(os.path.dirname(os.path.abspath(path))):
                continue
            if stat.S_ISSOCK(info.st_mode):
                skip_unread(path, NOT_REGULAR)
                continue
            language = _language_of(path.name, languages) or languages[0]
            if forced_out(path, language, at):
                skipped += 1
                continue
            files.setdefault(os.path.normpath(path), (path, language))
    ordered = tuple(files[key] for key in sorted(files))
    return Found(ordered, skipped, tuple(errors), tuple(unread.values()), tuple(context))
