"""Run parse -> detect -> suppress -> plan over one file's bytes."""

from __future__ import annotations

from dataclasses import dataclass

import tree_sitter

from gofix_bind.go.detect import detect
from gofix_bind.go.parse import parse
from gofix_bind.go.suppress import split_suppressed
from gofix_bind.model import Finding, Settings
from gofix_bind.rewrite import plan


@dataclass(frozen=True)
class Analysis:
    """A file's syntax tree and its findings, each with the fix this run's policy allows."""

    tree: tree_sitter.Tree
    findings: tuple[Finding, ...]
    suppressed: int


def analyze(path: str, source: bytes, settings: Settings) -> Analysis:
    """Parse source and return its unsuppressed findings with planned fixes."""
    tree = parse(source)
    findings, suppressed = split_suppressed(detect(path, source, tree), tree.root_node, source)
    return Analysis(tree, tuple(plan(f, settings) for f in findings), suppressed)
