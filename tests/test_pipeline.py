"""The pipeline's shape: the Language seam, the format registry, suppressed findings kept."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from gofix_bind import output, settings
from gofix_bind.languages import LANGUAGES, by_name
from gofix_bind.model import Job, Mode, Outcome, Suppression
from gofix_bind.runner import process_unit, run
from tests.helpers import invoke, snapshot

SOURCE = Path(__file__).resolve().parent.parent / "src" / "gofix_bind"
LANGUAGE_PACKAGES = {language.name for language in LANGUAGES}
LISTEN = b'package main\n\nimport "net"\n\nfunc main() {\n\tnet.Listen("tcp", ":8080")\n}\n'


def _imported(path: Path) -> set[str]:
    """Return the absolute names of the gofix_bind modules a file imports."""
    package = ["gofix_bind", *path.relative_to(SOURCE).parts[:-1]]
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_only_the_registry_names_a_language_package() -> None:
    offenders = {}
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE)
        if relative.parts[0] in LANGUAGE_PACKAGES or relative.as_posix() == "languages.py":
            continue
        named = {
            name
            for name in _imported(path)
            for language in LANGUAGE_PACKAGES
            if name == f"gofix_bind.{language}" or name.startswith(f"gofix_bind.{language}.")
        }
        if named:
            offenders[relative.as_posix()] = sorted(named)
    assert offenders == {}
    # The check itself can fail: the registry does name Go.
    assert "gofix_bind.go.language" in _imported(SOURCE / "languages.py")


def test_registry_finds_languages_by_name() -> None:
    assert [language.name for language in LANGUAGES] == ["go"]
    assert by_name("go").suffixes == (".go",)


def test_format_choices_come_from_the_registry() -> None:
    names = ["text", "json", "sarif", "rdjson", "rdjsonl", "github", "markdown"]
    assert output.choices() == names
    assert output.for_mode(Mode.DIFF, None).name == "diff"
    assert output.for_mode(Mode.REPORT, None).name == "text"
    assert output.for_mode(Mode.APPLY, "json").name == "json"
    help_text = invoke(["--help"]).stdout
    assert "[text|json|sarif|rdjson|rdjsonl|github|markdown]" in help_text


@pytest.mark.parametrize(
    "name", ["json", "text", "sarif", "rdjson", "rdjsonl", "github", "markdown"]
)
def test_diff_with_a_format_is_a_usage_error(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.go").write_bytes(LISTEN)
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    result = invoke(["--diff", "--format", name, "."])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"gofix-bind: error: --format {name} cannot be used with --diff\n"
    assert snapshot(tmp_path) == before


def test_suppressed_findings_are_kept_with_what_suppressed_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.go").write_bytes(
        b'package main\n\nimport "net"\n\nfunc main() {\n'
        b'\tnet.Listen("tcp", ":1") //nolint:gosec // behind a published port\n'
        b'\tnet.Listen("tcp", ":2") // #nosec G102\n'
        b'\tnet.Listen("tcp", ":3")\n}\n'
    )
    monkeypatch.chdir(tmp_path)
    (result,) = run(["."], Mode.REPORT, settings.build()).results
    assert [f.line for f in result.findings] == [8]
    assert [(s.finding.line, s.by) for s in result.suppressed] == [
        (6, (Suppression("golangci-lint", "main.go", 6),)),
        (7, (Suppression("gosec", "main.go", 7),)),
    ]
    (audited,) = run(["."], Mode.REPORT, settings.build(no_suppress=True)).results
    assert (len(audited.findings), audited.suppressed) == (3, ())


def test_bytes_not_on_disk_are_analysed_as_given(tmp_path: Path) -> None:
    """Standard input and a patch's result come as bytes; the path need not exist."""
    job = Job(tmp_path / "absent.go", "absent.go", tmp_path, data=LISTEN)
    (result,) = process_unit("go", [job], settings.build())
    assert result.outcome is Outcome.CHANGED
    assert result.plan is not None
    assert result.new_source == LISTEN.replace(b'":8080"', b'"127.0.0.1:8080"')
    assert not (tmp_path / "absent.go").exists()


def test_a_chosen_subset_is_planned_alone(tmp_path: Path) -> None:
    """A caller may choose which fixes a plan applies; the others stay findings."""
    source = LISTEN.replace(b'\tnet.Listen("tcp", ":8080")\n', b'\tnet.Listen("tcp", ":1")\n' * 2)
    (tmp_path / "main.go").write_bytes(source)
    job = Job(tmp_path / "main.go", "main.go", tmp_path)
    (result,) = process_unit("go", [job], settings.build(), lambda f: f.line == 7)
    assert result.outcome is Outcome.CHANGED, result.reason
    assert result.plan is not None
    assert [f.line for f in result.plan.fixed] == [7]
    assert result.new_source.count(b'"127.0.0.1:1"') == 1
    assert (tmp_path / "main.go").read_bytes() == source
