"""What config files take out of a unit's findings: ignored paths, and files left out.

A config file's `ignore = true` override suppresses the findings in the paths it matches. As
with a suppression comment, a finding is suppressed when its literal's file is ignored, or when
every listener it reaches is; listeners in ignored files are dropped from its trace.

A sibling file that the excludes leave out (a test file with exclude-tests) is still read for
the names it declares, but reported nowhere: findings in it are dropped, and so are its
listeners from other findings' traces, in the same way.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence

from gofix_bind.discover import file_excluded
from gofix_bind.language import Language, Scan
from gofix_bind.model import Finding, Job, Suppressed, Suppression, SuppressionKind
from gofix_bind.settings import FixPolicy, Settings

TOOL = "gofix-bind"


def _suppression(policy: FixPolicy, path: str) -> Suppression | None:
    rule = policy.ignored(path)
    if rule is None:
        return None
    config, _, table = rule.origin.rpartition(": ")
    return Suppression(TOOL, config, 0, SuppressionKind.CONFIG, table, rule.reason)


def _split(
    findings: Sequence[Finding], cover: Callable[[str], Suppression | None]
) -> tuple[list[Finding], list[Suppressed]]:
    """Split off the findings whose literal's file, or every listener's, cover names."""
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    for finding in findings:
        own = cover(finding.path)
        if own is not None:
            suppressed.append(Suppressed(finding, (own,)))
            continue
        steps = [(step, cover(step.path)) for step in finding.trace]
        trace = tuple(step for step, by in steps if by is None)
        if finding.trace and not trace:
            by = tuple(dict.fromkeys(s for _, s in steps if s is not None))
            suppressed.append(Suppressed(finding, by))
            continue
        kept.append(finding.with_trace(trace))
    return kept, suppressed


def split_ignored(
    findings: Sequence[Finding], policy: FixPolicy
) -> tuple[list[Finding], list[Suppressed]]:
    """Split off the findings that the policy's overrides ignore."""
    return _split(findings, lambda path: _suppression(policy, path))


# Stands for an excluded file in _split: such findings are dropped, not reported suppressed.
_LEFT_OUT = Suppression(TOOL, "", 0, SuppressionKind.CONFIG)


def without_excluded(
    findings: Sequence[Finding], scan: Scan, language: Language, settings: Settings
) -> list[Finding]:
    """Drop what lies in files the excludes leave out, other than the scan's own files."""
    discovery = settings.discovery
    if not (discovery.exclude_tests or discovery.exclude or discovery.extend_exclude):
        return list(findings)
    own = {file.job.display for file in scan.files}
    cwd = scan.files[0].job.cwd if scan.files else None

    def cover(path: str) -> Suppression | None:
        if path in own or cwd is None:
            return None
        absolute = os.path.normpath(os.path.join(cwd, path))
        excluded = file_excluded(language, os.path.basename(path), absolute, discovery)
        return _LEFT_OUT if excluded is not None else None

    return _split(findings, cover)[0]


def narrow(scan: Scan, unit: Sequence[Job], language: Language, settings: Settings) -> Scan:
    """Apply the config to a unit's scan: excluded siblings out, ignored findings suppressed."""
    named = {job.display for job in unit}
    discovery = settings.discovery
    files = tuple(
        file
        for file in scan.files
        if file.job.display in named
        or file_excluded(language, file.job.path.name, os.path.abspath(file.job.path), discovery)
        is None
    )
    return apply(dataclasses.replace(scan, files=files), language, settings)


def apply(scan: Scan, language: Language, settings: Settings) -> Scan:
    """Drop what lies in excluded files; move the findings overrides ignore to suppressed."""
    policy = settings.policy
    suppressing = not settings.detection.no_suppress and bool(policy.rules)
    files = []
    for file in scan.files:
        findings = without_excluded(file.findings, scan, language, settings)
        ignored: list[Suppressed] = []
        if suppressing:
            findings, ignored = split_ignored(findings, policy)
        if ignored or len(findings) != len(file.findings):
            file = dataclasses.replace(
                file, findings=tuple(findings), suppressed=(*file.suppressed, *ignored)
            )
        files.append(file)
    return dataclasses.replace(scan, files=tuple(files))
