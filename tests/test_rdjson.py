"""--format rdjson and rdjsonl: reviewdog's schemas, its validator, and the suggestions."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from gofix_bind.model import Edit
from gofix_bind.output.positions import LineIndex
from tests.format_runs import GOLDEN, REVIEW_CASE, git_tree, golden_tree, run, run_json
from tests.validators import rdformat_validator

SCHEMAS = Path(__file__).parent / "schemas" / "rdjson"
RESULT_SCHEMA = json.loads((SCHEMAS / "DiagnosticResult.json").read_text(encoding="utf-8"))
DIAGNOSTIC_SCHEMA = json.loads((SCHEMAS / "Diagnostic.json").read_text(encoding="utf-8"))
CASES = ("review_formats", "gofmt_align_shared_block_two", "gofmt_align_break", "udp_rules")


def _lines(output: str) -> list[Any]:
    return [json.loads(line) for line in output.splitlines()]


@pytest.mark.parametrize("case", CASES)
def test_rdjson_and_rdjsonl_pass_reviewdogs_schemas(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = golden_tree(case, tmp_path / "t")
    for mode in ([], ["--apply"]):
        document = run_json(monkeypatch, root, "--format", "rdjson", *mode, ".")
        jsonschema.Draft4Validator(RESULT_SCHEMA).validate(document)
        assert document["source"]["name"] == "gofix-bind"
        assert document["source"]["url"].startswith("https://")
        lines = _lines(run(monkeypatch, root, "--format", "rdjsonl", *mode, ".").stdout)
        for line in lines:
            jsonschema.Draft4Validator(DIAGNOSTIC_SCHEMA).validate(line)
            assert line["source"]["name"] == "gofix-bind"
        assert [{k: v for k, v in d.items() if k != "source"} for d in lines] == document[
            "diagnostics"
        ]
        assert {d["severity"] for d in lines} <= {"WARNING"}


def test_the_rdformat_validator_accepts_both(tmp_path: Path) -> None:
    """@umbrelladocs/rdformat-validator, strict and without extra fields, on the pinned output."""
    command = rdformat_validator()
    files = [tmp_path / "result.rdjson"]
    files[0].write_bytes((REVIEW_CASE / "format-rdjson.stdout").read_bytes())
    # The validator reads one document a file: each rdjsonl line is one.
    pinned = (REVIEW_CASE / "format-rdjsonl.stdout").read_text(encoding="utf-8")
    for number, line in enumerate(pinned.splitlines(), start=1):
        files.append(tmp_path / f"line-{number}.json")
        files[-1].write_text(line, encoding="utf-8")
    done = subprocess.run(
        [*command, "--strict", "--no-extra-fields", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    verdict = json.loads(done.stdout)
    assert verdict["filesProcessed"] == len(files) > 2
    assert (verdict["totalErrors"], verdict["totalWarnings"]) == (0, 0)


def test_the_rdformat_validator_rejects_a_bad_severity(tmp_path: Path) -> None:
    """The validator run above is live: it rejects what reviewdog's schema rejects."""
    command = rdformat_validator()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"diagnostics": [{"message": "m", "severity": "WARN"}]}))
    done = subprocess.run([*command, "--strict", str(bad)], capture_output=True, check=False)
    assert done.returncode == 1


def _byte_edits(index: LineIndex, suggestions: list[Any]) -> list[Edit]:
    def offset(position: Any) -> int:
        return index.line_start(position["line"]) + position["column"] - 1

    return [
        Edit(offset(s["range"]["start"]), offset(s["range"]["end"]), s["text"].encode())
        for s in suggestions
    ]


def test_each_finding_suggests_every_edit_of_its_fix_change_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = golden_tree("review_formats", tmp_path / "t")
    document = run_json(monkeypatch, root, "--format", "rdjson")
    report = run_json(monkeypatch, root, "--format", "json")
    by_place = {(f["path"], f["line"], f["column"]): f for f in report["findings"]}
    seen = 0
    for diagnostic in document["diagnostics"]:
        start = diagnostic["location"]["range"]["start"]
        place = (diagnostic["location"]["path"], start["line"], start.get("column"))
        finding = by_place.get(place)
        if finding is None:
            continue  # a block's diagnostic
        seen += 1
        source = (root / finding["path"]).read_bytes()
        # Columns are the finding's own byte columns, non-ASCII text before it included.
        assert diagnostic["location"]["range"]["end"]["column"] == finding["end_column"]
        fix = finding["fix"]
        if fix is None:
            assert "suggestions" not in diagnostic
            continue
        suggestions = diagnostic["suggestions"]
        assert len(suggestions) == len(fix["edits"])
        edits = _byte_edits(LineIndex.of(source), suggestions)
        expected = [
            Edit(e["start_byte"], e["end_byte"], e["content"].encode()) for e in fix["edits"]
        ]
        assert sorted(edits, key=lambda e: e.start_byte) == expected
        # The change comes first, so reviewdog anchors its comment on the changed line.
        assert edits[0].content.startswith(b"127.0.0.1")
    assert seen == 5  # the suppressed finding is left out


@pytest.mark.parametrize(
    ("case", "lines", "fixes"),
    [
        ("gofmt_align_shared_block_two", (15, 17), 2),
        ("gofmt_align_shared_block_three", (24, 27), 3),
    ],
)
def test_a_shared_block_gets_one_suggestion_of_the_whole_files_plan(
    case: str, lines: tuple[int, int], fixes: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fixes that realign one aligned block: one whole-lines suggestion, as --apply writes it."""
    root = golden_tree(case, tmp_path / "t")
    document = run_json(monkeypatch, root, "--format", "rdjson")
    blocks = [d for d in document["diagnostics"] if "column" not in d["location"]["range"]["start"]]
    (block,) = blocks
    (suggestion,) = block["suggestions"]
    first, last = suggestion["range"]["start"]["line"], suggestion["range"]["end"]["line"]
    assert block["location"]["range"] == suggestion["range"]
    assert (first, last) == lines
    applied = (GOLDEN / case / "expected" / "main.go").read_text().split("\n")
    assert suggestion["text"] == "\n".join(applied[first - 1 : last])
    # Accepting it is --apply on these lines: the rest of the file is as --apply leaves it too.
    original = (root / "main.go").read_text().split("\n")
    accepted = original[: first - 1] + suggestion["text"].split("\n") + original[last:]
    assert accepted == applied
    assert "accept this suggestion" in block["message"]
    # Each finding still has its own suggestions, for accepting one fix alone.
    assert sum("suggestions" in d for d in document["diagnostics"]) == fixes + 1


def test_a_single_line_fix_gets_no_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    call = '\t_ = http.ListenAndServe(":8080", nil)\n'
    source = f'package main\n\nimport "net/http"\n\nfunc main() {{\n{call}}}\n'
    root = git_tree(tmp_path / "t", {"main.go": source})
    lines = _lines(run(monkeypatch, root, "--format", "rdjsonl").stdout)
    (only,) = lines
    assert only["suggestions"] == [
        {
            "range": {"start": {"line": 6, "column": 27}, "end": {"line": 6, "column": 27}},
            "text": "127.0.0.1",
        }
    ]


def test_apply_lists_what_remains_and_no_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = golden_tree("review_formats", tmp_path / "t")
    lines = _lines(run(monkeypatch, root, "--format", "rdjsonl", "--apply").stdout)
    assert sorted(
        (d["location"]["path"], d["location"]["range"]["start"]["line"]) for d in lines
    ) == [
        ("dual.go", 10),
        ("probe.go", 8),
    ]
