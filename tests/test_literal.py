from __future__ import annotations

import pytest

from gofix_bind.go.literal import decode, quote


@pytest.mark.parametrize(
    ("source", "value", "verbatim"),
    [
        pytest.param(b'":8080"', ":8080", True, id="interpreted"),
        pytest.param(b"`:8080`", ":8080", True, id="raw"),
        pytest.param(b'"\\x30.0.0.0:80"', "0.0.0.0:80", False, id="hex-escape"),
        pytest.param(b'"\\060.0.0.0:80"', "0.0.0.0:80", False, id="octal-escape"),
        pytest.param(b'"\\u0030:1"', "0:1", False, id="unicode-escape"),
        pytest.param(b'"\\U00000030"', "0", False, id="long-unicode-escape"),
        pytest.param(b'"a\\tb\\\\c\\"d"', 'a\tb\\c"d', False, id="simple-escapes"),
        pytest.param(b"`a\r\nb`", "a\nb", False, id="raw-drops-carriage-returns"),
        pytest.param('"ü:1"'.encode(), "ü:1", True, id="utf8"),
    ],
)
def test_decode(source: bytes, value: str, verbatim: bool) -> None:
    literal = decode(source, 0, len(source))
    assert literal is not None
    assert (literal.value, literal.verbatim) == (value, verbatim)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(b'"\\q"', id="unknown-escape"),
        pytest.param(b'"\\x3"', id="short-hex"),
        pytest.param(b'"\\x 1"', id="space-in-hex"),
        pytest.param(b'"\\400"', id="octal-over-255"),
        pytest.param(b'"\\uD800"', id="surrogate"),
        pytest.param(b'"\\xff"', id="not-utf8"),
        pytest.param(b"x", id="too-short"),
    ],
)
def test_decode_rejects(source: bytes) -> None:
    assert decode(source, 0, len(source)) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("127.0.0.1:80", b'"127.0.0.1:80"'),
        ('a"b\\c', b'"a\\"b\\\\c"'),
        ("a\nb", b'"a\\x0ab"'),
        ("ü", '"ü"'.encode()),
    ],
)
def test_quote(value: str, expected: bytes) -> None:
    assert quote(value) == expected
    decoded = decode(expected, 0, len(expected))
    assert decoded is not None
    assert decoded.value == value
