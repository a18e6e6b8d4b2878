"""Decode and write Go string literals exactly as the Go spec defines them."""

from __future__ import annotations

from gofix_bind.go.records import GoString

_SIMPLE_ESCAPES = {
    ord("a"): 0x07,
    ord("b"): 0x08,
    ord("f"): 0x0C,
    ord("n"): 0x0A,
    ord("r"): 0x0D,
    ord("t"): 0x09,
    ord("v"): 0x0B,
    ord("\\"): 0x5C,
    ord('"'): 0x22,
}
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
_OCTAL = b"01234567"
_HEX = b"0123456789abcdefABCDEF"


def _decode_interpreted(body: bytes) -> bytes | None:
    out = bytearray()
    i = 0
    while i < len(body):
        byte = body[i]
        if byte != 0x5C:
            out.append(byte)
            i += 1
            continue
        if i + 1 >= len(body):
            return None
        kind = body[i + 1]
        if kind in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[kind])
            i += 2
        elif chr(kind) in _HEX_DIGITS:
            width = _HEX_DIGITS[chr(kind)]
            digits = body[i + 2 : i + 2 + width]
            if len(digits) != width or any(d not in _HEX for d in digits):
                return None
            number = int(digits, 16)
            if kind == ord("x"):
                out.append(number)
            else:
                if number > 0x10FFFF or 0xD800 <= number <= 0xDFFF:
                    return None
                out += chr(number).encode("utf-8")
            i += 2 + width
        elif kind in _OCTAL:
            digits = body[i + 1 : i + 4]
            if len(digits) != 3 or any(d not in _OCTAL for d in digits):
                return None
            number = int(digits, 8)
            if number > 0xFF:
                return None
            out.append(number)
            i += 4
        else:
            return None
    return bytes(out)


def decode(source: bytes, start_byte: int, end_byte: int) -> GoString | None:
    """Decode the literal at [start_byte, end_byte); None if it is not valid UTF-8 text."""
    text = source[start_byte:end_byte]
    if len(text) < 2:
        return None
    body = text[1:-1]
    if text[:1] == b"`":
        # Go drops carriage returns from raw strings, so a CRLF raw literal is not verbatim.
        value_bytes = body.replace(b"\r", b"")
        verbatim = value_bytes == body
    elif text[:1] == b'"':
        verbatim = b"\\" not in body
        decoded = body if verbatim else _decode_interpreted(body)
        if decoded is None:
            return None
        value_bytes = decoded
    else:
        return None
    try:
        value = value_bytes.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return GoString(start_byte, end_byte, value, verbatim)


def quote(value: str) -> bytes:
    """Write value as an interpreted Go string literal, escaping what Go requires."""
    parts = ['"']
    for char in value:
        if char in '"\\':
            parts.append("\\" + char)
        elif char.isprintable():
            parts.append(char)
        elif ord(char) < 0x80:
            parts.append(f"\\x{ord(char):02x}")
        elif ord(char) < 0x10000:
            parts.append(f"\\u{ord(char):04x}")
        else:
            parts.append(f"\\U{ord(char):08x}")
    parts.append('"')
    return "".join(parts).encode("utf-8")
