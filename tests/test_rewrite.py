from __future__ import annotations

import pytest

from gofix_bind.model import Edit
from gofix_bind.plan import OverlapError, apply_edits


def test_apply_back_to_front_keeps_offsets() -> None:
    source = b"0123456789"
    edits = [Edit(1, 2, b"AAA"), Edit(5, 5, b"+"), Edit(8, 10, b"")]
    assert apply_edits(source, edits) == b"0AAA234+567"


def test_apply_order_does_not_matter() -> None:
    source = b"abcdef"
    edits = [Edit(4, 5, b"E"), Edit(0, 1, b"A")]
    assert apply_edits(source, edits) == apply_edits(source, list(reversed(edits))) == b"AbcdEf"


@pytest.mark.parametrize(
    "edits",
    [
        pytest.param([Edit(0, 3, b"x"), Edit(2, 4, b"y")], id="crossing"),
        pytest.param([Edit(0, 4, b"x"), Edit(1, 2, b"y")], id="nested"),
        pytest.param([Edit(2, 2, b"x"), Edit(2, 2, b"y")], id="two-inserts-same-place"),
        pytest.param([Edit(2, 2, b"x"), Edit(2, 3, b"y")], id="insert-at-start-of-replace"),
    ],
)
def test_overlap_is_an_error(edits: list[Edit]) -> None:
    with pytest.raises(OverlapError, match="overlap"):
        apply_edits(b"abcdef", edits)


def test_adjacent_edits_are_fine() -> None:
    assert apply_edits(b"abcdef", [Edit(0, 2, b"X"), Edit(2, 4, b"Y")]) == b"XYef"


def test_out_of_range_is_an_error() -> None:
    with pytest.raises(OverlapError, match="out of range"):
        apply_edits(b"abc", [Edit(2, 9, b"")])
