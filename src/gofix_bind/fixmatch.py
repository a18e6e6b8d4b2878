"""Tell which fixes a hunk makes, by comparing code with its white space left out.

A fix's layout edits only move white space (gofmt's realignment), and which fixes a block
holds decides that white space. With white space left out, a hunk of a pure patch is the old
code with some fixes' change edits applied, whatever the layout: so a fix is made by the hunk
exactly when its change is there, even where two fixes share one line or one aligned block.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WHITE_SPACE = b" \t\n\r\f\v"

# How one region's candidates were written: by candidate index, the spelling it holds (an
# index into its spellings), or None when the region leaves that edit unmade.
Choices = dict[int, int | None]


@dataclass(frozen=True)
class Candidate:
    """One change edit a fix may make, in each spelling looked for, the configured one first."""

    start_byte: int
    end_byte: int
    spellings: tuple[bytes, ...]


def strip(data: bytes) -> bytes:
    """Return the bytes without white space."""
    return data.translate(None, WHITE_SPACE)


def zone(source: bytes, start: int, end: int) -> tuple[int, int]:
    """Return the region widened over the white space around it: where its candidates lie."""
    low = start
    while low > 0 and source[low - 1] in WHITE_SPACE:
        low -= 1
    high = end
    while high < len(source) and source[high] in WHITE_SPACE:
        high += 1
    return low, high


@dataclass(frozen=True)
class _Step:
    """A candidate in stripped coordinates of the region."""

    index: int
    start: int
    end: int
    spellings: tuple[bytes, ...]


def _steps(source: bytes, start: int, end: int, candidates: Sequence[Candidate]) -> list[_Step]:
    """Return the candidates inside the region, in stripped coordinates, sorted and disjoint.

    A candidate counts as inside when only white space separates it from the region: an edit
    at the end of the line before a hunk that only inserts lines belongs to that hunk.
    """
    low, high = zone(source, start, end)

    def position(offset: int) -> int:
        clamped = min(max(offset, start), end)
        return len(strip(source[start:clamped]))

    inside = sorted(
        (
            (index, candidate)
            for index, candidate in enumerate(candidates)
            if low <= candidate.start_byte and candidate.end_byte <= high
        ),
        key=lambda item: (item[1].start_byte, item[1].end_byte),
    )
    steps: list[_Step] = []
    for index, candidate in inside:
        step = _Step(
            index,
            position(candidate.start_byte),
            position(candidate.end_byte),
            tuple(strip(spelling) for spelling in candidate.spellings),
        )
        # Overlapping edits cannot both be made; the later one is not looked for.
        if steps and step.start < steps[-1].end:
            continue
        steps.append(step)
    return steps


def match_region(
    source: bytes, start: int, end: int, new: bytes, candidates: Sequence[Candidate]
) -> Choices | None:
    """Return how new rewrites source[start:end] through the candidates, or None if it cannot.

    The answer names every candidate inside the region; None means the new bytes hold more
    than any choice of the candidates' spellings gives, white space aside.
    """
    steps = _steps(source, start, end, candidates)
    old = strip(source[start:end])
    wanted = strip(new)
    # For each step, the positions in wanted reachable after it, each with how it was reached
    # (the position before, the spelling chosen); dicts keep the first way found, which
    # prefers the configured spelling, then the others, then the edit left unmade.
    layers: list[dict[int, tuple[int, int | None]]] = [{0: (0, None)}]
    done = 0
    for step in steps:
        gap = old[done : step.start]
        kept = old[step.start : step.end]
        # A spelling that writes back what is there makes no edit: the code is left as it was.
        options: list[tuple[int | None, bytes]] = [
            *((choice, text) for choice, text in enumerate(step.spellings) if text != kept),
            (None, kept),
        ]
        layer: dict[int, tuple[int, int | None]] = {}
        for position in layers[-1]:
            if not wanted.startswith(gap, position):
                continue
            at = position + len(gap)
            for choice, text in options:
                if wanted.startswith(text, at):
                    layer.setdefault(at + len(text), (position, choice))
        if not layer:
            return None
        layers.append(layer)
        done = step.end
    tail = old[done:]
    ends = [position for position in layers[-1] if wanted[position:] == tail]
    if not ends:
        return None
    choices: Choices = {}
    position = ends[0]
    for step, layer in zip(reversed(steps), reversed(layers[1:]), strict=True):
        position, choice = layer[position]
        choices[step.index] = choice
    return choices
