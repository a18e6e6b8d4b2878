"""The machine format (version 1): findings, errors and the summary in one JSON document."""

from __future__ import annotations

import json
from typing import Any

from gofix_bind.model import Edit, Finding, Mode, Outcome, Run
from gofix_bind.output.format import Context, Format
from gofix_bind.paths import shown_json

VERSION = 1


def _edit(e: Edit) -> dict[str, Any]:
    return {
        "start_byte": e.start_byte,
        "end_byte": e.end_byte,
        "content": e.content.decode("utf-8"),
    }


def _finding(f: Finding) -> dict[str, Any]:
    fix = None
    if f.fix is not None:
        # Every edit the fix makes applied alone, the formatter's realignment included.
        fix = {
            "applicability": f.fix.applicability.value,
            "reason": f.fix.reason,
            "edits": [_edit(e) for e in f.fix.edits],
        }
    return {
        "rule": f.rule,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "start_byte": f.start_byte,
        "end_byte": f.end_byte,
        "sink": f.sink,
        "address": f.address,
        "source": f.source.value,
        "message": f.message,
        "fix": fix,
        "trace": [
            {"path": s.path, "line": s.line, "column": s.column, "sink": s.sink} for s in f.trace
        ],
    }


def render(run: Run, context: Context) -> bytes:
    """Return the JSON report, findings sorted by path, line and column."""
    results = run.results
    summary = context.summary
    findings = sorted(
        (f for r in results for f in r.findings), key=lambda f: (f.path, f.line, f.column)
    )
    # Exactly what --apply writes (or would write, in report mode), file by file.
    files = sorted((r.plan for r in results if r.plan is not None), key=lambda p: p.path)
    body = {
        "version": VERSION,
        "findings": [_finding(f) for f in findings],
        "files": [{"path": p.path, "edits": [_edit(e) for e in p.edits]} for p in files],
        "errors": [
            {"path": r.path, "message": r.reason} for r in results if r.outcome is Outcome.FAILED
        ],
        "summary": {
            "files_scanned": summary.files_scanned,
            "files_skipped": summary.files_skipped,
            "files_failed": summary.files_failed,
            "findings": summary.findings,
            "fixable": summary.fixable,
            "suppressed": summary.suppressed,
            "fixed": summary.fixed,
            # The files --apply wrote, in path order; [] in report mode.
            "changed": [
                r.path for r in results if run.mode is Mode.APPLY and r.outcome is Outcome.CHANGED
            ],
        },
    }
    return (shown_json(json.dumps(body, indent=2, ensure_ascii=False)) + "\n").encode("utf-8")


FORMAT = Format("json", frozenset({Mode.REPORT, Mode.APPLY}), render)
