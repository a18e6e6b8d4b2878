"""The human format: one `path:line:col: rule: message` line per finding."""

from __future__ import annotations

from collections.abc import Iterable

import click

from gofix_bind.model import FileResult, Finding, Mode, Outcome, Run
from gofix_bind.output.describe import fix_note, via
from gofix_bind.output.format import Context, Format
from gofix_bind.paths import shown
from gofix_bind.report import Summary, remaining_findings
from gofix_bind.settings import FixPolicy


def finding_lines(findings: Iterable[Finding], policy: FixPolicy, color: bool) -> str:
    """Return one line per finding, sorted by path, line and column."""
    lines = []
    for f in sorted(findings, key=lambda f: (f.path, f.line, f.column)):
        location = f"{f.path}:{f.line}:{f.column}:"
        if color:
            location = click.style(location, bold=True)
        note = fix_note(f, policy)
        if color and note:
            note = click.style(note, fg="cyan")
        lines.append(f"{location} {f.rule}: {f.message}{via(f)}{note}\n")
    return shown("".join(lines))


def problems(results: Iterable[FileResult]) -> str:
    """Return the stderr lines naming each file that failed and each skip worth a word."""
    lines = [f"{r.path}: error: {r.reason}\n" for r in results if r.outcome is Outcome.FAILED]
    lines += [f"{r.path}: skipped: {r.reason}\n" for r in results if r.announce]
    return shown("".join(lines))


def changed_lines(results: Iterable[FileResult]) -> str:
    """Return the stderr line naming each file --apply wrote, with how many fixes it holds."""
    return shown(
        "".join(
            f"fixed {r.path} ({_plural(len(r.fixed), 'fix')})\n"
            for r in results
            if r.outcome is Outcome.CHANGED
        )
    )


def render(run: Run, context: Context) -> bytes:
    """Return the findings that remain after the mode's action, one line each."""
    findings = remaining_findings(run.results, run.mode)
    return finding_lines(findings, context.policy, context.color).encode("utf-8")


FORMAT = Format("text", frozenset({Mode.REPORT, Mode.APPLY}), render)


def _plural(count: int, word: str) -> str:
    if count == 1:
        return f"{count} {word}"
    return f"{count} {word}" + ("es" if word.endswith("x") else "s")


def summary_line(summary: Summary, applying: bool) -> str:
    """Return the one-line count printed on stderr at the end of a run."""
    parts = [
        _plural(summary.findings, "finding"),
        f"{_plural(summary.files_scanned, 'file')} scanned",
    ]
    if applying:
        parts.append(f"{summary.fixed} fixed in {_plural(summary.files_changed, 'file')}")
        parts.append(f"{summary.remaining} remaining")
    else:
        parts.append(f"{summary.fixable} fixable")
    if summary.held_back:
        them = "it" if summary.held_back == 1 else "them"
        parts.append(
            f"{_plural(summary.held_back, 'unsafe fix')} held back (--unsafe-fixes applies {them})"
        )
    parts.append(f"{summary.suppressed} suppressed")
    parts.append(f"{_plural(summary.files_skipped, 'file')} skipped")
    if summary.errors:
        parts.append(_plural(summary.errors, "error"))
    return ", ".join(parts) + "\n"


def diff_note(summary: Summary) -> str:
    """Return the stderr line saying which findings --diff leaves out and why, or ""."""
    left = summary.findings - summary.planned
    if left <= 0:
        return ""
    failed = left - summary.held_back - summary.unfixable
    reasons = [
        (summary.held_back, "with an unsafe fix held back"),
        (summary.unfixable, "with no fix"),
        # Files that failed (named above), or that standard input's run does not change.
        (failed, "in files this run does not change"),
    ]
    why = ", ".join(f"{count} {reason}" for count, reason in reasons if count > 0)
    return (
        f"{_plural(left, 'finding')} not in the diff: {why}; a report without --diff lists them\n"
    )
