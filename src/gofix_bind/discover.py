"""Turn command-line paths into the sorted list of source files to scan, with their languages."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from gofix_bind.language import Language
from gofix_bind.settings import Discovery
from gofix_bind.source_io import os_error_reason


@dataclass(frozen=True)
class Found:
    """The files to scan with their languages, how many were skipped unread, paths that failed."""

    files: tuple[tuple[Path, Language], ...]
    skipped: int = 0
    errors: tuple[tuple[str, str], ...] = field(default=())


# The discovery settings of an absolute directory (config files may differ by directory).
DiscoveryAt = Callable[[str], Discovery]


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


def walk_excludes(path: str, language: Language, settings: Discovery) -> str | None:
    """Return the directory of a relative path that a walk leaves out (hidden or excluded)."""
    for name in path.split("/")[:-1]:
        if name.startswith(".") or _default_excluded(language, name, settings):
            return name
    return None


def _count_files(directory: str, languages: Sequence[Language]) -> int:
    suffixes = tuple(suffix for language in languages for suffix in language.suffixes)
    count = 0
    for _, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        count += sum(1 for name in files if name.endswith(suffixes))
    return count


class _Ignores:
    """The .gitignore files that apply to a directory: its own and its ancestors'."""

    def __init__(self, rules: tuple[tuple[str, pathspec.GitIgnoreSpec], ...] = ()) -> None:
        """Hold (directory, spec) pairs, outermost first."""
        self.rules = rules

    def entering(self, directory: str) -> _Ignores:
        """Return the rules inside directory, adding its .gitignore if it has one."""
        spec = _read_gitignore(directory)
        return self if spec is None else _Ignores((*self.rules, (directory, spec)))

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


def _read_gitignore(directory: str) -> pathspec.GitIgnoreSpec | None:
    try:
        with open(os.path.join(directory, ".gitignore"), encoding="utf-8", errors="replace") as f:
            return pathspec.GitIgnoreSpec.from_lines(f.read().splitlines())
    except OSError:
        return None


def _outer_ignores(root: Path) -> _Ignores:
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
        ignores = ignores.entering(str(directory))
    return ignores


def _language_of(name: str, languages: Sequence[Language]) -> Language | None:
    for language in languages:
        if name.endswith(language.suffixes):
            return language
    return None


def _walk(
    root: Path, at: DiscoveryAt, languages: Sequence[Language]
) -> tuple[list[tuple[Path, Language]], int, list[tuple[str, str]]]:
    found: list[tuple[Path, Language]] = []
    skipped = 0
    errors: list[tuple[str, str]] = []
    honour_gitignore = not at(os.path.abspath(root)).no_ignore
    outer = _outer_ignores(root) if honour_gitignore else _Ignores()
    rules: dict[str, _Ignores] = {}
    # The languages still looked for under each directory: a default exclude is per language.
    active: dict[str, tuple[Language, ...]] = {}

    def unreadable(error: OSError) -> None:
        # os.walk would otherwise leave out a directory it cannot list without a word.
        path = Path(os.path.normpath(error.filename or root))
        errors.append((str(path), f"cannot read directory: {os_error_reason(path, error)}"))

    for parent, dirs, files in os.walk(root, onerror=unreadable):
        absolute = os.path.abspath(parent)
        ignores = rules.pop(parent, None) or outer
        if honour_gitignore:
            ignores = ignores.entering(absolute)
        here = active.pop(parent, None) or tuple(languages)
        settings = at(absolute)
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                # Hidden directories (.git, .cache) are not part of the source tree at all.
                continue
            if ignores.rules and ignores.ignored(os.path.join(absolute, name), True):
                continue
            child = os.path.join(absolute, name)
            inside = tuple(lang for lang in here if _excluded(lang, name, child, settings) is None)
            left_out = [lang for lang in here if lang not in inside]
            if left_out:
                skipped += _count_files(os.path.join(parent, name), left_out)
            if not inside:
                continue
            kept.append(name)
            rules[os.path.join(parent, name)] = ignores
            active[os.path.join(parent, name)] = inside
        dirs[:] = kept
        for name in sorted(files):
            language = _language_of(name, here)
            if language is None:
                continue
            if ignores.rules and ignores.ignored(os.path.join(absolute, name), False):
                continue
            if file_excluded(language, name, os.path.join(absolute, name), settings):
                skipped += 1
                continue
            found.append((Path(parent, name), language))
    return found, skipped, errors


def _normalize(argument: str) -> str:
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
    arguments: list[str], settings: Discovery | DiscoveryAt, languages: Sequence[Language]
) -> Found:
    """Walk directories (never following symlinked ones), keep explicit files, sort, dedupe.

    A file named on the command line is scanned whatever its name, as the language its suffix
    selects, else as the first language, unless force-exclude applies the excludes to it.
    """
    at: DiscoveryAt = settings if callable(settings) else (lambda _: settings)
    files: dict[str, tuple[Path, Language]] = {}
    skipped = 0
    errors: list[tuple[str, str]] = []
    for argument in arguments:
        path = Path(_normalize(argument))
        try:
            info = path.stat()
        except OSError as error:
            errors.append((argument, os_error_reason(path, error)))
            continue
        if stat.S_ISDIR(info.st_mode):
            # Whatever its name: a directory called x.go is walked, as gofmt walks it.
            walked, walked_skipped, walk_errors = _walk(path, at, languages)
            skipped += walked_skipped
            errors += walk_errors
            for file, language in walked:
                files.setdefault(os.path.normpath(file), (file, language))
        else:
            # A file named on the command line is scanned whatever its name or directory.
            language = _language_of(path.name, languages) or languages[0]
            if forced_out(path, language, at):
                skipped += 1
                continue
            files.setdefault(os.path.normpath(path), (path, language))
    ordered = tuple(files[key] for key in sorted(files))
    return Found(ordered, skipped, tuple(errors))
