"""A pull request body for a bulk fix: what changed and why, what was left, and how to review.

The body depends on the tree alone (no dates, no absolute paths), so running again on the same
tree gives the same text. With --apply it describes what was written; in report mode, what
--apply would write.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable

from gofix_bind.model import (
    Applicability,
    FileResult,
    Finding,
    Mode,
    Outcome,
    Run,
    Suppression,
    SuppressionKind,
)
from gofix_bind.output import repo
from gofix_bind.output.describe import one_line
from gofix_bind.output.format import Context, Format
from gofix_bind.output.rewrite import rewrite
from gofix_bind.paths import shown
from gofix_bind.report import fixed_by
from gofix_bind.rules import RULES
from gofix_bind.settings import shared_options

NO_FIX = "; no fix: "


def cell(text: str) -> str:
    """Return text fit for a table cell: one line, pipes and backticks escaped."""
    flat = " ".join(text.split())
    return flat.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")


def code(text: str) -> str:
    """Return text as an inline code span fit for a table cell."""
    flat = " ".join(text.split())
    # A fence one backtick longer than any run inside, padded when the text touches it.
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {flat} " if flat.startswith("`") or flat.endswith("`") else flat
    # GitHub splits table cells at every unescaped pipe, code spans included.
    return f"{fence}{padded}{fence}".replace("|", "\\|")


def _row(values: Iterable[str]) -> str:
    return "| " + " | ".join(values) + " |\n"


def _table(header: list[str], rows: list[list[str]]) -> str:
    return _row(header) + _row("---" for _ in header) + "".join(_row(r) for r in rows)


def _where(finding: Finding, results: dict[str, FileResult]) -> list[str]:
    return [code(repo.repo_path(finding.path, results)), str(finding.line), code(finding.sink)]


def _fix_kind(finding: Finding) -> str:
    fix = finding.fix
    if fix is None or fix.applicability is Applicability.SAFE:
        return "safe"
    return cell(f"unsafe: {fix.reason}")


def _changed_rows(
    fixed: list[tuple[Finding, FileResult]], results: dict[str, FileResult]
) -> list[list[str]]:
    rows = []
    for finding, result in fixed:
        change = rewrite(finding, result.old_source)
        address = "" if change is None else f"{code(change.old)} → {code(change.new)}"
        rows.append([*_where(finding, results), address, _fix_kind(finding)])
    return rows


def _why_left(finding: Finding, result: FileResult, context: Context) -> str:
    fix = finding.fix
    if fix is None:
        # The message says why when the planner knew: "...; no fix: <reason>".
        reason = finding.message.partition(NO_FIX)[2]
        return cell(f"no fix: {reason}" if reason else "no fix")
    if not context.policy.allows(finding):
        return cell(f"unsafe fix held back (--unsafe-fixes applies it): {fix.reason}")
    if result.outcome is Outcome.FAILED:
        return cell(f"not written: {result.reason}")
    return cell("not fixed")


def _suppressed_by(by: Suppression, results: dict[str, FileResult]) -> str:
    if by.kind is SuppressionKind.CONFIG:
        return f"{by.path}: {by.table} ({by.reason})"
    return f"a {by.tool} comment covering {repo.repo_path(by.path, results)}:{by.line}"


def _left_rows(run: Run, context: Context, results: dict[str, FileResult]) -> list[list[str]]:
    rows: list[tuple[tuple[str, int, int], list[str]]] = []
    for result in run.results:
        fixed = fixed_by(result)
        for finding in result.findings:
            if fixed(finding):
                continue
            address = code(one_line(result.old_source[finding.start_byte : finding.end_byte]))
            why = _why_left(finding, result, context)
            key = (repo.repo_path(finding.path, results), finding.line, finding.column)
            rows.append((key, [*_where(finding, results), address, why]))
        for suppressed in result.suppressed:
            finding = suppressed.finding
            by = "; ".join(_suppressed_by(s, results) for s in suppressed.by)
            address = code(one_line(result.old_source[finding.start_byte : finding.end_byte]))
            key = (repo.repo_path(finding.path, results), finding.line, finding.column)
            rows.append((key, [*_where(finding, results), address, cell(f"suppressed by {by}")]))
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def render(run: Run, context: Context) -> bytes:
    """Return the pull request body in GitHub-flavoured Markdown."""
    results = {r.path: r for r in run.results}
    fixed = sorted(
        ((f, r) for r in run.results for f in r.fixed),
        key=lambda pair: (repo.repo_path(pair[0].path, results), pair[0].line, pair[0].column),
    )
    files = {repo.repo_path(f.path, results) for f, _ in fixed}
    rules = sorted({f.rule for r in run.results for f in (*r.findings, *r.fixed)})
    parts = ["## Bind Go servers to one address instead of every network interface\n\n"]
    for rule_id in rules or list(RULES):
        parts.append(RULES[rule_id].change_rationale + "\n\n")
    parts.append("### Fixed\n\n")
    if fixed:
        verb = "is" if len(fixed) == 1 else "are"
        written = f"{verb} fixed" + ("" if run.mode is Mode.APPLY else " by `gofix-bind --apply`")
        parts.append(
            f"{_count(len(fixed), 'listen address', 'listen addresses')} in "
            f"{_count(len(files), 'file', 'files')} {written}:\n\n"
        )
        header = ["File", "Line", "Listener", "Address: old → new", "Fix"]
        parts.append(_table(header, _changed_rows(fixed, results)))
    else:
        parts.append("Nothing.\n")
    left = _left_rows(run, context, results)
    parts.append("\n### Left unfixed\n\n")
    if left:
        parts.append(_table(["File", "Line", "Listener", "Address", "Why"], left))
    else:
        parts.append("Nothing.\n")
    failed = [r for r in run.results if r.outcome is Outcome.FAILED]
    if failed:
        parts.append("\n### Errors\n\n")
        parts.append(
            _table(
                ["File", "Error"],
                [[code(repo.repo_path(r.path, results)), cell(r.reason)] for r in failed],
            )
        )
    # The options of this run that decide its fixes, so verify-patch expects the same ones.
    options = "".join(f" {shlex.quote(option)}" for option in shared_options(context.settings))
    parts.append(
        "\n### How to review\n\n"
        "Check that the patch holds exactly gofix-bind's fixes, and nothing else:\n\n"
        f"```sh\ngofix-bind verify-patch{options} --git BASE..HEAD\n```\n\n"
        "with the pull request's base and head commits, or "
        f"`gofix-bind verify-patch{options} PATCH` for a patch file.\n"
    )
    return shown("".join(parts)).encode("utf-8")


FORMAT = Format("markdown", frozenset({Mode.REPORT, Mode.APPLY}), render)
