"""reviewdog's diagnostic format: rdjson (one document) and rdjsonl (one diagnostic a line).

Positions are 1-based, columns count UTF-8 bytes and a range's end is exclusive, as reviewdog's
schema defines them. Each finding carries one suggestion per edit of its fix, its change first
so that reviewdog anchors its comment on the changed line. Where a file's plan edits lines
that per-edit suggestions cannot fix in one go (fixes sharing a gofmt-aligned block, a fix
realigning other lines), one more diagnostic holds the block's lines as the plan writes them.
Suppressed findings are left out: reviewdog has nothing to show them as.
"""

from __future__ import annotations

import json
from typing import Any

from gofix_bind.model import Edit, FileResult, Finding, Mode, Run
from gofix_bind.output.blocks import Block, blocks
from gofix_bind.output.describe import fix_note, shows_trace, via
from gofix_bind.output.format import Context, Format
from gofix_bind.output.positions import LineIndex
from gofix_bind.paths import shown_json
from gofix_bind.report import remaining_findings
from gofix_bind.rules import PROJECT_URL, RULES

SOURCE = {"name": "gofix-bind", "url": PROJECT_URL}
SEVERITY = "WARNING"

Json = dict[str, Any]


def _range(index: LineIndex, start_byte: int, end_byte: int) -> Json:
    start, end = index.position(start_byte), index.position(end_byte)
    return {
        "start": {"line": start.line, "column": start.column},
        "end": {"line": end.line, "column": end.column},
    }


def _code(rule_id: str) -> Json:
    return {"value": rule_id, "url": RULES[rule_id].help_uri}


def _suggestions(finding: Finding, index: LineIndex) -> list[Json]:
    """Return one suggestion per edit of the fix: the changes first, then the layout."""
    if finding.fix is None:
        return []
    edits: list[Edit] = [*finding.fix.changes, *finding.fix.layout]
    return [
        {"range": _range(index, e.start_byte, e.end_byte), "text": e.content.decode("utf-8")}
        for e in edits
    ]


def _diagnostic(finding: Finding, index: LineIndex, context: Context, single: bool) -> Json:
    message = finding.message + via(finding) + fix_note(finding, context.policy)
    diagnostic: Json = {
        "message": message,
        "location": {
            "path": finding.path,
            "range": _range(index, finding.start_byte, finding.end_byte),
        },
        "severity": SEVERITY,
    }
    if single:
        # A line of rdjsonl stands alone; in rdjson the document names the source once.
        diagnostic["source"] = SOURCE
    diagnostic["code"] = _code(finding.rule)
    suggestions = _suggestions(finding, index)
    if suggestions:
        diagnostic["suggestions"] = suggestions
    if shows_trace(finding):
        diagnostic["related_locations"] = [
            {
                "message": f"{step.sink} is called here",
                "location": {
                    "path": step.path,
                    "range": {"start": {"line": step.line, "column": step.column}},
                },
            }
            for step in finding.trace
        ]
    return diagnostic


def _block_message(block: Block) -> str:
    lines = f"lines {block.first_line}-{block.last_line}"
    if block.first_line == block.last_line:
        lines = f"line {block.first_line}"
    count = len(block.findings)
    if count == 1:
        return (
            f"The fix on {lines} in one suggestion, as --apply writes it: accept this "
            "suggestion, not the finding's own ones"
        )
    return (
        f"The {count} fixes on {lines} together, as --apply writes them: to fix them all, "
        "accept this suggestion, not the per-finding ones"
    )


def _block_diagnostic(path: str, block: Block, single: bool) -> Json:
    message = _block_message(block)
    # A range of whole lines (no columns): the suggestion replaces them, line endings included.
    whole = {"start": {"line": block.first_line}, "end": {"line": block.last_line}}
    diagnostic: Json = {
        "message": message,
        "location": {"path": path, "range": whole},
        "severity": SEVERITY,
    }
    if single:
        diagnostic["source"] = SOURCE
    diagnostic["code"] = _code(block.findings[0].rule)
    diagnostic["suggestions"] = [{"range": whole, "text": block.text}]
    return diagnostic


def _file_diagnostics(
    result: FileResult, findings: list[Finding], run: Run, context: Context, single: bool
) -> list[Json]:
    index = LineIndex.of(result.old_source)
    out = [_diagnostic(f, index, context, single) for f in findings]
    # After --apply the plan is written: no block is left to suggest.
    if run.mode is Mode.REPORT:
        out += [_block_diagnostic(result.path, b, single) for b in blocks(result)]
    return out


def diagnostics(run: Run, context: Context, single: bool) -> list[Json]:
    """Return the diagnostics of the findings the mode leaves, file by file in path order."""
    left: dict[str, list[Finding]] = {}
    for finding in remaining_findings(run.results, run.mode):
        left.setdefault(finding.path, []).append(finding)
    out: list[Json] = []
    for result in run.results:
        findings = sorted(left.get(result.path, ()), key=lambda f: (f.line, f.column))
        if findings or (run.mode is Mode.REPORT and result.plan is not None):
            out += _file_diagnostics(result, findings, run, context, single)
    return out


def render_document(run: Run, context: Context) -> bytes:
    """Return one DiagnosticResult document."""
    body = {
        "source": SOURCE,
        "severity": SEVERITY,
        "diagnostics": diagnostics(run, context, single=False),
    }
    return (shown_json(json.dumps(body, indent=2, ensure_ascii=False)) + "\n").encode("utf-8")


def render_lines(run: Run, context: Context) -> bytes:
    """Return one Diagnostic document per line."""
    lines = [
        shown_json(json.dumps(d, ensure_ascii=False)) + "\n"
        for d in diagnostics(run, context, True)
    ]
    return "".join(lines).encode("utf-8")


RDJSON = Format("rdjson", frozenset({Mode.REPORT, Mode.APPLY}), render_document)
RDJSONL = Format("rdjsonl", frozenset({Mode.REPORT, Mode.APPLY}), render_lines)
