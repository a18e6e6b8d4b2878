"""--format sarif: the schema, Microsoft's validator with GitHub's rules, and what GitHub reads."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from gofix_bind import __version__, runner, settings
from gofix_bind.model import Edit, Mode
from gofix_bind.output import fingerprint, sarif
from gofix_bind.output.format import Context
from gofix_bind.output.positions import LineIndex, Position
from gofix_bind.output.repo import file_uri
from gofix_bind.plan import apply_edits
from gofix_bind.report import summarize
from gofix_bind.rules import RULES
from tests.format_runs import GOLDEN, REVIEW_CASE, git_tree, golden_tree, run, run_json
from tests.validators import sarif_multitool, sarif_multitool_env

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input").is_dir())
# The cases the (slower) Multitool reads: every kind of position, fix, suppression and failure.
MULTITOOL_CASES = (
    "review_formats",
    "gofmt_align_break",
    "gofmt_align_shared_block_three",
    "http_server_no_addr",
    "udp_rules",
    "two_on_one_line",
    "bom",
    "crlf",
    "unparsable",
)
# Its policy: SARIF2006 off, as it fetches every URI in the log and these machines reach no site.
MULTITOOL_CONFIG = Path(__file__).parent / "sarif-multitool.xml"

GREETING = """package main

import (
	"log"
	"net/http"
)

func greet(text string) string { return text }

// Grüße 🌍: non-ASCII on a line above the finding.
func main() {
	log.Fatal(greet("héllo 日本 🎉"), http.ListenAndServe("0.0.0.0:8080", nil))
}
"""


def _validate(log: Any) -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(log)


def _results(log: Any) -> list[Any]:
    return list(log["runs"][0]["results"])


@pytest.fixture(scope="module")
def golden_logs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every golden case's SARIF in report mode, and with --apply, written to files."""
    out = tmp_path_factory.mktemp("sarif")
    logs = {}
    with pytest.MonkeyPatch.context() as monkeypatch:
        for case in CASES:
            for mode in ("report", "apply"):
                tree = golden_tree(case, out / "trees" / mode / case)
                flags = ["--apply"] if mode == "apply" else []
                result = run(monkeypatch, tree, "--format", "sarif", *flags, ".")
                log = out / f"{case}.{mode}.sarif"
                log.write_bytes(result.stdout_bytes)
                logs[f"{case}.{mode}"] = log
    return logs


def test_every_golden_case_passes_the_schema(golden_logs: dict[str, Path]) -> None:
    for name, path in golden_logs.items():
        log = json.loads(path.read_text(encoding="utf-8"))
        try:
            _validate(log)
        except jsonschema.ValidationError as error:
            pytest.fail(f"{name}: {error.message} at {list(error.absolute_path)}")


def test_multitool_with_github_rules_finds_no_error_or_warning(
    golden_logs: dict[str, Path],
) -> None:
    """Microsoft's validator, SARIF and GitHub rules: nothing at level error or warning."""
    tool = sarif_multitool()
    logs = [
        golden_logs[f"{case}.{mode}"] for case in MULTITOOL_CASES for mode in ("report", "apply")
    ]
    report = logs[0].parent / "validation.sarif.json"
    done = subprocess.run(
        [
            str(tool),
            "validate",
            "--config",
            str(MULTITOOL_CONFIG),
            "--rule-kind",
            "Sarif;Gh",
            "--level",
            "Error;Warning",
            "--output",
            str(report),
            *(str(p) for p in logs),
        ],
        capture_output=True,
        text=True,
        env=sarif_multitool_env(),
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    validation = json.loads(report.read_text(encoding="utf-8-sig"))
    found = [(r["ruleId"], r.get("level", "warning"), r["message"]) for r in _results(validation)]
    assert found == []
    assert f"{len(logs)} files scanned" in done.stdout


def test_multitool_does_report_what_github_rejects(tmp_path: Path) -> None:
    """The validator run above is live: a log without rules or locations fails GitHub's rules."""
    tool = sarif_multitool()
    bad = tmp_path / "bad.sarif"
    bad.write_text(
        json.dumps(
            {
                "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                "version": "2.1.0",
                "runs": [
                    {
                        "tool": {"driver": {"name": "x", "version": "1"}},
                        "results": [{"ruleId": "R1", "message": {"text": "A message."}}],
                    }
                ],
            }
        )
    )
    report = tmp_path / "report.json"
    subprocess.run(
        [
            *(str(tool), "validate", "--config", str(MULTITOOL_CONFIG)),
            *("--rule-kind", "Sarif;Gh", "--output", str(report), str(bad)),
        ],
        capture_output=True,
        env=sarif_multitool_env(),
        check=False,
    )
    found = {r["ruleId"] for r in _results(json.loads(report.read_text(encoding="utf-8-sig")))}
    assert "GH1018" in found  # the driver lists no rules


def test_the_log_names_the_tool_and_every_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = run_json(monkeypatch, golden_tree("review_formats", tmp_path / "t"), "--format", "sarif")
    assert log["$schema"] and log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "gofix-bind"
    assert driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    for entry, rule in zip(driver["rules"], RULES.values(), strict=True):
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"] == rule.short_description
        assert entry["fullDescription"]["text"] == rule.full_description
        assert entry["help"] == {"text": rule.help_text, "markdown": rule.help_markdown}
        assert entry["helpUri"] == rule.help_uri
        properties = entry["properties"]
        assert {"security", "external/cwe/cwe-1327"} <= set(properties["tags"])
        assert properties["security-severity"] == rule.security_severity
        assert properties["precision"] == rule.precision
        assert properties["problem.severity"] == "warning"
    run_ = log["runs"][0]
    assert run_["columnKind"] == "utf16CodeUnits"
    assert run_["invocations"] == [{"executionSuccessful": True}]
    assert {r["level"] for r in _results(log)} == {"warning"}


def test_uris_are_relative_to_the_repository_root_and_percent_encoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = git_tree(tmp_path / "my repo é", {"sub dir/caf é.go": GREETING})
    # Run from a subdirectory: the URI is still relative to the root of the work tree.
    log = run_json(monkeypatch, root / "sub dir", "--format", "sarif", ".")
    run_ = log["runs"][0]
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": file_uri(root.resolve())}}
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/my%20repo%20%C3%A9/")
    location = _results(log)[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "sub%20dir/caf%20%C3%A9.go", "uriBaseId": "%SRCROOT%"}


def test_columns_count_utf16_code_units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = git_tree(tmp_path / "t", {"main.go": GREETING})
    log = run_json(monkeypatch, root, "--format", "sarif")
    finding = run_json(monkeypatch, root, "--format", "json")["findings"][0]
    region = _results(log)[0]["locations"][0]["physicalLocation"]["region"]
    line = GREETING.splitlines()[finding["line"] - 1]
    before = line[: line.index('"0.0.0.0:8080"')]
    # é is 2 bytes and 1 unit, 日 and 本 3 bytes and 1 unit each, 🎉 4 bytes and 2 units.
    assert finding["column"] == len(before.encode()) + 1
    assert region["startColumn"] == len(before.encode("utf-16-le")) // 2 + 1
    assert region["startColumn"] == finding["column"] - 1 - 2 - 2 - 2
    assert region["endColumn"] == region["startColumn"] + len('"0.0.0.0:8080"')
    assert region["startLine"] == region["endLine"] == finding["line"]


def test_a_non_bmp_character_counts_two_utf16_units() -> None:
    index = LineIndex.of("a𐐀b🎉c\n".encode())
    # reviewdog's schema example: in "a𐐀b", b is at byte column 6.
    b = Position(1, 6)
    assert index.utf16_column(b) == 4
    assert index.char_column(b) == 3
    assert index.utf16_column(Position(1, 11)) == 7  # c, after 🎉


def test_a_byte_order_mark_takes_no_column() -> None:
    index = LineIndex.of(b"\xef\xbb\xbfab\n")
    assert index.utf16_column(Position(1, 5)) == 2


def _apply_sarif(source: bytes, replacements: list[Any]) -> bytes:
    """Apply SARIF replacements, read in UTF-16 line/column regions, to source."""
    lines = source.decode().split("\n")

    def offset(line: int, column: int) -> int:
        before = "\n".join(lines[: line - 1]) + ("\n" if line > 1 else "")
        units = lines[line - 1].encode("utf-16-le")[: (column - 1) * 2].decode("utf-16-le")
        return len((before + units).encode())

    edits = [
        Edit(
            offset(r["deletedRegion"]["startLine"], r["deletedRegion"]["startColumn"]),
            offset(r["deletedRegion"]["endLine"], r["deletedRegion"]["endColumn"]),
            r["insertedContent"]["text"].encode(),
        )
        for r in replacements
    ]
    return apply_edits(source, edits)


def test_each_fix_holds_every_edit_and_applies_to_the_fix_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = golden_tree("review_formats", tmp_path / "t")
    log = run_json(monkeypatch, root, "--format", "sarif")
    report = run_json(monkeypatch, root, "--format", "json")
    fixes = {(f["path"], f["line"], f["column"]): f["fix"] for f in report["findings"]}
    checked = 0
    for result in _results(log):
        if "suppressions" in result:
            continue
        location = result["locations"][0]["physicalLocation"]
        path = location["artifactLocation"]["uri"]
        source = (root / path).read_bytes()
        index = LineIndex.of(source)
        start = location["region"]
        byte_column = len(
            index.line_text(start["startLine"])
            .decode()
            .encode("utf-16-le")[: (start["startColumn"] - 1) * 2]
            .decode("utf-16-le")
            .encode()
        )
        fix = fixes[(path, start["startLine"], byte_column + 1)]
        if fix is None:
            assert "fixes" not in result
            continue
        (sarif_fix,) = result["fixes"]
        (change,) = sarif_fix["artifactChanges"]
        assert change["artifactLocation"] == location["artifactLocation"]
        assert len(change["replacements"]) == len(fix["edits"])
        expected = apply_edits(
            source,
            [Edit(e["start_byte"], e["end_byte"], e["content"].encode()) for e in fix["edits"]],
        )
        assert _apply_sarif(source, change["replacements"]) == expected
        assert sarif_fix["description"]["text"].startswith(
            "Unsafe fix: " if fix["applicability"] == "unsafe" else "Bind "
        )
        checked += 1
    assert checked == 4  # three safe fixes (one realigning the const block) and an unsafe one


def test_a_deletion_keeps_an_empty_inserted_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No fix deletes today (realignment replaces padding); a layout edit may, so one is made."""
    source = 'package main\n\nimport "net/http"\n\nfunc main() {\n\t// x  \n' + (
        '\t_ = http.ListenAndServe(":8080", nil)\n}\n'
    )
    root = git_tree(tmp_path / "t", {"main.go": source})
    monkeypatch.chdir(root)
    found = runner.run(["."], Mode.REPORT, settings.build())
    (result,) = found.results
    (finding,) = result.findings
    assert finding.fix is not None
    spaces = source.encode().index(b"  \n")
    fix = dataclasses.replace(finding.fix, layout=(Edit(spaces, spaces + 2, b""),))
    edited = dataclasses.replace(result, findings=(dataclasses.replace(finding, fix=fix),))
    changed = dataclasses.replace(found, results=(edited,))
    built = settings.build()
    log = json.loads(sarif.render(changed, Context(summarize(changed, built.policy), built, False)))
    _validate(log)
    replacements = _results(log)[0]["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacements[0] == {
        "deletedRegion": {"startLine": 6, "startColumn": 6, "endLine": 6, "endColumn": 8},
        "insertedContent": {"text": ""},
    }
    assert replacements[1]["insertedContent"] == {"text": "127.0.0.1"}


def _prints(log: Any) -> list[str]:
    return [r["partialFingerprints"][fingerprint.KEY] for r in _results(log)]


def test_fingerprints_survive_lines_added_above_and_tell_identical_lines_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = '\tgo http.ListenAndServe(":8080", nil)\n'
    source = f'package main\n\nimport "net/http"\n\nfunc main() {{\n{body}{body}}}\n'
    root = git_tree(tmp_path / "t", {"main.go": source})
    first = _prints(run_json(monkeypatch, root, "--format", "sarif"))
    again = _prints(run_json(monkeypatch, root, "--format", "sarif"))
    moved = source.replace("func main", "// A comment.\n\n// Another.\nfunc main")
    (root / "main.go").write_text(moved)
    after = _prints(run_json(monkeypatch, root, "--format", "sarif"))
    assert first == again == after
    one, two = first
    assert one != two
    assert one.split(":")[0] == two.split(":")[0]
    assert (one.split(":")[1], two.split(":")[1]) == ("1", "2")
    # Another path or another line text is another fingerprint.
    (root / "other.go").write_text(source.replace("package main", "package main // other"))
    both = _prints(run_json(monkeypatch, root, "--format", "sarif"))
    assert set(first) < set(both) and len(set(both)) == 4


def test_suppressed_findings_are_results_with_an_in_source_suppression(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = run_json(monkeypatch, golden_tree("review_formats", tmp_path / "t"), "--format", "sarif")
    suppressed = [r for r in _results(log) if "suppressions" in r]
    assert len(suppressed) == 1
    (suppression,) = suppressed[0]["suppressions"]
    assert suppression["kind"] == "inSource"
    assert "gofix-bind" in suppression["justification"]
    assert suppressed[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 30


def test_apply_lists_the_findings_that_remain_like_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = golden_tree("review_formats", tmp_path / "t")
    log = run_json(monkeypatch, root, "--format", "sarif", "--apply")
    lines = sorted(
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in _results(log)
    )
    # Left: dual.go:10 (no fix), probe.go:8 (unsafe), and main.go:30 (suppressed).
    assert lines == [8, 10, 30]
    assert (root / "main.go").read_bytes() == (REVIEW_CASE / "expected" / "main.go").read_bytes()


def test_a_failed_file_is_a_notification_and_an_unsuccessful_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = git_tree(tmp_path / "t", {"main.go": GREETING})
    result = run(monkeypatch, root, "--format", "sarif", "main.go", "missing.go")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    _validate(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"].startswith("missing.go: ")
    assert len(_results(log)) == 1


def test_files_of_two_repositories_get_a_base_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = git_tree(tmp_path / "first", {"main.go": GREETING})
    second = git_tree(tmp_path / "second", {"cmd/main.go": GREETING})
    log = run_json(monkeypatch, tmp_path, "--format", "sarif", "first", "second")
    _validate(log)
    assert log["runs"][0]["originalUriBaseIds"] == {
        "%SRCROOT%": {"uri": file_uri(first.resolve())},
        "%SRCROOT2%": {"uri": file_uri(second.resolve())},
    }
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in _results(log)]
    assert locations == [
        {"uri": "main.go", "uriBaseId": "%SRCROOT%"},
        {"uri": "cmd/main.go", "uriBaseId": "%SRCROOT2%"},
    ]
