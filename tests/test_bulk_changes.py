"""Bulk changes: the all-repos autofixer on local repositories, and the recipes' commands.

multi-gitter, turbolift and Sourcegraph cannot be installed or reached here, so their recipes
are tested as far as the commands they would run in each repository.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.integration_tools import (
    FIXED,
    ROOT,
    SERVER,
    environment,
    git,
    git_repository,
    has_flag,
    need_tool,
    needs_flag,
)

AUTOFIXER = ROOT / "integrations" / "all_repos_gofix_bind.py"
BULK = ROOT / "docs" / "examples" / "bulk"
DOC = ROOT / "docs" / "integrations.md"
# A port probe (its fix is unsafe, so held back) beside a server that is fixed.
PROBE = (
    'package main\n\nimport (\n\t"net"\n\t"net/http"\n)\n\nfunc main() {\n'
    '\tl, _ := net.Listen("tcp", ":0")\n\tprintln(l.Addr().String())\n\tl.Close()\n'
    '\thttp.ListenAndServe("0.0.0.0:9000", nil)\n}\n'
)


def test_the_autofixer_is_ruff_clean() -> None:
    # The README's test command checks src and tests; integrations/ is checked here.
    ruff = need_tool("ruff")
    for command in ([ruff, "check", "integrations"], [ruff, "format", "--check", "integrations"]):
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr


def _bare(tmp_path: Path, name: str, source: str) -> Path:
    work = git_repository(tmp_path / "work" / name, {"main.go": source})
    bare = tmp_path / "bare" / f"{name}.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(bare))
    return bare


def _heads(bares: dict[str, Path]) -> dict[str, str]:
    return {name: git(bare, "rev-parse", "main").strip() for name, bare in bares.items()}


def _all_repos(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, str(AUTOFIXER), "-C", "all-repos.json", "--color", "never", *args],
        cwd=root,
        env=environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "***Errored" not in done.stdout, done.stdout + done.stderr
    return done


def test_all_repos_fixes_pushes_and_then_has_nothing_to_do(tmp_path: Path) -> None:
    need_tool("all-repos-clone")
    bares = {
        "service": _bare(tmp_path, "service", SERVER),
        "probe": _bare(tmp_path, "probe", PROBE),
        "clean": _bare(tmp_path, "clean", FIXED),
    }
    (tmp_path / "repos.json").write_text(json.dumps({k: str(v) for k, v in bares.items()}))
    config = {
        "output_dir": "output",
        "source": "all_repos.source.json_file",
        "source_settings": {"filename": "repos.json"},
        # Merged into main and pushed: what a pull request would hold, checkable locally.
        "push": "all_repos.push.merge_to_master",
        "push_settings": {"fast_forward": True},
    }
    (tmp_path / "all-repos.json").write_text(json.dumps(config))
    (tmp_path / "all-repos.json").chmod(0o600)  # all-repos refuses a config others can read
    subprocess.run(
        [need_tool("all-repos-clone"), "-C", "all-repos.json"],
        cwd=tmp_path,
        env=environment(),
        capture_output=True,
        check=True,
    )
    before = _heads(bares)

    # --dry-run: each fix is made and committed in a temporary clone, and nothing is pushed.
    dry = _all_repos(tmp_path, "--dry-run")
    assert _heads(bares) == before
    assert '+\thttp.ListenAndServe("127.0.0.1:8080", nil)' in dry.stdout
    assert "the patch is pure: 1 fix in 1 file, nothing else" in dry.stdout + dry.stderr
    assert "***output/clean" not in dry.stdout  # gofix-bind --list found nothing to change

    # The real run, two repositories at once: both fixes pushed, the clean repository untouched.
    _all_repos(tmp_path, "--jobs", "2")
    after = _heads(bares)
    assert after["clean"] == before["clean"]
    assert git(bares["service"], "show", "main:main.go") == FIXED
    assert git(bares["probe"], "show", "main:main.go") == PROBE.replace(
        '"0.0.0.0:9000"', '"127.0.0.1:9000"'
    )
    for name in ("service", "probe"):
        assert after[name] != before[name]
        assert git(bares[name], "rev-parse", "main~1").strip() == before[name]
        message = git(bares[name], "log", "-1", "--format=%B", "main")
        subject, _, body = message.partition("\n\n")
        assert subject == "Bind Go servers to loopback, not every network interface"
        # The Markdown body, its headings kept: the pull request's body on GitHub.
        assert "\n### Fixed\n" in body
        assert "gofix-bind verify-patch --git BASE..HEAD" in body
        assert body.rstrip().endswith("Committed via https://github.com/asottile/all-repos")
    probe_body = git(bares["probe"], "log", "-1", "--format=%b", "main")
    assert '| `main.go` | 9 | `net.Listen` | `":0"` | unsafe fix held back' in probe_body

    # Once more: all-repos updates its clones, gofix-bind finds nothing, nothing is pushed.
    subprocess.run(
        [need_tool("all-repos-clone"), "-C", "all-repos.json"],
        cwd=tmp_path,
        env=environment(),
        capture_output=True,
        check=True,
    )
    again = _all_repos(tmp_path, "--jobs", "2")
    assert _heads(bares) == after
    assert "git push" not in again.stdout


@needs_flag("--exit-zero")
def test_the_autofixer_apply_step_exits_0_when_findings_remain(tmp_path: Path) -> None:
    # With --exit-zero, exit 0 is the only success: the probe's finding remains, and 1 would
    # mean something else went wrong.
    sys.path.insert(0, str(AUTOFIXER.parent))
    try:
        import all_repos_gofix_bind as autofixer
    finally:
        sys.path.remove(str(AUTOFIXER.parent))
    root = git_repository(tmp_path / "repo", {"main.go": PROBE})
    command = autofixer.apply_command((), str(tmp_path / "body.md"))
    assert "--exit-zero" in command
    done = subprocess.run(command, cwd=root, env=environment(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "1 remaining" in done.stderr


def _run_in_repository(root: Path, script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", "-c", script],
        cwd=root,
        env=environment(),
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_recipes_run_the_documented_script() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert 'multi-gitter run "$PWD/gofix-bind-fix.sh"' in text
    assert 'turbolift foreach -- sh "$PWD/../gofix-bind-fix.sh"' in text


@needs_flag("--exit-zero")
@pytest.mark.parametrize("source", [SERVER, PROBE, FIXED], ids=["fixable", "unsafe-left", "clean"])
def test_the_bulk_script_fixes_verifies_and_is_idempotent(tmp_path: Path, source: str) -> None:
    root = git_repository(tmp_path / "repo", {"main.go": source})
    script = (BULK / "gofix-bind-fix.sh").read_text(encoding="utf-8")
    first = _run_in_repository(root, script)
    assert first.returncode == 0, first.stdout + first.stderr
    fixed = (root / "main.go").read_text(encoding="utf-8")
    assert "0.0.0.0" not in fixed and '":8080"' not in fixed
    if fixed != source:
        assert "the patch is pure" in first.stderr
    # A second run, the fixes committed as the tools commit them, changes nothing.
    git(root, "commit", "-q", "-a", "--allow-empty", "-m", "fixed")
    second = _run_in_repository(root, script)
    assert second.returncode == 0, second.stdout + second.stderr
    assert git(root, "status", "--porcelain") == ""


def test_the_bulk_script_stops_on_an_error(tmp_path: Path) -> None:
    # A file that cannot be parsed is exit 2, with or without --exit-zero: the repository is
    # skipped. (Before --exit-zero lands, the unknown option is an exit 2 as well.)
    broken = 'package main\n\nimport "net/http"\n\nfunc f() {\n\thttp.ListenAndServe(":1",\n}\n'
    root = git_repository(tmp_path / "repo", {"main.go": SERVER, "broken.go": broken})
    done = _run_in_repository(root, (BULK / "gofix-bind-fix.sh").read_text(encoding="utf-8"))
    assert done.returncode != 0
    if has_flag("--exit-zero"):
        assert done.returncode == 2


def _batch_spec_commands() -> list[str]:
    spec = yaml.safe_load((BULK / "sourcegraph-batch-spec.yml").read_text(encoding="utf-8"))
    lines = [line for step in spec["steps"] for line in step["run"].splitlines()]
    return [line for line in lines if line.startswith("gofix-bind ")]


def test_the_batch_spec_uses_the_markdown_report_as_the_body() -> None:
    spec = yaml.safe_load((BULK / "sourcegraph-batch-spec.yml").read_text(encoding="utf-8"))
    assert spec["changesetTemplate"]["body"] == "${{ outputs.body }}"
    assert spec["steps"][-1]["outputs"]["body"]["value"] == "${{ step.stdout }}"
    assert _batch_spec_commands() == ["gofix-bind --apply --exit-zero --format markdown ."]


@needs_flag("--exit-zero")
def test_the_batch_spec_command_fixes_and_prints_the_body(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo", {"main.go": PROBE})
    [command] = _batch_spec_commands()
    done = _run_in_repository(root, command)
    assert done.returncode == 0, done.stderr
    assert re.search(r"(?m)^### Fixed$", done.stdout)
    assert '"127.0.0.1:9000"' in (root / "main.go").read_text(encoding="utf-8")
