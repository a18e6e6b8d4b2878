"""The corpus round trip of benchmarks/roundtrip.py, on a CI-sized part of Go's standard library.

The Go source comes from the installed toolchain (`go env GOROOT`); without one the tests are
skipped, except when GOFIX_BIND_REQUIRE_GOFMT=1 (CI), where they fail. docs/safety.md has the
same checks on the whole corpus.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from benchmarks.roundtrip import Outcome, render, roundtrip

from tests.toolchain import need_git, need_go_source, need_gofmt

# Directories of GOROOT/src: net holds net/http and net/rpc, so they are named for the reader.
STD_SUBSET = ("net", "net/http", "net/rpc", "crypto/tls", "expvar", "log/syslog")


def _require_toolchain() -> tuple[Path, str]:
    """Return GOROOT/src and gofmt; skip (or, where required, fail) without Go, gofmt or git."""
    source = need_go_source()
    gofmt = need_gofmt()
    need_git()
    return source, gofmt


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    source, gofmt = _require_toolchain()
    work = tmp_path_factory.mktemp("roundtrip")
    return roundtrip(source, work, subsets=STD_SUBSET, gofmt=gofmt, jobs=2)


def test_the_subset_gets_fixes(outcome: Outcome) -> None:
    """Guards the checks below against passing on a run that changed nothing."""
    assert outcome.crashes == []
    assert outcome.fixes_applied > 0
    assert outcome.files_changed
    assert outcome.diff_files == len(outcome.files_changed)


def test_tree_sitter_error_counts_unchanged(outcome: Outcome) -> None:
    assert outcome.parse_count_changed == []


def test_no_gofmt_clean_file_becomes_dirty(outcome: Outcome) -> None:
    assert outcome.new_gofmt_dirty == []


def test_second_diff_run_prints_nothing(outcome: Outcome) -> None:
    assert outcome.second_run == b""


def test_git_apply_of_diff_gives_the_apply_bytes(outcome: Outcome) -> None:
    assert outcome.git_apply_error == ""
    assert outcome.diff_apply_mismatch == []


def test_files_without_findings_are_not_rewritten(outcome: Outcome) -> None:
    assert outcome.changed_without_finding == []
    assert outcome.mtime_only_changed == []
    assert outcome.added_or_removed == []


def test_verify_patch_finds_the_diff_pure(outcome: Outcome) -> None:
    assert outcome.verify_patch_exit == 0
    assert outcome.verify_patch_problems == []
    assert outcome.verify_patch_summary.startswith("the patch is pure: ")


def test_diff_line_counts_equal_git_numstat(outcome: Outcome) -> None:
    assert outcome.numstat_files == len(outcome.files_changed)
    assert outcome.numstat_mismatch == []


def test_every_check_passes(outcome: Outcome) -> None:
    assert outcome.failures() == [], render(outcome, Path("GOROOT/src"), STD_SUBSET)


# Runs the real gofix-bind, then on --apply rewrites a file it did not fix (same bytes, new
# mtime) and leaves a stray file behind: what a careless writer would do.
CARELESS_TOOL = """
import subprocess, sys
done = subprocess.run([sys.executable, "-m", "gofix_bind", *sys.argv[1:]])
if "--apply" in sys.argv:
    with open("other.go", "rb") as handle:
        data = handle.read()
    with open("other.go", "wb") as handle:
        handle.write(data)
    open("main.go.tmp", "wb").close()
sys.exit(done.returncode)
"""

MAIN_GO = b"""package main

import "net/http"

func main() {
\thttp.ListenAndServe(":8080", nil)
}
"""

OTHER_GO = b"""package main

func helper() int { return 1 }
"""


def test_the_checks_catch_a_careless_writer(tmp_path: Path) -> None:
    _, gofmt = _require_toolchain()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "main.go").write_bytes(MAIN_GO)
    (corpus / "other.go").write_bytes(OTHER_GO)
    # An mtime in the past, so that the rewrite cannot land in the same clock tick.
    os.utime(corpus / "other.go", ns=(1_000_000_000, 1_000_000_000))
    careless = tmp_path / "careless.py"
    careless.write_text(CARELESS_TOOL)
    work = tmp_path / "work"
    work.mkdir()

    result = roundtrip(corpus, work, tool=[sys.executable, str(careless)], gofmt=gofmt, jobs=1)

    assert result.fixes_applied == 1
    assert result.files_changed == ["main.go"]
    assert result.mtime_only_changed == ["other.go"]
    assert result.added_or_removed == ["main.go.tmp"]
    assert result.diff_apply_mismatch == ["main.go.tmp"]
    assert result.failures() == [
        "git apply of --diff == --apply",
        "untouched files keep their mtime_ns",
        "no file added or removed",
    ]
