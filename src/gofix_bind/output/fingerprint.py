"""Fingerprints that follow a finding across runs and across edits elsewhere in its file.

A fingerprint hashes the rule, the file's repository path and the text of the finding's line
with its white space normalised, then counts which occurrence of that hash in the file the
finding is. Lines added or removed above a finding change neither, and two findings on
identical lines still differ by their count.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable

from gofix_bind.model import Finding
from gofix_bind.output.positions import LineIndex

# The partialFingerprints key: ours, versioned, so that a change of recipe is a new key.
KEY = "gofixBind/v1"

# Identifies a finding within its file.
Spot = tuple[str, int, int]


def spot(finding: Finding) -> Spot:
    """Return what tells a finding apart from the others in its file."""
    return (finding.rule, finding.start_byte, finding.end_byte)


def fingerprints(findings: Iterable[Finding], repo_path: str, index: LineIndex) -> dict[Spot, str]:
    """Return each finding's fingerprint, the findings all being in the one file."""
    seen: dict[str, int] = {}
    prints: dict[Spot, str] = {}
    for f in sorted(findings, key=lambda f: (f.start_byte, f.end_byte, f.rule)):
        text = b" ".join(index.line_text(f.line).split())
        digest = hashlib.sha256(b"\0".join((f.rule.encode(), os.fsencode(repo_path), text)))
        key = digest.hexdigest()[:32]
        seen[key] = seen.get(key, 0) + 1
        prints[spot(f)] = f"{key}:{seen[key]}"
    return prints
