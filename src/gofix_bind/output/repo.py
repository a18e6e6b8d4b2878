"""Paths as code review sees them: relative to the repository root, and as URIs.

GitHub (code scanning, annotations) resolves paths from the root of the checkout, whatever
directory gofix-bind ran in, so the review formats name files as diffs do (paths.diff_path).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from gofix_bind.model import FileResult
from gofix_bind.paths import diff_path, tree_root


def repo_path(display: str, results: dict[str, FileResult] | None = None) -> str:
    """Return a file's path from its repository root, given the path it is displayed under."""
    known = (results or {}).get(display)
    if known is not None and known.diff_path:
        return known.diff_path
    # A file whose result does not name it (a listener's file without findings).
    return diff_path(Path(display), Path.cwd())


def root_of(display: str) -> Path:
    """Return the repository root (the git work tree, else the working directory) of a file."""
    return tree_root(Path(display), Path.cwd())


def working_root() -> Path:
    """Return the repository root of the working directory itself."""
    # tree_root takes a file and looks from its directory; any name in the directory will do.
    return tree_root(Path.cwd() / "-", Path.cwd())


def file_uri(directory: Path) -> str:
    """Return the percent-encoded file URI of a directory, with the trailing slash RFC 3986 needs.

    The slash makes relative references resolve inside the directory, not beside it.
    """
    posix = Path(os.path.abspath(directory)).as_posix().rstrip("/")
    return "file://" + quote(os.fsencode(posix), safe="/") + "/"


def relative_uri(path: str) -> str:
    """Return a relative URI reference for a slash-separated path, percent-encoded."""
    # quote() encodes ":" too, so a first segment such as "c:x.go" is never read as a scheme.
    return quote(os.fsencode(path), safe="/")
