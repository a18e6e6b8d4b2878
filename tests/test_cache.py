"""The result cache: a warm run prints what a cold one prints, byte for byte, and nothing else.

Each change to a tree (a touch, an edit, a file added, deleted or renamed, a config key) is
followed by a warm run compared with a --no-cache run; a broken, foreign, unwritable, linked
or tracked cache is ignored with one line on stderr at most.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from gofix_bind import cache, output, runner
from gofix_bind.model import Mode
from gofix_bind.resolve import Given, Resolver
from tests.helpers import FIXED, GOFIX_BIND, LISTEN, commit_all, git, invoke, snapshot
from tests.test_golden import CASES, GOLDEN, _copy_input, _flags, _formats

# A second directory's file: it declares the address the first one's listener reads.
SHARED = b'package main\n\nconst addr = "0.0.0.0:9090"\n'
USES = b"""package main

import "net/http"

func serve() error {
	return http.ListenAndServe(addr, nil)
}
"""
QUIET = b"package lib\n\nfunc F() int { return 1 }\n"


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the directory of each unit analysed in this process (cache misses only)."""
    seen: list[str] = []
    original = runner.process_unit

    def counting(language: str, unit: list[object], *args: object, **kwargs: object) -> object:
        seen.append(os.path.dirname(os.fspath(unit[0].path)) or ".")  # type: ignore[attr-defined]
        return original(language, unit, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "process_unit", counting)
    return seen


def _tree(root: Path) -> Path:
    (root / "cmd").mkdir(parents=True)
    (root / "cmd" / "main.go").write_bytes(LISTEN)
    (root / "srv").mkdir()
    (root / "srv" / "uses.go").write_bytes(USES)
    (root / "srv" / "shared.go").write_bytes(SHARED)
    (root / "lib").mkdir()
    (root / "lib" / "lib.go").write_bytes(QUIET)
    commit_all(root)
    return root


def _same_as_uncached(args: list[str]) -> bytes:
    """Run warm, then with --no-cache; both streams and the exit code must be equal."""
    warm = invoke(args)
    cold = invoke(["--no-cache", *args])
    assert (warm.stdout_bytes, warm.stderr_bytes, warm.exit_code) == (
        cold.stdout_bytes,
        cold.stderr_bytes,
        cold.exit_code,
    )
    return warm.stdout_bytes


def _cache_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.json") if not p.name.startswith("."))


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = _tree(tmp_path / "tree")
    monkeypatch.chdir(root)
    return root


JSON = ["--format", "json", "."]
DIFF = ["--diff", "--unsafe-fixes", "."]


def test_warm_run_computes_nothing_and_prints_the_same(tree: Path, computed: list[str]) -> None:
    cold = invoke(JSON)
    assert sorted(computed) == ["cmd", "lib", "srv"]
    computed.clear()
    assert _same_as_uncached(JSON) == cold.stdout_bytes
    # The --no-cache run computed every unit; the warm run before it none.
    assert sorted(computed) == ["cmd", "lib", "srv"]
    computed.clear()
    invoke(DIFF)
    computed.clear()
    _same_as_uncached(DIFF)
    assert sorted(computed) == ["cmd", "lib", "srv"]


def _warm_then_compare(args: list[str], computed: list[str]) -> list[str]:
    """Return the units the warm run computed, after checking it against --no-cache."""
    computed.clear()
    warm = invoke(args)
    misses = sorted(computed)
    cold = invoke(["--no-cache", *args])
    assert (warm.stdout_bytes, warm.stderr_bytes, warm.exit_code) == (
        cold.stdout_bytes,
        cold.stderr_bytes,
        cold.exit_code,
    )
    return misses


@pytest.mark.parametrize("args", [JSON, DIFF, ["."], ["--format", "sarif", "."]])
def test_each_change_recomputes_its_directory_only(
    tree: Path, computed: list[str], args: list[str]
) -> None:
    invoke(args)
    assert _warm_then_compare(args, computed) == []

    # A touch: same bytes, new timestamps.
    os.utime(tree / "lib" / "lib.go")
    assert _warm_then_compare(args, computed) == ["lib"]

    # An edit: the constant another file's listener reads.
    (tree / "srv" / "shared.go").write_bytes(SHARED.replace(b"0.0.0.0", b"10.1.2.3"))
    assert _warm_then_compare(args, computed) == ["srv"]

    # Added, deleted, renamed.
    (tree / "lib" / "more.go").write_bytes(LISTEN.replace(b"package main", b"package lib"))
    assert _warm_then_compare(args, computed) == ["lib"]
    (tree / "lib" / "more.go").unlink()
    assert _warm_then_compare(args, computed) == ["lib"]
    (tree / "cmd" / "main.go").rename(tree / "cmd" / "server.go")
    assert _warm_then_compare(args, computed) == ["cmd"]

    # A config key: every directory it governs.
    (tree / ".gofix-bind.toml").write_text('address = "127.0.0.2"\n')
    assert _warm_then_compare(args, computed) == ["cmd", "lib", "srv"]
    (tree / ".gofix-bind.toml").write_text('address = "127.0.0.3"\n')
    assert _warm_then_compare(args, computed) == ["cmd", "lib", "srv"]
    assert _warm_then_compare(args, computed) == []


def test_a_container_file_changes_which_fixes_are_safe(tree: Path, computed: list[str]) -> None:
    invoke(JSON)
    assert _warm_then_compare(JSON, computed) == []
    # A Dockerfile anywhere in the repository may publish a port: every unit is judged again.
    (tree / "cmd" / "Dockerfile").write_text("FROM scratch\nEXPOSE 8080\n")
    assert _warm_then_compare(JSON, computed) == ["cmd", "lib", "srv"]
    assert b"cmd/Dockerfile:2 publishes its port" in invoke(JSON).stdout_bytes
    (tree / "cmd" / "Dockerfile").write_text("FROM scratch\nEXPOSE 9999\n")
    assert _warm_then_compare(JSON, computed) == ["cmd", "lib", "srv"]
    assert b"publishes its port" not in invoke(JSON).stdout_bytes


def test_a_text_report_serves_no_run_that_verifies(tree: Path, computed: list[str]) -> None:
    invoke(["."])
    computed.clear()
    invoke(["--format", "json", "."])
    # The text report's results were planned, not verified: the JSON run computes its own.
    assert sorted(computed) == ["cmd", "lib", "srv"]


@pytest.mark.parametrize("name", output.choices())
def test_every_format_warm_equals_cold(tree: Path, computed: list[str], name: str) -> None:
    args = ["--unsafe-fixes", "--format", name, "."]
    cold = invoke(args)
    computed.clear()
    warm = invoke(args)
    assert computed == []
    assert (warm.stdout_bytes, warm.stderr_bytes, warm.exit_code) == (
        cold.stdout_bytes,
        cold.stderr_bytes,
        cold.exit_code,
    )
    assert warm.stdout_bytes


def test_an_edit_that_keeps_size_and_timestamps_is_caught_by_the_digest(
    tree: Path, computed: list[str]
) -> None:
    """A clock too coarse to tell two writes apart: the bytes' digest tells them apart."""
    path = tree / "cmd" / "main.go"
    before = os.stat(path)
    invoke(JSON)
    path.write_bytes(LISTEN.replace(b":8080", b":8081"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    assert _warm_then_compare(JSON, computed) == ["cmd"]
    assert b"8081" in invoke(JSON).stdout_bytes


def test_a_cached_finding_whose_file_changed_is_never_served(
    tree: Path, monkeypatch: pytest.MonkeyPatch, computed: list[str]
) -> None:
    """Even with its state kept, a file whose bytes a result shows is read again and checked."""
    # No file counts as racing the clock, so no digest of the state would catch the edit.
    monkeypatch.setattr(cache, "RACY_NS", -(10**19))
    invoke(JSON)
    path = tree / "cmd" / "main.go"
    real_stat = os.stat
    pinned = real_stat(path)

    def same_stat(target: object, *args: object, **kwargs: object) -> os.stat_result:
        if os.fspath(target) in (os.fspath(path), "cmd/main.go"):  # type: ignore[call-overload]
            return pinned
        return real_stat(target, *args, **kwargs)  # type: ignore[arg-type]

    path.write_bytes(LISTEN.replace(b":8080", b":8081"))
    computed.clear()
    monkeypatch.setattr(os, "stat", same_stat)
    warm = invoke(JSON)
    monkeypatch.setattr(os, "stat", real_stat)
    assert computed == ["cmd"]
    assert b"8081" in warm.stdout_bytes


def test_apply_writes_only_bytes_read_this_run(tree: Path, computed: list[str]) -> None:
    """--apply is served only units it writes nothing in; the others are read and verified."""
    invoke(["--diff", "."])
    computed.clear()
    applied = invoke(["--apply", "."])
    assert computed == ["cmd", "srv"]
    assert (tree / "cmd" / "main.go").read_bytes() == FIXED
    assert applied.exit_code == 0
    commit_all(tree)
    assert _warm_then_compare(JSON, computed) == ["cmd", "srv"]
    assert _warm_then_compare(JSON, computed) == []


def test_golden_trees_warm_equal_cold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, computed: list[str]
) -> None:
    """Every golden case, every mode and format it pins: warm output is cold output."""
    for name in CASES:
        case = GOLDEN / name
        flags = _flags(case)
        work = _copy_input(case, tmp_path / name)
        monkeypatch.chdir(work)
        runs = [[], ["--diff"], *(["--format", f] for f in _formats(case))]
        for mode in runs:
            args = [*flags, *mode, "."]
            cold = invoke(args)
            computed.clear()
            warm = invoke(args)
            assert (warm.stdout_bytes, warm.stderr_bytes, warm.exit_code) == (
                cold.stdout_bytes,
                cold.stderr_bytes,
                cold.exit_code,
            ), (name, mode)
            assert computed == [], (name, mode)


def test_cached_results_equal_fresh_ones_record_for_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each result the cache serves is equal, field by field, to the one it stands for."""
    for name in CASES:
        work = _copy_input(GOLDEN / name, tmp_path / name)
        monkeypatch.chdir(work)
        settings = Resolver(Given(), work).settings()
        kept = cache.Cache(tmp_path / "cache" / name, work)
        fresh = runner.run(["."], Mode.REPORT, settings, cache=kept)
        served = runner.run(["."], Mode.REPORT, settings, cache=cache.Cache(kept.directory, work))
        assert served == fresh, name
        assert served == runner.run(["."], Mode.REPORT, settings), name


def test_default_place_is_the_work_tree_root(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.DIRECTORY_ENV)
    monkeypatch.chdir(tree / "cmd")
    invoke(["."])
    made = tree / cache.DIRECTORY_NAME
    assert (made / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (
        (made / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert len(_cache_files(made)) == 1
    # Ignored by git: the tree stays clean.
    assert git(tree, "status", "--porcelain") == b""


def test_default_place_outside_git_is_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cache.DIRECTORY_ENV)
    (tmp_path / "main.go").write_bytes(LISTEN)
    monkeypatch.chdir(tmp_path)
    invoke(["."])
    assert len(_cache_files(tmp_path / cache.DIRECTORY_NAME)) == 1


def test_cache_dir_option_and_no_cache(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cache.DIRECTORY_ENV)
    invoke(["--no-cache", "."])
    assert not (tree / cache.DIRECTORY_NAME).exists()
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    invoke(["."])
    assert not (tree / cache.DIRECTORY_NAME).exists()
    monkeypatch.delenv(cache.NO_CACHE_ENV)
    invoke(["--cache-dir", str(tmp_path / "elsewhere"), "."])
    assert len(_cache_files(tmp_path / "elsewhere")) == 1
    assert not (tree / cache.DIRECTORY_NAME).exists()
    monkeypatch.setenv(cache.DIRECTORY_ENV, "relative-cache")
    invoke(["."])
    assert len(_cache_files(tree / "relative-cache")) == 1


def test_standard_input_uses_no_cache(tree: Path) -> None:
    directory = Path(os.environ[cache.DIRECTORY_ENV])
    result = invoke(["--apply", "--stdin-filename", "cmd/main.go", "-"], stdin=LISTEN)
    assert result.stdout_bytes == FIXED
    assert not directory.exists() or _cache_files(directory) == []


def _one_cache_file() -> Path:
    (found,) = _cache_files(Path(os.environ[cache.DIRECTORY_ENV]))
    return found


@pytest.mark.parametrize(
    "damage",
    [
        b"{not json",
        b"",
        b"\xff\xfe",
        b"[]",
        b'{"format": 999, "version": "0", "units": {}}',
    ],
    ids=["corrupt", "empty", "binary", "not-an-object", "foreign-format"],
)
def test_a_broken_cache_file_is_ignored_with_one_line(tree: Path, damage: bytes) -> None:
    cold = invoke(JSON)
    _one_cache_file().write_bytes(damage)
    warm = invoke(JSON)
    assert warm.stdout_bytes == cold.stdout_bytes
    extra = warm.stderr.replace(cold.stderr, "", 1)
    assert extra.count("\n") == 1 and "warning: ignoring the cache file" in extra
    # It is written again whole, and the next run is quiet.
    again = invoke(JSON)
    assert (again.stdout_bytes, again.stderr_bytes) == (cold.stdout_bytes, cold.stderr_bytes)


def test_a_cache_file_that_is_a_link_or_a_fifo_is_not_read(tree: Path, tmp_path: Path) -> None:
    cold = invoke(JSON)
    path = _one_cache_file()
    elsewhere = tmp_path / "elsewhere.json"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    warm = invoke(JSON)
    assert warm.stdout_bytes == cold.stdout_bytes
    assert "ignoring the cache file" in warm.stderr
    path.unlink()
    os.mkfifo(path)
    # A FIFO would block a plain open until a writer came: this run must not wait.
    warm = invoke(JSON)
    assert warm.stdout_bytes == cold.stdout_bytes
    assert "ignoring the cache file" in warm.stderr


def test_a_truncated_or_tampered_entry_is_never_served(tree: Path, computed: list[str]) -> None:
    cold = invoke(JSON)
    path = _one_cache_file()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert invoke(JSON).stdout_bytes == cold.stdout_bytes
    # An entry that names a record the cache never writes, or holds nonsense, is a miss.
    document = json.loads(path.read_bytes())
    for entry in document["units"].values():
        entry["results"] = [{"d": "Popen", "f": []} if r != 0 else [1, 2] for r in entry["results"]]
    path.write_text(json.dumps(document))
    computed.clear()
    warm = invoke(JSON)
    assert (warm.stdout_bytes, warm.stderr_bytes) == (cold.stdout_bytes, cold.stderr_bytes)
    assert sorted(computed) == ["cmd", "lib", "srv"]


def test_an_unwritable_cache_is_one_line_and_the_same_output(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(cache.DIRECTORY_ENV, str(blocker / "cache"))
    warm = invoke(JSON)
    cold = invoke(["--no-cache", *JSON])
    assert warm.stdout_bytes == cold.stdout_bytes
    extra = warm.stderr.replace(cold.stderr, "", 1)
    assert extra.count("\n") == 1 and "warning: cannot write the cache" in extra


def test_a_symlinked_cache_directory_is_ignored(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "target"
    target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target)
    monkeypatch.setenv(cache.DIRECTORY_ENV, str(link))
    first = invoke(JSON)
    assert "ignoring the cache directory" in first.stderr and "symbolic link" in first.stderr
    assert list(target.iterdir()) == []
    assert first.stdout_bytes == invoke(["--no-cache", *JSON]).stdout_bytes


def test_a_cache_directory_git_tracks_is_ignored(
    tree: Path, monkeypatch: pytest.MonkeyPatch, computed: list[str]
) -> None:
    """A repository could ship a cache of lies: a tracked one is never read."""
    monkeypatch.delenv(cache.DIRECTORY_ENV)
    cold = invoke(JSON)
    made = tree / cache.DIRECTORY_NAME
    path = _cache_files(made)[0]
    document = json.loads(path.read_bytes())
    git(tree, "add", "-f", str(path.relative_to(tree)))
    git(tree, "commit", "-q", "-m", "a cache")
    computed.clear()
    warm = invoke(JSON)
    assert sorted(computed) == ["cmd", "lib", "srv"]
    assert warm.stdout_bytes == cold.stdout_bytes
    assert "git tracks files in it" in warm.stderr
    assert json.loads(path.read_bytes()) == document


def test_concurrent_runs_leave_a_whole_cache(tree: Path) -> None:
    """Runs at once each write a whole file and rename it into place: none is torn."""
    env = {**os.environ}
    cold = subprocess.run(
        [GOFIX_BIND, "--no-cache", *JSON], cwd=tree, capture_output=True, check=False
    )
    for round_ in range(2):
        for index in range(3):
            (tree / "lib" / f"gen{round_}_{index}.go").write_bytes(QUIET)
        processes = [
            subprocess.Popen(
                [GOFIX_BIND, *JSON],
                cwd=tree,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(4)
        ]
        outputs = [process.communicate() for process in processes]
        expected = subprocess.run(
            [GOFIX_BIND, "--no-cache", *JSON], cwd=tree, capture_output=True, check=False
        )
        assert all(out == (expected.stdout, expected.stderr) for out in outputs)
        assert cold.stdout != b""
        json.loads(_one_cache_file().read_bytes())
        directory = Path(os.environ[cache.DIRECTORY_ENV])
        assert [p.name for p in directory.iterdir() if p.name.startswith(".tmp-")] == []


def test_worker_pools_end_in_order_on_a_cold_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that computes in worker processes shuts its pool down in order, not abandoned.

    Abandoned (as a stop abandons it), the pool's exit hook can fail at interpreter exit and
    print a traceback that a run without the cache would not print.
    """
    for index in range(runner.PARALLEL_MIN_FILES + 10):
        directory = tmp_path / "tree" / f"d{index % 5}"
        directory.mkdir(parents=True, exist_ok=True)
        (directory / f"f{index}.go").write_bytes(QUIET.replace(b"F()", f"F{index}()".encode()))
    monkeypatch.chdir(tmp_path / "tree")
    shutdowns: list[tuple[bool, bool]] = []
    real = ProcessPoolExecutor.shutdown

    def shutdown(pool: ProcessPoolExecutor, wait: bool = True, **kwargs: bool) -> None:
        shutdowns.append((wait, kwargs.get("cancel_futures", False)))
        real(pool, wait, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "shutdown", shutdown)
    settings = Resolver(Given(), Path.cwd()).settings()
    kept = cache.Cache(tmp_path / "cache", Path.cwd())
    cold = runner.run(["."], Mode.REPORT, settings, workers=2, cache=kept)
    assert shutdowns == [(True, False)]
    assert cold == runner.run(["."], Mode.REPORT, settings, workers=2)


def test_help_names_the_options() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "gofix_bind", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "--no-cache" in shown and "--cache-dir" in shown


def test_snapshot_helper_sees_no_cache(tree: Path) -> None:
    """The tests' own trees stay as they were: the cache lives outside them."""
    before = snapshot(tree)
    invoke(JSON)
    assert snapshot(tree) == before
