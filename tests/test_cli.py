from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import git_apply, invoke, snapshot

LISTEN = b'package main\n\nimport "net"\n\nfunc main() {\n\tnet.Listen("tcp", ":8080")\n}\n'
PACKET = b'package main\n\nimport "net"\n\nfunc main() {\n\tnet.ListenPacket("udp", ":0")\n}\n'
CLEAN = b'package main\n\nimport "net"\n\nfunc main() {\n\tnet.Listen("tcp", "127.0.0.1:1")\n}\n'
RULE = "go-security/do-not-bind-all-interfaces"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "main.go").write_bytes(LISTEN)
    (tmp_path / "clean.go").write_bytes(CLEAN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_report_lines_and_exit_code(tree: Path) -> None:
    result = invoke([])
    assert result.exit_code == 1
    assert result.stdout == (
        f"svc/main.go:6:20: {RULE}: net.Listen listens on every network interface: "
        'an empty host in ":8080" [fixable]\n'
    )
    assert "1 finding, 2 files scanned, 1 fixable, 0 suppressed, 0 files skipped" in result.stderr


def test_clean_tree_exits_zero(tree: Path) -> None:
    result = invoke(["clean.go"])
    assert (result.exit_code, result.stdout) == (0, "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--address", "0.0.0.0"], "unspecified", id="unspecified-v4"),
        pytest.param(["--address", "::1"], "not an IPv4 address", id="wrong-family"),
        pytest.param(["--address", "localhost"], "not an IP address", id="not-ip"),
        pytest.param(["--ipv6-address", "::"], "unspecified", id="unspecified-v6"),
        pytest.param(["--ipv6-address", "10.0.0.1"], "not an IPv6", id="wrong-family-v6"),
        pytest.param(["--diff", "--apply"], "cannot be used together", id="two-modes"),
        pytest.param(["--format", "xml"], "Invalid value", id="bad-format"),
        pytest.param(["--nope"], "no such option: --nope", id="unknown-flag"),
    ],
)
def test_usage_errors_are_one_line_and_write_nothing(
    tree: Path, args: list[str], message: str
) -> None:
    before = snapshot(tree)
    result = invoke([*args, "--apply"] if "--apply" not in args else args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("gofix-bind: error: ")
    assert message in lines[0]
    assert snapshot(tree) == before


def test_apply_writes_only_files_with_fixes(tree: Path) -> None:
    clean = tree / "clean.go"
    os.utime(clean, (1_000_000, 1_000_000))
    target = tree / "svc" / "main.go"
    target.chmod(0o640)
    result = invoke(["--apply"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert b'"127.0.0.1:8080"' in target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert clean.stat().st_mtime == 1_000_000
    assert sorted(p.name for p in (tree / "svc").iterdir()) == ["main.go"]


def test_apply_keeps_unsafe_findings_and_exits_one(tree: Path) -> None:
    (tree / "udp.go").write_bytes(PACKET)
    result = invoke(["--apply"])
    assert result.exit_code == 1
    assert result.stdout.startswith("udp.go:6:26: ")
    assert result.stdout.endswith(
        "[unsafe fix: an ephemeral-port UDP socket is usually a client (QUIC, DNS) that must "
        "reach remote hosts, which it cannot from loopback]\n"
    )
    assert "1 unsafe fix held back (--unsafe-fixes applies it)" in result.stderr
    assert (tree / "udp.go").read_bytes() == PACKET
    result = invoke(["--apply", "--unsafe-fixes"])
    assert result.exit_code == 0
    assert b'"127.0.0.1:0"' in (tree / "udp.go").read_bytes()


def test_configured_address(tree: Path) -> None:
    result = invoke(["--apply", "--address", "10.1.2.3"])
    assert result.exit_code == 0
    assert b'"10.1.2.3:8080"' in (tree / "svc" / "main.go").read_bytes()


def test_diff_writes_nothing_and_applies_from_root_when_run_in_subdir(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    subprocess.run(["git", "init", "-q", str(tree)], check=True)
    before = snapshot(tree)
    monkeypatch.chdir(tree / "svc")
    result = invoke(["--diff"])
    assert result.exit_code == 1
    assert snapshot(tree) == before
    assert result.stdout_bytes.startswith(b"diff --git a/svc/main.go b/svc/main.go\n")
    git_apply(tree, result.stdout_bytes)
    patched = snapshot(tree)
    invoke(["--apply"])
    assert snapshot(tree) == patched
    assert patched != before


def test_diff_outside_git_is_relative_to_cwd(tree: Path) -> None:
    result = invoke(["--diff", "svc"])
    assert b"--- a/svc/main.go\n" in result.stdout_bytes


def test_missing_path_is_an_error_but_the_batch_goes_on(tree: Path) -> None:
    result = invoke(["--apply", "nope.go", "svc"])
    assert result.exit_code == 2
    assert "nope.go: error: no such file or directory" in result.stderr
    assert b"127.0.0.1:8080" in (tree / "svc" / "main.go").read_bytes()


def test_go_dot_dot_dot_pattern(tree: Path) -> None:
    assert invoke(["./..."]).stdout == invoke(["."]).stdout != ""


def test_json_document(tree: Path) -> None:
    result = invoke(["--format", "json"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert document["errors"] == []
    assert document["summary"] == {
        "files_scanned": 2,
        "files_skipped": 0,
        "files_failed": 0,
        "findings": 1,
        "fixable": 1,
        "suppressed": 0,
        "fixed": 0,
        "changed": [],
    }
    (finding,) = document["findings"]
    start = LISTEN.index(b'":8080"')
    assert finding == {
        "rule": RULE,
        "path": "svc/main.go",
        "line": 6,
        "column": 20,
        "end_line": 6,
        "end_column": 27,
        "start_byte": start,
        "end_byte": start + 7,
        "sink": "net.Listen",
        "address": ":8080",
        "source": "literal",
        "message": 'net.Listen listens on every network interface: an empty host in ":8080"',
        "fix": {
            "applicability": "safe",
            "reason": "",
            "edits": [{"start_byte": start + 1, "end_byte": start + 1, "content": "127.0.0.1"}],
        },
        "trace": [{"path": "svc/main.go", "line": 6, "column": 2, "sink": "net.Listen"}],
    }


def test_json_in_apply_mode_counts_fixed(tree: Path) -> None:
    result = invoke(["--apply", "--format", "json"])
    assert json.loads(result.stdout)["summary"]["fixed"] == 1
    assert result.exit_code == 0


def test_json_reports_errors(tree: Path) -> None:
    (tree / "broken.go").write_bytes(b'package main\nfunc {\nnet.Listen("tcp", ":1")\n')
    result = invoke(["--format", "json"])
    assert result.exit_code == 2
    errors = json.loads(result.stdout)["errors"]
    assert errors == [{"path": "broken.go", "message": "syntax error at 2:1"}]


def test_syntax_errors_in_files_that_cannot_matter(tree: Path) -> None:
    """A broken file that spells no listener is not parsed, unless --no-prefilter says so."""
    (tree / "broken.go").write_bytes(b"package main\nfunc {\n")
    result = invoke(["--format", "json"])
    assert json.loads(result.stdout)["errors"] == []
    assert result.exit_code == 1
    result = invoke(["--format", "json", "--no-prefilter"])
    assert result.exit_code == 2
    errors = json.loads(result.stdout)["errors"]
    assert errors == [{"path": "broken.go", "message": "syntax error at 2:1"}]


@pytest.mark.parametrize(
    ("args", "env", "colored"),
    [
        pytest.param(["--color", "always"], {}, True, id="always"),
        pytest.param(["--color", "always"], {"NO_COLOR": "1"}, True, id="always-beats-no-color"),
        pytest.param(["--color", "never"], {}, False, id="never"),
        pytest.param([], {}, False, id="auto-in-a-pipe"),
    ],
)
def test_color(tree: Path, args: list[str], env: dict[str, str], colored: bool) -> None:
    for mode in ([], ["--diff"]):
        result = invoke([*args, *mode], env=env)
        assert ("\x1b[" in result.stdout) is colored
        assert "\x1b[" not in result.stderr


def test_version() -> None:
    result = invoke(["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("gofix-bind, version ")


def test_console_script_runs(tree: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "gofix_bind", "--format", "json", "."],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert json.loads(completed.stdout)["summary"]["findings"] == 1


def test_named_file_gets_its_constant_fixed_in_a_sibling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "config.go").write_bytes(b'package main\n\nconst addr = ":9100"\n')
    (tmp_path / "main.go").write_bytes(
        b'package main\n\nimport "net"\n\nfunc main() {\n\tnet.Listen("tcp", addr)\n}\n'
    )
    (tmp_path / "other.go").write_bytes(b'package main\n\nconst unused = ":1"\n')
    monkeypatch.chdir(tmp_path)
    result = invoke(["main.go"])
    assert result.exit_code == 1
    assert result.stdout.startswith("config.go:3:14: ")
    assert result.stdout.endswith("(via main.go:6 net.Listen) [fixable]\n")
    assert invoke(["--apply", "main.go"]).exit_code == 0
    assert (
        tmp_path / "config.go"
    ).read_bytes() == b'package main\n\nconst addr = "127.0.0.1:9100"\n'


SERVER = (
    b'package main\n\nimport "net/http"\n\nfunc main() {\n'
    b"\tsrv := &http.Server{Handler: nil}\n\tsrv.ListenAndServe()\n}\n"
)


def test_json_for_an_insertion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server without Addr: the finding spans the literal; the fix is one insertion."""
    (tmp_path / "main.go").write_bytes(SERVER)
    monkeypatch.chdir(tmp_path)
    (finding,) = json.loads(invoke(["--format", "json"]).stdout)["findings"]
    literal = SERVER.index(b"http.Server{")
    insert_at = SERVER.index(b"Handler")
    assert (finding["line"], finding["column"]) == (6, 10)
    assert (finding["start_byte"], finding["end_byte"]) == (literal, SERVER.index(b"}\n\tsrv.") + 1)
    assert finding["sink"] == "(*http.Server).ListenAndServe"
    assert finding["address"] == ""
    assert finding["fix"] == {
        "applicability": "safe",
        "reason": "",
        "edits": [
            {"start_byte": insert_at, "end_byte": insert_at, "content": 'Addr: "127.0.0.1:80", '}
        ],
    }
    assert finding["trace"] == [
        {"path": "main.go", "line": 7, "column": 2, "sink": "(*http.Server).ListenAndServe"}
    ]
