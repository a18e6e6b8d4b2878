"""Turn command-line paths into the sorted list of Go files to scan."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

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


def _walk(root: Path, settings: Settings) -> tuple[list[Path], int]:
    found: list[Path] = []
    skipped = 0
    for parent, dirs, files in os.walk(root):
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                # Hidden directories (.git, .cache) are not part of the source tree at all.
                continue
            if _excluded(name, settings):
                skipped += _count_go_files(os.path.join(parent, name))
                continue
            kept.append(name)
        dirs[:] = kept
        found.extend(Path(parent, name) for name in sorted(files) if name.endswith(".go"))
    return found, skipped


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
        if path.is_dir():
            walked, walked_skipped = _walk(path, settings)
            skipped += walked_skipped
            for file in walked:
                files.setdefault(os.path.normpath(file), file)
        elif path.exists():
            # A file named on the command line is scanned whatever its name or directory.
            files.setdefault(os.path.normpath(path), path)
        else:
            errors.append((argument, "no such file or directory"))
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
