"""Check rewritten bytes before they are shown or written."""

from __future__ import annotations

from gofix_bind.analyze import analyze, group_packages
from gofix_bind.go.package import GoFile, Package
from gofix_bind.go.parse import error_count, parse
from gofix_bind.model import Settings
from gofix_bind.prefilter import site_files


def verify(
    files: list[GoFile], new_sources: dict[str, bytes], settings: Settings
) -> dict[str, str]:
    """Return, by path, why a rewritten file must not be written; empty when all are sound.

    Each rewritten file must parse without errors, and a second pass over the package with the
    new bytes must find nothing left to fix.
    """
    problems: dict[str, str] = {}
    rewritten = []
    for file in files:
        source = new_sources.get(file.path, file.source)
        tree = file.tree if source is file.source else parse(source)
        if file.path in new_sources and error_count(tree):
            problems[file.path] = "the rewritten file does not parse; nothing written"
        rewritten.append(GoFile(file.path, source, tree, file.reported))
    for group in group_packages(rewritten):
        again = analyze(_package(group, settings), settings)
        for path, findings in again.findings.items():
            leftover = [f for f in findings if settings.allows(f.fix)]
            if leftover and path not in problems:
                first = leftover[0]
                problems[path] = (
                    f"a second pass still finds a fix at {first.line}:{first.column}; "
                    "nothing written"
                )
    return problems


def _package(files: list[GoFile], settings: Settings) -> Package:
    """Make the package for the second pass, split into site files as the first pass was."""
    sites = site_files({file.path: file.source for file in files}, settings.prefilter)
    for file in files:
        if file.path in sites:
            file.site_ranges = sites[file.path]
    by_path = {file.path: file for file in files}
    pending = {file.path: file.source for file in files if file.path not in sites}
    order = {file.path: index for index, file in enumerate(files)}
    return Package([f for f in files if f.path in sites], pending, by_path.get, order)
