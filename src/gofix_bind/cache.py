"""A result cache: each unit's results, kept while every input the unit read is unchanged.

An entry is one unit (a directory of Go files) under one key: the tool's own files, the
working directory, the unit's jobs (paths and the names shown for them) and resolved settings,
and its config file's path and bytes. It is served only while the directory's Go files (and
the backups a write leaves) have the names and the (symlink, mode, size, mtime_ns, ctime_ns,
inode, device) they had just before the unit was read; a file whose timestamps were within
RACY_NS of the run's start is also compared by a digest of its bytes, since a coarse clock can
give two writes one timestamp. A file whose bytes a result keeps (a finding's file) is read
again and must have the same digest, and its diff path is worked out again.

The repository is not trusted: the cache is JSON that only names a fixed set of records, a
cache directory that is a symbolic link or tracked by git is ignored, and a file that is not
one this version wrote is ignored as a whole. Anything wrong with the cache costs one line on
stderr at most, never a result.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import enum
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import Any

from gofix_bind import __version__, containers
from gofix_bind.dirty import work_tree
from gofix_bind.languages import LANGUAGES
from gofix_bind.model import (
    Applicability,
    Edit,
    FilePlan,
    FileResult,
    Finding,
    Fix,
    Job,
    Outcome,
    Source,
    Suppressed,
    Suppression,
    SuppressionKind,
    TraceStep,
)
from gofix_bind.paths import diff_path, display_path
from gofix_bind.plan import apply_edits
from gofix_bind.settings import Settings
from gofix_bind.source_io import BACKUP_SUFFIX, SkipError, read_source

DIRECTORY_NAME = ".gofix-bind_cache"
# As ruff spells them (RUFF_CACHE_DIR, RUFF_NO_CACHE).
DIRECTORY_ENV = "GOFIX_BIND_CACHE_DIR"
NO_CACHE_ENV = "GOFIX_BIND_NO_CACHE"
# Bumped whenever what an entry holds changes shape.
FORMAT = 3
# A file changed this close to the moment it was read may change again without a new timestamp
# (FAT keeps modification times to 2 seconds, some network file systems to 1).
RACY_NS = 3_000_000_000
# https://bford.info/cachedir/: backup and indexing tools leave the directory out.
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by gofix-bind.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)

# Says on stderr why the cache is not used (called once at most).
Warn = Callable[[str], None]


def _stderr(message: str) -> None:
    with contextlib.suppress(OSError):
        print(f"gofix-bind: warning: {message}", file=sys.stderr)


def default_directory(cwd: Path) -> Path:
    """Return where the cache lives: at the git work tree's root, else in cwd."""
    root = work_tree(os.path.abspath(cwd))
    return Path(root or os.path.abspath(cwd), DIRECTORY_NAME)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _tool_fingerprint() -> str:
    """Return a digest of the version and the files of the code that makes results."""
    import tree_sitter
    import tree_sitter_go

    parts: list[object] = [FORMAT, __version__, sys.version]
    package = os.path.dirname(os.path.abspath(__file__))
    places = [package, os.path.join(package, "go"), os.path.join(package, "output")]
    places += [os.path.dirname(m.__file__ or "") for m in (tree_sitter, tree_sitter_go)]
    for place in places:
        with contextlib.suppress(OSError), os.scandir(place) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_file():
                    info = entry.stat()
                    parts.append((entry.path, info.st_size, info.st_mtime_ns, info.st_ino))
    return _digest(json.dumps(parts).encode())


# The records a result holds, by name: nothing else is ever made from a cache file.
_OWN: tuple[type, ...] = (
    Finding,
    Fix,
    Edit,
    TraceStep,
    Suppressed,
    Suppression,
    FilePlan,
    Applicability,
    Source,
    SuppressionKind,
    Outcome,
)
_KNOWN = (*_OWN, *(record for language in LANGUAGES for record in language.records))
_RECORDS: dict[str, type] = {cls.__name__: cls for cls in _KNOWN if dataclasses.is_dataclass(cls)}
_ENUMS: dict[str, type[enum.Enum]] = {
    cls.__name__: cls for cls in _KNOWN if isinstance(cls, type) and issubclass(cls, enum.Enum)
}


class _NotCacheableError(Exception):
    """A result holds something the cache does not write down; its unit is not kept."""


def _encode(value: object) -> Any:
    """Return a record as JSON data: tuples as lists, bytes, enums and records tagged."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, bytes):
        return {"b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, enum.Enum) and type(value).__name__ in _ENUMS:
        return {"e": type(value).__name__, "v": value.value}
    name = type(value).__name__
    if dataclasses.is_dataclass(value) and _RECORDS.get(name) is type(value):
        fields = dataclasses.fields(value)
        return {"d": name, "f": [_encode(getattr(value, f.name)) for f in fields]}
    raise _NotCacheableError(name)


def _decode(data: Any) -> Any:
    """Return the record JSON data stands for; raise ValueError for anything else."""
    if data is None or isinstance(data, (bool, int, str)):
        return data
    if isinstance(data, list):
        return tuple(_decode(item) for item in data)
    if isinstance(data, dict):
        if "b" in data:
            return base64.b64decode(data["b"], validate=True)
        if "e" in data:
            return _ENUMS[data["e"]](data["v"])
        cls = _RECORDS[data["d"]]
        return cls(*(_decode(item) for item in data["f"]))
    raise ValueError(f"unexpected {type(data).__name__}")


def _encode_result(
    result: FileResult, job: Job | None, name_of: Callable[[str], str | None]
) -> Any:
    """Return a unit's result as JSON data; 0 for the usual: a job's file, unchanged, no finding."""
    if (
        job is not None
        and result.outcome is Outcome.UNCHANGED
        and result.path == job.display
        and not (result.findings or result.suppressed or result.reason or result.old_source)
        and not (result.new_source or result.diff_path or result.announce)
        and result.plan is None
        and result.disk_path is None
    ):
        return 0
    kept = ""
    if result.old_source:
        name = name_of(result.path)
        if name is None:
            raise _NotCacheableError(result.path)
        kept = name
    return [
        result.path,
        result.outcome.value,
        result.reason,
        _encode(result.findings),
        _encode(result.suppressed),
        _encode(result.plan),
        kept,
        _digest(result.old_source) if result.old_source else "",
        _digest(result.new_source) if result.new_source else "",
        None if result.disk_path is None else os.fspath(result.disk_path),
        result.diff_path,
        result.announce,
    ]


# A file of the unit's directory as it was read, in one string (which the garbage collector
# need not track): its name, then whether it is a symbolic link, its mode, size, mtime_ns,
# ctime_ns, inode and device; or its name and the errno that stopped a look at it.
Stat = str
# Joins a state's parts: no file name holds it.
_SEP = "\0"


def _stat(name: str, info: os.stat_result, link: bool) -> Stat:
    return (
        f"{name}\0{int(link)}\0{info.st_mode}\0{info.st_size}\0{info.st_mtime_ns}"
        f"\0{info.st_ctime_ns}\0{info.st_ino}\0{info.st_dev}"
    )


def _looked_at(
    directory: str, named: set[str], racy_after: int
) -> tuple[list[Stat], list[str]] | None:
    """Return the states of the directory's Go files and backups, and of the named files.

    Also return the files whose timestamps are after racy_after.
    """
    found: dict[str, Stat] = {}
    racy: list[str] = []
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                name = entry.name
                if name.endswith((".go", BACKUP_SUFFIX)) or name in named:
                    try:
                        info = entry.stat()
                    except OSError as error:
                        found[name] = f"{name}\0{error.errno}"
                        continue
                    found[name] = _stat(name, info, entry.is_symlink())
                    if max(info.st_mtime_ns, info.st_ctime_ns) > racy_after:
                        racy.append(name)
    except OSError:
        return None
    for name in named - found.keys():
        # A file named on the command line whatever its name: rare, so looked at alone.
        path = os.path.join(directory, name)
        try:
            info = os.stat(path)
        except OSError as error:
            found[name] = f"{name}\0{error.errno}"
            continue
        found[name] = _stat(name, info, os.path.islink(path))
        if max(info.st_mtime_ns, info.st_ctime_ns) > racy_after:
            racy.append(name)
    return [found[name] for name in sorted(found)], racy


def _file_digest(directory: str, name: str) -> str:
    try:
        return _digest(read_source(Path(directory, name)))
    except (OSError, SkipError):
        return "unreadable"


def _digests(directory: str, names: list[str]) -> dict[str, str]:
    """Return the digest of each file named (a file that cannot be read has one too)."""
    return {name: _file_digest(directory, name) for name in names}


def _rehashed(directory: str, digests: dict[str, str]) -> bool:
    """Tell whether every file with a digest still has the same one."""
    return all(_file_digest(directory, name) == digest for name, digest in digests.items())


@dataclass
class Probe:
    """One unit looked up: the results served, else what a new entry is filed under."""

    unit_key: str
    key: str
    # The directory as the jobs name it (relative or absolute), and its files' states.
    directory: str
    states: list[Stat] | None
    jobs: tuple[Job, ...]
    # Digests of the files whose timestamps were too recent to trust alone, set on a miss.
    digests: dict[str, str] | None = None
    results: list[FileResult] | None = None


class Cache:
    """The entries of one run's working directory and tool build, in one JSON file."""

    def __init__(self, directory: Path, cwd: Path, warn: Warn = _stderr) -> None:
        """Use the cache in directory (checked when first read); warn is called once at most."""
        self.directory = directory
        self.cwd = cwd
        self._warn = warn
        self._warned = False
        self._usable: bool | None = None
        self._entries: dict[str, Any] = {}
        self._updated: dict[str, Any] = {}
        self._settings_keys: dict[int, tuple[Settings, str]] = {}
        self._config_keys: dict[str, Any] = {}
        self._started = time.time_ns()
        user = os.geteuid() if hasattr(os, "geteuid") else 0
        run_key = [_tool_fingerprint(), os.fspath(cwd), user]
        self._file = directory / f"{_digest(json.dumps(run_key).encode())}.json"

    def warn(self, message: str) -> None:
        """Say once why the cache is not used; later problems are silent."""
        if not self._warned:
            self._warned = True
            self._warn(message)

    # -- where it lives ----------------------------------------------------------------------

    def _refusal(self) -> str | None:
        """Say why the directory must not be used (a symbolic link, tracked by git), or None."""
        path = os.fspath(self.directory)
        if os.path.islink(path):
            return f"ignoring the cache directory {path}: it is a symbolic link"
        if os.path.lexists(path) and not os.path.isdir(path):
            return f"ignoring the cache directory {path}: it is not a directory"
        if os.path.isdir(path) and _tracked(path):
            return f"ignoring the cache directory {path}: git tracks files in it"
        return None

    def _check(self) -> bool:
        if self._usable is None:
            refusal = self._refusal()
            if refusal is not None:
                self.warn(refusal)
            self._usable = refusal is None
            if self._usable:
                self._entries = self._load()
        return self._usable

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(_read_regular(self._file))
        except (FileNotFoundError, NotADirectoryError):
            # None yet, or a place that cannot hold one: saying so is the write's business.
            return {}
        except (OSError, ValueError) as error:
            self.warn(f"ignoring the cache file {self._file}: {_reason(error)}")
            return {}
        if not (
            isinstance(data, dict)
            and data.get("format") == FORMAT
            and data.get("version") == __version__
            and isinstance(data.get("units"), dict)
        ):
            self.warn(f"ignoring the cache file {self._file}: not one this version wrote")
            return {}
        units: dict[str, Any] = data["units"]
        return units

    # -- keys --------------------------------------------------------------------------------

    def _settings_key(self, settings: Settings) -> str:
        # Directories that share a config file share one Settings object.
        known = self._settings_keys.get(id(settings))
        if known is not None and known[0] is settings:
            return known[1]
        key = _digest(repr(settings).encode())
        self._settings_keys[id(settings)] = (settings, key)
        return key

    def _config_key(self, settings: Settings, directory: str) -> Any:
        """Return the resolved config file of a directory: its path and bytes' digest."""
        config_at = getattr(settings.scopes, "config_at", None)
        config = config_at(directory) if callable(config_at) else None
        path = getattr(config, "path", None)
        if path is None:
            return None
        name = os.fspath(path)
        key = self._config_keys.get(name)
        if key is None:
            try:
                with open(name, "rb") as stream:
                    key = [name, _digest(stream.read())]
            except OSError as error:
                key = [name, error.errno]
            self._config_keys[name] = key
        return key

    # -- lookups -----------------------------------------------------------------------------

    def lookup(
        self,
        language: str,
        jobs: Sequence[Job],
        settings: Settings,
        run_settings: Settings,
        serve_changed: bool = True,
        verified: bool = True,
    ) -> Probe | None:
        """Return the unit's probe, its results set when the entry holds; None: no cache."""
        if not self._check() or not jobs or any(job.data is not None for job in jobs):
            return None
        paths = [os.fspath(job.path) for job in jobs]
        parent = os.path.dirname(paths[0])
        named: set[str] = set()
        for path in paths:
            head, name = os.path.split(path)
            if head != parent:
                return None
            named.add(name)
        walked = parent or "."
        absolute = os.path.abspath(walked)
        unit_key = f"{language}\0{absolute}"
        cwd = jobs[0].cwd
        if any(job.cwd is not cwd and job.cwd != cwd for job in jobs):
            return None
        # Job paths and names are joined with bytes no path holds.
        parts = [
            language,
            os.fspath(cwd),
            *(f"{path}\1{job.display}" for path, job in zip(paths, jobs, strict=True)),
            self._settings_key(settings),
            json.dumps(self._config_key(run_settings, absolute)),
            # A text report's results are planned, not verified: they serve only text reports.
            "verified" if verified else "planned",
            # Container files anywhere in the repository decide which fixes are safe.
            containers.inputs_digest(absolute),
        ]
        key = _digest("\0".join(parts).encode("utf-8", "surrogateescape"))
        looked = _looked_at(walked, named, self._started - RACY_NS)
        if looked is None:
            return Probe(unit_key, key, walked, None, tuple(jobs))
        states, racy = looked
        probe = Probe(unit_key, key, walked, states, tuple(jobs))
        entry = self._entries.get(unit_key)
        if isinstance(entry, dict) and entry.get("key") == key:
            with contextlib.suppress(Exception):
                probe.results = self._served(entry, states, probe, serve_changed)
        if probe.results is not None:
            self._updated[unit_key] = entry
        else:
            # Read before the unit is: a file the unit then reads in another state gets no
            # entry that matches it (its timestamps change, or within their resolution, this).
            probe.digests = _digests(walked, racy)
        return probe

    def _served(
        self, entry: dict[str, Any], states: list[Stat], probe: Probe, serve_changed: bool
    ) -> list[FileResult] | None:
        if entry["states"] != states or not _rehashed(probe.directory, entry["digests"]):
            return None
        results = []
        sources: dict[str, bytes] = {}
        for index, data in enumerate(entry["results"]):
            job = probe.jobs[index] if index < len(probe.jobs) else None
            if data == 0:
                if job is None:
                    return None
                results.append(FileResult(job.display, Outcome.UNCHANGED))
                continue
            result = self._result(data, probe.directory, probe.jobs[0].cwd, sources)
            if result is None or (result.outcome is Outcome.CHANGED and not serve_changed):
                return None
            results.append(result)
        return results

    @staticmethod
    def _result(
        data: list[Any], directory: str, cwd: Path, sources: dict[str, bytes]
    ) -> FileResult | None:
        (path, outcome, reason, findings, suppressed, plan, kept, old, new, disk, diff, shown) = (
            data
        )
        old_source = b""
        if kept:
            if os.path.basename(kept) != kept:
                return None
            if kept not in sources:
                sources[kept] = read_source(Path(directory, kept))
            old_source = sources[kept]
            if _digest(old_source) != old:
                return None
        # Where a symbolic link points, and which work tree holds it, are no file's bytes.
        if diff and diff != diff_path(Path(directory, kept), cwd):
            return None
        decoded_plan = _decode(plan)
        new_source = b""
        if new:
            if not isinstance(decoded_plan, FilePlan):
                return None
            new_source = apply_edits(old_source, decoded_plan.edits)
            if _digest(new_source) != new:
                return None
        result = FileResult(
            path,
            Outcome(outcome),
            reason,
            _decode(findings),
            _decode(suppressed),
            plan=decoded_plan,
            old_source=old_source,
            new_source=new_source,
            disk_path=None if disk is None else Path(disk),
            diff_path=diff,
            announce=shown,
        )
        return result if all(isinstance(x, str) for x in (path, reason, diff)) else None

    # -- new entries -------------------------------------------------------------------------

    def record(self, probe: Probe | None, results: Sequence[FileResult]) -> None:
        """File a unit's new results, if its files are still as they were when looked up."""
        if probe is None or probe.states is None or probe.digests is None:
            return
        if any(r.outcome is Outcome.FAILED and r.reason.startswith("cannot ") for r in results):
            # What a permission or a device says is no function of the files' bytes.
            return
        jobs = probe.jobs
        names: dict[str, str] = {}
        siblings: dict[str, str] = {}

        def name_of(path: str) -> str | None:
            """Return the file name, in the unit's directory, of a result's path."""
            # Made when first needed: most units keep no file's bytes.
            if not names:
                names.update((job.display, os.path.basename(job.path)) for job in jobs)
            if path in names:
                return names[path]
            if not siblings:
                for state in probe.states or ():
                    name = state.partition(_SEP)[0]
                    siblings[display_path(Path(probe.directory, name), jobs[0].cwd)] = name
            return siblings.get(path)

        try:
            encoded = [
                _encode_result(result, jobs[i] if i < len(jobs) else None, name_of)
                for i, result in enumerate(results)
            ]
        except _NotCacheableError:
            return
        # The states are those from before the unit was read: a file changed since then has
        # new ones (or, changed within its timestamp's resolution, a new digest), so the entry
        # is never served for bytes other than those read.
        self._updated[probe.unit_key] = {
            "key": probe.key,
            "states": probe.states,
            "digests": probe.digests,
            "results": encoded,
        }

    def save(self) -> None:
        """Write the entries atomically (a temporary file renamed over the old one)."""
        if not self._usable or not self._updated:
            return
        units = dict(self._entries)
        for unit_key in list(units):
            # An entry this run did not see stays while its directory is there.
            if unit_key not in self._updated and not os.path.isdir(unit_key.partition("\0")[2]):
                del units[unit_key]
        units.update(self._updated)
        if units == self._entries:
            return
        data = json.dumps(
            {"format": FORMAT, "version": __version__, "units": units}, separators=(",", ":")
        ).encode()
        temporary = None
        try:
            _prepare(self.directory)
            descriptor, temporary = tempfile.mkstemp(
                prefix=".tmp-", suffix=".json", dir=self.directory
            )
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
            # rename(2) replaces the old file in one step: a reader sees the old or the new.
            os.rename(temporary, self._file)
            temporary = None
        except OSError as error:
            self.warn(f"cannot write the cache in {self.directory}: {_reason(error)}")
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


# Far above any tree's cache (a 16,000-file tree's is 2 MB), and a bound on what a planted file
# can make a run read.
MAX_CACHE_BYTES = 512 * 1024 * 1024


def _read_regular(path: Path) -> bytes:
    """Return a regular file's bytes; not through a symbolic link, never blocking, bounded."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
            raise OSError(0, "not a regular file of a cache's size")
        return stream.read(MAX_CACHE_BYTES + 1)


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        message = error.strerror or str(error)
    elif isinstance(error, UnicodeDecodeError):
        message = "not UTF-8"
    else:
        message = "not valid JSON"
    return message[:1].lower() + message[1:]


def _prepare(directory: Path) -> None:
    """Make the cache directory, with a .gitignore that ignores it all and a CACHEDIR.TAG."""
    if os.path.islink(directory):
        raise OSError(0, "it is a symbolic link")
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in (
        (".gitignore", "# Made by gofix-bind.\n*\n"),
        ("CACHEDIR.TAG", CACHEDIR_TAG),
    ):
        path = directory / name
        if not os.path.lexists(path):
            with contextlib.suppress(FileExistsError), open(path, "x", encoding="utf-8") as stream:
                stream.write(text)


def _tracked(directory: str) -> bool:
    """Tell whether git tracks any file under directory (unsure counts as tracked)."""
    absolute = os.path.abspath(directory)
    root = work_tree(os.path.dirname(absolute))
    if root is None:
        return False
    relative = os.path.relpath(absolute, root).replace(os.sep, "/")
    index = os.path.join(root, ".git", "index")
    # The index names each tracked path in full (but for version 4, which shortens them): a
    # cache directory it does not spell is not tracked, and git need not be asked.
    try:
        with open(index, "rb") as stream:
            data = stream.read()
        spelled = (relative + "/").encode("utf-8", "surrogateescape")
        if data[:4] == b"DIRC" and data[4:8] in (b"\0\0\0\2", b"\0\0\0\3") and spelled not in data:
            return False
    except FileNotFoundError:
        if os.path.isdir(os.path.join(root, ".git")):
            return False
    except OSError:
        pass
    try:
        done = subprocess.run(
            ["git", "ls-files", "-z", "--", relative],
            cwd=root,
            capture_output=True,
            check=False,
        )
    except OSError:
        return True
    return done.returncode != 0 or bool(done.stdout)


def open_cache(enabled: bool, directory: str | None, cwd: Path) -> Cache | None:
    """Return the run's cache: --cache-dir (or GOFIX_BIND_CACHE_DIR), else the default place."""
    if not enabled:
        return None
    where = Path(cwd, directory) if directory else default_directory(cwd)
    return Cache(Path(os.path.abspath(where)), cwd)
