"""Names git quotes: diff headers byte for byte as git's, every format valid in its encoding."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gofix_bind.diff import quote_path, unified_diff
from gofix_bind.paths import shown
from tests.helpers import commit_all, git

# One of each kind of byte git's quoting treats apart, as the bytes the file system holds.
NAMES = [
    b"bad\xff.go",
    "café.go".encode(),
    b"my file.go",
    b"tab\tname.go",
    b'quote"d.go',
    b"back\\slash.go",
    b"new\nline.go",
]
SOURCE = (
    b'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n'
)
HEADERS = (b"diff --git ", b"--- ", b"+++ ")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Return a committed module with one finding in each oddly named file."""
    root = tmp_path / "tree"
    root.mkdir()
    (root / "go.mod").write_bytes(b"module example.com/names\n\ngo 1.21\n")
    for name in NAMES:
        (root / os.fsdecode(name)).write_bytes(SOURCE)
    commit_all(root)
    return root


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run gofix-bind as a process, so that the real stdout and stderr encodings apply."""
    return subprocess.run(
        [sys.executable, "-m", "gofix_bind", *args], cwd=root, capture_output=True, check=False
    )


def _headers(patch: bytes) -> list[bytes]:
    return [line for line in patch.split(b"\n") if line.startswith(HEADERS)]


def _patch(root: Path) -> bytes:
    done = _run(root, "--diff", ".")
    assert b"Traceback" not in done.stderr
    assert done.returncode == 1, done.stderr
    return done.stdout


def test_diff_headers_equal_git_diff(tree: Path, tmp_path: Path) -> None:
    patch = _patch(tree)
    applied = tmp_path / "applied"
    shutil.copytree(tree, applied, symlinks=True)
    done = _run(applied, "--apply", ".")
    assert done.returncode == 0, done.stderr
    expected = git(applied, "-c", "core.quotePath=true", "diff")
    assert _headers(patch) == _headers(expected)
    assert len(_headers(patch)) == 3 * len(NAMES)


def test_git_apply_and_patch_accept_the_patch(tree: Path, tmp_path: Path) -> None:
    patch_file = tmp_path / "fix.patch"
    patch_file.write_bytes(_patch(tree))
    subprocess.run(["git", "apply", "--check", str(patch_file)], cwd=tree, check=True)
    if shutil.which("patch") is not None:
        subprocess.run(
            ["patch", "-p1", "--dry-run", "-i", str(patch_file)],
            cwd=tree,
            check=True,
            capture_output=True,
        )


def test_verify_patch_accepts_the_patch(tree: Path, tmp_path: Path) -> None:
    patch_file = tmp_path / "fix.patch"
    patch_file.write_bytes(_patch(tree))
    done = _run(tree, "verify-patch", str(patch_file))
    assert done.returncode == 0, done.stdout + done.stderr


def _lines(data: bytes) -> list[object]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


@pytest.mark.parametrize(
    ("fmt", "parse"),
    [
        ("json", lambda data: json.loads(data.decode("utf-8"))),
        ("sarif", lambda data: json.loads(data.decode("utf-8"))),
        ("rdjson", lambda data: json.loads(data.decode("utf-8"))),
        ("rdjsonl", _lines),
        ("github", lambda data: data.decode("utf-8").splitlines()),
        ("markdown", lambda data: data.decode("utf-8")),
        ("text", lambda data: data.decode("utf-8")),
    ],
)
def test_formats_are_valid_utf8(tree: Path, fmt: str, parse: object) -> None:
    done = _run(tree, "--format", fmt, ".")
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr
    assert callable(parse)
    assert parse(done.stdout)
    done.stderr.decode("utf-8")


def test_json_writes_undecodable_bytes_as_octal(tree: Path) -> None:
    report = json.loads(_run(tree, "--format", "json", ".").stdout)
    paths = {finding["path"] for finding in report["findings"]}
    assert paths == {shown(os.fsdecode(name)) for name in NAMES}
    assert "bad\\377.go" in paths
    assert "café.go" in paths


def test_sarif_percent_encodes_the_raw_bytes(tree: Path) -> None:
    log = json.loads(_run(tree, "--format", "sarif", ".").stdout)
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
    }
    assert "bad%FF.go" in uris
    assert "caf%C3%A9.go" in uris


def test_apply_names_the_file_on_stderr(tree: Path) -> None:
    done = _run(tree, "--apply", ".")
    assert done.returncode == 0, done.stderr
    assert b"fixed bad\\377.go (1 fix)\n" in done.stderr
    assert (tree / os.fsdecode(b"bad\xff.go")).read_bytes() != SOURCE


@pytest.mark.parametrize(
    ("name", "quoted"),
    [
        (b"a/x.go", b"a/x.go"),
        (b"a/my file.go", b"a/my file.go"),
        (b"a/caf\xc3\xa9.go", b'"a/caf\\303\\251.go"'),
        (b"a/\x07\x08\t\n\x0b\x0c\r.go", b'"a/\\a\\b\\t\\n\\v\\f\\r.go"'),
        (b'a/"\\.go', b'"a/\\"\\\\.go"'),
        (b"a/\x01\x7f.go", b'"a/\\001\\177.go"'),
    ],
)
def test_quote_path(name: bytes, quoted: bytes) -> None:
    assert quote_path(name) == quoted


def test_space_and_quoting_together(tmp_path: Path) -> None:
    name = "my café.go"
    (tmp_path / name).write_bytes(b"a\n")
    commit_all(tmp_path)
    (tmp_path / name).write_bytes(b"b\n")
    expected = git(tmp_path, "-c", "core.quotePath=true", "diff")
    assert _headers(unified_diff(b"a\n", b"b\n", name)) == _headers(expected)


def test_shown_leaves_decodable_text_alone() -> None:
    assert shown('café "x"\\y.go') == 'café "x"\\y.go'
    assert shown(os.fsdecode(b"\xff\x80.go")) == "\\377\\200.go"
