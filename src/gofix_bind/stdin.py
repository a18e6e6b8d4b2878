"""Standard input as one file: analysed under the name --stdin-filename gives, never written.

The bytes stand in for that file; the other files of its directory are read from disk for the
names they declare, so a listener whose address is a constant declared beside it is found.
Only the file itself may change: a fix that belongs to another file is left to a run on disk.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from gofix_bind.discover import forced_out
from gofix_bind.languages import LANGUAGES
from gofix_bind.model import FileResult, Job, Mode, Outcome, Run
from gofix_bind.paths import Bounds, display_path
from gofix_bind.runner import process_unit, refused
from gofix_bind.settings import Settings

# How standard input is named without --stdin-filename (as ruff names it): a file alone, whose
# directory is not known, so no other file is read.
UNNAMED = "-"


def job(filename: str | None, data: bytes, cwd: Path) -> Job:
    """Return the job that reads data as the file filename names (none: a file alone)."""
    if filename is None:
        return Job(Path(UNNAMED), UNNAMED, cwd, data)
    path = Path(filename)
    return Job(path, display_path(path, cwd), cwd, data, from_stdin=True)


def _elsewhere(result: FileResult) -> FileResult:
    """Return another file's result as this run leaves it: its findings, nothing changed."""
    if result.outcome is not Outcome.CHANGED:
        return result
    return dataclasses.replace(
        result, outcome=Outcome.UNCHANGED, plan=None, new_source=b"", disk_path=None
    )


def run(filename: str | None, data: bytes, mode: Mode, settings: Settings) -> Run:
    """Analyse data as one file and plan its fixes; the result of the file itself comes first."""
    read = job(filename, data, Path.cwd())
    name = read.path.name
    language = next((lang for lang in LANGUAGES if name.endswith(lang.suffixes)), LANGUAGES[0])
    if filename is not None and forced_out(read.path, language, settings.discovery_at):
        # As for a file named on the command line: an editor's buffer comes back as it was.
        return Run(mode, (FileResult(read.display, Outcome.SKIPPED, "excluded"),), 0)
    # The settings of the directory the file is said to be in: its config file applies.
    here = settings.at(os.path.dirname(os.path.abspath(read.path)))
    results = process_unit(language.name, [read], here)
    own = [r for r in results if r.path == read.display]
    if mode is Mode.DIFF and filename is not None:
        # The patch is for the file on disk: the rule --diff follows there applies.
        bounds = Bounds.of([filename], read.cwd)
        own = [refused(result, bounds, mode) for result in own]
    others = sorted(
        (_elsewhere(r) for r in results if r.path != read.display), key=lambda r: r.path
    )
    return Run(mode, (*own, *others), 0)


def output(run: Run, data: bytes) -> bytes:
    """Return what --apply prints for standard input: the fixed bytes, else data unchanged."""
    own = run.results[0] if run.results else None
    errors = any(r.outcome is Outcome.FAILED for r in run.results)
    if own is None or errors or own.outcome is not Outcome.CHANGED:
        # An editor replaces its buffer with this: it must never be blanked or half-fixed.
        return data
    return own.new_source
