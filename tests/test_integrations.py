"""docs/integrations.md, the GitHub Action and its example workflows, and the editor recipe.

GitHub cannot be reached from the test machines, so the action and the workflows are checked
as far as GitHub would read them: against the schemas check-jsonschema bundles, by actionlint,
and the action's shell steps run as the runner runs a composite action's steps.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import HookRepository
from tests.integration_tools import (
    FIXED,
    ROOT,
    SERVER,
    environment,
    git_repository,
    included_files,
    need_tool,
    needs_flag,
    offline_pip,
)

DOC = ROOT / "docs" / "integrations.md"
ACTION = ROOT / "action.yml"
WORKFLOWS = sorted((ROOT / "docs" / "examples" / "workflows").glob("*.yml"))
EXAMPLES = sorted(p for p in (ROOT / "docs" / "examples").rglob("*") if p.is_file())


def test_the_doc_includes_every_example_file() -> None:
    included = included_files(DOC)
    assert set(included) == {p.relative_to(ROOT).as_posix() for p in EXAMPLES}


@pytest.mark.parametrize(
    ("path", "body"), sorted(included_files(DOC).items()), ids=sorted(included_files(DOC))
)
def test_each_included_block_equals_its_file(path: str, body: str) -> None:
    assert (ROOT / path).read_text(encoding="utf-8") == body, f"docs/integrations.md: {path}"


def _check_jsonschema(schema: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [need_tool("check-jsonschema"), "--builtin-schema", schema, *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_action_matches_github_s_schema() -> None:
    done = _check_jsonschema("vendor.github-actions", ACTION)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_rejects_a_broken_action(tmp_path: Path) -> None:
    # The check has teeth: an action without its runs section is refused.
    broken = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    del broken["runs"]
    (tmp_path / "action.yml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    assert _check_jsonschema("vendor.github-actions", tmp_path / "action.yml").returncode == 1


def test_the_example_workflows_match_github_s_schema() -> None:
    assert len(WORKFLOWS) == 4
    done = _check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def _actionlint_tree(
    tmp_path: Path, workflows: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    # The workflows use the action as `uses: ./`, so that actionlint reads action.yml and
    # checks each input they give it; its own rules check the rest (expressions, permissions,
    # known actions' inputs, deprecated runtimes).
    root = tmp_path / "lint"
    (root / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(ACTION, root / "action.yml")
    for name, text in workflows.items():
        (root / ".github" / "workflows" / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return subprocess.run(
        [need_tool("actionlint"), "-no-color"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def _local(text: str) -> str:
    text, uses = re.subn(r"uses: gofix-bind/gofix-bind@\S+", "uses: ./", text)
    assert uses == 1
    return text


def test_actionlint_passes_the_workflows_and_their_use_of_the_action(tmp_path: Path) -> None:
    done = _actionlint_tree(tmp_path, {p.name: _local(p.read_text()) for p in WORKFLOWS})
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_an_input_the_action_does_not_have(tmp_path: Path) -> None:
    text = _local(WORKFLOWS[0].read_text()) + "        with:\n          fromat: sarif\n"
    done = _actionlint_tree(tmp_path, {"bad.yml": text})
    assert done.returncode == 1
    assert 'input "fromat" is not defined in action "gofix-bind"' in done.stdout


# --- the action's steps, run as the runner runs them --------------------------------------

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


@dataclass
class Runner:
    """What GitHub's runner does with a composite action, for the few expressions ours uses."""

    inputs: dict[str, str]
    action_path: Path
    workspace: Path
    temp: Path
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)

    def value(self, expression: str) -> str:
        """Evaluate `inputs.NAME` or `steps.ID.outputs.NAME`, which is all action.yml uses."""
        if match := re.fullmatch(r"inputs\.([\w-]+)", expression):
            return self.inputs[match[1]]
        if match := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression):
            return self.outputs.get(match[1], {}).get(match[2], "")
        raise AssertionError(f"an expression this runner does not know: {expression}")

    def condition(self, text: str) -> bool:
        """Evaluate an `if:` made of `A == 'b'` terms joined by `&&`."""
        terms = [re.fullmatch(r"(\S+) == '([^']*)'", term.strip()) for term in text.split("&&")]
        assert all(terms), f"a condition this runner does not know: {text}"
        return all(self.value(term[1]) == term[2] for term in terms if term)

    def substitute(self, text: str) -> str:
        """Replace each ${{ }} of a value with its value, as the runner does before a step."""
        return EXPRESSION.sub(lambda m: self.value(m[1]), text)

    def run(self, steps: list[dict[str, Any]], env: Mapping[str, str]) -> int:
        """Run the steps in order, as `bash --noprofile --norc -eo pipefail`; return the status."""
        for step in steps:
            if "if" in step and not self.condition(step["if"]):
                continue
            if "uses" in step:  # another action, such as upload-sarif: record what it gets
                given = {k: self.substitute(str(v)) for k, v in step.get("with", {}).items()}
                self.log.append(f"uses {step['uses']} {json.dumps(given, sort_keys=True)}")
                continue
            assert step["shell"] == "bash"
            output = self.temp / f"output-{len(self.log)}"
            output.write_text("")
            step_env = {
                **env,
                "GITHUB_ACTION_PATH": str(self.action_path),
                "GITHUB_OUTPUT": str(output),
                "RUNNER_TEMP": str(self.temp),
                **{k: self.substitute(str(v)) for k, v in step.get("env", {}).items()},
            }
            script = self.temp / "step.sh"
            script.write_text(self.substitute(step["run"]), encoding="utf-8")
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=self.workspace,
                env=step_env,
                capture_output=True,
                text=True,
                check=False,
            )
            self.log.append(f"run {step['name']}: {done.returncode}\n{done.stdout}{done.stderr}")
            if "id" in step:
                lines = output.read_text().splitlines()
                self.outputs[step["id"]] = dict(line.split("=", 1) for line in lines)
            if done.returncode != 0:
                return done.returncode
        return 0


def _action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def installed(
    tmp_path_factory: pytest.TempPathFactory, hook_repository: HookRepository, wheelhouse: Path
) -> tuple[Path, dict[str, str]]:
    """Run the action's install step once: a venv in RUNNER_TEMP, gofix-bind from the action.

    The action's path is the copy of this checkout, as the runner checks out the action's ref.
    """
    temp = tmp_path_factory.mktemp("runner-temp")
    install = [step for step in _action()["runs"]["steps"] if step.get("id") == "install"]
    runner = Runner(_defaults(), hook_repository.path, temp, temp)
    env = environment(**offline_pip(wheelhouse))
    assert runner.run(install, env) == 0, runner.log
    return temp, runner.outputs["install"]


def _defaults() -> dict[str, str]:
    return {name: str(spec.get("default", "")) for name, spec in _action()["inputs"].items()}


def _run_action(
    installed: tuple[Path, dict[str, str]], workspace: Path, **inputs: str
) -> tuple[int, Runner]:
    temp, install_outputs = installed
    # The later steps never read the action's path; only the install step installs from it.
    runner = Runner({**_defaults(), **inputs}, ROOT, workspace, temp)
    runner.outputs["install"] = install_outputs
    steps = [step for step in _action()["runs"]["steps"] if step.get("id") != "install"]
    return runner.run(steps, environment()), runner


def test_the_action_installs_gofix_bind_from_its_own_tree(
    installed: tuple[Path, dict[str, str]],
) -> None:
    temp, outputs = installed
    assert Path(outputs["gofix-bind"]) == temp / "gofix-bind-venv" / "bin" / "gofix-bind"
    version = subprocess.run([outputs["gofix-bind"], "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and "0.1.0" in version.stdout


def test_by_default_it_annotates_the_findings_and_fails(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    workspace = git_repository(tmp_path / "repo", {"main.go": SERVER})
    status, runner = _run_action(installed, workspace)
    assert status == 1
    assert runner.outputs["run"] == {"exit-code": "1"}
    ran = "\n".join(runner.log)
    assert "::warning file=main.go,line=6,col=22," in ran
    assert "run Fail while findings remain: 1" in ran
    assert not any(line.startswith("uses ") for line in runner.log)
    assert (workspace / "main.go").read_text() == SERVER


def test_sarif_upload_writes_the_log_and_uploads_it_despite_findings(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    workspace = git_repository(tmp_path / "repo", {"main.go": SERVER})
    status, runner = _run_action(
        installed, workspace, **{"sarif-upload": "true", "fail-on-findings": "false"}
    )
    assert status == 0, runner.log
    assert runner.outputs["run"] == {"exit-code": "1"}
    sarif = json.loads((workspace / "gofix-bind.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"][0]["results"]) == 1
    given = {"category": "gofix-bind", "sarif_file": "gofix-bind.sarif"}
    upload = f"uses github/codeql-action/upload-sarif@v4 {json.dumps(given)}"
    assert upload in runner.log


def test_format_output_and_args_reach_gofix_bind(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    workspace = git_repository(tmp_path / "repo", {"svc/main.go": SERVER, "other/main.go": SERVER})
    inputs = {
        "format": "rdjson",
        "output": "gofix-bind.rdjson",
        "args": "--address 10.0.0.5 --no-prefilter",
        "paths": "svc",
        "fail-on-findings": "false",
    }
    status, runner = _run_action(installed, workspace, **inputs)
    assert status == 0, runner.log
    report = json.loads((workspace / "gofix-bind.rdjson").read_text(encoding="utf-8"))
    [diagnostic] = report["diagnostics"]
    assert diagnostic["location"]["path"] == "svc/main.go"
    assert diagnostic["suggestions"][0]["text"] == "10.0.0.5"


def test_a_clean_tree_passes(installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    workspace = git_repository(tmp_path / "repo", {"main.go": FIXED})
    status, runner = _run_action(installed, workspace)
    assert status == 0, runner.log
    assert runner.outputs["run"] == {"exit-code": "0"}


def test_an_error_fails_the_run_step_before_any_upload(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    workspace = git_repository(tmp_path / "repo", {"main.go": SERVER})
    status, runner = _run_action(installed, workspace, paths="missing", **{"sarif-upload": "true"})
    assert status == 2
    assert runner.outputs["run"] == {"exit-code": "2"}
    assert not any(line.startswith("uses ") for line in runner.log)


def test_an_input_cannot_inject_shell_code(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    workspace = git_repository(tmp_path / "repo", {"main.go": FIXED})
    status, _ = _run_action(installed, workspace, args="$(touch injected) ; touch injected")
    assert status == 2  # gofix-bind is given the words as they are, and refuses them
    assert not (workspace / "injected").exists()


# --- the editor recipe ---------------------------------------------------------------------

EDITOR = re.compile(r"<!-- run: editor -->\n```sh\n(?P<body>.*?\n)```\n", re.S)


@needs_flag("--stdin-filename")
def test_the_editor_command_prints_the_fixed_buffer(tmp_path: Path) -> None:
    match = EDITOR.search(DOC.read_text(encoding="utf-8"))
    assert match is not None
    root = git_repository(tmp_path / "repo", {"server/main.go": SERVER})
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", match["body"]],
        cwd=root,
        env=environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (root / "fixed.go").read_text(encoding="utf-8") == FIXED
    assert (root / "server" / "main.go").read_text(encoding="utf-8") == SERVER
