"""Decide from raw bytes which files can hold a listener, so only those are parsed up front.

Every site the detector reports is a call of a sink by name (net.Listen, srv.ListenAndServe,
r.Run), or a field sink written as a composite key or an assigned selector (http.Server's
Addr), and every sink is recognised only through its import path, which some file of the
package must spell, or else through a qualifier net, http or tls that no file imports: then
the file spells that qualifier at the call or literal itself (http.ListenAndServe(,
http.Server{), and Listen somewhere. A file whose bytes hold none of those spellings has no
site; it is parsed later only if a name a site needs occurs in it (see Package.ensure).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from gofix_bind.go.imports import default_name
from gofix_bind.go.sinks import (
    CALL_SINKS,
    FIELD_SINKS,
    SERVER_STARTS,
    STANDARD_LISTEN,
    STANDARD_QUALIFIERS,
)
from gofix_bind.go.spellings import GAP, imports_end, word_pattern


def _sink_spellings() -> dict[str, tuple[set[str], set[tuple[str, str]]]]:
    """Map each import path to its sinks' call names and (struct type, field) names."""
    spellings: dict[str, tuple[set[str], set[tuple[str, str]]]] = defaultdict(
        lambda: (set(), set())
    )
    for sink in CALL_SINKS:
        spellings[sink.import_path][0].add(sink.name)
    for start in SERVER_STARTS:
        spellings[start.import_path][0].add(start.method)
    for field in FIELD_SINKS:
        spellings[field.import_path][1].add((field.type_name, field.field))
    return dict(spellings)


_SPELLINGS = _sink_spellings()
_NOT_IDENTIFIER = rb"(?![A-Za-z0-9_])"
_LISTEN = STANDARD_LISTEN.encode()
_ASSIGNMENT = rb"(?:,|=(?!=)|(?:[-+*/%&|^]|<<|>>|&\^)=)"


@dataclass(frozen=True)
class _Patterns:
    # Each site's spelling holds one of these; a file holding none is skipped without regexes.
    # Names that start with STANDARD_LISTEN are looked for as it, as the standard qualifiers'
    # patterns look for it too: one search of the bytes serves both.
    needles: tuple[bytes, ...]
    # Each confirms a site: a call of a sink name, or a field sink written.
    sites: tuple[re.Pattern[bytes], ...]
    # A field sink's key (Addr: v) is a site only inside a literal of its type (Server{).
    keys: tuple[tuple[re.Pattern[bytes], re.Pattern[bytes]], ...]
    # Each spelling of a sink name as a whole word: where a file's sites can be.
    words: tuple[re.Pattern[bytes], ...]

    def match(self, source: bytes, spelled: Callable[[bytes], bool]) -> bool:
        """Tell whether the file may hold one of these sites; spelled searches its bytes."""
        if not any(spelled(needle) for needle in self.needles):
            return False
        if any(site.search(source) for site in self.sites):
            return True
        return any(key.search(source) and kind.search(source) for key, kind in self.keys)

    def spans(self, source: bytes) -> list[tuple[int, int]]:
        """Return the byte spans of the sink names the file spells."""
        return [m.span() for word in self.words for m in word.finditer(source)]


@cache
def _pattern(import_paths: frozenset[str]) -> _Patterns | None:
    """Return the patterns that find the sink spellings of these import paths."""
    calls: set[str] = set()
    fields: set[tuple[str, str]] = set()
    for path in import_paths:
        call_names, field_names = _SPELLINGS[path]
        calls |= call_names
        fields |= field_names
    if not calls and not fields:
        return None
    names = sorted({n.encode() for n in calls} | {f.encode() for _, f in fields})
    # A name another name starts with (Listen in ListenAndServe) finds both.
    anchors = tuple(n for n in names if not any(n.startswith(o) and n != o for o in names))
    sites = []
    for anchor in anchors:
        tails = sorted(
            (n[len(anchor) :] for n in (c.encode() for c in calls) if n.startswith(anchor)),
            key=len,
            reverse=True,
        )
        if tails:
            alternatives = b"|".join(re.escape(t) for t in tails)
            sites.append(_word_then(anchor, alternatives, GAP + rb"\("))
    keys = []
    for type_name, field in sorted(fields):
        name = field.encode()
        # s.Addr = v, s.Addr, t = ...: a dot, maybe with blanks, before the field.
        sites.append(
            re.compile(
                re.escape(name)
                + rb"(?<=[.\s/]"
                + re.escape(name)
                + rb")"
                + _NOT_IDENTIFIER
                + GAP
                + _ASSIGNMENT,
                re.DOTALL,
            )
        )
        keys.append(
            (
                re.compile(word_pattern(name).pattern + GAP + rb":(?!=)", re.DOTALL),
                re.compile(word_pattern(type_name.encode()).pattern + GAP + rb"\{", re.DOTALL),
            )
        )
    return _Patterns(
        _needles(anchors),
        tuple(sites),
        tuple(keys),
        tuple(word_pattern(n) for n in names),
    )


@cache
def _qualified(import_paths: frozenset[str]) -> _Patterns | None:
    """Return the patterns of these standard packages' functions and types, qualified by name.

    They find http.ListenAndServe( and http.Server{...Addr: in a directory that imports no
    net/http: the detector takes such a qualifier for the standard package when nothing in
    the package imports or declares it, in a file that spells STANDARD_LISTEN.
    """
    names: set[bytes] = set()
    sites = []
    keys = []
    for path in sorted(import_paths):
        name = re.escape(default_name(path).encode())
        # The name first, so that the regex engine searches for it as a literal.
        qualifier = name + rb"(?<![A-Za-z0-9_]" + name + rb")" + GAP + rb"\." + GAP
        calls = sorted(
            (s.name.encode() for s in CALL_SINKS if s.import_path == path and s.receiver is None),
            key=len,
            reverse=True,
        )
        names.update(calls)
        if calls:
            alternatives = b"|".join(re.escape(call) for call in calls)
            sites.append(
                re.compile(
                    qualifier + rb"(?:" + alternatives + rb")" + _NOT_IDENTIFIER + GAP + rb"\(",
                    re.DOTALL,
                )
            )
        for field in FIELD_SINKS:
            if field.import_path != path:
                continue
            names.update((field.type_name.encode(), field.field.encode()))
            kind = qualifier + re.escape(field.type_name.encode())
            keys.append(
                (
                    re.compile(
                        word_pattern(field.field.encode()).pattern + GAP + rb":(?!=)", re.DOTALL
                    ),
                    re.compile(kind + _NOT_IDENTIFIER + GAP + rb"\{", re.DOTALL),
                )
            )
    if not names:
        return None
    words = tuple(word_pattern(n) for n in sorted(names))
    return _Patterns((_LISTEN,), tuple(sites), tuple(keys), words)


def _needles(anchors: tuple[bytes, ...]) -> tuple[bytes, ...]:
    return tuple(dict.fromkeys(_LISTEN if a.startswith(_LISTEN) else a for a in anchors))


def _word_then(anchor: bytes, tails: bytes, after: bytes) -> re.Pattern[bytes]:
    escaped = re.escape(anchor)
    # Not a declaration: `func Listen(`, or a method's `) Listen(`, declares the name.
    declared = b"".join(
        rb"(?<!" + re.escape(before) + escaped + rb")" for before in (b"func ", b"func\t", b") ")
    )
    return re.compile(
        escaped
        + rb"(?<![A-Za-z0-9_]"
        + escaped
        + rb")"
        + declared
        + rb"(?:"
        + tails
        + rb")"
        + _NOT_IDENTIFIER
        + after,
        re.DOTALL,
    )


def _imports_part(source: bytes) -> bytes:
    """Return a prefix of the file that holds all its imports, which precede every declaration."""
    return source[: imports_end(source)]


class SinkFilter:
    """Tell which files of one directory may hold a sink, from the bytes of all its files."""

    def __init__(self, sources: Iterable[bytes]) -> None:
        """Note which sink import paths the directory's files spell."""
        texts = list(sources)
        # Inside the sink's own package (Go's net, net/http) its names need no import.
        clauses = {package_clause(source) for source in texts}
        heads = b"\0".join(_imports_part(text) for text in texts)
        present = frozenset(
            path
            for path in _SPELLINGS
            if default_name(path) in clauses or b'"' + path.encode() + b'"' in heads
        )
        self._pattern = _pattern(present)
        # A qualifier that none of the directory's files imports may stand for its standard
        # package; only files that spell it at a sink can then hold a site.
        self._qualified = _qualified(frozenset(STANDARD_QUALIFIERS.values()) - present)

    def may_hold_sink(self, source: bytes) -> bool:
        """Return False only when the file cannot hold a listener site."""
        pattern, qualified = self._pattern, self._qualified
        if pattern is None or qualified is None:
            only = pattern or qualified
            return only is not None and only.match(source, source.__contains__)
        spelled = _Searches(source)
        return pattern.match(source, spelled) or qualified.match(source, spelled)

    def site_ranges(self, source: bytes) -> list[tuple[int, int]]:
        """Return the byte spans of the sink names a file spells, where its sites must be."""
        spans = self._pattern.spans(source) if self._pattern is not None else []
        qualified = self._qualified
        if qualified is not None and qualified.match(source, source.__contains__):
            spans.extend(qualified.spans(source))
        return sorted(spans)


class _Searches:
    """Search one file's bytes for needles, each at most once."""

    def __init__(self, source: bytes) -> None:
        """Keep the bytes; nothing is searched yet."""
        self._source = source
        self._found: dict[bytes, bool] = {}

    def __call__(self, needle: bytes) -> bool:
        """Tell whether the bytes hold needle."""
        found = self._found.get(needle)
        if found is None:
            found = self._found[needle] = needle in self._source
        return found


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
