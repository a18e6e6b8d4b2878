"""The pre-commit hooks of .pre-commit-hooks.yaml, run for real by pre-commit, offline."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import HookRepository
from tests.integration_tools import (
    FIXED,
    ROOT,
    SERVER,
    environment,
    git,
    git_repository,
    need_tool,
    offline_pip,
)

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
EXAMPLE = ROOT / "docs" / "examples" / "pre-commit-config.yaml"


def test_the_manifest_passes_pre_commits_own_validation() -> None:
    done = subprocess.run(
        [need_tool("pre-commit"), "validate-manifest", str(MANIFEST)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_hooks_check_and_apply_go_files_one_process_at_a_time() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))}
    assert hooks["gofix-bind"]["entry"] == "gofix-bind"
    assert hooks["gofix-bind-apply"]["entry"] == "gofix-bind --apply"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types"] == ["go"]
        assert hook["require_serial"] is True


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache, shared by the session: the hook's environment is installed once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _config(hook_repository: HookRepository) -> str:
    # The documented config, pointed at the copy of this checkout instead of GitHub.
    text = EXAMPLE.read_text(encoding="utf-8")
    text, repos = re.subn(r"(?m)^(\s+- repo: ).*$", rf"\g<1>{hook_repository.path}", text)
    text, revs = re.subn(r"(?m)^(\s+rev: ).*$", rf"\g<1>{hook_repository.rev}", text)
    assert repos == revs == 1
    return text


def test_check_fails_apply_fixes_then_the_commit_passes(
    tmp_path: Path, hook_repository: HookRepository, wheelhouse: Path, pre_commit_home: Path
) -> None:
    pre_commit = need_tool("pre-commit")
    root = git_repository(tmp_path / "repo", {"README.md": "a service\n"})
    (root / ".pre-commit-config.yaml").write_text(_config(hook_repository), encoding="utf-8")
    (root / "main.go").write_text(SERVER, encoding="utf-8")
    git(root, "add", "-A")
    env = environment(PRE_COMMIT_HOME=str(pre_commit_home), **offline_pip(wheelhouse))
    env.pop("PRE_COMMIT_COLOR", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [pre_commit, *args, "--color", "never"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    # The check hook: report mode, exit 1 with the finding, the file untouched.
    checked = run("run", "gofix-bind", "--all-files")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "- hook id: gofix-bind\n" in checked.stdout
    finding = "main.go:6:22: go-security/do-not-bind-all-interfaces: http.ListenAndServe"
    assert finding in checked.stdout
    assert (root / "main.go").read_text(encoding="utf-8") == SERVER

    # The fix hook writes the fix; pre-commit fails it because it changed a file.
    applied = run("run", "gofix-bind-apply", "--all-files")
    assert applied.returncode == 1, applied.stdout + applied.stderr
    assert "- hook id: gofix-bind-apply\n- files were modified by this hook\n" in applied.stdout
    assert (root / "main.go").read_text(encoding="utf-8") == FIXED

    # Staged again, the fixed file passes both hooks, as a commit runs them.
    git(root, "add", "-A")
    passed = run("run", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(
        r"(?m)^gofix-bind \(servers listening on every interface\)\.+Passed$", passed.stdout
    )


def test_the_apply_hook_output_in_the_docs_is_what_pre_commit_prints(
    tmp_path: Path, hook_repository: HookRepository, wheelhouse: Path, pre_commit_home: Path
) -> None:
    doc = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    shown = re.search(r"\n```\n(gofix-bind --apply \(bind.*?\n)```\n", doc, re.S)
    assert shown is not None
    root = git_repository(tmp_path / "repo", {"README.md": "a service\n"})
    (root / ".pre-commit-config.yaml").write_text(_config(hook_repository), encoding="utf-8")
    (root / "main.go").write_text(SERVER, encoding="utf-8")
    git(root, "add", "-A")
    env = environment(PRE_COMMIT_HOME=str(pre_commit_home), **offline_pip(wheelhouse))
    subprocess.run([need_tool("pre-commit"), "install"], cwd=root, env=env, check=True)
    committed = subprocess.run(
        ["git", "commit", "-q", "-m", "a server"],
        cwd=root,
        env={**env, "PRE_COMMIT_COLOR": "never"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert committed.returncode == 1, committed.stdout + committed.stderr
    assert shown[1] in committed.stdout + committed.stderr
    git(root, "add", "-A")
    again = subprocess.run(
        ["git", "commit", "-q", "-m", "a server"], cwd=root, env=env, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert git(root, "show", "HEAD:main.go") == FIXED
