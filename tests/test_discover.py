"""File discovery: sorted, deduplicated, honouring .gitignore files and never following links."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gofix_bind.discover import discover
from gofix_bind.languages import LANGUAGES
from gofix_bind.settings import Discovery

GO = b"package p\n"


def _tree(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _found(arguments: list[str]) -> list[str]:
    return [p.as_posix() for p, _ in discover(arguments, Discovery(), LANGUAGES).files]


def test_gitignore_files_apply_to_their_subtree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(
        tmp_path,
        {
            ".gitignore": b"gen/\n*.pb.go\n!keep.pb.go\n",
            "main.go": GO,
            "api.pb.go": GO,
            "keep.pb.go": GO,
            "gen/out.go": GO,
            "sub/.gitignore": b"local.go\n",
            "sub/local.go": GO,
            "sub/server.go": GO,
            "other/local.go": GO,
        },
    )
    monkeypatch.chdir(tmp_path)
    assert _found(["./..."]) == ["keep.pb.go", "main.go", "other/local.go", "sub/server.go"]


def test_parent_gitignore_counts_inside_a_work_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path, {".gitignore": b"build/\n", "svc/build/x.go": GO, "svc/main.go": GO})
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path / "svc")
    assert _found(["."]) == ["main.go"]


def test_a_named_file_is_scanned_even_when_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path, {".gitignore": b"*.go\n", "main.go": GO})
    monkeypatch.chdir(tmp_path)
    assert _found(["."]) == []
    assert _found(["main.go"]) == ["main.go"]


def test_symlinked_directories_are_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path, {"a/main.go": GO})
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    os.symlink(tmp_path / "a", tmp_path / "b")
    monkeypatch.chdir(tmp_path)
    assert _found(["."]) == ["a/main.go"]
