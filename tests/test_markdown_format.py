"""--format markdown: a pull request body that a re-run on the same tree repeats exactly."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from gofix_bind.cli import verify_patch_command
from gofix_bind.output.markdown import cell, code
from gofix_bind.rules import BIND_ALL_INTERFACES
from tests.format_runs import REVIEW_CASE, git_tree, golden_tree, run


def test_cells_escape_pipes_and_backticks() -> None:
    assert cell("a | b `c`\n d") == "a \\| b \\`c\\` d"


def test_code_spans_outgrow_the_backticks_inside_and_escape_pipes() -> None:
    assert code('":8080"') == '`":8080"`'
    assert code("a`b") == "``a`b``"
    assert code("`x`") == "`` `x` ``"
    assert code('"a|b"') == '`"a\\|b"`'


def test_the_body_says_what_why_what_was_left_and_how_to_review() -> None:
    body = (REVIEW_CASE / "format-markdown.stdout").read_text(encoding="utf-8")
    assert BIND_ALL_INTERFACES.change_rationale in body
    assert (
        '| `main.go` | 27 | `http.Server.Addr` | `"0.0.0.0:8443"` → `"127.0.0.1:8443"` | safe |'
        in body
    )
    left = body.split("### Left unfixed", 1)[1]
    assert '| `probe.go` | 8 | `net.Listen` | `":0"` | unsafe fix held back' in left
    assert '| `dual.go` | 10 | `net.Listen` | `":7070"` | no fix: it reaches both' in left
    assert (
        '| `main.go` | 30 | `http.ListenAndServe` | `":9100"` | suppressed by a gofix-bind' in left
    )
    assert "gofix-bind verify-patch --git BASE..HEAD\n" in body
    assert "`gofix-bind verify-patch PATCH`" in body


def test_a_rerun_gives_the_same_body_with_no_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run(monkeypatch, golden_tree("review_formats", tmp_path / "a"), "--format", "markdown")
    second = run(monkeypatch, golden_tree("review_formats", tmp_path / "b"), "--format", "markdown")
    assert first.stdout == second.stdout
    assert str(tmp_path) not in first.stdout


def test_apply_describes_what_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = golden_tree("review_formats", tmp_path / "t")
    report = run(monkeypatch, root, "--format", "markdown").stdout
    applied = run(monkeypatch, root, "--format", "markdown", "--apply").stdout
    assert "are fixed by `gofix-bind --apply`:" in report
    assert "3 listen addresses in 1 file are fixed:" in applied
    # The same tables: --apply wrote exactly what the report said it would.
    assert report.split(":\n\n", 1)[1] == applied.split(":\n\n", 1)[1]
    assert (root / "main.go").read_bytes() == (REVIEW_CASE / "expected" / "main.go").read_bytes()


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--address", "127.0.0.2"],
        ["--address", "10.1.2.3", "--ipv6-address", "fd00::7", "--unsafe-fixes"],
        ["--unsafe-fixes", "--no-suppress"],
    ],
)
def test_the_review_command_in_the_body_accepts_the_change_it_describes(
    options: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tree comes committed: HEAD is the "before" commit.
    root = golden_tree("review_formats", tmp_path / "t")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    body = run(monkeypatch, root, *options, "--apply", "--format", "markdown", ".").stdout
    subprocess.run([*git, "commit", "-q", "-a", "-m", "fixes"], cwd=root, check=True)
    (command,) = re.findall(r"^gofix-bind verify-patch.* --git BASE\.\.HEAD$", body, re.M)
    arguments = shlex.split(command.replace("BASE..HEAD", "HEAD~1..HEAD"))[1:]
    assert arguments[1:-2] == options
    checked = CliRunner().invoke(verify_patch_command, arguments[1:], catch_exceptions=False)
    assert (checked.exit_code, checked.stdout) == (0, ""), checked.stderr
    if options:
        # Without the run's options the same commit is not what verify-patch expects.
        plain = CliRunner().invoke(verify_patch_command, ["--git", "HEAD~1..HEAD"])
        assert plain.exit_code == 1


def test_one_fix_is_counted_in_the_singular(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = (
        'package main\n\nimport "net/http"\n\n'
        'func main() {\n\t_ = http.ListenAndServe(":80", nil)\n}\n'
    )
    one = git_tree(tmp_path / "one", {"main.go": source})
    body = run(monkeypatch, one, "--format", "markdown", ".").stdout
    assert "\n1 listen address in 1 file is fixed by `gofix-bind --apply`:\n" in body
    two = git_tree(
        tmp_path / "two",
        {"main.go": source.replace("nil)", 'nil)\n\t_ = http.ListenAndServe(":81", nil)')},
    )
    body = run(monkeypatch, two, "--format", "markdown", ".").stdout
    assert "\n2 listen addresses in 1 file are fixed by `gofix-bind --apply`:\n" in body
