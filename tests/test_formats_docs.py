"""The examples in docs/formats.md are copied from the golden case's pinned output, and stay so."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.format_runs import REVIEW_CASE, git_tree, run
from tests.helpers import snapshot
from tests.toolchain import need_git

DOC = Path(__file__).resolve().parent.parent / "docs" / "formats.md"
# An example: a marker naming the pinned file, then a fenced block copied from it.
EXAMPLE = re.compile(r"<!-- pinned: (?P<pin>[\w.-]+) -->\n```[a-z]*\n(?P<body>.*?\n)```\n", re.S)
EXAMPLES = [(m["pin"], m["body"]) for m in EXAMPLE.finditer(DOC.read_text(encoding="utf-8"))]


def _appears(snippet: str, pinned: str) -> bool:
    """Tell whether snippet is a run of whole lines of pinned, indented the same or less."""
    wanted = snippet.splitlines()
    lines = pinned.splitlines()
    for start in range(len(lines) - len(wanted) + 1):
        run = "\n".join(lines[start : start + len(wanted)]) + "\n"
        if textwrap.dedent(run) == snippet:
            return True
    return False


def test_the_doc_has_an_example_of_every_format() -> None:
    pins = {pin for pin, _ in EXAMPLES}
    formats = ("sarif", "rdjson", "rdjsonl", "github", "markdown")
    assert {f"format-{name}.stdout" for name in formats} <= pins


@pytest.mark.parametrize(
    ("pin", "body"), EXAMPLES, ids=[f"{p}:{n}" for n, (p, _) in enumerate(EXAMPLES)]
)
def test_each_example_is_in_the_pinned_output(pin: str, body: str) -> None:
    pinned = (REVIEW_CASE / pin).read_text(encoding="utf-8")
    assert _appears(body, pinned), f"docs/formats.md: this example is not in {pin}:\n{body}"


SNIPPET = re.compile(r"<!-- run: (?P<name>[\w ]+) -->\n```sh\n(?P<body>.*?\n)```\n", re.S)
SNIPPETS = {m["name"]: m["body"] for m in SNIPPET.finditer(DOC.read_text(encoding="utf-8"))}


def test_the_verify_patch_section_is_there() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert "\n## Verifying a bulk patch\n" in text
    assert "(verify-patch.md)" in text
    assert set(SNIPPETS) == {"bulk patch", "bulk branch"}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_each_bulk_review_snippet_runs(name: str, tmp_path: Path) -> None:
    need_git()
    root = tmp_path / "repo"
    shutil.copytree(REVIEW_CASE / "input", root)
    expected = snapshot(REVIEW_CASE / "expected")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "before"], cwd=root, check=True)
    # The installed command, as a reader of the docs would run it.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    environment = {
        **os.environ,
        "PATH": path,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", SNIPPETS[name]],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "the patch is pure: 3 fixes in 1 file, nothing else" in done.stderr
    for path_name, data in expected.items():
        assert (root / path_name).read_bytes() == data


def test_the_notice_example_is_what_twelve_findings_print(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    match = re.search(r"<!-- generated: twelve findings -->\n```\n(.*?)\n```", DOC.read_text())
    assert match is not None
    calls = "".join(f'\tgo http.ListenAndServe(":{8000 + n}", nil)\n' for n in range(12))
    source = f'package main\n\nimport "net/http"\n\nfunc main() {{\n{calls}}}\n'
    root = git_tree(tmp_path / "t", {"main.go": source})
    output = run(monkeypatch, root, "--format", "github", ".").stdout
    assert output.splitlines()[-1] == match[1]
