"""GitHub Actions workflow commands: an annotation per finding on the pull request's files.

Paths are relative to the repository root, where the runner resolves them; columns count
characters. A step shows at most ten warnings and ten errors, so the rest are summed up in one
notice that names the command printing them all.
"""

from __future__ import annotations

from gofix_bind.model import FileResult, Finding, Mode, Outcome, Run
from gofix_bind.output import repo
from gofix_bind.output.describe import fix_note, via
from gofix_bind.output.format import Context, Format
from gofix_bind.output.positions import LineIndex
from gofix_bind.paths import shown
from gofix_bind.report import remaining_findings

# What the runner shows of each command kind in one step; the rest it drops without a word.
LIMIT = 10
LIST_ALL = "gofix-bind --format text ."


def escape_data(text: str) -> str:
    """Escape a command's message as the runner reads it back."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command's property value, which also ends at a colon or a comma."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, properties: dict[str, str | int], message: str) -> str:
    """Return one workflow command line, properties in the order given."""
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    separator = " " if listed else ""
    return f"::{kind}{separator}{listed}::{escape_data(message)}\n"


def _warning(finding: Finding, result: FileResult, index: LineIndex, context: Context) -> str:
    start, end = index.position(finding.start_byte), index.position(finding.end_byte)
    properties: dict[str, str | int] = {
        "file": repo.repo_path(result.path, {result.path: result}),
        "line": start.line,
        "col": index.char_column(start),
        "endLine": end.line,
        "endColumn": index.char_column(end),
        "title": finding.rule,
    }
    message = finding.message + via(finding) + fix_note(finding, context.policy)
    return command("warning", properties, message)


def _capped(lines: list[str], what: str) -> list[str]:
    """Return at most LIMIT lines, and a notice of how many there are when that is fewer."""
    if len(lines) <= LIMIT:
        return lines
    notice = (
        f"{len(lines)} {what} in all; the first {LIMIT} are annotated. "
        f"Run {LIST_ALL} to list them all."
    )
    return [*lines[:LIMIT], command("notice", {}, notice)]


def render(run: Run, context: Context) -> bytes:
    """Return a warning per finding the mode leaves and an error per file that failed."""
    left: dict[str, list[Finding]] = {}
    for finding in remaining_findings(run.results, run.mode):
        left.setdefault(finding.path, []).append(finding)
    warnings: list[str] = []
    errors: list[str] = []
    for result in run.results:
        findings = sorted(left.get(result.path, ()), key=lambda f: (f.line, f.column))
        if findings:
            index = LineIndex.of(result.old_source)
            warnings += [_warning(f, result, index, context) for f in findings]
        if result.outcome is Outcome.FAILED:
            path = repo.repo_path(result.path, {result.path: result})
            errors.append(command("error", {"file": path}, f"{result.path}: {result.reason}"))
    lines = _capped(warnings, "findings") + _capped(errors, "errors")
    return shown("".join(lines)).encode("utf-8")


FORMAT = Format("github", frozenset({Mode.REPORT, Mode.APPLY}), render)
