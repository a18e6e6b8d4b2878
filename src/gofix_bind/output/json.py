"""The machine format (version 1): findings, errors and the summary in one JSON document."""

from __future__ import annotations

import json
from typing import Any

from gofix_bind.model import FileResult, Finding, Outcome
from gofix_bind.report import Summary

VERSION = 1


def _finding(f: Finding) -> dict[str, Any]:
    fix = None
    if f.fix is not None:
        fix = {
            "applicability": f.fix.applicability.value,
            "edits": [
                {
                    "start_byte": e.start_byte,
                    "end_byte": e.end_byte,
                    "content": e.content.decode("utf-8"),
                }
                for e in f.fix.edits
            ],
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


def document(results: tuple[FileResult, ...], summary: Summary) -> str:
    """Return the JSON report, findings sorted by path, line and column."""
    findings = sorted(
        (f for r in results for f in r.findings), key=lambda f: (f.path, f.line, f.column)
    )
    body = {
        "version": VERSION,
        "findings": [_finding(f) for f in findings],
        "errors": [
            {"path": r.path, "message": r.reason} for r in results if r.outcome is Outcome.FAILED
        ],
        "summary": {
            "files_scanned": summary.files_scanned,
            "files_skipped": summary.files_skipped,
            "findings": summary.findings,
            "fixable": summary.fixable,
            "suppressed": summary.suppressed,
            "fixed": summary.fixed,
        },
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
