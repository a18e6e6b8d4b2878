"""Run detect -> suppress over the parsed files of one package."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from gofix_bind.go.detect import detect
from gofix_bind.go.package import Package
from gofix_bind.go.suppress import Tool, coverage, marker_offsets, split_suppressed
from gofix_bind.model import Finding, Suppressed


@dataclass(frozen=True)
class Analysis:
    """Findings and suppressed findings, by the path of each literal."""

    findings: dict[str, tuple[Finding, ...]]
    suppressed: dict[str, tuple[Suppressed, ...]]


def analyze(package: Package, no_suppress: bool) -> Analysis:
    """Analyze the files of one package.

    A finding is kept when its literal is in a reported file, or when it reaches a listener in
    one: fixing a listener in main.go may take an edit in the config.go beside it.
    """
    found = detect(package)
    # Read after detection, which may have parsed more of the package's files.
    by_path = {file.path: file for file in package.files}
    covered: dict[str, Mapping[Tool, frozenset[int]]] = {}

    def coverage_of(path: str) -> Mapping[Tool, frozenset[int]]:
        if no_suppress:
            return {}
        if path not in covered:
            file = by_path[path]
            if file.regions is not None:
                # A comment in a chunk the tree lacks may cover lines of one it holds.
                file.note(marker_offsets(file.source))
            covered[path] = coverage(file.tree.root_node, file.source)
        return covered[path]

    raw = [
        f
        for f in found
        if by_path[f.path].reported or any(by_path[s.path].reported for s in f.trace)
    ]
    findings: dict[str, list[Finding]] = defaultdict(list)
    suppressed: dict[str, list[Suppressed]] = defaultdict(list)
    for finding in raw:
        kept, dropped = split_suppressed([finding], coverage_of)
        suppressed[finding.path].extend(dropped)
        findings[finding.path].extend(kept)
    return Analysis(
        {p: tuple(f) for p, f in findings.items()}, {p: tuple(s) for p, s in suppressed.items()}
    )
