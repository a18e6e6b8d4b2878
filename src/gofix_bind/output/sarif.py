"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Columns are UTF-16 code units, SARIF's default kind, declared in run.columnKind. Artifact URIs
are relative to the repository root, which originalUriBaseIds names. Suppressed findings are
results with a suppression: in-source for a comment, external for a config file's override
table, its reason the justification; every fix, unsafe ones included, is listed with all its
edits, so that a viewer can offer it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gofix_bind import __version__
from gofix_bind.model import (
    Applicability,
    Edit,
    FileResult,
    Finding,
    Mode,
    Outcome,
    Run,
    Suppression,
    SuppressionKind,
)
from gofix_bind.output import fingerprint, repo
from gofix_bind.output.describe import shows_trace
from gofix_bind.output.format import Context, Format
from gofix_bind.output.positions import LineIndex
from gofix_bind.output.rewrite import rewrite
from gofix_bind.paths import shown_json
from gofix_bind.rules import PROJECT_URL, RULES, Rule
from gofix_bind.settings import FixPolicy

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
COLUMN_KIND = "utf16CodeUnits"
# The base id of the repository root; further roots (files from two repositories) get a number.
SRCROOT = "%SRCROOT%"
TOOL_NAME = "gofix-bind"

Json = dict[str, Any]


@dataclass(frozen=True)
class _Artifact:
    """One file as a result names it: its URI from a base, and its lines."""

    uri: str
    base: str
    index: LineIndex

    def location(self) -> Json:
        return {"uri": self.uri, "uriBaseId": self.base}


def _region(index: LineIndex, start_byte: int, end_byte: int) -> Json:
    """Return a text region, its columns in UTF-16 code units and its end exclusive."""
    start, end = index.position(start_byte), index.position(end_byte)
    return {
        "startLine": start.line,
        "startColumn": index.utf16_column(start),
        "endLine": end.line,
        "endColumn": index.utf16_column(end),
    }


def _rule(r: Rule) -> Json:
    return {
        "id": r.id,
        "name": r.name,
        "shortDescription": {"text": r.short_description},
        "fullDescription": {"text": r.full_description},
        "help": {"text": r.help_text, "markdown": r.help_markdown},
        "helpUri": r.help_uri,
        "defaultConfiguration": {"level": r.severity},
        "properties": {
            "tags": list(r.tags),
            "precision": r.precision,
            "security-severity": r.security_severity,
            "problem.severity": r.severity,
        },
    }


def _replacement(index: LineIndex, edit: Edit) -> Json:
    return {
        "deletedRegion": _region(index, edit.start_byte, edit.end_byte),
        # Always present, "" for a deletion: reviewdog skips a replacement without it.
        "insertedContent": {"text": edit.content.decode("utf-8")},
    }


def _fix(finding: Finding, artifact: _Artifact, policy: FixPolicy) -> Json | None:
    fix = finding.fix
    changed = rewrite(finding, artifact.index.source)
    if fix is None or changed is None:
        return None
    description = f"Bind {changed.new} instead of {changed.old}."
    if fix.applicability is Applicability.UNSAFE:
        held = "" if policy.allows(finding) else " --unsafe-fixes applies it."
        description = f"Unsafe fix: {fix.reason}.{held} {description}"
    return {
        "description": {"text": description},
        "artifactChanges": [
            {
                "artifactLocation": artifact.location(),
                "replacements": [_replacement(artifact.index, e) for e in fix.edits],
            }
        ],
        "properties": {"applicability": fix.applicability.value, "reason": fix.reason},
    }


def _related(finding: Finding, artifacts: _Artifacts) -> list[Json]:
    """Return the listeners the finding's value reaches, when they are worth naming."""
    if not shows_trace(finding):
        return []
    related = []
    for number, step in enumerate(finding.trace, start=1):
        related.append(
            {
                "id": number,
                # A line only: the listener's file may hold no finding, so its bytes are unread.
                "physicalLocation": {
                    "artifactLocation": artifacts.location(step.path),
                    "region": {"startLine": step.line},
                },
                "message": {"text": f"{step.sink} is called here."},
            }
        )
    return related


class _Artifacts:
    """The files results name, and the repository roots their URIs are relative to."""

    def __init__(self, results: tuple[FileResult, ...]) -> None:
        """Index the results by path and number the roots of the files they show."""
        self._results = {r.path: r for r in results}
        self._bases: dict[Path, str] = {}
        self._indexes: dict[str, LineIndex] = {}
        # The roots of the files with results first, in path order, so %SRCROOT% is the first.
        shown = {repo.root_of(r.path) for r in results if r.findings or r.suppressed}
        for root in sorted(shown):
            self._number(root)

    def _number(self, root: Path) -> str:
        if root not in self._bases:
            number = len(self._bases) + 1
            self._bases[root] = SRCROOT if number == 1 else f"%SRCROOT{number}%"
        return self._bases[root]

    def _base(self, display: str) -> str:
        return self._number(repo.root_of(display))

    def location(self, display: str) -> Json:
        """Return the artifact location of a file, its URI relative to its root."""
        uri = repo.relative_uri(repo.repo_path(display, self._results))
        return {"uri": uri, "uriBaseId": self._base(display)}

    def artifact(self, result: FileResult) -> _Artifact:
        """Return a result's file, its lines indexed once."""
        index = self._indexes.get(result.path)
        if index is None:
            index = self._indexes[result.path] = LineIndex.of(result.old_source)
        location = self.location(result.path)
        return _Artifact(location["uri"], location["uriBaseId"], index)

    def base_ids(self) -> Json:
        """Return originalUriBaseIds: each root's file URI, with its trailing slash."""
        if not self._bases:
            # No result names a file: the root is the working directory's.
            self._bases[repo.working_root()] = SRCROOT
        return {base: {"uri": repo.file_uri(root)} for root, base in self._bases.items()}


def _result(
    finding: Finding,
    artifact: _Artifact,
    fingerprints: dict[fingerprint.Spot, str],
    artifacts: _Artifacts,
    context: Context,
) -> Json:
    rule_ids = list(RULES)
    rule = RULES[finding.rule]
    result: Json = {
        "ruleId": finding.rule,
        "ruleIndex": rule_ids.index(finding.rule),
        "level": rule.severity,
        "message": {"text": finding.message + "."},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact.location(),
                    "region": _region(artifact.index, finding.start_byte, finding.end_byte),
                }
            }
        ],
        "partialFingerprints": {fingerprint.KEY: fingerprints[fingerprint.spot(finding)]},
    }
    related = _related(finding, artifacts)
    if related:
        result["relatedLocations"] = related
    fix = _fix(finding, artifact, context.policy)
    if fix is not None:
        result["fixes"] = [fix]
    return result


def _suppression(by: Suppression) -> Json:
    if by.kind is SuppressionKind.CONFIG:
        # Decided outside the source file, by a config file's [[overrides]] table.
        return {"kind": "external", "justification": by.reason}
    return {
        "kind": "inSource",
        "justification": f"a {by.tool} suppression comment covers {by.path}:{by.line}",
    }


def _file_results(
    result: FileResult, mode: Mode, artifacts: _Artifacts, context: Context
) -> list[Json]:
    """Return a file's results: the findings the mode leaves, and the suppressed ones."""
    shown = [f for f in result.findings if not (mode is Mode.APPLY and f in result.fixed)]
    suppressed = list(result.suppressed)
    if not shown and not suppressed:
        return []
    artifact = artifacts.artifact(result)
    every = [*result.findings, *(s.finding for s in suppressed)]
    path = repo.repo_path(result.path, {result.path: result})
    prints = fingerprint.fingerprints(every, path, artifact.index)
    out = [(f, _result(f, artifact, prints, artifacts, context)) for f in shown]
    for s in suppressed:
        sarif = _result(s.finding, artifact, prints, artifacts, context)
        # Suppression.line is the line a comment covers, not the comment's own: no location.
        sarif["suppressions"] = [_suppression(by) for by in s.by]
        out.append((s.finding, sarif))
    out.sort(key=lambda pair: (pair[0].start_byte, pair[0].end_byte))
    return [sarif for _, sarif in out]


def _notifications(results: tuple[FileResult, ...], artifacts: _Artifacts) -> list[Json]:
    """Return a notification for each file that failed, and each skip worth naming."""
    notes = []
    for r in results:
        if r.outcome is Outcome.FAILED or r.announce:
            level = "error" if r.outcome is Outcome.FAILED else "warning"
            notes.append(
                {
                    "level": level,
                    "message": {"text": f"{r.path}: {r.reason}"},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": artifacts.location(r.path)}}
                    ],
                }
            )
    return notes


def render(run: Run, context: Context) -> bytes:
    """Return one SARIF log with one run, its results in path order."""
    artifacts = _Artifacts(run.results)
    results: list[Json] = []
    for r in run.results:
        results.extend(_file_results(r, run.mode, artifacts, context))
    invocation: Json = {
        "executionSuccessful": not any(r.outcome is Outcome.FAILED for r in run.results)
    }
    notifications = _notifications(run.results, artifacts)
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    log = {
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": PROJECT_URL,
                        "rules": [_rule(r) for r in RULES.values()],
                    }
                },
                "invocations": [invocation],
                "originalUriBaseIds": artifacts.base_ids(),
                "columnKind": COLUMN_KIND,
                "results": results,
            }
        ],
    }
    return (shown_json(json.dumps(log, indent=2, ensure_ascii=False)) + "\n").encode("utf-8")


FORMAT = Format("sarif", frozenset({Mode.REPORT, Mode.APPLY}), render)
