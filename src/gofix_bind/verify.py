"""Check rewritten bytes before they are shown or written, through the language's hooks."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence

from gofix_bind.ignore import split_ignored, without_excluded
from gofix_bind.language import Language, Scan
from gofix_bind.model import FilePlan, Finding
from gofix_bind.plan import plan_fix
from gofix_bind.settings import Settings

NOT_PARSED = "the rewritten file does not parse; nothing written"
OUTSIDE_FIX = "the rewritten file changes code outside the fix; nothing written"


def _key(finding: Finding) -> tuple[str, str, str, str]:
    """Name a finding by what it says, not where: the bytes before it move when a fix lands."""
    return (finding.path, finding.sink, finding.address, finding.message)


def verify(
    language: Language,
    scan: Scan,
    writes: Mapping[str, tuple[FilePlan, bytes]],
    settings: Settings,
    left: Sequence[Finding] = (),
) -> dict[str, str]:
    """Return, by path, why a rewritten file must not be written; empty when all are sound.

    writes holds each rewritten file's plan and the bytes it gives. Each must parse with no
    error the original lacked and keep the original's code outside the nodes the edits
    replace. A second pass over the unit with the new bytes must then find no fix this run
    would apply, except those in left: fixes the caller chose not to apply now.
    """
    problems: dict[str, str] = {}
    by_path = {file.job.display: file for file in scan.files}
    replaced = {}
    for path, (plan, new_source) in writes.items():
        file = by_path[path]
        tree = language.reparse((file.source, file.tree), plan.edits, new_source)
        if language.syntax_errors(tree) > language.syntax_errors(file.tree):
            problems[path] = NOT_PARSED
        elif not language.same_code((file.source, file.tree), (new_source, tree), plan.edits):
            problems[path] = OUTSIDE_FIX
        replaced[path] = (new_source, tree)
    expected = Counter(_key(finding) for finding in left)
    policy = settings.policy
    again = language.rescan(scan, replaced, settings)
    for path, found in again.items():
        # What the config takes out of the first pass, it takes out of the second too.
        findings = without_excluded(found, scan, language, settings)
        if not settings.detection.no_suppress:
            findings = split_ignored(findings, policy)[0]
        leftover = []
        job = by_path[path].job
        location = os.path.join(job.cwd, job.path)
        for finding in findings:
            planned = plan_fix(finding, policy, language.spell, location)
            if not policy.allows(planned):
                continue
            if expected[_key(planned)] > 0:
                expected[_key(planned)] -= 1
                continue
            leftover.append(planned)
        if leftover and path not in problems:
            first = leftover[0]
            problems[path] = (
                f"a second pass still finds a fix at {first.line}:{first.column}; nothing written"
            )
    return problems
