"""Fuzz the parse -> plan -> verify pipeline in-process, over generated and damaged Go packages.

The complement of tests/test_properties.py: that file predicts the --apply output byte for byte
through the CLI, for forms whose fix it can spell; this one draws far wider and damaged input
(tests/fuzz_sources.py) and checks only what must hold whatever the tool finds:

- no exception escapes, and every file ends in one of the closed outcomes;
- a changed file is exactly its plan's edits applied to the bytes read: the edits are in range
  and disjoint, each fix's changes are among them, each change lies in a string literal or in
  the span its finding reports, and every other edit (gofmt realignment) only moves blanks;
- the new bytes parse with no error, keep the BOM, final newline and CRLF line ends, and stay
  gofmt-clean when the input was gofmt's own output;
- a second run over the new bytes changes nothing and fails nothing (idempotent);
- a file that does not parse, or is not UTF-8 Go text, is never changed.

CI runs a fixed, derandomized set of examples. GOFIX_BIND_FUZZ_SECONDS=600 turns the same
test into a randomized run for that many seconds, saving failing examples to
.hypothesis/fuzz so the next run replays them first.
"""

from __future__ import annotations

import itertools
import os
import re
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from gofix_bind import settings as run_settings
from gofix_bind.go.parse import error_count, parse
from gofix_bind.model import Edit, FileResult, Finding, Job, Outcome
from gofix_bind.runner import process_unit
from gofix_bind.settings import Settings, shared_options
from tests.fuzz_sources import GOFMT, GoPackage, go_packages, gofmt
from tests.helpers import invoke, snapshot

ROOT = Path(__file__).resolve().parent.parent
FUZZ_SECONDS = float(os.environ.get("GOFIX_BIND_FUZZ_SECONDS", "0") or 0)
# Failing examples of long runs are kept here (.hypothesis/ is ignored by git) and replayed.
DATABASE = ROOT / ".hypothesis" / "fuzz"
# The derandomized set CI runs: the same examples each time, under a minute on two cores.
CI_EXAMPLES = 500
# A long run goes in rounds of this many examples, each with a new seed, until time is up.
ROUND_EXAMPLES = 500

# What the examples reached, so a generator that stops reaching the fixes fails loudly.
REACHED: Counter[str] = Counter()

SETTINGS = [
    run_settings.build(),
    run_settings.build(unsafe_fixes=True),
    run_settings.build(address="192.168.7.1", ipv6_address="fd00::7", unsafe_fixes=True),
    run_settings.build(no_suppress=True),
    run_settings.build(prefilter=False, unsafe_fixes=True),
]
BLANKS = re.compile(rb"[ \t]*")
STRING_LITERALS = ("interpreted_string_literal", "raw_string_literal")


def _jobs(directory: Path, files: Sequence[tuple[str, bytes]]) -> list[Job]:
    """Hand the package over as bytes: its directory on disk is never read."""
    return [Job(directory / name, name, directory, data=data) for name, data in files]


def _is_go_text(source: bytes) -> bool:
    if b"\0" in source:
        return False
    try:
        source.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _apply(source: bytes, edits: Sequence[Edit]) -> bytes:
    """Apply edits as slices, written apart from plan.apply_edits so as not to trust it."""
    pieces, at = [], 0
    for edit in edits:
        pieces += [source[at : edit.start_byte], edit.content]
        at = edit.end_byte
    return b"".join([*pieces, source[at:]])


def _in_string_literal(source: bytes, edit: Edit) -> bool:
    """Tell whether the edit lies inside one string literal of the source, quotes included."""
    node = parse(source).root_node.descendant_for_byte_range(edit.start_byte, edit.end_byte)
    while node is not None and node.type not in STRING_LITERALS:
        node = node.parent
    return node is not None and node.start_byte <= edit.start_byte <= edit.end_byte <= node.end_byte


def _check_edits(result: FileResult, policy_allows: bool) -> int:
    """Check a changed file's plan: what it edits, and that it alone makes the new bytes.

    Return how many of its edits are layout (realignment) edits.
    """
    assert result.plan is not None
    old, new = result.old_source, result.new_source
    edits = result.plan.edits
    assert list(edits) == sorted(edits, key=lambda e: (e.start_byte, e.end_byte))
    for before, after in itertools.pairwise(edits):
        assert before.end_byte <= after.start_byte, (before, after)
        assert before.start_byte != after.start_byte or before.end_byte != after.start_byte
    assert all(0 <= e.start_byte <= e.end_byte <= len(old) for e in edits)
    # Bytes outside the edits are the bytes read.
    assert new == _apply(old, edits)
    changes: set[Edit] = set()
    for finding in result.plan.fixed:
        assert finding.path == result.path
        assert finding.fix is not None
        assert policy_allows or finding.fix.applicability.value == "safe"
        for change in finding.fix.changes:
            assert change in edits
            assert _in_string_literal(old, change) or (
                finding.start_byte <= change.start_byte <= change.end_byte <= finding.end_byte
            ), (change, finding.start_byte, finding.end_byte)
        changes.update(finding.fix.changes)
    assert changes, "a changed file fixes something"
    layout = [edit for edit in edits if edit not in changes]
    for edit in layout:
        # Realignment moves white space only, and never across a line.
        assert BLANKS.fullmatch(old[edit.start_byte : edit.end_byte]), edit
        assert BLANKS.fullmatch(edit.content), edit
    return len(layout)


def _check_layout(result: FileResult) -> None:
    """Check that what the editor and git see of a file's layout survives the fix.

    An edit may add a line (an inserted struct field), but in the file's own line ends.
    """
    assert result.plan is not None
    old, new = result.old_source, result.new_source
    assert old.startswith(b"\xef\xbb\xbf") == new.startswith(b"\xef\xbb\xbf")
    assert old.endswith(b"\n") == new.endswith(b"\n")
    crlf_only = old.count(b"\n") == old.count(b"\r\n") > 0
    for edit in result.plan.edits:
        if b"\r" not in old:
            assert b"\r" not in edit.content, edit
        if crlf_only and b"\n" in edit.content.replace(b"\r\n", b""):
            raise AssertionError(f"an LF line end in a CRLF file: {edit}")


def _findings_in_range(findings: Sequence[Finding], sizes: dict[str, int]) -> None:
    for finding in findings:
        if finding.path in sizes:
            assert 0 <= finding.start_byte <= finding.end_byte <= sizes[finding.path], finding


def check_package(package: GoPackage, settings: Settings, directory: Path) -> None:
    """Run the pipeline over one package and check every invariant on what it returns."""
    REACHED["examples"] += 1
    results = process_unit("go", _jobs(directory, package.files), settings)
    given = dict(package.files)
    by_path = {r.path: r for r in results}
    assert set(by_path) == set(given), "one result per file, and no file a fix did not need"
    sizes = {name: len(data) for name, data in given.items()}
    new_files: dict[str, bytes] = {}
    for result in results:
        assert result.outcome in set(Outcome)
        REACHED[result.outcome.value] += 1
        _findings_in_range(result.findings, sizes)
        source = given[result.path]
        if result.outcome is not Outcome.CHANGED:
            assert result.plan is None and result.new_source == b""
            new_files[result.path] = source
            continue
        # Only a file that is Go text and parses without error is ever changed.
        assert _is_go_text(source) and error_count(parse(source)) == 0
        assert result.old_source == source
        if _check_edits(result, settings.policy.unsafe_fixes):
            REACHED["layout edits"] += 1
        assert error_count(parse(result.new_source)) == 0
        _check_layout(result)
        if package.gofmt_clean and GOFMT is not None:
            REACHED["gofmt checked"] += 1
            assert gofmt(result.new_source) == result.new_source
        new_files[result.path] = result.new_source
    if any(r.outcome is Outcome.CHANGED for r in results):
        REACHED["packages changed"] += 1
        again = process_unit("go", _jobs(directory, list(new_files.items())), settings)
        for second in again:
            first = by_path[second.path]
            expected = Outcome.UNCHANGED if first.outcome is Outcome.CHANGED else first.outcome
            assert second.outcome is expected, (second.path, second.reason)


def _directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Never written: the jobs carry their bytes, and the directory only names them.
    return tmp_path_factory.mktemp("fuzz")


def _run(directory: Path, profile: settings) -> None:
    @profile
    @given(go_packages(), st.sampled_from(SETTINGS))
    def fuzz(package: GoPackage, chosen: Settings) -> None:
        check_package(package, chosen, directory)

    fuzz()


CI = settings(
    max_examples=CI_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def test_fuzz_pipeline(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every invariant holds on every example (for GOFIX_BIND_FUZZ_SECONDS, if set)."""
    REACHED.clear()
    directory = _directory(tmp_path_factory)
    if FUZZ_SECONDS <= 0:
        _run(directory, CI)
    else:
        long_run = settings(
            max_examples=ROUND_EXAMPLES,
            deadline=None,
            derandomize=False,
            database=DirectoryBasedExampleDatabase(str(DATABASE)),
            suppress_health_check=list(HealthCheck),
        )
        end = time.monotonic() + FUZZ_SECONDS
        rounds = 0
        while time.monotonic() < end:
            _run(directory, long_run)
            rounds += 1
        print(f"\nfuzz: {rounds} rounds, {dict(REACHED)}")
    # The examples reach every kind of result, fixes in aligned blocks and gofmt's check.
    for reached in ("changed", "unchanged", "failed", "skipped", "packages changed"):
        assert REACHED[reached] > 0, dict(REACHED)
    assert REACHED["layout edits"] > 0 and REACHED["gofmt checked"] > 0, dict(REACHED)


@settings(CI, max_examples=15)
@given(go_packages(), st.sampled_from(SETTINGS))
def test_cli_writes_what_the_pipeline_plans(package: GoPackage, chosen: Settings) -> None:
    """--apply through the real command writes exactly the bytes process_unit plans."""
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        for file, data in package.files:
            (root / file).write_bytes(data)
        planned = {
            r.path: r.new_source if r.outcome is Outcome.CHANGED else dict(package.files)[r.path]
            for r in process_unit("go", _jobs(root, package.files), chosen)
        }
        previous = os.getcwd()
        os.chdir(root)
        try:
            prefilter = [] if chosen.detection.prefilter else ["--no-prefilter"]
            invoke(["--apply", "--allow-dirty", *shared_options(chosen), *prefilter, "."])
        finally:
            os.chdir(previous)
        assert snapshot(root) == planned


# A CRLF file whose multi-line http.Server literal has no Addr: the fix inserts an Addr line.
CRLF_SERVER = (
    b'package main\r\n\r\nimport "net/http"\r\n\r\nfunc main() {\r\n'
    b"\ts := http.Server{\r\n\t\tHandler: nil,\r\n\t}\r\n\t_ = s.ListenAndServe()\r\n}\r\n"
)


def test_crlf_file_gets_crlf_in_an_inserted_field(tmp_path: Path) -> None:
    """The line a fix inserts into a CRLF file ends in CRLF, like every other line."""
    (result,) = process_unit("go", _jobs(tmp_path, [("main.go", CRLF_SERVER)]), Settings())
    assert result.outcome is Outcome.CHANGED
    assert result.new_source == CRLF_SERVER.replace(
        b"\t\tHandler: nil,", b'\t\tAddr:    "127.0.0.1:80",\r\n\t\tHandler: nil,'
    )
