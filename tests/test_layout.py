"""Inserted fields and arguments must come out as gofmt lays them out (checked by real gofmt)."""

from __future__ import annotations

import pytest
import tree_sitter

from gofix_bind.go.imports import default_name
from gofix_bind.go.layout import argument_insertion, field_insertion
from gofix_bind.go.parse import language, parse
from gofix_bind.go.sinks import is_standard_library
from tests.toolchain import gofmt, need_gofmt

_BODIES = tree_sitter.Query(language(), "(composite_literal body: (literal_value) @body) @literal")

# Each a gofmt-clean file whose first composite literal lacks the field being inserted.
LITERALS = {
    "one_line": "var a = &net.TCPAddr{Port: 80}\n",
    "empty": "var a = &net.TCPAddr{}\n",
    "one_line_two_fields": 'var a = net.TCPAddr{Port: 80, Zone: "eth0"}\n',
    "aligned": 'var a = &net.TCPAddr{\n\tPort: 80,\n\tZone: "eth0",\n}\n',
    "single_field": "var a = &net.TCPAddr{\n\tPort: 80,\n}\n",
    "long_keys": ("var s = &http.Server{\n\tHandler:           mux,\n\tReadHeaderTimeout: 5,\n}\n"),
    "trailing_comments": (
        "var s = &http.Server{\n\tHandler:           mux, // routes\n"
        "\tReadHeaderTimeout: 5,   // seconds\n}\n"
    ),
    "comment_first": ('var s = http.Server{\n\t// a logger\n\tErrorLog: log.New(w, "", 0),\n}\n'),
    "multi_line_first": (
        "var s = &http.Server{\n\tHandler: http.HandlerFunc(func(w http.ResponseWriter,"
        " r *http.Request) {\n\t\tw.WriteHeader(200)\n\t}),\n\tReadTimeout: 5,\n}\n"
    ),
    "blank_line_sections": (
        "var s = &http.Server{\n\tHandler: mux,\n\n\tReadHeaderTimeout: 5,\n\tWriteTimeout:"
        "      5,\n}\n"
    ),
    "nested_indent": (
        "func f() {\n\tif true {\n\t\tsrv := &http.Server{\n\t\t\tHandler:     mux,\n"
        "\t\t\tReadTimeout: 5,\n\t\t}\n\t\t_ = srv\n\t}\n}\n"
    ),
    "comment_after_brace": "var a = &net.TCPAddr{ // listener\n\tPort: 80,\n}\n",
}


def _insert(source: bytes, key: str, value: str) -> bytes:
    tree = parse(source)
    captures = tree_sitter.QueryCursor(_BODIES).captures(tree.root_node)
    body = min(captures["body"], key=lambda node: node.start_byte)
    insertion = field_insertion(body, source, key)
    assert insertion is not None
    content = f"{insertion.prefix}{value}{insertion.suffix}".encode()
    return source[: insertion.at_byte] + content + source[insertion.at_byte :]


@pytest.mark.parametrize("name", sorted(LITERALS))
def test_inserted_field_is_gofmt_clean(name: str) -> None:
    need_gofmt()
    source = f"package p\n\n{LITERALS[name]}".encode()
    assert gofmt(source) == source, "the case itself must be gofmt-clean"
    key, value = ("Addr", '"127.0.0.1:80"') if "http" in LITERALS[name] else ("IP", "ip")
    fixed = _insert(source, key, value)
    assert f"{key}:".encode() in fixed
    assert gofmt(fixed) == fixed


def test_literal_with_only_a_comment_gets_no_insertion() -> None:
    source = b"package p\n\nvar a = &net.TCPAddr{\n\t// nothing yet\n}\n"
    tree = parse(source)
    body = tree_sitter.QueryCursor(_BODIES).captures(tree.root_node)["body"][0]
    assert field_insertion(body, source, "IP") is None


def test_argument_goes_inside_empty_parentheses() -> None:
    source = b"package p\n\nfunc f() { r.Run() }\n"
    tree = parse(source)
    query = tree_sitter.Query(language(), "(argument_list) @args")
    args = tree_sitter.QueryCursor(query).captures(tree.root_node)["args"][0]
    insertion = argument_insertion(args, source)
    assert insertion is not None
    assert source[: insertion.at_byte].endswith(b"r.Run(")
    spaced = b"package p\n\nfunc f() { r.Run( /* none */ ) }\n"
    args = tree_sitter.QueryCursor(query).captures(parse(spaced).root_node)["args"][0]
    assert argument_insertion(args, spaced) is None


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("net", "net"),
        ("net/http", "http"),
        ("github.com/labstack/echo/v4", "echo"),
        ("github.com/kataras/iris/v12", "iris"),
        ("gopkg.in/yaml.v3", "yaml"),
        ("github.com/gin-gonic/gin", "gin"),
    ],
)
def test_default_package_name(path: str, name: str) -> None:
    assert default_name(path) == name


def test_standard_library_paths() -> None:
    assert is_standard_library("net/http")
    assert is_standard_library("crypto/tls")
    assert not is_standard_library("github.com/valyala/fasthttp")
    assert not is_standard_library("example.com/net")
