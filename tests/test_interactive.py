"""--interactive through a real pseudo-terminal: each key, what is offered, and what is written.

Every run spawns the installed console script in a copy of a golden case's input. What it
writes must be exactly the plan process_unit makes for the accepted subset (its layout planned
for that subset), and so the subset plan's edits applied to the original bytes.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest

from gofix_bind import settings as run_settings
from gofix_bind.diff import unified_diff
from gofix_bind.discover import discover
from gofix_bind.languages import LANGUAGES
from gofix_bind.model import FileResult, Finding, Outcome
from gofix_bind.plan import apply_edits
from gofix_bind.runner import group, process_unit
from gofix_bind.settings import Settings
from tests.helpers import (
    EOF,
    GOFIX_BIND,
    INTERRUPT,
    PROMPT,
    commit_all,
    git_apply,
    interactive_patch,
    invoke,
    run_interactive,
    snapshot,
    spawn_interactive,
)
from tests.toolchain import gofmt_or_none, need_git, need_gofmt

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "go"
HELP_LINES = (
    "y - apply this fix\n",
    "n - do not apply this fix\n",
    "a - apply this fix and every remaining fix, in all files\n",
    "d - do not apply this fix or any remaining fix in this file\n",
    "q - quit; do not apply this fix or any remaining one (those accepted are written)\n",
    "? - print help\n",
)
# (path, line) of each fix a test accepts.
Lines = set[tuple[str, int]]


def _copy(case: str, destination: Path) -> Path:
    shutil.copytree(GOLDEN / case / "input", destination, symlinks=True)
    commit_all(destination)
    return destination


def _subset_plans(
    root: Path, pick: Callable[[Finding], bool], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> dict[str, FileResult]:
    """Plan exactly the picked fixes with process_unit, as the scan's units group them."""
    monkeypatch.chdir(root)
    planned = {}
    for name, unit in group(discover(["."], settings.discovery, LANGUAGES), root):
        for result in process_unit(name, unit, settings, pick):
            planned[result.path] = result
    return planned


def _check_written(
    root: Path,
    original: dict[str, bytes],
    accepted: Lines,
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings | None = None,
) -> dict[str, FileResult]:
    """Check the tree holds the subset's plan, and the plan's edits applied to the original.

    The plan is made on a fresh copy of the original tree: root holds what was written.
    """
    fresh = root.parent / f"{root.name}-original"
    for path, data in original.items():
        (fresh / path).parent.mkdir(parents=True, exist_ok=True)
        (fresh / path).write_bytes(data)

    def pick(finding: Finding) -> bool:
        return (finding.path, finding.line) in accepted

    planned = _subset_plans(fresh, pick, settings or run_settings.build(), monkeypatch)
    changed = {path for path, result in planned.items() if result.outcome is Outcome.CHANGED}
    assert {path for path, _ in accepted} == changed
    written = snapshot(root)
    for path, data in original.items():
        result = planned.get(path)
        if path not in changed or result is None or result.plan is None:
            assert written[path] == data, f"{path} changed"
            continue
        assert {(f.path, f.line) for f in result.plan.fixed} == {
            a for a in accepted if a[0] == path
        }
        assert written[path] == result.new_source, path
        assert written[path] == apply_edits(data, result.plan.edits), path
    return planned


def _prompts(transcript: str) -> list[str]:
    """Return the counter of each question asked, in order: "(1/2)", "(2/2)"."""
    return [line.split(" ")[0] for line in transcript.splitlines() if PROMPT in line]


def test_yes_writes_that_fix_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = _copy("listen_basic", tmp_path / "work")
    original = snapshot(work)
    dialogue = run_interactive(work, ["y", "n"])
    assert _prompts(dialogue.transcript) == ["(1/2)", "(2/2)"]
    _check_written(work, original, {("main.go", 9)}, monkeypatch)
    # What was declined is listed as remaining, as --apply lists it, and it exits 1.
    assert "main.go:10:28: go-security/do-not-bind-all-interfaces:" in dialogue.transcript
    summary = "2 findings, 1 file scanned, 1 fixed in 1 file, 1 remaining, 0 suppressed"
    assert summary in dialogue.transcript
    assert dialogue.exit_code == 1


def test_each_fix_is_shown_alone_with_its_place(tmp_path: Path) -> None:
    work = _copy("listen_basic", tmp_path / "work")
    transcript = run_interactive(work, ["n", "n"]).transcript
    first, second = transcript.split(PROMPT)[:2]
    assert first.startswith(
        'main.go:9:28: net.Listen listens on every network interface: an empty host in ":8080"\n'
        "diff --git a/main.go b/main.go\n--- a/main.go\n+++ b/main.go\n@@ -6,7 +6,7 @@\n"
    )
    assert '+\ta, _ := net.Listen("tcp", "127.0.0.1:8080")\n' in first
    assert "0.0.0.0:8081`)\n+" not in first
    # The file's header lines come once, with its first fix, as git add -p shows them.
    assert "diff --git" not in second
    assert second.split("\n", 1)[1].startswith(
        "main.go:10:28: net.Listen listens on every network interface: the IPv4 unspecified "
        'address 0.0.0.0 in "0.0.0.0:8081"\n@@ -7,7 +7,7 @@\n'
    )
    assert '+\tb, _ := net.Listen("tcp", `127.0.0.1:8081`)\n' in second


def test_no_writes_nothing(tmp_path: Path) -> None:
    work = _copy("listen_basic", tmp_path / "work")
    original = snapshot(work)
    dialogue = run_interactive(work, ["n", "n"])
    assert snapshot(work) == original
    assert "0 fixed in 0 files, 2 remaining" in dialogue.transcript
    assert dialogue.exit_code == 1


def test_all_accepts_the_rest_in_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # import_alias: three fixes in alias.go, then two in dot.go.
    work = _copy("import_alias", tmp_path / "work")
    original = snapshot(work)
    dialogue = run_interactive(work, ["n", "a"])
    assert _prompts(dialogue.transcript) == ["(1/5)", "(2/5)"]
    accepted = {("alias.go", 18), ("alias.go", 20), ("dot.go", 11), ("dot.go", 16)}
    _check_written(work, original, accepted, monkeypatch)
    assert "4 fixed in 2 files, 1 remaining" in dialogue.transcript
    assert dialogue.exit_code == 1


def test_all_at_the_first_fix_is_apply(tmp_path: Path) -> None:
    work = _copy("import_alias", tmp_path / "work")
    dialogue = run_interactive(work, ["a"])
    expected = snapshot(GOLDEN / "import_alias" / "input")
    expected.update(snapshot(GOLDEN / "import_alias" / "expected"))
    assert snapshot(work) == expected
    assert dialogue.exit_code == 0


def test_done_skips_the_rest_of_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = _copy("import_alias", tmp_path / "work")
    original = snapshot(work)
    dialogue = run_interactive(work, ["y", "d", "y", "n"])
    # The third fix of alias.go is never asked about; dot.go comes with its file header.
    assert _prompts(dialogue.transcript) == ["(1/5)", "(2/5)", "(4/5)", "(5/5)"]
    after_done = dialogue.transcript.split(PROMPT)[2]
    assert "diff --git a/dot.go b/dot.go\n" in after_done
    _check_written(work, original, {("alias.go", 13), ("dot.go", 11)}, monkeypatch)
    assert dialogue.exit_code == 1


def test_quit_writes_what_was_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = _copy("import_alias", tmp_path / "work")
    original = snapshot(work)
    dialogue = run_interactive(work, ["y", "n", "q"])
    assert _prompts(dialogue.transcript) == ["(1/5)", "(2/5)", "(3/5)"]
    _check_written(work, original, {("alias.go", 13)}, monkeypatch)
    assert "1 fixed in 1 file, 4 remaining" in dialogue.transcript
    assert dialogue.exit_code == 1


def test_help_then_asks_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = _copy("listen_basic", tmp_path / "work")
    original = snapshot(work)
    dialogue = run_interactive(work, ["?", "Y", "no"])
    # Help answers no question: the same one is asked again.
    assert _prompts(dialogue.transcript) == ["(1/2)", "(1/2)", "(2/2)"]
    assert "".join(HELP_LINES) in dialogue.transcript
    # Answers are read as lines; the first character decides, in either case.
    _check_written(work, original, {("main.go", 9)}, monkeypatch)


def test_unknown_and_empty_answers_ask_again(tmp_path: Path) -> None:
    work = _copy("listen_basic", tmp_path / "work")
    dialogue = run_interactive(work, ["x", "", "n", "n"])
    assert _prompts(dialogue.transcript) == ["(1/2)", "(1/2)", "(1/2)", "(2/2)"]
    assert "unknown answer 'x' (use '?' for help)\n" in dialogue.transcript


def test_end_of_input_quits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = _copy("import_alias", tmp_path / "work")
    original = snapshot(work)
    dialogue = run_interactive(work, ["y", "y", EOF])
    _check_written(work, original, {("alias.go", 13), ("alias.go", 18)}, monkeypatch)
    assert "2 fixed in 1 file, 3 remaining" in dialogue.transcript
    assert dialogue.exit_code == 1


def test_interrupt_writes_nothing(tmp_path: Path) -> None:
    work = _copy("import_alias", tmp_path / "work")
    original = snapshot(work)
    dialogue = run_interactive(work, ["y", "y", INTERRUPT])
    assert dialogue.transcript.endswith("Aborted!\n")
    assert snapshot(work) == original
    assert dialogue.exit_code == 130


def test_second_fix_of_an_aligned_block_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The block is padded again for the one fix accepted, and the file stays gofmt-clean."""
    need_gofmt()
    work = _copy("gofmt_align_shared_block_two", tmp_path / "work")
    original = snapshot(work)
    dialogue = run_interactive(work, ["n", "y"])
    _check_written(work, original, {("main.go", 17)}, monkeypatch)
    written = (work / "main.go").read_bytes()
    assert gofmt_or_none(original["main.go"]) == original["main.go"]
    assert gofmt_or_none(written) == written
    assert b'adminAddr   = "127.0.0.1:9000" // the admin console\n' in written
    assert b'apiAddr     = ":8080"          // the public API\n' in written
    # What the second question showed is exactly what was written.
    hunks = unified_diff(original["main.go"], written, "main.go").decode().split("\n", 3)[3]
    assert hunks in dialogue.transcript.split(PROMPT)[1]
    assert dialogue.exit_code == 1


@pytest.mark.parametrize(
    ("case", "answers", "accepted"),
    [
        ("gofmt_align_shared_block_two", ["n", "y"], {("main.go", 17)}),
        ("gofmt_align_shared_block_two", ["y", "n"], {("main.go", 15)}),
        ("gofmt_align_shared_block_three", ["y", "n", "y"], {("main.go", 24), ("main.go", 26)}),
        ("gofmt_align_comments", ["n", "y", "y"], {("main.go", 16), ("main.go", 20)}),
        ("gofmt_align_const_var", ["y", "n", "n", "y"], {("main.go", 14), ("main.go", 28)}),
        (
            "addr_struct_ip_values",
            ["y", "n", "y", "n", "y", "n", "d", "y", "n", "y", "q"],
            {("main.go", 12), ("main.go", 26), ("main.go", 40), ("vars.go", 9), ("vars.go", 30)},
        ),
    ],
)
def test_written_file_is_the_subset_plan(
    case: str,
    answers: list[str],
    accepted: Lines,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever subset is accepted, the file written is that subset's FilePlan applied."""
    work = _copy(case, tmp_path / "work")
    original = snapshot(work)
    run_interactive(work, answers)
    _check_written(work, original, accepted, monkeypatch)


def test_unsafe_fixes_are_offered_only_with_the_flag(tmp_path: Path) -> None:
    work = _copy("config_struct_fields", tmp_path / "plain")
    original = snapshot(work)
    dialogue = run_interactive(work, [])
    assert dialogue.transcript.startswith("No fix to review.\n")
    assert "3 unsafe fixes held back" in dialogue.transcript
    assert snapshot(work) == original
    assert dialogue.exit_code == 1

    work = _copy("config_struct_fields", tmp_path / "unsafe")
    dialogue = run_interactive(work, ["n", "n", "y"], ["--color", "never", "--unsafe-fixes"])
    first = dialogue.transcript.split(PROMPT)[0]
    assert first.startswith(
        'config.go:25:15: net.Listen listens on every network interface: an empty host in ":7879" '
        "(field Config.ListenAddr) (via server.go:17 net.Listen)\n"
        "unsafe fix: it changes Config.ListenAddr, a configuration field other code may read\n"
        "diff --git a/config.go b/config.go\n"
    )
    assert "1 fixed in 1 file, 2 remaining" in dialogue.transcript
    assert (work / "main.go").read_bytes() != original["main.go"]


def test_colour_follows_the_terminal(tmp_path: Path) -> None:
    work = _copy("listen_basic", tmp_path / "work")
    transcript = run_interactive(work, ["n", "n"], flags=()).transcript
    assert '\x1b[32m+\ta, _ := net.Listen("tcp", "127.0.0.1:8080")\x1b[0m\n' in transcript
    assert "\x1b[1mdiff --git a/main.go b/main.go\x1b[0m\n" in transcript
    assert f"(1/2) {PROMPT}" in transcript


def test_a_file_changed_while_asking_is_not_written(tmp_path: Path) -> None:
    work = _copy("listen_basic", tmp_path / "work")
    child = spawn_interactive(work)
    child.expect_exact(PROMPT)
    edited = (work / "main.go").read_bytes() + b"// edited meanwhile\n"
    (work / "main.go").write_bytes(edited)
    child.sendline("y")
    child.expect_exact(PROMPT)
    child.sendline("y")
    child.expect(pexpect.EOF)
    transcript = child.before.replace("\r\n", "\n")
    child.close()
    assert "main.go: error: changed on disk since it was read; nothing written\n" in transcript
    assert (work / "main.go").read_bytes() == edited
    assert child.exitstatus == 2


def test_a_symlink_and_its_target_are_asked_about_once(tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "real").mkdir(parents=True)
    shutil.copyfile(GOLDEN / "listen_basic" / "input" / "main.go", work / "real" / "main.go")
    (work / "link").mkdir()
    (work / "link" / "main.go").symlink_to("../real/main.go")
    commit_all(work)
    dialogue = run_interactive(work, ["y", "y"])
    assert _prompts(dialogue.transcript) == ["(1/2)", "(2/2)"]
    assert (work / "link" / "main.go").is_symlink()
    expected = (GOLDEN / "listen_basic" / "expected" / "main.go").read_bytes()
    assert (work / "real" / "main.go").read_bytes() == expected
    assert dialogue.exit_code == 0


def test_without_a_terminal_it_is_a_usage_error(tmp_path: Path) -> None:
    work = _copy("listen_basic", tmp_path / "work")
    original = snapshot(work)
    done = subprocess.run(
        [str(GOFIX_BIND), "--interactive", "."],
        cwd=work,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == b"gofix-bind: error: --interactive needs a terminal on standard input\n"
    assert done.stdout == b""
    assert snapshot(work) == original


@pytest.mark.parametrize(
    ("flags", "option"),
    [
        (["--diff"], "--diff"),
        (["--apply"], "--apply"),
        (["--format", "text"], "--format"),
        (["--format", "json"], "--format"),
        (["--list"], "--list"),
        (["--check"], "--check"),
        (["--output", "report.txt"], "--output"),
    ],
)
def test_other_modes_and_formats_are_usage_errors(flags: list[str], option: str) -> None:
    result = invoke(["--interactive", *flags, "."])
    assert result.exit_code == 2
    assert (
        result.stderr == f"gofix-bind: error: --interactive and {option} cannot be used together\n"
    )
    assert result.stdout == ""


def test_interactive_patch_is_the_accepted_subset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper's patch applies to the original and gives the bytes the run wrote."""
    need_git()
    work = _copy("gofmt_align_shared_block_three", tmp_path / "work")
    original = snapshot(work)
    patch = interactive_patch(work, ["n", "y", "n"])
    assert patch.startswith(b"diff --git a/main.go b/main.go\n")
    again = _copy("gofmt_align_shared_block_three", tmp_path / "again")
    git_apply(again, patch)
    assert snapshot(again) == snapshot(work)
    _check_written(work, original, {("main.go", 25)}, monkeypatch)
