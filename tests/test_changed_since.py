"""--changed-since: the changed directories are scanned, and only findings the base lacks shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gofix_bind.changed import Reach
from tests.helpers import git, invoke
from tests.toolchain import need_git

OLD = b"""package main

import "net/http"

func main() {
	http.ListenAndServe(":8080", nil)
}
"""
# The same file with lines added above the old listener, and a new listener below it.
MOVED = OLD.replace(b"func main() {", b"// The server.\n\nfunc helper() {}\n\nfunc main() {")
ADDED = MOVED.replace(
    b'http.ListenAndServe(":8080", nil)\n',
    b'http.ListenAndServe(":8080", nil)\n\thttp.ListenAndServe("0.0.0.0:7070", nil)\n',
)
OTHER = OLD.replace(b":8080", b":9090")
LIBRARY = b"""package lib

// Name is not a listener.
const Name = "lib"
"""
NEW_FILE = b"""package main

import "net"

func serve() {
	net.Listen("tcp", ":6060")
}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A work tree on branch feature, fresh from main: two old findings, one clean package."""
    need_git()
    root = tmp_path / "repo"
    for path, data in {
        "svc/main.go": OLD,
        "other/o.go": OTHER,
        "lib/lib.go": LIBRARY,
    }.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    git(root.parent, "init", "-q", "-b", "main", str(root))
    _commit(root, "base")
    git(root, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(root)
    return root


def _commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def _found(*args: str) -> list[tuple[str, int, str]]:
    """Run --changed-since main as JSON; return each finding's path, line and address."""
    result = invoke(["--changed-since", "main", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.stderr
    document = json.loads(result.stdout)
    return [(f["path"], f["line"], f["address"]) for f in document["findings"]]


def _scanned(*args: str) -> int:
    result = invoke(["--changed-since", "main", "--format", "json", *args])
    scanned: int = json.loads(result.stdout)["summary"]["files_scanned"]
    return scanned


def test_nothing_changed_reports_nothing(repo: Path) -> None:
    result = invoke(["--changed-since", "main"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert _scanned() == 0
    # A full scan has both old findings: they are left out, not missed.
    assert invoke(["--format", "json"]).stdout.count('"rule"') == 2


def test_a_committed_change_reports_only_its_new_finding(repo: Path) -> None:
    (repo / "svc/main.go").write_bytes(ADDED)
    _commit(repo, "a second listener")
    assert _found() == [("svc/main.go", 11, "0.0.0.0:7070")]
    # Only the changed directory was scanned: other/ still holds its old finding.
    assert _scanned() == 1


def test_a_staged_change_is_seen(repo: Path) -> None:
    (repo / "svc/main.go").write_bytes(ADDED)
    git(repo, "add", "svc/main.go")
    assert _found() == [("svc/main.go", 11, "0.0.0.0:7070")]


def test_an_unstaged_change_is_seen(repo: Path) -> None:
    (repo / "svc/main.go").write_bytes(ADDED)
    assert _found() == [("svc/main.go", 11, "0.0.0.0:7070")]


def test_an_untracked_file_is_seen(repo: Path) -> None:
    (repo / "lib/serve.go").write_bytes(NEW_FILE.replace(b"package main", b"package lib"))
    assert _found() == [("lib/serve.go", 6, ":6060")]


def test_an_untracked_directory_is_scanned_whole(repo: Path) -> None:
    (repo / "cmd/tool/inner").mkdir(parents=True)
    (repo / "cmd/tool/main.go").write_bytes(NEW_FILE)
    (repo / "cmd/tool/inner/inner.go").write_bytes(NEW_FILE.replace(b":6060", b":6161"))
    assert _found() == [("cmd/tool/inner/inner.go", 6, ":6161"), ("cmd/tool/main.go", 6, ":6060")]


def test_an_ignored_untracked_file_reaches_nothing(repo: Path) -> None:
    (repo / ".gitignore").write_bytes(b"gen.go\n")
    _commit(repo, "ignore gen.go")
    (repo / "lib/gen.go").write_bytes(NEW_FILE.replace(b"package main", b"package lib"))
    # The .gitignore's own commit reaches every directory: compare with that commit.
    result = invoke(["--changed-since", "HEAD", "--format", "json"])
    assert json.loads(result.stdout)["summary"]["files_scanned"] == 0


def test_an_old_finding_that_only_moved_is_not_reported(repo: Path) -> None:
    (repo / "svc/main.go").write_bytes(MOVED)
    _commit(repo, "lines above the listener")
    result = invoke(["--changed-since", "main"])
    assert (result.exit_code, result.stdout) == (0, "")
    # The file was scanned, and its finding is there, four lines down.
    assert _scanned() == 1
    assert invoke(["svc"]).stdout.startswith("svc/main.go:10:")


def test_a_new_file_beside_an_old_finding(repo: Path) -> None:
    (repo / "svc/serve.go").write_bytes(NEW_FILE)
    assert _found() == [("svc/serve.go", 6, ":6060")]


def test_a_renamed_file_keeps_its_old_finding_old(repo: Path) -> None:
    git(repo, "mv", "svc/main.go", "svc/server.go")
    _commit(repo, "rename")
    assert _found() == []
    assert _scanned() == 1


def test_a_file_moved_to_another_directory_with_a_new_finding(repo: Path) -> None:
    (repo / "cmd").mkdir()
    git(repo, "mv", "svc/main.go", "cmd/main.go")
    # Similar enough for git to see a rename (a file rewritten is a new file with new findings).
    (repo / "cmd/main.go").write_bytes(
        OLD.replace(b"nil)\n", b'nil)\n\thttp.ListenAndServe("0.0.0.0:7070", nil)\n')
    )
    _commit(repo, "move and add")
    assert _found() == [("cmd/main.go", 7, "0.0.0.0:7070")]


def test_a_deleted_file_reports_nothing_and_its_directory_is_scanned(repo: Path) -> None:
    (repo / "svc/serve.go").write_bytes(NEW_FILE)
    _commit(repo, "a second file")
    git(repo, "branch", "-f", "main")
    (repo / "svc/serve.go").unlink()
    result = invoke(["--changed-since", "main"])
    assert (result.exit_code, result.stdout) == (0, "")
    # svc/main.go, the file left in the deleted file's directory.
    assert _scanned() == 1


def test_a_deleted_declaration_makes_a_new_finding_in_an_unchanged_file(repo: Path) -> None:
    (repo / "lib/serve.go").write_bytes(
        b'package lib\n\nimport "net/http"\n\nfunc Serve() { http.ListenAndServe(addr, nil) }\n'
    )
    (repo / "lib/addr.go").write_bytes(b'package lib\n\nconst addr = "127.0.0.1:80"\n')
    _commit(repo, "a loopback server")
    git(repo, "branch", "-f", "main")
    (repo / "lib/addr.go").unlink()
    (repo / "lib/lib.go").write_bytes(LIBRARY + b'\nconst addr = ":80"\n')
    assert _found() == [("lib/lib.go", 6, ":80")]


def test_a_changed_config_file_reaches_the_directories_it_governs(repo: Path) -> None:
    (repo / "other/sub").mkdir()
    (repo / "other/sub/s.go").write_bytes(OTHER.replace(b":9090", b":9191"))
    (repo / "other/.gofix-bind.toml").write_bytes(b'[[overrides]]\npaths = ["**"]\nignore = true\n')
    _commit(repo, "other/ listens everywhere on purpose")
    git(repo, "branch", "-f", "main")
    (repo / "other/.gofix-bind.toml").write_bytes(b"exclude-tests = true\n")
    # No Go file changed; the config's change reaches other/ and other/sub/, not svc/.
    assert _found() == [("other/o.go", 6, ":9090"), ("other/sub/s.go", 6, ":9191")]


def test_diff_shows_only_the_new_findings_fix(repo: Path) -> None:
    (repo / "svc/main.go").write_bytes(ADDED)
    result = invoke(["--changed-since", "main", "--diff"])
    assert result.exit_code == 1
    changed = [line for line in result.stdout.splitlines() if line[:1] in "+-"]
    assert changed == [
        "--- a/svc/main.go",
        "+++ b/svc/main.go",
        '-\thttp.ListenAndServe("0.0.0.0:7070", nil)',
        '+\thttp.ListenAndServe("127.0.0.1:7070", nil)',
    ]


def test_apply_writes_only_the_new_findings_fix(repo: Path) -> None:
    (repo / "svc/main.go").write_bytes(ADDED)
    _commit(repo, "a second listener")
    result = invoke(["--changed-since", "main", "--apply"])
    assert result.exit_code == 0, result.stderr
    assert (repo / "svc/main.go").read_bytes() == ADDED.replace(b"0.0.0.0:7070", b"127.0.0.1:7070")
    assert (repo / "other/o.go").read_bytes() == OTHER


def test_json_edits_hold_only_the_new_fix(repo: Path) -> None:
    (repo / "svc/main.go").write_bytes(ADDED)
    document = json.loads(invoke(["--changed-since", "main", "--format", "json"]).stdout)
    [file] = document["files"]
    assert [edit["content"] for edit in file["edits"]] == ["127.0.0.1"]


def test_from_a_subdirectory_with_a_path(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "svc/main.go").write_bytes(ADDED)
    (repo / "other/o.go").write_bytes(OTHER + b'\nfunc more() { http.ListenAndServe(":1", nil) }\n')
    monkeypatch.chdir(repo / "svc")
    assert _found() == [("main.go", 11, "0.0.0.0:7070")]
    assert _found("../other") == [("../other/o.go", 9, ":1")]


def test_standard_input_is_a_usage_error(repo: Path) -> None:
    result = invoke(["--changed-since", "main", "-"], stdin=OLD)
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr == "gofix-bind: error: --changed-since cannot be used with standard input\n"
    )


def test_a_bad_ref_is_a_usage_error(repo: Path) -> None:
    result = invoke(["--changed-since", "no-such-branch"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr == "gofix-bind: error: --changed-since: unknown revision 'no-such-branch'\n"
    )


def test_a_path_outside_a_work_tree_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    need_git()
    (tmp_path / "loose").mkdir()
    monkeypatch.chdir(tmp_path / "loose")
    result = invoke(["--changed-since", "main"])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"gofix-bind: error: --changed-since: {tmp_path / 'loose'} is not in a git work tree\n"
    )


def test_a_path_outside_the_work_tree_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    result = invoke(["--changed-since", "main", ".", str(tmp_path)])
    assert result.exit_code == 2
    assert "is not in the git work tree at" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("paths", "directories", "trees"),
    [
        pytest.param(["a/b.go", "c.go"], {"a", ""}, set(), id="source-files-their-directories"),
        pytest.param(["a/README.md", "a/b.txt"], set(), set(), id="other-files-nothing"),
        pytest.param(["new/", "a/new/"], set(), {"new", "a/new"}, id="untracked-directories"),
        pytest.param(
            ["a/.gofix-bind.toml", ".gitignore", "m/go.mod", "p/pyproject.toml"],
            set(),
            {"a", "", "m", "p"},
            id="governing-files-their-trees",
        ),
    ],
)
def test_reach(paths: list[str], directories: set[str], trees: set[str]) -> None:
    assert Reach.of(paths) == Reach(frozenset(directories), frozenset(trees))


def test_reach_as_a_walk_scope() -> None:
    scope = Reach(frozenset({"a/b"}), frozenset({"t"})).at(["/r"])
    assert [scope.enters(d) for d in ("/r", "/r/a", "/r/a/b", "/r/a/b/c", "/r/x", "/r/t/u")] == [
        True,
        True,
        True,
        False,
        False,
        True,
    ]
    assert [scope.keeps(d) for d in ("/r", "/r/a", "/r/a/b", "/r/t", "/r/t/u/v", "/r/tt")] == [
        False,
        False,
        True,
        True,
        True,
        False,
    ]


def test_a_ref_with_no_merge_base_is_a_usage_error(repo: Path) -> None:
    git(repo, "checkout", "-q", "--orphan", "orphan")
    _commit(repo, "unrelated")
    git(repo, "checkout", "-q", "feature")
    result = invoke(["--changed-since", "orphan"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == "gofix-bind: error: --changed-since: 'orphan' and HEAD have no merge base\n"
    )


def test_interactive_is_a_usage_error(repo: Path) -> None:
    result = invoke(["--changed-since", "main", "--interactive"])
    assert result.exit_code == 2
    assert result.stderr == (
        "gofix-bind: error: --interactive and --changed-since cannot be used together\n"
    )


def test_the_text_report(repo: Path) -> None:
    (repo / "svc/main.go").write_bytes(ADDED)
    result = invoke(["--changed-since", "main"])
    assert result.exit_code == 1
    assert result.stdout == (
        "svc/main.go:11:22: go-security/do-not-bind-all-interfaces: http.ListenAndServe listens"
        " on every network interface: the IPv4 unspecified address 0.0.0.0 in"
        ' "0.0.0.0:7070" [fixable]\n'
    )
    assert result.stderr.endswith(
        "1 finding, 1 file scanned, 1 fixable, 0 suppressed, 0 files skipped\n"
    )


def test_files_named_outside_the_changed_directories_are_left_out(repo: Path) -> None:
    (repo / "svc/main.go").write_bytes(ADDED)
    (repo / "lib/lib.go").write_bytes(LIBRARY + b"\n// edited\n")
    assert _found("other/o.go", "svc/main.go") == [("svc/main.go", 11, "0.0.0.0:7070")]
    assert _scanned("other/o.go", "svc/main.go", "lib") == 2


def test_a_ref_like_an_option_never_reaches_git_as_one(repo: Path) -> None:
    result = invoke(["--changed-since=--output=x", "."])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "gofix-bind: error: --changed-since: '--output=x' is not a revision\n"
    assert not (repo / "x").exists()


def test_a_broken_config_at_the_merge_base_makes_every_finding_new(repo: Path) -> None:
    (repo / "other/.gofix-bind.toml").write_bytes(b"no-such-key = 1\n")
    _commit(repo, "a broken config")
    git(repo, "branch", "-f", "main")
    (repo / "other/.gofix-bind.toml").write_bytes(b"exclude-tests = true\n")
    result = invoke(["--changed-since", "main"])
    assert result.exit_code == 1
    assert result.stdout.startswith("other/o.go:6:22: ")
    [warning] = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warning.startswith("gofix-bind: warning: cannot scan the merge base ")
    assert "other/.gofix-bind.toml" in warning
    assert warning.endswith("; every finding is reported")
