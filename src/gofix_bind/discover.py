"""Turn command-line paths into the sorted list of Go files to scan."""

from __future__ import annotations

import io
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from gofix_bind.model import Settings

GENERATED_PREFIX = b"// Code generated "
GENERATED_SUFFIX = b" DO NOT EDIT."


@dataclass(frozen=True)
class Discovery:
    """The files to scan, how many Go files were skipped unread, and paths that failed."""

    files: tuple[Path, ...]
    skipped: int = 0
    errors: tuple[tuple[str, str], ...] = field(default=())


def _excluded(name: str, settings: Settings) -> bool:
    if name == "vendor":
        return not settings.include_vendor
    return name == "testdata" or name.startswith("_")


def _count_go_files(directory: str) -> int:
    count = 0
    for _, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        count += sum(1 for name in files if name.endswith(".go"))
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


def os_error_reason(path: Path, error: OSError) -> str:
    """Say in a few lower-case words why path could not be opened, as Go tools do."""
    if isinstance(error, FileNotFoundError) and path.is_symlink():
        return "broken symbolic link"
    message = error.strerror or str(error)
    return message[:1].lower() + message[1:]


def _walk(root: Path, settings: Settings) -> tuple[list[Path], int, list[tuple[str, str]]]:
    found: list[Path] = []
    skipped = 0
    errors: list[tuple[str, str]] = []
    outer = _outer_ignores(root)
    rules: dict[str, _Ignores] = {}

    def unreadable(error: OSError) -> None:
        # os.walk would otherwise leave out a directory it cannot list without a word.
        path = Path(os.path.normpath(error.filename or root))
        errors.append((str(path), f"cannot read directory: {os_error_reason(path, error)}"))

    for parent, dirs, files in os.walk(root, onerror=unreadable):
        absolute = os.path.abspath(parent)
        ignores = rules.pop(parent, None) or outer
        ignores = ignores.entering(absolute)
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                # Hidden directories (.git, .cache) are not part of the source tree at all.
                continue
            if ignores.rules and ignores.ignored(os.path.join(absolute, name), True):
                continue
            if _excluded(name, settings):
                skipped += _count_go_files(os.path.join(parent, name))
                continue
            kept.append(name)
            rules[os.path.join(parent, name)] = ignores
        dirs[:] = kept
        found.extend(
            Path(parent, name)
            for name in sorted(files)
            if name.endswith(".go")
            and not (ignores.rules and ignores.ignored(os.path.join(absolute, name), False))
        )
    return found, skipped, errors


def _normalize(argument: str) -> str:
    # `./...` is how Go users name a tree; the walk is recursive anyway.
    if argument == "...":
        return "."
    if argument.endswith("/..."):
        return argument[: -len("/...")] or "/"
    return argument


def discover(arguments: list[str], settings: Settings) -> Discovery:
    """Walk directories (never following symlinked ones), keep explicit files, sort, dedupe."""
    files: dict[str, Path] = {}
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
            walked, walked_skipped, walk_errors = _walk(path, settings)
            skipped += walked_skipped
            errors += walk_errors
            for file in walked:
                files.setdefault(os.path.normpath(file), file)
        else:
            # A file named on the command line is scanned whatever its name or directory.
            files.setdefault(os.path.normpath(path), path)
    ordered = tuple(files[key] for key in sorted(files))
    return Discovery(ordered, skipped, tuple(errors))


def is_generated(source: bytes) -> bool:
    """Tell whether a `// Code generated ... DO NOT EDIT.` line precedes the package clause."""
    for raw_line in io.BytesIO(source.removeprefix(b"\xef\xbb\xbf")):
        line = raw_line.rstrip(b"\r\n")
        if line.startswith(GENERATED_PREFIX) and line.endswith(GENERATED_SUFFIX):
            return True
        if line.lstrip().startswith(b"package"):
            return False
    return False
