"""Run detect -> suppress -> plan over the parsed files of one package."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from gofix_bind.go.detect import detect
from gofix_bind.go.package import GoFile, Package
from gofix_bind.go.suppress import covered_lines, split_suppressed
from gofix_bind.model import Finding, Settings
from gofix_bind.rewrite import plan


@dataclass(frozen=True)
class Analysis:
    """Findings with planned fixes, and suppressed counts, by the path of each literal."""

    findings: dict[str, tuple[Finding, ...]]
    suppressed: dict[str, int]


def analyze(package: Package, settings: Settings) -> Analysis:
    """Analyze the files of one package.

    A finding is kept when its literal is in a reported file, or when it reaches a listener in
    one: fixing a listener in main.go may take an edit in the config.go beside it.
    """
    found = detect(package)
    # Read after detection, which may have parsed more of the package's files.
    by_path = {file.path: file for file in package.files}
    covered: dict[str, frozenset[int]] = {}

    def lines_of(path: str) -> frozenset[int]:
        if settings.no_suppress:
            return frozenset()
        if path not in covered:
            file = by_path[path]
            covered[path] = covered_lines(file.tree.root_node, file.source)
        return covered[path]

    raw = [
        f
        for f in found
        if by_path[f.path].reported or any(by_path[s.path].reported for s in f.trace)
    ]
    findings: dict[str, list[Finding]] = defaultdict(list)
    suppressed: dict[str, int] = defaultdict(int)
    for finding in raw:
        kept, dropped = split_suppressed([finding], lines_of)
        suppressed[finding.path] += dropped
        findings[finding.path].extend(plan(f, settings) for f in kept)
    return Analysis({p: tuple(f) for p, f in findings.items()}, dict(suppressed))


def group_packages(files: list[GoFile]) -> list[list[GoFile]]:
    """Split the files of one directory by package clause (x and x_test are two packages)."""
    groups: dict[str, list[GoFile]] = defaultdict(list)
    for file in files:
        groups[file.package_name].append(file)
    return list(groups.values())
