"""--apply never loses bytes: verified rewrites, no lost edits, atomic or restored writes."""

from __future__ import annotations

import dataclasses
import errno
import os
import stat
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gofix_bind import exchange, source_io
from gofix_bind.model import Edit, Finding
from gofix_bind.plan import Spell, plan_fix
from gofix_bind.settings import FixPolicy
from gofix_bind.verify import NOT_PARSED, OUTSIDE_FIX, verify
from tests.helpers import FIXED, LISTEN, commit_all, git_apply, invoke, snapshot

EDITED = LISTEN.replace(b"func main", b"// edited by hand meanwhile\nfunc main")
CHANGED = "changed on disk since it was read; nothing written"
ROOT = os.geteuid() == 0


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _files(root: Path) -> list[str]:
    """Every file name under root, temporary ones included (outside .git)."""
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if not p.is_dir() and ".git" not in p.relative_to(root).parts
    )


@pytest.fixture
def one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tree with one fixable file, main.go, mode 0640; the working directory."""
    (tmp_path / "main.go").write_bytes(LISTEN)
    (tmp_path / "main.go").chmod(0o640)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tree with two fixable files, a/main.go (written first) and b/main.go, mode 0640."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "main.go").write_bytes(LISTEN)
        (tmp_path / name / "main.go").chmod(0o640)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _fail(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, code: int, times: int = 1
) -> None:
    """Make owner.name raise OSError(code) on its first `times` calls, then behave."""
    real = getattr(owner, name)
    calls = 0

    def fake(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls <= times:
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, fake)


def _fail_from(
    monkeypatch: pytest.MonkeyPatch, point: str, name: str, code: int, times: int = 1
) -> None:
    """Make os.name fail as _fail does, from the write's named point on (the seam's)."""

    def pause(reached: str) -> None:
        if reached == point:
            _fail(monkeypatch, os, name, code, times)

    monkeypatch.setattr(source_io, "_pause", pause)


def _lower(message: str) -> str:
    """Return an OS message as the tool words it: lower case first."""
    return message[:1].lower() + message[1:]


def _plan_with(monkeypatch: pytest.MonkeyPatch, bad: Callable[[Edit], Edit]) -> None:
    """Make the planner emit a broken edit in place of each real one (a planner bug)."""

    def planned(
        finding: Finding, policy: FixPolicy, spell: Spell, location: str | None = None
    ) -> Finding:
        finding = plan_fix(finding, policy, spell, location)
        if finding.fix is None:
            return finding
        changes = tuple(bad(e) for e in finding.fix.changes)
        return dataclasses.replace(finding, fix=dataclasses.replace(finding.fix, changes=changes))

    monkeypatch.setattr("gofix_bind.runner.plan_fix", planned)


def _edit_meanwhile(monkeypatch: pytest.MonkeyPatch, path: Path, data: bytes) -> None:
    """Change the file on disk after it was read and before it is written."""

    def edited_then_verified(*args: Any, **kwargs: Any) -> dict[str, str]:
        path.write_bytes(data)
        return verify(*args, **kwargs)

    monkeypatch.setattr("gofix_bind.runner.verify", edited_then_verified)


# The planner's edit inserts the host right after the opening quote of ":8080".
SPILL = b':8080", nil'


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        pytest.param(
            lambda e: Edit(e.start_byte, e.end_byte + len(SPILL), b'127.0.0.1:8080", mux'),
            OUTSIDE_FIX,
            id="changes-next-argument",
        ),
        pytest.param(
            lambda e: Edit(e.start_byte, e.end_byte, b'127.0.0.1:" + "'),
            OUTSIDE_FIX,
            id="literal-becomes-concatenation",
        ),
        pytest.param(
            lambda e: Edit(e.start_byte, e.end_byte, b'127.0.0.1"'),
            NOT_PARSED,
            id="breaks-parsing",
        ),
    ],
)
@pytest.mark.parametrize("mode", ["--apply", "--diff"])
def test_bad_edit_is_refused_and_nothing_written(
    one: Path,
    monkeypatch: pytest.MonkeyPatch,
    bad: Callable[[Edit], Edit],
    message: str,
    mode: str,
) -> None:
    _plan_with(monkeypatch, bad)
    before = snapshot(one)
    result = invoke([mode])
    assert result.exit_code == 2
    assert f"main.go: error: {message}\n" in result.stderr
    assert snapshot(one) == before
    assert _mode(one / "main.go") == 0o640
    if mode == "--diff":
        assert result.stdout == ""


@pytest.mark.parametrize("mode", ["--apply", "--diff"])
def test_edit_that_leaves_a_fix_is_refused(
    one: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    """A rewrite the second pass still finds fixable (a planner bug) is never written."""
    _plan_with(monkeypatch, lambda e: Edit(e.start_byte, e.end_byte, b"0.0.0.0"))
    before = snapshot(one)
    result = invoke([mode])
    assert result.exit_code == 2
    assert "main.go: error: a second pass still finds a fix at " in result.stderr
    assert snapshot(one) == before


@pytest.mark.parametrize(
    ("flags", "verified"),
    [
        pytest.param([], False, id="text-report"),
        pytest.param(["--format", "json"], True, id="json"),
        pytest.param(["--format", "sarif"], True, id="sarif"),
        pytest.param(["--list"], True, id="list"),
    ],
)
def test_a_text_report_plans_without_verifying(
    one: Path, monkeypatch: pytest.MonkeyPatch, flags: list[str], verified: bool
) -> None:
    """Only the reports that show edits or what --apply would write pay for verify."""
    _plan_with(monkeypatch, lambda e: Edit(e.start_byte, e.end_byte, b'127.0.0.1"'))
    result = invoke(flags)
    assert (NOT_PARSED in result.stdout + result.stderr) is verified
    assert result.exit_code == (2 if verified else 1)
    if not verified:
        assert result.stdout.endswith(" [fixable]\n")


@pytest.mark.parametrize("linked", [False, True], ids=["renamed", "in-place"])
def test_file_changed_since_read_is_not_overwritten(
    one: Path, monkeypatch: pytest.MonkeyPatch, linked: bool
) -> None:
    if linked:
        os.link(one / "main.go", one / "main.go.orig")
    _edit_meanwhile(monkeypatch, one / "main.go", EDITED)
    result = invoke(["--apply"])
    assert result.exit_code == 2
    assert f"main.go: error: {CHANGED}\n" in result.stderr
    assert (one / "main.go").read_bytes() == EDITED
    assert _files(one) == (["main.go", "main.go.orig"] if linked else ["main.go"])


def test_file_already_fixed_meanwhile_is_left_as_it_is(
    one: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit_meanwhile(monkeypatch, one / "main.go", FIXED)
    result = invoke(["--apply"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert (one / "main.go").read_bytes() == FIXED
    assert _files(one) == ["main.go"]


@pytest.mark.parametrize("mode", [0o600, 0o644, 0o755, 0o464])
def test_write_keeps_mode_bits(one: Path, mode: int) -> None:
    if mode == 0o464 and not ROOT:
        pytest.skip("only root may write a file its owner may not, though its group may")
    (one / "main.go").chmod(mode)
    result = invoke(["--apply"])
    assert result.exit_code == 0
    assert (one / "main.go").read_bytes() == FIXED
    assert _mode(one / "main.go") == mode


@pytest.mark.parametrize(
    ("owner", "name", "code"),
    [
        pytest.param(tempfile, "mkstemp", errno.EACCES, id="mkstemp-permission-denied"),
        pytest.param(tempfile, "mkstemp", errno.EMFILE, id="mkstemp-too-many-files"),
        pytest.param(os, "write", errno.ENOSPC, id="write-no-space"),
        pytest.param(os, "write", errno.EDQUOT, id="write-over-quota"),
        pytest.param(os, "fsync", errno.EIO, id="fsync-io-error"),
        pytest.param(os, "fchmod", errno.EPERM, id="chmod-not-permitted"),
        pytest.param(exchange, "exchange", errno.EBUSY, id="exchange-busy"),
        pytest.param(exchange, "exchange", errno.EACCES, id="exchange-permission-denied"),
        pytest.param(os, "replace", errno.EBUSY, id="replace-busy"),
        pytest.param(os, "replace", errno.EACCES, id="replace-permission-denied"),
    ],
)
def test_write_fault_leaves_original_and_other_files_are_written(
    two: Path, monkeypatch: pytest.MonkeyPatch, owner: object, name: str, code: int
) -> None:
    inode = (two / "a" / "main.go").stat().st_ino
    if name == "replace":
        # The rename is the way where the system cannot swap two files.
        monkeypatch.setattr(exchange, "exchange", lambda first, second: False)
    _fail(monkeypatch, owner, name, code)
    result = invoke(["--apply"])
    assert result.exit_code == 2
    assert f"a/main.go: error: cannot write: {_lower(os.strerror(code))}\n" in result.stderr
    assert result.stdout.startswith("a/main.go:9:")
    assert (two / "a" / "main.go").read_bytes() == LISTEN
    assert (two / "a" / "main.go").stat().st_ino == inode
    assert _mode(two / "a" / "main.go") == 0o640
    assert (two / "b" / "main.go").read_bytes() == FIXED
    assert _mode(two / "b" / "main.go") == 0o640
    assert _files(two) == ["a/main.go", "b/main.go"]


def test_read_only_file_is_refused(two: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even where the directory allows a rename, and for root too, who may open any file."""
    (two / "a" / "main.go").chmod(0o444)
    result = invoke(["--apply"])
    assert result.exit_code == 2
    assert "a/main.go: error: cannot write: permission denied\n" in result.stderr
    assert (two / "a" / "main.go").read_bytes() == LISTEN
    assert _mode(two / "a" / "main.go") == 0o444
    assert (two / "b" / "main.go").read_bytes() == FIXED
    assert _files(two) == ["a/main.go", "b/main.go"]


@pytest.mark.skipif(ROOT, reason="root may write in a read-only directory")
def test_read_only_directory_is_refused(two: Path) -> None:
    (two / "a").chmod(0o555)
    try:
        result = invoke(["--apply"])
    finally:
        (two / "a").chmod(0o755)
    assert result.exit_code == 2
    assert "a/main.go: error: cannot write: permission denied\n" in result.stderr
    assert (two / "a" / "main.go").read_bytes() == LISTEN
    assert (two / "b" / "main.go").read_bytes() == FIXED
    assert _files(two) == ["a/main.go", "b/main.go"]


@pytest.fixture
def linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """repo/main.go, and a hard link to it outside the tree; the working directory is repo."""
    (tmp_path / "repo").mkdir()
    (tmp_path / "elsewhere").mkdir()
    name = tmp_path / "repo" / "main.go"
    name.write_bytes(LISTEN)
    name.chmod(0o640)
    os.link(name, tmp_path / "elsewhere" / "main.go")
    monkeypatch.chdir(tmp_path / "repo")
    return name, tmp_path / "elsewhere" / "main.go"


def test_hard_link_is_written_in_place(linked: tuple[Path, Path]) -> None:
    name, other = linked
    inode = name.stat().st_ino
    result = invoke(["--apply"])
    assert result.exit_code == 0
    assert name.read_bytes() == other.read_bytes() == FIXED
    assert name.stat().st_ino == other.stat().st_ino == inode
    assert _mode(name) == 0o640


@pytest.mark.parametrize(
    ("name", "code"),
    [
        pytest.param("write", errno.ENOSPC, id="write-no-space"),
        pytest.param("ftruncate", errno.EIO, id="truncate-io-error"),
        pytest.param("fsync", errno.EIO, id="fsync-io-error"),
    ],
)
@pytest.mark.parametrize("stage", ["backup", "after-backup"])
def test_hard_link_fault_puts_the_original_back(
    linked: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, name: str, code: int, stage: str
) -> None:
    """A fault while the backup is made refuses the write; one after it undoes the write."""
    path, other = linked
    if stage == "backup":
        _fail(monkeypatch, os, name, code)
    else:
        _fail_from(monkeypatch, stage, name, code)
    result = invoke(["--apply"])
    assert result.exit_code == 2
    assert f"main.go: error: cannot write: {_lower(os.strerror(code))}\n" in result.stderr
    assert path.read_bytes() == other.read_bytes() == LISTEN
    assert path.stat().st_ino == other.stat().st_ino
    assert _files(path.parent) == ["main.go"]


def test_hard_link_fault_that_cannot_be_undone_says_so(
    linked: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = linked
    _fail_from(monkeypatch, "after-backup", "write", errno.EIO, times=2)
    result = invoke(["--apply"])
    assert result.exit_code == 2
    assert (
        "main.go: error: cannot write: input/output error; putting the original back failed "
        "too (Input/output error), so the file may be damaged: its original bytes are kept in "
        ".main.go.gofix-bind-backup beside it\n"
    ) in result.stderr
    assert (path.parent / ".main.go.gofix-bind-backup").read_bytes() == LISTEN


def test_owner_that_cannot_be_kept_is_written_in_place(
    one: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rename would hand the file to whoever runs the tool; write its own inode instead."""
    real = os.fstat

    def fstat(descriptor: int) -> os.stat_result:
        # The temporary file belongs to another group than the original.
        fields = list(real(descriptor))
        fields[stat.ST_GID] += 1
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", fstat)
    _fail(monkeypatch, os, "fchown", errno.EPERM)
    inode = (one / "main.go").stat().st_ino
    result = invoke(["--apply"])
    assert result.exit_code == 0
    assert (one / "main.go").read_bytes() == FIXED
    assert (one / "main.go").stat().st_ino == inode
    assert _files(one) == ["main.go"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git work tree; the working directory."""
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    monkeypatch.chdir(root)
    return root


def test_symlink_inside_the_tree_writes_its_target(repo: Path) -> None:
    (repo / "templates").mkdir()
    (repo / "svc").mkdir()
    target = repo / "templates" / "main.go.tmpl"
    target.write_bytes(LISTEN)
    target.chmod(0o640)
    (repo / "svc" / "main.go").symlink_to("../templates/main.go.tmpl")
    commit_all(repo)

    diff = invoke(["--diff", "svc"])
    assert diff.exit_code == 1
    # git apply and patch refuse to write through a symlink: the diff names the target.
    assert diff.stdout.startswith(
        "diff --git a/templates/main.go.tmpl b/templates/main.go.tmpl\n"
        "--- a/templates/main.go.tmpl\n+++ b/templates/main.go.tmpl\n"
    )
    git_apply(repo, diff.stdout_bytes)
    assert target.read_bytes() == FIXED

    target.write_bytes(LISTEN)
    target.chmod(0o640)
    result = invoke(["--apply", "svc"])
    assert result.exit_code == 0
    assert target.read_bytes() == FIXED
    assert _mode(target) == 0o640
    assert os.readlink(repo / "svc" / "main.go") == "../templates/main.go.tmpl"
    assert _files(repo) == ["svc/main.go", "templates/main.go.tmpl"]


def test_symlink_and_its_target_both_scanned_are_one_fix(repo: Path) -> None:
    (repo / "server.go").write_bytes(LISTEN)
    (repo / "alias.go").symlink_to("server.go")
    commit_all(repo)
    diff = invoke(["--diff"])
    assert diff.exit_code == 1
    assert diff.stdout.count("diff --git") == 1
    git_apply(repo, diff.stdout_bytes)
    assert (repo / "server.go").read_bytes() == FIXED

    (repo / "server.go").write_bytes(LISTEN)
    result = invoke(["--apply"])
    assert (result.exit_code, result.stderr.count("error")) == (0, 0)
    assert (repo / "server.go").read_bytes() == FIXED
    assert (repo / "alias.go").is_symlink()


@pytest.mark.parametrize("git", [True, False], ids=["work-tree", "no-work-tree"])
@pytest.mark.parametrize("mode", ["--apply", "--diff"])
def test_symlink_out_of_the_tree_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, git: bool, mode: str
) -> None:
    outside = tmp_path / "outside" / "main.go"
    outside.parent.mkdir()
    outside.write_bytes(LISTEN)
    root = tmp_path / "repo"
    root.mkdir()
    if git:
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "main.go").symlink_to(outside)
    monkeypatch.chdir(root)

    result = invoke([mode])
    assert result.exit_code == 2
    assert (
        f"main.go: error: a symbolic link to {os.path.realpath(outside)}, outside the tree "
        "being processed; nothing written\n"
    ) in result.stderr
    # --apply lists the finding it could not fix; --diff prints no diff for it.
    assert result.stdout.startswith("main.go:9:32: ") if mode == "--apply" else not result.stdout
    assert outside.read_bytes() == LISTEN
    assert (root / "main.go").is_symlink()
    # Report mode writes nothing, so it only reports.
    assert invoke([]).exit_code == 1
