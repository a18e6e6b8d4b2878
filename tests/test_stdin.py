"""Standard input: `--stdin-filename PATH -` reads the source as the file PATH, never writes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import git, git_apply, invoke, snapshot

LISTEN = b'package main\n\nimport "net"\n\nfunc main() {\n\tnet.Listen("tcp", ":8080")\n}\n'
FIXED = LISTEN.replace(b'":8080"', b'"127.0.0.1:8080"')
# The buffer uses a constant that a sibling on disk declares.
USES_SIBLING = (
    b'package main\n\nimport "net"\n\nfunc main() {\n\tnet.Listen("tcp", debugAddr)\n'
    b'\tnet.Listen("tcp", ":8080")\n}\n'
)
SIBLING = b'package main\n\nconst debugAddr = "0.0.0.0:6060"\n'
BROKEN = b'package main\n\nimport "net"\n\nfunc main() {\n\tnet.Listen("tcp", ":8080"\n}\n'
RULE = "go-security/do-not-bind-all-interfaces"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory with svc/main.go on disk (other bytes than the buffer's); the cwd."""
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "main.go").write_bytes(b"package main\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _stdin(args: list[str], data: bytes) -> tuple[int, bytes, str]:
    result = invoke([*args, "--stdin-filename", "svc/main.go", "-"], stdin=data)
    return result.exit_code, result.stdout_bytes, result.stderr


def test_report_names_the_given_file(tree: Path) -> None:
    before = snapshot(tree)
    code, out, _ = _stdin([], LISTEN)
    assert code == 1
    assert out.decode().startswith(f"svc/main.go:6:20: {RULE}: net.Listen listens")
    assert snapshot(tree) == before


def test_diff_is_labelled_with_the_path_and_applies(tree: Path) -> None:
    code, out, _ = _stdin(["--diff"], LISTEN)
    assert code == 1
    assert out.startswith(b"diff --git a/svc/main.go b/svc/main.go\n--- a/svc/main.go\n")
    (tree / "svc" / "main.go").write_bytes(LISTEN)
    git_apply(tree, out)
    assert (tree / "svc" / "main.go").read_bytes() == FIXED


def test_apply_prints_the_fixed_source_and_writes_nothing(tree: Path) -> None:
    before = snapshot(tree)
    code, out, err = _stdin(["--apply"], LISTEN)
    assert (code, out) == (0, FIXED)
    assert err.splitlines() == [
        "fixed svc/main.go (1 fix)",
        "1 finding, 1 file scanned, 1 fixed in 1 file, 0 remaining, 0 suppressed, 0 files skipped",
    ]
    assert snapshot(tree) == before


def test_apply_when_nothing_changes_echoes_the_input(tree: Path) -> None:
    assert _stdin(["--apply"], FIXED)[:2] == (0, FIXED)


def test_apply_on_a_syntax_error_echoes_the_input_and_exits_2(tree: Path) -> None:
    code, out, err = _stdin(["--apply"], BROKEN)
    assert (code, out) == (2, BROKEN)
    assert err.splitlines()[0] == "svc/main.go: error: syntax error at 6:27"


def test_report_on_a_syntax_error_exits_2(tree: Path) -> None:
    code, out, err = _stdin([], BROKEN)
    assert (code, out) == (2, b"")
    assert "svc/main.go: error: syntax error" in err


def test_a_usage_error_with_apply_echoes_the_input(tree: Path) -> None:
    code, out, err = _stdin(["--apply", "--address", "0.0.0.0"], LISTEN)
    assert (code, out) == (2, LISTEN)
    assert err.startswith("gofix-bind: error: --address: ")


def test_remaining_findings_go_to_stderr_and_stdout_is_only_source(tree: Path) -> None:
    unsafe = (
        b'package main\n\nimport (\n\t"fmt"\n\t"net"\n)\n\nconst addr = "0.0.0.0:9000"\n\n'
        b'func main() {\n\tfmt.Println(addr)\n\tnet.Listen("tcp", addr)\n}\n'
    )
    code, out, err = _stdin(["--apply"], unsafe)
    assert (code, out) == (1, unsafe)
    assert err.startswith(f"svc/main.go:8:14: {RULE}: ")


def test_apply_json_report_goes_to_stderr_or_output(tree: Path) -> None:
    code, out, err = _stdin(["--apply", "--format", "json"], LISTEN)
    assert (code, out) == (0, FIXED)
    assert '"changed": [\n      "svc/main.go"\n    ]' in err
    code, out, _ = _stdin(["--apply", "--format", "json", "--output", "report.json"], LISTEN)
    assert (code, out) == (0, FIXED)
    assert '"fixed": 1' in (tree / "report.json").read_text()


def test_siblings_on_disk_give_names_and_their_fixes_stay_out(tree: Path) -> None:
    (tree / "svc" / "debug.go").write_bytes(SIBLING)
    before = snapshot(tree)
    code, out, _ = _stdin([], USES_SIBLING)
    assert code == 1
    assert [line.split(": ")[0] for line in out.decode().splitlines()] == [
        "svc/debug.go:3:19",
        "svc/main.go:7:20",
    ]
    # The constant's fix is in another file: neither the diff nor stdout holds it.
    code, out, err = _stdin(["--diff"], USES_SIBLING)
    assert code == 1
    assert out.count(b"diff --git") == 1
    assert b"svc/debug.go" not in out
    assert "1 finding not in the diff: 1 in files this run does not change" in err
    code, out, _ = _stdin(["--apply"], USES_SIBLING)
    assert (code, out) == (1, USES_SIBLING.replace(b'":8080"', b'"127.0.0.1:8080"'))
    assert snapshot(tree) == before


def test_the_file_on_disk_is_replaced_not_read(tree: Path) -> None:
    # On disk, svc/main.go declares the constant; the buffer, which stands for it, does not.
    (tree / "svc" / "main.go").write_bytes(SIBLING.replace(b"debugAddr", b"other"))
    assert _stdin([], FIXED)[0] == 0


def test_a_file_that_does_not_exist_in_a_directory_that_does_not_exist(tree: Path) -> None:
    result = invoke(["--apply", "--stdin-filename", "new/dir/x.go", "-"], stdin=LISTEN)
    assert (result.exit_code, result.stdout_bytes) == (0, FIXED)
    assert not (tree / "new").exists()


def test_check_and_list(tree: Path) -> None:
    assert _stdin(["--check"], LISTEN)[:2] == (1, b"")
    assert _stdin(["--list"], LISTEN)[:2] == (1, b"svc/main.go\n")
    assert _stdin(["--check"], FIXED)[:2] == (0, b"")


def test_dash_without_a_name_is_a_file_alone(tree: Path) -> None:
    (tree / "debug.go").write_bytes(SIBLING)
    result = invoke(["-"], stdin=USES_SIBLING)
    # No directory, so no sibling: the constant is unknown and only the literal is found.
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"-:7:20: {RULE}: net.Listen listens on every network interface: an empty host in "
        '":8080" [fixable]'
    ]
    applied = invoke(["--apply", "-"], stdin=LISTEN)
    assert (applied.exit_code, applied.stdout_bytes) == (0, FIXED)


def test_stdin_filename_alone_reads_stdin(tree: Path) -> None:
    result = invoke(["--apply", "--stdin-filename", "svc/main.go"], stdin=LISTEN)
    assert (result.exit_code, result.stdout_bytes) == (0, FIXED)


def test_the_dirty_guard_does_not_apply(tree: Path) -> None:
    git(tree, "init", "-q")
    # svc/main.go is untracked: --apply on disk would refuse it; standard input writes nothing.
    assert _stdin(["--apply"], LISTEN)[:2] == (0, FIXED)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-", "."], "- (standard input) cannot be given with other paths"),
        (["--stdin-filename", "a.go", "."], "--stdin-filename names standard input"),
        (["--interactive", "-"], "--interactive cannot be used with standard input"),
    ],
)
def test_usage_errors(tree: Path, args: list[str], message: str) -> None:
    result = invoke(args, stdin=LISTEN)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"gofix-bind: error: {message}")
    assert result.stdout == ""


def test_the_config_of_the_given_path_applies(tree: Path) -> None:
    (tree / ".git").mkdir()
    (tree / ".gofix-bind.toml").write_text(
        '[[overrides]]\npaths = ["svc/**"]\naddress = "10.0.0.5"\n\n'
        '[[overrides]]\npaths = ["edge/**"]\nignore = true\nreason = "public by design"\n'
    )
    code, out, _ = _stdin(["--apply"], LISTEN)
    assert (code, out) == (0, LISTEN.replace(b'":8080"', b'"10.0.0.5:8080"'))
    (tree / "edge").mkdir()
    ignored = invoke(["--apply", "--stdin-filename", "edge/main.go", "-"], stdin=LISTEN)
    assert (ignored.exit_code, ignored.stdout_bytes) == (0, LISTEN)
    assert ", 1 suppressed, " in ignored.stderr
    isolated = invoke(
        ["--apply", "--isolated", "--stdin-filename", "svc/main.go", "-"], stdin=LISTEN
    )
    assert (isolated.exit_code, isolated.stdout_bytes) == (0, FIXED)


def test_a_bad_config_file_leaves_the_buffer_as_it_was(tree: Path) -> None:
    (tree / ".git").mkdir()
    (tree / ".gofix-bind.toml").write_text('adress = "10.0.0.5"\n')
    result = invoke(["--apply", "--stdin-filename", "svc/main.go", "-"], stdin=LISTEN)
    assert (result.exit_code, result.stdout_bytes) == (2, LISTEN)
    assert "unknown key 'adress' (did you mean 'address'?)" in result.stderr


def test_force_exclude_passes_an_excluded_buffer_through(tree: Path) -> None:
    (tree / ".git").mkdir()
    (tree / ".gofix-bind.toml").write_text('extend-exclude = ["svc/"]\nforce-exclude = true\n')
    for mode in ([], ["--diff"], ["--apply"]):
        code, out, err = _stdin(mode, LISTEN)
        assert code == 0
        assert out == (LISTEN if mode == ["--apply"] else b"")
        assert "0 findings, 0 files scanned" in err
        assert "1 file skipped" in err
    # Without force-exclude a buffer is scanned, as a file named on the command line is.
    (tree / ".gofix-bind.toml").write_text('extend-exclude = ["svc/"]\n')
    assert _stdin(["--apply"], LISTEN)[:2] == (0, FIXED)
