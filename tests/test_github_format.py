"""--format github: workflow commands, escaped as the runner reads them, at most ten a kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from gofix_bind.output.github import LIMIT, command, escape_data, escape_property
from tests.format_runs import REVIEW_CASE, git_tree, golden_tree, run


def _go(calls: list[str]) -> str:
    body = "".join(f"\t{c}\n" for c in calls)
    return f'package main\n\nimport "net/http"\n\nfunc main() {{\n{body}}}\n'


def test_data_escapes_percent_and_line_breaks() -> None:
    assert escape_data("100% a\r\nb\nc: d, e") == "100%25 a%0D%0Ab%0Ac: d, e"


def test_properties_also_escape_colon_and_comma() -> None:
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_a_command_escapes_each_part() -> None:
    line = command("warning", {"file": "a,b.go", "line": 3, "title": "x: y"}, "50%\ndone")
    assert line == "::warning file=a%2Cb.go,line=3,title=x%3A y::50%25%0Adone\n"
    assert command("notice", {}, "n") == "::notice::n\n"


def test_the_pinned_annotations_point_at_each_finding() -> None:
    lines = (REVIEW_CASE / "format-github.stdout").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5
    assert all(line.startswith("::warning file=") for line in lines)
    # main.go:27 has "héllo 日本 🎉" before the literal: columns count characters, not bytes.
    (server,) = [line for line in lines if "line=27," in line]
    assert "col=61,endLine=27,endColumn=75," in server


def test_paths_are_relative_to_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = git_tree(
        tmp_path / "t", {"cmd/api/main.go": _go(['_ = http.ListenAndServe(":1", nil)'])}
    )
    output = run(monkeypatch, root / "cmd", "--format", "github", ".").stdout
    assert output.startswith("::warning file=cmd/api/main.go,line=6,col=26,")


def test_after_ten_warnings_one_notice_gives_the_total_and_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = [f'go http.ListenAndServe(":{8000 + n}", nil)' for n in range(12)]
    root = git_tree(tmp_path / "t", {"main.go": _go(calls)})
    result = run(monkeypatch, root, "--format", "github", ".")
    lines = result.stdout.splitlines()
    assert [line.split(" ")[0] for line in lines] == ["::warning"] * LIMIT + ["::notice::12"]
    assert lines[-1] == (
        "::notice::12 findings in all; the first 10 are annotated. "
        "Run gofix-bind --format text . to list them all."
    )
    assert result.exit_code == 1


def test_exactly_ten_warnings_need_no_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = [f'go http.ListenAndServe(":{8000 + n}", nil)' for n in range(10)]
    root = git_tree(tmp_path / "t", {"main.go": _go(calls)})
    lines = run(monkeypatch, root, "--format", "github", ".").stdout.splitlines()
    assert len(lines) == LIMIT and not any(line.startswith("::notice") for line in lines)


def test_a_failed_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = git_tree(tmp_path / "t", {"main.go": _go([])})
    result = run(monkeypatch, root, "--format", "github", "missing.go")
    assert result.exit_code == 2
    assert result.stdout.startswith("::error file=missing.go::missing.go: ")


def test_apply_annotates_what_remains(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = golden_tree("review_formats", tmp_path / "t")
    lines = run(monkeypatch, root, "--format", "github", "--apply", ".").stdout.splitlines()
    assert [line.split(",")[0] for line in lines] == [
        "::warning file=dual.go",
        "::warning file=probe.go",
    ]
