"""One record of every edit: what JSON and the plans say is exactly what --apply writes.

On every golden case and on a subset of Go's standard library:
- each file's JSON `files[].edits`, applied to the original bytes, give the --apply bytes;
- each finding's fix applied alone parses, passes verify, and stays gofmt-clean;
- for every subset of a file's fixes (every subset up to MAX_EXHAUSTIVE fixes, else each
  fix alone, each pair and all), the planner's plan for that subset passes verify and its
  edits give the bytes it writes.
"""

from __future__ import annotations

import itertools
import json
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gofix_bind import settings as run_settings
from gofix_bind.discover import discover
from gofix_bind.go.parse import error_count, parse
from gofix_bind.languages import LANGUAGES
from gofix_bind.model import Edit, FileResult, Finding, Job, Outcome
from gofix_bind.plan import OverlapError, apply_edits
from gofix_bind.runner import group, process_unit
from gofix_bind.settings import Settings
from tests.helpers import commit_all, invoke, snapshot
from tests.test_prefilter import STD_SUBSET
from tests.toolchain import gofmt_or_none, need_go_source, need_gofmt

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "go"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input").is_dir())
MAX_EXHAUSTIVE = 4


def _flags(case: Path) -> list[str]:
    flags = case / "flags.txt"
    return shlex.split(flags.read_text()) if flags.exists() else []


def _settings(flags: list[str]) -> Settings:
    """Build the settings a golden case's flags stand for (the ones cases use)."""
    options: dict[str, object] = {}
    words = iter(flags)
    for word in words:
        if word == "--unsafe-fixes":
            options["unsafe_fixes"] = True
        elif word == "--no-suppress":
            options["no_suppress"] = True
        elif word == "--include-generated":
            options["include_generated"] = True
        elif word == "--include-vendor":
            options["include_vendor"] = True
        elif word == "--no-prefilter":
            options["prefilter"] = False
        elif word in ("--address", "--ipv6-address"):
            options[word[2:].replace("-", "_")] = next(words)
        else:
            raise AssertionError(f"flag {word!r} has no settings here: add it")
    return run_settings.build(**options)  # type: ignore[arg-type]


def _edits(listed: list[dict[str, Any]]) -> list[Edit]:
    """Read the edits of a JSON fix or file entry."""
    return [Edit(e["start_byte"], e["end_byte"], e["content"].encode()) for e in listed]


def _gofmt_clean(source: bytes) -> bool:
    """Tell whether the real gofmt leaves source as it is."""
    return gofmt_or_none(source) == source


def _units(root: Path, settings: Settings) -> list[tuple[str, list[Job]]]:
    return group(discover(["."], settings.discovery, LANGUAGES), root)


def _subsets(findings: list[Finding]) -> Iterator[tuple[Finding, ...]]:
    if len(findings) <= MAX_EXHAUSTIVE:
        for size in range(1, len(findings) + 1):
            yield from itertools.combinations(findings, size)
        return
    yield from itertools.combinations(findings, 1)
    yield from itertools.combinations(findings, 2)
    yield tuple(findings)


def _same(finding: Finding, other: Finding) -> bool:
    return (finding.path, finding.start_byte, finding.end_byte, finding.message) == (
        other.path,
        other.start_byte,
        other.end_byte,
        other.message,
    )


def _chosen(finding: Finding, subset: tuple[Finding, ...]) -> bool:
    return any(_same(finding, c) for c in subset)


def _check_subsets(root: Path, settings: Settings) -> int:
    """Plan every chosen subset of each file's fixes; return how many plans were checked."""
    checked = 0
    for name, unit in _units(root, settings):
        results = process_unit(name, unit, settings)
        for result in results:
            fixes = [f for f in result.findings if f.fix is not None]
            if result.outcome is Outcome.FAILED:
                continue
            original = (root / result.path).read_bytes()
            clean = _gofmt_clean(original)
            for subset in _subsets(fixes):
                chosen = process_unit(name, unit, settings, lambda f, s=subset: _chosen(f, s))
                planned = _result_for(chosen, result.path)
                label = f"{result.path}: fixes at {[f.line for f in subset]}"
                assert planned.outcome is Outcome.CHANGED, f"{label}: {planned.reason}"
                assert planned.plan is not None
                assert len(planned.plan.fixed) == len(subset), label
                written = apply_edits(original, planned.plan.edits)
                assert written == planned.new_source, label
                assert error_count(parse(written)) <= error_count(parse(original)), label
                if clean:
                    assert _gofmt_clean(written), f"{label}: gofmt would reformat it"
                if len(subset) == 1 and subset[0].fix is not None:
                    # Alone, a fix's own edits are the plan: the JSON's fix.edits.
                    assert planned.plan.edits == subset[0].fix.edits, label
                checked += 1
    return checked


def _result_for(results: list[FileResult], path: str) -> FileResult:
    (found,) = [r for r in results if r.path == path]
    return found


def _copy(source: Path, destination: Path) -> Path:
    shutil.copytree(source, destination, symlinks=True)
    commit_all(destination)
    return destination


def _check_json_files(root: Path, flags: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    """Compare JSON files[].edits with what --apply writes; return the files compared."""
    original = snapshot(root)
    monkeypatch.chdir(root)
    report = json.loads(invoke([*flags, "--format", "json", "."]).stdout)
    invoke([*flags, "--apply", "."])
    applied = snapshot(root)
    listed = {entry["path"]: entry["edits"] for entry in report["files"]}
    changed = {path for path, data in applied.items() if original.get(path) != data}
    assert set(listed) >= changed
    for path, edits in listed.items():
        data = apply_edits(original[path], _edits(edits))
        assert data == applied[path], path
    for finding in report["findings"]:
        fix = finding["fix"]
        if fix is None:
            continue
        alone = apply_edits(original[finding["path"]], _edits(fix["edits"]))
        assert error_count(parse(alone)) <= error_count(parse(original[finding["path"]]))
        if _gofmt_clean(original[finding["path"]]):
            assert _gofmt_clean(alone), f"{finding['path']}:{finding['line']}"
    return len(listed)


@pytest.mark.parametrize("name", CASES)
def test_golden_plans(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_gofmt()
    case = GOLDEN / name
    flags = _flags(case)
    _check_json_files(_copy(case / "input", tmp_path / "json"), flags, monkeypatch)
    work = _copy(case / "input", tmp_path / "plans")
    monkeypatch.chdir(work)
    _check_subsets(work, _settings(flags))


def test_standard_library_plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_gofmt()
    root = need_go_source()
    for directory in STD_SUBSET:
        target = tmp_path / "std" / directory
        target.mkdir(parents=True)
        for file in (root / directory).glob("*.go"):
            shutil.copyfile(file, target / file.name)
    work = tmp_path / "std"
    commit_all(work)
    for flags in ([], ["--unsafe-fixes"]):
        copy = _copy(work, tmp_path / f"json{len(flags)}")
        assert _check_json_files(copy, flags, monkeypatch) > 0
    monkeypatch.chdir(work)
    assert _check_subsets(work, _settings(["--unsafe-fixes"])) > 0


@pytest.mark.parametrize("name", ["gofmt_align_shared_block_two", "gofmt_align_shared_block_three"])
def test_fixes_sharing_a_block_need_the_files_plan(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each fix alone re-pads the whole block, so the union of their edits cannot be applied."""
    work = _copy(GOLDEN / name / "input", tmp_path / "work")
    monkeypatch.chdir(work)
    report = json.loads(invoke(["--format", "json", "."]).stdout)
    edits = [e for finding in report["findings"] for e in _edits(finding["fix"]["edits"])]
    original = (work / "main.go").read_bytes()
    with pytest.raises(OverlapError):
        apply_edits(original, edits)
    (planned,) = report["files"]
    written = apply_edits(original, _edits(planned["edits"]))
    assert written == (GOLDEN / name / "expected" / "main.go").read_bytes()
