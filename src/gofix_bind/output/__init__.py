"""The registry of output formats: one module per format, each over one run record."""

from __future__ import annotations

from collections.abc import Mapping

from gofix_bind.model import Mode
from gofix_bind.output import diff, github, json, listing, markdown, rdjson, sarif, text
from gofix_bind.output.format import Format

FORMATS: Mapping[str, Format] = {
    f.name: f
    for f in (
        text.FORMAT,
        json.FORMAT,
        sarif.FORMAT,
        rdjson.RDJSON,
        rdjson.RDJSONL,
        github.FORMAT,
        markdown.FORMAT,
        diff.FORMAT,
        listing.LIST,
        listing.CHECK,
    )
}
# The format a mode prints when --format does not say.
_DEFAULTS = {Mode.REPORT: text.FORMAT, Mode.APPLY: text.FORMAT, Mode.DIFF: diff.FORMAT}


class UnsupportedError(ValueError):
    """The format cannot render the mode's output."""


def choices() -> list[str]:
    """Return the names --format accepts."""
    return [name for name, f in FORMATS.items() if f.selectable]


def for_mode(mode: Mode, name: str | None) -> Format:
    """Return the format to print a mode's output in; raise UnsupportedError for a bad pair."""
    if name is None:
        return _DEFAULTS[mode]
    chosen = FORMATS[name]
    if mode not in chosen.modes:
        raise UnsupportedError(f"--format {name} cannot be used with --{mode.value}")
    return chosen
