"""Check rewritten bytes before they are shown or written."""

from __future__ import annotations

from gofix_bind.analyze import analyze, group_packages
from gofix_bind.go.package import GoFile
from gofix_bind.go.parse import error_count, parse
from gofix_bind.model import Settings


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
    for package in group_packages(rewritten):
        again = analyze(package, settings)
        for path, findings in again.findings.items():
            leftover = [f for f in findings if settings.allows(f.fix)]
            if leftover and path not in problems:
                first = leftover[0]
                problems[path] = (
                    f"a second pass still finds a fix at {first.line}:{first.column}; "
                    "nothing written"
                )
    return problems
