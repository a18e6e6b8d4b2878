"""Exit codes for pipelines: every mode against every kind of tree, with and without --exit-zero.

Exit 1 answers the mode's own question: report mode and --apply, "does a finding remain?";
--diff (as ruff's), --list and --check, "is there a change to print (would --apply write)?".
--exit-zero turns every 1 into 0; an error (2) stays 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gofix_bind.cli import verify_patch_command
from tests.helpers import commit_all, invoke

FIXABLE = b'package main\n\nimport "net"\n\nfunc main() {\n\tnet.Listen("tcp", ":8080")\n}\n'
CLEAN = FIXABLE.replace(b'":8080"', b'"127.0.0.1:8080"')
# The constant is printed too, so changing it is an unsafe fix, held back by default.
ONLY_UNSAFE = (
    b'package main\n\nimport (\n\t"fmt"\n\t"net"\n)\n\nconst addr = "0.0.0.0:9000"\n\n'
    b'func main() {\n\tfmt.Println(addr)\n\tnet.Listen("tcp", addr)\n}\n'
)
# One constant for an IPv6-only and an IPv4-only listener: no loopback address fits both.
ONLY_NO_FIX = (
    b'package main\n\nimport "net"\n\nconst addr = ":8080"\n\n'
    b'func main() {\n\tnet.Listen("tcp6", addr)\n\tnet.Listen("tcp4", addr)\n}\n'
)
BROKEN = b'package main\n\nimport "net"\n\nfunc main() {\n\tnet.Listen("tcp", ":8080"\n}\n'

TREES = {
    "no-finding": CLEAN,
    "fixable": FIXABLE,
    "only-unsafe": ONLY_UNSAFE,
    "only-no-fix": ONLY_NO_FIX,
    "error": BROKEN,
}
MODES = {
    "report": [],
    "diff": ["--diff"],
    "apply": ["--apply"],
    "list": ["--list"],
    "check": ["--check"],
}
# The exit code of each mode (columns in MODES order) for each tree, without --exit-zero.
EXPECTED = {
    "no-finding": (0, 0, 0, 0, 0),
    "fixable": (1, 1, 0, 1, 1),
    "only-unsafe": (1, 0, 1, 0, 0),
    "only-no-fix": (1, 0, 1, 0, 0),
    "error": (2, 2, 2, 2, 2),
}
CASES = [
    pytest.param(tree, mode, exit_zero, id=f"{tree}-{mode}{'-exit-zero' if exit_zero else ''}")
    for tree in TREES
    for mode in MODES
    for exit_zero in (False, True)
]


@pytest.mark.parametrize(("tree", "mode", "exit_zero"), CASES)
def test_exit_code(
    tree: str, mode: str, exit_zero: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.go").write_bytes(TREES[tree])
    commit_all(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = invoke([*MODES[mode], *(["--exit-zero"] if exit_zero else []), "."])
    code = EXPECTED[tree][list(MODES).index(mode)]
    assert result.exit_code == (0 if exit_zero and code == 1 else code), result.stderr


@pytest.mark.parametrize(
    ("tree", "note"),
    [
        ("only-unsafe", "1 finding not in the diff: 1 with an unsafe fix held back"),
        ("only-no-fix", "1 finding not in the diff: 1 with no fix"),
    ],
)
def test_diff_says_what_it_leaves_out(
    tree: str, note: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.go").write_bytes(TREES[tree])
    monkeypatch.chdir(tmp_path)
    result = invoke(["--diff", "."])
    assert (result.exit_code, result.stdout) == (0, "")
    first, _summary = result.stderr.splitlines()
    assert first == f"{note}; a report without --diff lists them"


def test_diff_with_every_finding_in_it_adds_no_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.go").write_bytes(FIXABLE)
    monkeypatch.chdir(tmp_path)
    result = invoke(["--diff", "."])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1


def test_exit_zero_keeps_a_usage_error() -> None:
    result = invoke(["--exit-zero", "--diff", "--apply"])
    assert result.exit_code == 2


def test_verify_patch_takes_no_exit_zero() -> None:
    """verify-patch's 1 is its verdict on the patch, not a finding: --exit-zero is not its own."""
    result = CliRunner().invoke(verify_patch_command, ["--exit-zero", "-"], input="")
    assert result.exit_code == 2
    assert "--exit-zero" in result.stderr
