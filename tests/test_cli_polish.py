"""The command line's manners: explain, friendly errors, --help, completion, colour, progress."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from pathlib import Path

import pytest

from gofix_bind import cli
from gofix_bind.rules import BIND_ALL_INTERFACES
from tests.helpers import GOFIX_BIND, invoke

LISTEN = b'package main\n\nimport "net"\n\nfunc main() {\n\tnet.Listen("tcp", ":8080")\n}\n'
RULE = BIND_ALL_INTERFACES


def _run(args: list[str], cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the installed console script, as a shell runs it (main() dispatches subcommands)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("_GOFIX_BIND")}
    return subprocess.run(
        [str(GOFIX_BIND), *args],
        cwd=cwd,
        env={**environment, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("name", [RULE.id, RULE.name])
def test_explain_prints_the_rules_documentation(name: str) -> None:
    done = _run(["explain", name])
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"# {RULE.id}\n\n{RULE.short_description} ({RULE.cwe};")
    assert RULE.full_description in done.stdout
    assert RULE.help_markdown.rstrip() in done.stdout
    assert done.stdout.endswith(f"More: {RULE.help_uri}\n")


def test_explain_without_a_rule_lists_them() -> None:
    done = _run(["explain"])
    assert (done.returncode, done.stdout) == (0, f"{RULE.id}  {RULE.short_description}\n")


def test_explain_an_unknown_rule_exits_2_and_lists_the_known_ones() -> None:
    done = _run(["explain", "nope"])
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"gofix-bind: error: unknown rule 'nope'; known rules: {RULE.id} ({RULE.name})\n"
    )


def test_a_path_named_explain_is_written_with_a_directory_part(tmp_path: Path) -> None:
    (tmp_path / "explain").mkdir()
    (tmp_path / "explain" / "main.go").write_bytes(LISTEN)
    done = _run(["./explain"], cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith("explain/main.go:6:20: ")
    # Without one, it is the subcommand, which knows no rule of that name.
    assert _run(["explain", "explain"], cwd=tmp_path).returncode == 2


@pytest.mark.parametrize(
    ("option", "meant"),
    [
        ("--fix", "--apply"),
        ("--write", "--apply"),
        ("-w", "--apply"),
        ("-d", "--diff"),
        ("--dry-run", "--diff"),
        ("--aply", "--apply"),
    ],
)
def test_other_tools_flags_get_a_friendly_error(option: str, meant: str) -> None:
    result = invoke([option, "."])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"gofix-bind: error: no such option: {option} (did you mean {meant}?)\n"


def test_an_unknown_option_with_nothing_close() -> None:
    result = invoke(["--zzzz"])
    assert (result.exit_code, result.stderr) == (2, "gofix-bind: error: no such option: --zzzz\n")


def test_help_has_examples_and_exit_codes() -> None:
    result = invoke(["--help"])
    assert result.exit_code == 0
    assert "Examples:\n    gofix-bind                      report findings" in result.stdout
    assert "Exit codes:\n    0  nothing to report" in result.stdout
    assert "    2  a usage error, or a file that could not be read, parsed or written\n" in (
        result.stdout
    )
    assert "_GOFIX_BIND_COMPLETE=bash_source gofix-bind" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_version() -> None:
    done = _run(["--version"])
    assert done.returncode == 0
    assert done.stdout.startswith("gofix-bind, version ")


def _complete(words: str, cword: int | str, shell: str = "bash") -> list[str]:
    done = _run(
        [],
        COMP_WORDS=words,
        COMP_CWORD=str(cword),
        _GOFIX_BIND_COMPLETE=f"{shell}_complete",
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_completion_script_is_clicks() -> None:
    done = _run([], _GOFIX_BIND_COMPLETE="bash_source")
    assert done.returncode == 0
    assert "_gofix_bind_completion()" in done.stdout
    assert "complete -o nosort -F _gofix_bind_completion gofix-bind" in done.stdout


def test_completion_of_options_and_subcommands() -> None:
    assert _complete("gofix-bind --ap", 1) == ["plain,--apply"]
    assert _complete("gofix-bind ", 1) == ["file,", "plain,explain", "plain,verify-patch"]
    # After an option, the first argument is a path, never a subcommand.
    assert _complete("gofix-bind --diff ", 2) == ["file,"]


def test_completion_inside_a_subcommand() -> None:
    assert "plain,--git" in _complete("gofix-bind verify-patch --", 2)
    assert "plain,--apply" not in _complete("gofix-bind verify-patch --", 2)
    assert _complete("gofix-bind explain do", 2) == [f"plain,{RULE.name}"]
    assert _complete("gofix-bind explain ", "", "fish") == [
        f"plain,{RULE.name}",
        f"plain,{RULE.id}",
    ]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("env", "choice", "expected"),
    [
        ({}, "auto", False),
        ({"FORCE_COLOR": "1"}, "auto", True),
        ({"FORCE_COLOR": "0"}, "auto", False),
        ({"FORCE_COLOR": ""}, "auto", False),
        ({"CLICOLOR_FORCE": "1"}, "auto", True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, "auto", True),
        ({"FORCE_COLOR": "1"}, "never", False),
        ({"NO_COLOR": "1"}, "always", True),
    ],
)
def test_colour_when_not_a_terminal(
    env: dict[str, str], choice: str, expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("FORCE_COLOR", "CLICOLOR_FORCE", "NO_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert cli._use_color(choice, to_file=False) is expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, True), ({"TERM": "dumb"}, False), ({"NO_COLOR": "1"}, False)],
)
def test_colour_on_a_terminal(
    env: dict[str, str], expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("FORCE_COLOR", "CLICOLOR_FORCE", "NO_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdout", _Terminal())
    assert cli._use_color("auto", to_file=False) is expected


def test_force_color_colours_the_diff_in_a_pipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.go").write_bytes(LISTEN)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert b"\x1b[" in invoke(["--diff"], env={"FORCE_COLOR": "1"}).stdout_bytes
    assert b"\x1b[" not in invoke(["--diff"], env={"FORCE_COLOR": "0"}).stdout_bytes
    # Colour is never written into an --output file unless --color always asks.
    invoke(["--diff", "-o", "fix.patch"], env={"FORCE_COLOR": "1"})
    assert b"\x1b[" not in (tmp_path / "fix.patch").read_bytes()


def test_the_progress_bar_clears_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setattr(cli, "PROGRESS_AFTER_SECONDS", -1.0)
    with contextlib.ExitStack() as stack:
        progress = cli._Progress(stack)
        progress(1, 2)
        progress(2, 2)
    shown = terminal.getvalue()
    assert "scanning" in shown
    assert "\n" not in shown
    assert shown.endswith(f"\r{cli.CLEAR_LINE}{cli.SHOW_CURSOR}")
