"""Gitignore-style globs written in one place (a config file, the command line) for one base."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

import pathspec


@dataclass(frozen=True)
class Globs:
    """Globs matched, with git's rules, against paths relative to one directory."""

    # The absolute directory the globs are relative to: the config file's, or the cwd.
    base: str
    patterns: tuple[str, ...]
    # Where they were written, for messages: `.gofix-bind.toml: exclude`, `--exclude`.
    origin: str
    spec: pathspec.GitIgnoreSpec = field(compare=False, repr=False)

    @classmethod
    def of(cls, base: str, patterns: tuple[str, ...], origin: str) -> Globs:
        """Compile patterns; raise ValueError naming the first bad one."""
        for pattern in patterns:
            try:
                pathspec.GitIgnoreSpec.from_lines([pattern])
            except ValueError as error:
                raise ValueError(f"bad glob {json.dumps(pattern)}: {error}") from None
        return cls(base, patterns, origin, pathspec.GitIgnoreSpec.from_lines(patterns))

    def without(self, pattern: str) -> Globs:
        """Return the globs without one pattern (in any of git's spellings of a directory)."""
        spellings = {pattern, pattern + "/", "/" + pattern, "/" + pattern + "/"}
        kept = tuple(p for p in self.patterns if p not in spellings)
        return Globs.of(self.base, kept, self.origin)

    def matches(self, absolute: str, is_dir: bool) -> bool:
        """Tell whether a normalized absolute path (a directory when is_dir) matches, in base."""
        if not self.patterns:
            return False
        # Plain string operations: this runs for every directory and file of a walk.
        prefix = self.base if self.base.endswith(os.sep) else self.base + os.sep
        if not absolute.startswith(prefix):
            return False
        relative = absolute[len(prefix) :].replace(os.sep, "/")
        return self.spec.match_file(relative + "/" if is_dir else relative)
