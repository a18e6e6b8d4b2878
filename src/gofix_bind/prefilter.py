"""Decide from raw bytes which files can hold a listener, so only those are parsed up front.

Every site the detector reports is a call of a sink by name (net.Listen, srv.ListenAndServe,
r.Run), or a field sink written as a composite key or an assigned selector (http.Server's
Addr), and every sink is recognised only through its import path, which some file of the
package must spell. A file whose bytes hold none of those spellings has no site; it is parsed
later only if a name a site needs occurs in it (see Package.ensure).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from gofix_bind.go.imports import default_name
from gofix_bind.go.sinks import CALL_SINKS, FIELD_SINKS, SERVER_STARTS

# Blanks and comments that may stand between a name and what follows it.
_GAP = rb"(?:\s|/\*.*?\*/|//[^\n]*\n)*"


def _sink_spellings() -> dict[str, tuple[set[str], set[str]]]:
    """Map each import path to the call names and field names its sinks are written with."""
    spellings: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for sink in CALL_SINKS:
        spellings[sink.import_path][0].add(sink.name)
    for start in SERVER_STARTS:
        spellings[start.import_path][0].add(start.method)
    for field in FIELD_SINKS:
        spellings[field.import_path][1].add(field.field)
    return dict(spellings)


_SPELLINGS = _sink_spellings()


@dataclass(frozen=True)
class _Patterns:
    anchors: tuple[bytes, ...]
    # Confirms that a file holds a site.
    site: re.Pattern[bytes]
    # Each spelling of a sink name, as a whole word: where a file's sites can be.
    words: re.Pattern[bytes]


@cache
def _pattern(import_paths: frozenset[str]) -> _Patterns | None:
    """Return the patterns that find the sink spellings of these import paths."""
    calls: set[str] = set()
    fields: set[str] = set()
    for path in import_paths:
        call_names, field_names = _SPELLINGS[path]
        calls |= call_names
        fields |= field_names
    if not calls and not fields:
        return None
    alternatives = []
    if calls:
        names = b"|".join(re.escape(n.encode()) for n in sorted(calls, key=len, reverse=True))
        alternatives.append(rb"\b(?:" + names + rb")" + _GAP + rb"\(")
    if fields:
        keys = b"|".join(re.escape(n.encode()) for n in sorted(fields))
        # A composite key (Addr: v) or a selector that is not a method call (s.Addr = v).
        alternatives.append(rb"\b(?:" + keys + rb")" + _GAP + rb":(?!=)")
        alternatives.append(rb"\." + _GAP + rb"(?:" + keys + rb")\b(?!" + _GAP + rb"\()")
    anchors = tuple(sorted({n.encode() for n in calls | fields}))
    words = b"|".join(re.escape(a) for a in sorted(anchors, key=len, reverse=True))
    return _Patterns(
        anchors,
        re.compile(b"|".join(alternatives), re.DOTALL),
        re.compile(rb"(?<![A-Za-z0-9_])(?:" + words + rb")(?![A-Za-z0-9_])"),
    )


class SinkFilter:
    """Tell which files of one directory may hold a sink, from the bytes of all its files."""

    def __init__(self, sources: Iterable[bytes]) -> None:
        """Note which sink import paths the directory's files spell."""
        texts = list(sources)
        # Inside the sink's own package (Go's net, net/http) its names need no import.
        clauses = {package_clause(source) for source in texts}
        everything = b"\0".join(texts)
        present = frozenset(
            path
            for path in _SPELLINGS
            if default_name(path) in clauses or b'"' + path.encode() + b'"' in everything
        )
        self._pattern = _pattern(present)

    def may_hold_sink(self, source: bytes) -> bool:
        """Return False only when the file cannot hold a listener site."""
        patterns = self._pattern
        if patterns is None or not any(anchor in source for anchor in patterns.anchors):
            return False
        return patterns.site.search(source) is not None

    def site_ranges(self, source: bytes) -> list[tuple[int, int]]:
        """Return the byte spans of the sink names a file spells, where its sites must be."""
        if self._pattern is None:
            return []
        return [match.span() for match in self._pattern.words.finditer(source)]


def site_files(
    sources: Mapping[str, bytes], prefilter: bool
) -> dict[str, list[tuple[int, int]] | None]:
    """Map each of a directory's files that may hold a site to where (None: anywhere in it).

    Without the prefilter every file may hold one.
    """
    if not prefilter:
        return dict.fromkeys(sources)
    sinks = SinkFilter(sources.values())
    return {
        path: sinks.site_ranges(source)
        for path, source in sources.items()
        if sinks.may_hold_sink(source)
    }


_CLAUSE = re.compile(rb"(?:\s|//[^\n]*(?:\n|$)|/\*.*?\*/)*package\s+([^\s;/]+)", re.DOTALL)


def package_clause(source: bytes) -> str:
    """Return the name in a file's package clause, read from its bytes; "" if there is none."""
    found = _CLAUSE.match(source.removeprefix(b"\xef\xbb\xbf"))
    return found.group(1).decode("utf-8", "replace") if found else ""
