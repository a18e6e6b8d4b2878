"""verify-patch through the real CLI, on real git repositories: pure patches, and every impurity."""

from __future__ import annotations

import builtins
import io
import os
import shlex
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from gofix_bind.cli import main, verify_patch_command
from gofix_bind.diff import unified_diff
from gofix_bind.model import Finding, Job, Outcome
from gofix_bind.patchfile import PatchError, parse_patch, post_image, unquote
from gofix_bind.resolve import Given, Resolver
from gofix_bind.runner import process_unit
from gofix_bind.settings import Settings
from tests.helpers import interactive_patch, invoke
from tests.toolchain import need_git

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "go"
# The flags of a golden case that verify-patch shares with the scan.
SHARED = {"--unsafe-fixes", "--include-vendor", "--include-generated", "--no-suppress"}
SHARED_WITH_VALUE = {"--address", "--ipv6-address"}
DIFF_CASES = sorted(
    case.name for case in GOLDEN.iterdir() if (case / "diff.stdout").is_file() and case.is_dir()
)

BLOCK_TWO = "gofmt_align_shared_block_two"
BLOCK_THREE = "gofmt_align_shared_block_three"
LISTEN = b"""package main

import "net/http"

func main() {
	_ = http.ListenAndServe(":8080", nil)
}
"""


def _git(root: Path, *args: str) -> str:
    need_git()
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=root,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8", "surrogateescape")


def _repo(root: Path, files: dict[str, bytes] | None = None, case: str | None = None) -> Path:
    """Make a git repository at root holding a golden case's input or the files given."""
    if case is not None:
        shutil.copytree(GOLDEN / case / "input", root, symlinks=True)
    root.mkdir(parents=True, exist_ok=True)
    for name, data in (files or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    _git(root, "init", "-q")
    return root


def _commit(root: Path, message: str = "commit") -> str:
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "--allow-empty", "-m", message)
    return _git(root, "rev-parse", "HEAD").strip()


def _verify(root: Path, *args: str, stdin: bytes | None = None) -> Result:
    """Run `gofix-bind verify-patch ARGS` from root."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        runner = CliRunner()
        return runner.invoke(verify_patch_command, list(args), input=stdin, catch_exceptions=False)
    finally:
        os.chdir(cwd)


def _diff(root: Path, *flags: str) -> bytes:
    """Return gofix-bind's own --diff of the tree at root."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = invoke(["--diff", *flags, "."])
    finally:
        os.chdir(cwd)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout_bytes


def _write_patch(root: Path, patch: bytes, name: str = "fix.patch") -> str:
    """Write the patch beside the repository (not in it) and return its path."""
    path = root.parent / name
    path.write_bytes(patch)
    return str(path)


def _git_apply(root: Path, patch: bytes) -> None:
    """Apply a patch to the work tree with git."""
    subprocess.run(["git", "apply", "-"], cwd=root, input=patch, check=True)


def _fix_of(root: Path, path: str) -> bytes:
    """Return a patch of the one fix a file with one `":8080"` listener gets."""
    source = (root / path).read_bytes()
    return unified_diff(source, source.replace(b'":8080"', b'"127.0.0.1:8080"'), path)


def _lines(result: Result) -> list[str]:
    return result.stdout.splitlines()


def _shared_flags(case: str) -> list[str]:
    flags_file = GOLDEN / case / "flags.txt"
    flags = shlex.split(flags_file.read_text()) if flags_file.exists() else []
    kept: list[str] = []
    for index, flag in enumerate(flags):
        if flag in SHARED:
            kept.append(flag)
        elif flag in SHARED_WITH_VALUE:
            kept += [flag, flags[index + 1]]
    return kept


def _configured(root: Path, options: dict[str, Any]) -> Settings:
    """Return the settings of a run at root: the tree's config files count, as in verify-patch."""
    return Resolver(Given(**options), root).settings()


def _subset_patch(root: Path, path: str, keep: Callable[[Finding], bool], **options: Any) -> bytes:
    """Plan only the fixes keep chooses in path (its directory as one unit); return the diff."""
    directory = (root / path).parent
    jobs = [
        Job(file, file.relative_to(root).as_posix(), root)
        for file in sorted(directory.glob("*.go"))
    ]
    results = process_unit("go", jobs, _configured(root, options), select=keep)
    result = next(r for r in results if r.path == path)
    assert result.outcome is Outcome.CHANGED, result
    return unified_diff(result.old_source, result.new_source, path)


def _fixable(root: Path, path: str, **options: Any) -> list[Finding]:
    directory = (root / path).parent
    jobs = [Job(f, f.relative_to(root).as_posix(), root) for f in sorted(directory.glob("*.go"))]
    results = process_unit("go", jobs, _configured(root, options), select=lambda _: False)
    result = next(r for r in results if r.path == path)
    return [finding for finding in result.findings if finding.fix is not None]


# --- pure patches -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", DIFF_CASES)
def test_own_diff_of_every_golden_case_is_pure(tmp_path: Path, case: str) -> None:
    root = _repo(tmp_path / "repo", case=case)
    patch = (GOLDEN / case / "diff.stdout").read_bytes()
    result = _verify(root, *_shared_flags(case), _write_patch(root, patch))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("the patch is pure: ")


def test_fresh_diff_of_a_multi_file_case_is_pure(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", case="addr_struct_missing_ip")
    patch = _diff(root)
    assert patch.count(b"diff --git") == 2
    result = _verify(root, _write_patch(root, patch))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "the patch is pure: 11 fixes in 2 files, nothing else\n"


def _options(flags: list[str]) -> dict[str, Any]:
    """Return the Given options for the shared flags."""
    options: dict[str, Any] = {
        flag.removeprefix("--").replace("-", "_"): True for flag in flags if flag in SHARED
    }
    for flag in SHARED_WITH_VALUE & set(flags):
        options[flag.removeprefix("--").replace("-", "_")] = flags[flags.index(flag) + 1]
    return options


def _fixed_files(root: Path, options: dict[str, Any]) -> Iterator[tuple[str, list[Finding]]]:
    """Yield each file a scan walks that has fixes, with the fixes the settings allow."""
    settings = _configured(root, options)
    for directory in sorted({path.parent for path in root.rglob("*.go")}):
        relative = directory.relative_to(root).parts
        if any(part.startswith((".", "_")) or part == "testdata" for part in relative):
            continue
        if "vendor" in relative and not settings.discovery.include_vendor:
            continue
        jobs = [
            Job(f, f.relative_to(root).as_posix(), root) for f in sorted(directory.glob("*.go"))
        ]
        for result in process_unit("go", jobs, settings, select=lambda _: False):
            fixes = [f for f in result.findings if settings.policy.allows(f)]
            if fixes:
                yield result.path, fixes


# Cases whose fixes share aligned blocks or lines: every fix left out is checked there too.
ALIGNED = {
    BLOCK_TWO,
    BLOCK_THREE,
    "two_on_one_line",
    "gofmt_align_composite",
    "gofmt_align_const_var",
}


@pytest.mark.parametrize("case", DIFF_CASES)
def test_every_single_fix_is_pure(tmp_path: Path, case: str) -> None:
    root = _repo(tmp_path / "repo", case=case)
    flags = _shared_flags(case)
    options = _options(flags)
    for path, findings in _fixed_files(root, options):
        keys = [(f.start_byte, f.end_byte) for f in findings]
        subsets = [{key} for key in keys]
        if case in ALIGNED and len(keys) > 2:
            subsets += [set(keys) - {key} for key in keys]
        for subset in subsets:

            def keep(
                finding: Finding, subset: set[tuple[int, int]] = subset, in_file: str = path
            ) -> bool:
                return finding.path == in_file and (finding.start_byte, finding.end_byte) in subset

            patch = _subset_patch(root, path, keep, **options)
            result = _verify(root, *flags, _write_patch(root, patch))
            assert result.exit_code == 0, (path, subset, patch.decode(), result.stdout)


def test_only_the_second_fix_of_an_aligned_block_is_pure(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", case=BLOCK_TWO)
    _, second = _fixable(root, "main.go")
    patch = _subset_patch(root, "main.go", lambda f: f.start_byte == second.start_byte)
    # Keeping only adminAddr's fix still realigns the comments of the lines above it.
    assert b'+\tapiAddr     = ":8080"          // the public API' in patch
    result = _verify(root, _write_patch(root, patch))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "the patch is pure: 1 fix in 1 file, nothing else\n"
    # The first fix's layout alone is not the second's: its patch is checked as such.
    wrong = patch.replace(b'"127.0.0.1:9000"', b'"0.0.0.0:9000"')
    result = _verify(root, _write_patch(root, wrong))
    assert result.exit_code == 1
    assert _lines(result) == [
        "main.go:15: hunk @@ -12,9 +12,9 @@ changes white space other than the layout of its fixes"
    ]


def test_standard_input(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", {"main.go": LISTEN})
    result = _verify(root, "-", stdin=_diff(root))
    assert (result.exit_code, result.stdout) == (0, "")


def test_subdirectory_cwd_reads_paths_from_the_top_level(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", {"cmd/server/main.go": LISTEN})
    patch = _diff(root)
    assert b"a/cmd/server/main.go" in patch
    result = _verify(root / "cmd", _write_patch(root, patch))
    assert (result.exit_code, result.stdout) == (0, "")


def test_empty_patch_is_pure_with_a_note(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", {"main.go": LISTEN})
    result = _verify(root, "-", stdin=b"")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "empty patch: nothing to verify\n"


def test_crlf_no_final_newline_spaces_and_quoted_names(tmp_path: Path) -> None:
    crlf = LISTEN.replace(b"\n", b"\r\n")
    no_newline = LISTEN.rstrip(b"\n")
    root = _repo(
        tmp_path / "repo",
        {"my dir/café.go": LISTEN, "crlf/main.go": crlf, "tail/main.go": no_newline},
    )
    _commit(root)
    ours = _diff(root)
    assert b"\\ No newline at end of file" in ours
    assert (_verify(root, _write_patch(root, ours)).exit_code) == 0
    # git quotes the name with octal escapes; the same change read from git's own diff.
    _git_apply(root, ours)
    theirs = _git(root, "diff", "--no-color").encode("utf-8", "surrogateescape")
    _git(root, "checkout", "-q", ".")
    assert b'"a/my dir/caf\\303\\251.go"' in theirs
    result = _verify(root, _write_patch(root, theirs))
    assert (result.exit_code, result.stdout) == (0, ""), result.stderr
    assert result.stderr == "the patch is pure: 3 fixes in 3 files, nothing else\n"


# --- problems: exit 1 -------------------------------------------------------------------------


def test_an_unrelated_added_line_names_its_hunk(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", case=BLOCK_TWO)
    patch = _diff(root)
    extra = patch.replace(b" )\n \n var (", b" )\n \n+var debug = true\n var (")
    extra = extra.replace(b"@@ -12,9 +12,9 @@", b"@@ -12,9 +12,10 @@")
    result = _verify(root, _write_patch(root, extra))
    assert result.exit_code == 1
    assert _lines(result) == ["main.go:15: hunk @@ -12,9 +12,10 @@ changes lines no fix makes"]
    assert result.stderr == "the patch is not pure: 1 problem in 1 file\n"


def test_an_extra_hunk_of_its_own(tmp_path: Path) -> None:
    source = LISTEN + b"\nfunc other() {\n\tprintln(1)\n}\n"
    root = _repo(tmp_path / "repo", {"main.go": source})
    changed = source.replace(b"println(1)", b"println(2)").replace(b'":8080"', b'"127.0.0.1:8080"')
    patch = unified_diff(source, changed, "main.go", context=1)
    assert patch.count(b"@@ -") == 2
    result = _verify(root, _write_patch(root, patch))
    assert result.exit_code == 1
    assert _lines(result) == ["main.go:10: hunk @@ -9,3 +9,3 @@ changes lines no fix makes"]


def test_another_address_says_which(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", case=BLOCK_TWO)
    patch = _diff(root, "--address", "127.0.0.2")
    path = _write_patch(root, patch)
    result = _verify(root, path)
    assert result.exit_code == 1
    expected = (
        "hunk @@ -12,9 +12,9 @@ writes 127.0.0.2 where the fix writes 127.0.0.1 "
        "(verify with --address 127.0.0.2 to accept it)"
    )
    assert _lines(result) == [f"main.go:15: {expected}", f"main.go:17: {expected}"]
    result = _verify(root, "--address", "127.0.0.2", path)
    assert (result.exit_code, result.stdout) == (0, "")


def test_another_ipv6_address_and_net_ip_forms(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", case="addr_struct_missing_ip")
    patch = _diff(root, "--address", "10.1.2.3", "--ipv6-address", "fd00::7")
    path = _write_patch(root, patch)
    result = _verify(root, path)
    assert result.exit_code == 1
    lines = _lines(result)
    assert len(lines) == 11
    assert (
        "vars.go:52: hunk @@ -49,7 +51,7 @@ writes fd00::7 where the fix writes ::1 "
        "(verify with --ipv6-address fd00::7 to accept it)"
    ) in lines
    assert (
        "main.go:12: hunk @@ -9,14 +9,14 @@ writes 10.1.2.3 where the fix writes 127.0.0.1 "
        "(verify with --address 10.1.2.3 to accept it)"
    ) in lines
    result = _verify(root, "--address", "10.1.2.3", "--ipv6-address", "fd00::7", path)
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_host_name_instead_of_the_address(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", {"main.go": LISTEN})
    patch = _diff(root).replace(b'"127.0.0.1:8080"', b'"localhost:8080"')
    result = _verify(root, _write_patch(root, patch))
    assert _lines(result) == [
        "main.go:6: hunk @@ -3,5 +3,5 @@ writes localhost where the fix writes 127.0.0.1 "
        "('localhost' is not an IP address)"
    ]


def test_white_space_not_realigned(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", case=BLOCK_TWO)
    patch = _diff(root).replace(b'"127.0.0.1:8080" // the', b'"127.0.0.1:8080"   // the')
    result = _verify(root, _write_patch(root, patch))
    assert _lines(result) == [
        "main.go:15: hunk @@ -12,9 +12,9 @@ changes white space other than the layout of its fixes"
    ]


def test_a_realigned_line_left_out_of_the_patch(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", case=BLOCK_TWO)
    _commit(root)
    _git_apply(root, _diff(root))
    fixed = (root / "main.go").read_bytes()
    # Put serviceName's line back as it was: the fixes realign it, the patch does not.
    original = (GOLDEN / BLOCK_TWO / "input" / "main.go").read_bytes()

    def is_service(line: bytes) -> bool:
        return line.startswith(b"\tserviceName =")

    service = next(line for line in original.splitlines(True) if is_service(line))
    lines = [service if is_service(line) else line for line in fixed.splitlines(True)]
    (root / "main.go").write_bytes(b"".join(lines))
    patch = _git(root, "diff", "-U0", "--no-color").encode()
    _git(root, "checkout", "-q", ".")
    assert patch.count(b"@@ -") == 2
    result = _verify(root, _write_patch(root, patch))
    assert result.exit_code == 1
    assert _lines(result) == [
        "main.go:16: leaves this line as it is, where the fixes the patch makes change it too"
    ]


def test_unsafe_fix_needs_unsafe_fixes(tmp_path: Path) -> None:
    case = "flow_shared_unsafe_fixes"
    root = _repo(tmp_path / "repo", case=case)
    path = _write_patch(root, (GOLDEN / case / "diff.stdout").read_bytes())
    result = _verify(root, path)
    assert result.exit_code == 1
    assert result.stdout
    for line in _lines(result):
        assert "makes an unsafe fix (" in line
        assert line.endswith("; verify with --unsafe-fixes to accept it")
    assert _verify(root, "--unsafe-fixes", path).exit_code == 0


def test_suppressed_fix_needs_no_suppress(tmp_path: Path) -> None:
    case = "suppress_no_suppress_flag"
    root = _repo(tmp_path / "repo", case=case)
    path = _write_patch(root, (GOLDEN / case / "diff.stdout").read_bytes())
    result = _verify(root, path)
    assert result.exit_code == 1
    assert "main.go: changes a file gofix-bind does not fix: gofix-bind makes no fix in it (" in (
        result.stdout
    )
    assert "suppressed: see --no-suppress)" in result.stdout
    assert _verify(root, "--no-suppress", path).exit_code == 0


def test_files_gofix_bind_does_not_touch(tmp_path: Path) -> None:
    root = _repo(
        tmp_path / "repo",
        {
            "main.go": LISTEN,
            "README.md": b"hello\n",
            "vendor/x/x.go": LISTEN,
            "testdata/t.go": LISTEN,
            "quiet.go": b"package main\n\nvar x = 1\n",
            "gen.go": b"// Code generated by hand. DO NOT EDIT.\n\n" + LISTEN,
        },
    )
    ours = _diff(root)
    patch = (
        ours
        + unified_diff(b"hello\n", b"hello world\n", "README.md")
        + unified_diff(b"package main\n\nvar x = 1\n", b"package main\n\nvar x = 2\n", "quiet.go")
        + _fix_of(root, "vendor/x/x.go")
        + _fix_of(root, "testdata/t.go")
        + _fix_of(root, "gen.go")
    )
    result = _verify(root, _write_patch(root, patch))
    assert result.exit_code == 1
    prefix = "changes a file gofix-bind does not fix:"
    assert _lines(result) == [
        f"README.md: {prefix} not a source file gofix-bind reads",
        f"quiet.go: {prefix} gofix-bind makes no fix in it",
        f"vendor/x/x.go: {prefix} in vendor/, scanned only with --include-vendor",
        f"testdata/t.go: {prefix} in testdata/, a directory a scan does not walk",
        f"gen.go: {prefix} a generated file, scanned only with --include-generated",
    ]
    accepted = _verify(root, "--include-vendor", "--include-generated", _write_patch(root, patch))
    assert [line.split(":")[0] for line in _lines(accepted)] == [
        "README.md",
        "quiet.go",
        "testdata/t.go",
    ]


def test_added_deleted_renamed_copied_mode_and_binary_entries(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", {"main.go": LISTEN, "old.go": b"package main\n"})
    extra = b"""diff --git a/new.go b/new.go
new file mode 100644
index 0000000..1111111
--- /dev/null
+++ b/new.go
@@ -0,0 +1 @@
+package main
diff --git a/old.go b/old.go
deleted file mode 100644
index 1111111..0000000
--- a/old.go
+++ /dev/null
@@ -1 +0,0 @@
-package main
diff --git a/old.go b/moved.go
similarity index 100%
rename from old.go
rename to moved.go
diff --git a/main.go b/copy.go
similarity index 100%
copy from main.go
copy to copy.go
diff --git a/run.sh b/run.sh
old mode 100644
new mode 100755
diff --git a/logo.png b/logo.png
index 1111111..2222222 100644
Binary files a/logo.png and b/logo.png differ
diff --git a/link b/link
index 1111111..2222222 120000
--- a/link
+++ b/link
@@ -1 +1 @@
-main.go
\\ No newline at end of file
+old.go
\\ No newline at end of file
"""
    result = _verify(root, _write_patch(root, _diff(root) + extra))
    assert result.exit_code == 1, result.stderr
    assert _lines(result) == [
        "new.go: adds a file",
        "old.go: deletes a file",
        "old.go: renames the file to moved.go",
        "copy.go: copies main.go to a new file",
        "run.sh: changes the mode from 100644 to 100755",
        "logo.png: changes a binary file",
        "link: changes a symbolic link, which gofix-bind never does",
    ]
    assert result.stderr == "the patch is not pure: 7 problems in 8 files\n"


def test_git_renames_and_mode_changes(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", {"main.go": LISTEN, "run.sh": b"echo\n"})
    base = _commit(root)
    _git_apply(root, _diff(root))
    _git(root, "mv", "main.go", "server.go")
    (root / "run.sh").chmod(0o755)
    _commit(root)
    result = _verify(root, "--git", f"{base}..HEAD")
    assert result.exit_code == 1
    assert _lines(result) == [
        "run.sh: changes the mode from 100644 to 100755",
        "main.go: renames the file to server.go",
    ]


def test_fixes_that_fail_the_checks_of_a_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No real fix fails verification; a verifier that refuses every write stands in for one.
    def refuse(*args: Any, **kwargs: Any) -> dict[str, str]:
        return dict.fromkeys(args[2], "the rewritten file does not parse; nothing written")

    monkeypatch.setattr("gofix_bind.runner.verify", refuse)
    root = _repo(tmp_path / "repo", {"main.go": LISTEN})
    patch = unified_diff(LISTEN, LISTEN.replace(b'":8080"', b'"127.0.0.1:8080"'), "main.go")
    result = _verify(root, _write_patch(root, patch))
    assert result.exit_code == 1
    assert _lines(result) == [
        "main.go: the fixes the patch makes fail gofix-bind's checks: the rewritten file does "
        "not parse; nothing written"
    ]


# --- cannot verify: exit 2 --------------------------------------------------------------------


@pytest.fixture
def outside_reads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    """Record every file opened under tmp_path/outside, whichever way it is opened."""
    outside = os.path.realpath(tmp_path / "outside")
    seen: list[str] = []
    real_os_open, real_open, real_io_open = os.open, builtins.open, io.open

    def resolve(path: Any, dir_fd: int | None = None) -> str:
        text = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else str(path)
        if dir_fd is not None and not os.path.isabs(text):
            text = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), text)
        return os.path.realpath(text)

    def os_open(path: Any, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        if resolve(path, dir_fd).startswith(outside):
            seen.append(resolve(path, dir_fd))
        return real_os_open(path, flags, mode, dir_fd=dir_fd)

    def any_open(opener: Callable[..., Any]) -> Callable[..., Any]:
        def opened(file: Any, *args: Any, **kwargs: Any) -> Any:
            if not isinstance(file, int) and resolve(file).startswith(outside):
                seen.append(resolve(file))
            return opener(file, *args, **kwargs)

        return opened

    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("needs /proc to name descriptors")
    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", any_open(real_open))
    monkeypatch.setattr(io, "open", any_open(real_io_open))
    yield seen


def _outside_fifo(tmp_path: Path) -> Path:
    """A FIFO outside the repository: reading it would hang, opening it is recorded."""
    (tmp_path / "outside").mkdir()
    secret = tmp_path / "outside" / "secret.go"
    os.mkfifo(secret)
    return secret


def _edit_patch(path: str) -> bytes:
    return (f"--- a/{path}\n+++ b/{path}\n@@ -1 +1 @@\n-package main\n+package evil\n").encode()


def test_paths_leaving_the_repository_are_never_read(
    tmp_path: Path, outside_reads: list[str]
) -> None:
    secret = _outside_fifo(tmp_path)
    root = _repo(tmp_path / "repo", {"main.go": LISTEN})
    (root / "link").symlink_to(secret.parent)
    (root / "linked.go").symlink_to(secret)
    absolute = f"--- {secret}\n+++ {secret}\n@@ -1 +1 @@\n-package main\n+package evil\n"
    patch = (
        _edit_patch("../outside/secret.go")
        + absolute.encode()
        + _edit_patch("link/secret.go")
        + _edit_patch("linked.go")
    )
    result = _verify(root, _write_patch(root, patch))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "../outside/secret.go: error: the path leaves the repository (..)",
        f"{secret}: error: an absolute path, outside the repository",
        "link/secret.go: error: goes through the symbolic link link, which points outside the "
        "repository",
        "linked.go: error: goes through the symbolic link linked.go, which points outside the "
        "repository",
        "the patch cannot be verified: 4 errors, 0 problems in 4 files",
    ]
    assert outside_reads == []
    # The recorder sees an open of the outside file, so its silence above means something.
    os.close(os.open(secret, os.O_RDONLY | os.O_NONBLOCK))
    assert outside_reads == [str(secret)]


def test_a_link_inside_the_repository_is_refused_as_git_apply_does(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", {"real/main.go": LISTEN})
    (root / "alias").symlink_to("real")
    patch = _diff(root).replace(b"real/main.go", b"alias/main.go")
    result = _verify(root, _write_patch(root, patch))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "alias/main.go: error: goes through the symbolic link alias, which git apply does not "
        "write through"
    )


def test_a_patch_cut_in_the_middle_of_a_hunk(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", case=BLOCK_TWO)
    patch = _diff(root)
    cut = patch[: patch.index(b"+\tserviceName")]
    result = _verify(root, _write_patch(root, cut))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"gofix-bind: error: {root.parent / 'fix.patch'}: cannot parse the patch: "
        "Hunk is shorter than expected\n"
    )
    # Cut inside the last line: the hunk is complete but its last line has no end.
    assert patch.endswith(b"\n var (\n")
    result = _verify(root, "-", stdin=patch[: -len(b" (\n")])
    assert result.stderr == (
        "gofix-bind: error: standard input: cannot parse the patch: the patch ends in the "
        "middle of a line (cut short?)\n"
    )


def test_not_a_patch(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", {"main.go": LISTEN})
    result = _verify(root, "-", stdin=b"just some words\n")
    assert result.exit_code == 2
    assert result.stderr == (
        "gofix-bind: error: standard input: cannot parse the patch: no file diff found\n"
    )


def test_stale_and_missing_pre_images(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", {"main.go": LISTEN, "b/main.go": LISTEN})
    patch = _diff(root)
    (root / "main.go").write_bytes(LISTEN.replace(b"func main() {", b"func main() { // edited"))
    (root / "b" / "main.go").unlink()
    result = _verify(root, _write_patch(root, patch))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "b/main.go: error: missing pre-image: no such file in the work tree",
        "main.go:5: error: stale pre-image: line 5 differs from the patch's context",
        "the patch cannot be verified: 2 errors, 0 problems in 2 files",
    ]


def test_a_file_named_twice(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", {"main.go": LISTEN})
    patch = _diff(root)
    result = _verify(root, _write_patch(root, patch + patch))
    assert result.exit_code == 2
    assert "main.go: error: named by more than one entry of the patch" in result.stderr


# --- --git BASE..HEAD -------------------------------------------------------------------------


def test_git_range_reads_pre_images_from_base(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", case="flow_const_other_file")
    base = _commit(root, "base")
    _git_apply(root, _diff(root))
    _commit(root, "fix")
    # The work tree moves on: the listeners that make the constant a finding are gone, and
    # config.go is edited. Only BASE can vouch for the patch now.
    for name in ("main.go", "admin.go"):
        (root / name).unlink()
    (root / "config.go").write_bytes(b"package main\n")
    result = _verify(root, "--git", f"{base}..HEAD")
    assert (result.exit_code, result.stdout) == (0, ""), result.stderr
    assert result.stderr == "the patch is pure: 1 fix in 1 file, nothing else\n"


def test_git_range_with_an_extra_change(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", {"main.go": LISTEN})
    _git(root, "checkout", "-q", "-b", "main")
    _commit(root, "base")
    _git(root, "checkout", "-q", "-b", "fix-branch")
    _git_apply(root, _diff(root))
    _commit(root, "fix")
    assert _verify(root, "--git", "main..fix-branch").exit_code == 0
    assert _verify(root, "--git", "main...fix-branch").exit_code == 0
    (root / "main.go").write_bytes((root / "main.go").read_bytes() + b"\nvar debug = 1\n")
    _commit(root, "debug")
    result = _verify(root, "--git", "main..fix-branch")
    assert result.exit_code == 1
    assert _lines(result) == ["main.go:6: hunk @@ -3,5 +3,7 @@ changes lines no fix makes"]


def test_git_range_errors(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", {"main.go": LISTEN})
    _commit(root)
    result = _verify(root, "--git", "nosuch..HEAD")
    assert result.exit_code == 2
    assert result.stderr == "gofix-bind: error: --git nosuch..HEAD: unknown revision 'nosuch'\n"
    result = _verify(root, "--git", "HEAD")
    assert result.stderr == (
        "gofix-bind: error: --git HEAD: 'HEAD' is not a range: write BASE..HEAD\n"
    )
    result = _verify(root, "--git", "--output=x..HEAD")
    assert result.stderr == (
        "gofix-bind: error: --git --output=x..HEAD: '--output=x' is not a revision\n"
    )


# --- the command line -------------------------------------------------------------------------


def test_usage_errors(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", {"main.go": LISTEN})
    result = _verify(root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "gofix-bind: error: give either PATCH (- for standard input) or --git BASE..HEAD\n"
    )
    result = _verify(root, "--address", "0.0.0.0", "-")
    assert result.stderr == (
        "gofix-bind: error: --address: '0.0.0.0' is itself an unspecified (all-interfaces) "
        "address\n"
    )
    result = _verify(root, str(tmp_path / "nosuch.patch"))
    assert result.exit_code == 2
    assert result.stderr.startswith("gofix-bind: error: cannot read ")


def _main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    out, err = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 0), out, err


def test_main_dispatches_the_subcommand_and_scans_a_path_of_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repo(tmp_path / "repo", {"verify-patch/main.go": LISTEN})
    monkeypatch.chdir(root)
    code, out, err = _main(["./verify-patch"], capsys)
    assert code == 1
    assert out.startswith("verify-patch/main.go:6:")
    patch = _diff(root)
    (tmp_path / "fix.patch").write_bytes(patch)
    code, out, err = _main(["verify-patch", str(tmp_path / "fix.patch")], capsys)
    assert (code, out, err) == (0, "", "the patch is pure: 1 fix in 1 file, nothing else\n")
    code, out, err = _main(["verify-patch", "--help"], capsys)
    assert code == 0
    assert out.startswith("Usage: gofix-bind verify-patch [OPTIONS] [PATCH]")


# --- the parts --------------------------------------------------------------------------------


def test_unquote_git_paths() -> None:
    assert unquote('"a/caf\\303\\251.go"') == "a/café.go"
    assert unquote('"a/tab\\there \\"q\\".go"') == 'a/tab\there "q".go'
    assert unquote("a/plain name.go") == "a/plain name.go"
    with pytest.raises(PatchError):
        unquote('"a/bad\\q"')


def test_post_image_is_exact() -> None:
    patch = parse_patch(unified_diff(b"a\nb\nc", b"a\nB\nc", "x.go"))
    (entry,) = patch.files
    assert post_image(b"a\nb\nc", entry.hunks) == b"a\nB\nc"
    with pytest.raises(Exception, match="line 2 differs"):
        post_image(b"a\nq\nc", entry.hunks)


@pytest.mark.parametrize(
    ("case", "answers"),
    [
        (BLOCK_TWO, ["n", "y"]),
        (BLOCK_TWO, ["y", "n"]),
        (BLOCK_THREE, ["y", "n", "y"]),
        ("addr_struct_tcp6_strings", ["y", "d", "y"]),
    ],
)
def test_a_subset_accepted_in_interactive_is_pure(
    tmp_path: Path, case: str, answers: list[str]
) -> None:
    root = _repo(tmp_path / "repo", case=case)
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "before")
    patch = interactive_patch(root, answers)
    assert patch
    # git diff's own patch (index lines, function context after @@), checked as a file
    # against the pre-images, then as the commit a reviewer would be asked to merge.
    _git(root, "stash", "-q")
    result = _verify(root, _write_patch(root, patch))
    assert (result.exit_code, result.stdout) == (0, ""), result.stderr
    assert result.stderr.startswith("the patch is pure: ")
    _git(root, "stash", "pop", "-q")
    _git(root, "commit", "-q", "-a", "-m", "accepted fixes")
    ranged = _verify(root, "--git", "HEAD~1..HEAD")
    assert (ranged.exit_code, ranged.stdout, ranged.stderr) == (0, "", result.stderr)
    # One stray line in the same commit makes it impure.
    main = sorted(root.rglob("*.go"))[0]
    main.write_bytes(main.read_bytes() + b"\n// added by hand\n")
    _git(root, "commit", "-q", "-a", "--amend", "-m", "accepted fixes and more")
    mixed = _verify(root, "--git", "HEAD~1..HEAD")
    assert mixed.exit_code == 1
    assert mixed.stdout.startswith(f"{main.relative_to(root).as_posix()}:")
