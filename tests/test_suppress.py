"""Suppression comments of each tool: how their text is parsed and which lines they cover."""

from __future__ import annotations

from pathlib import Path

import pytest

from gofix_bind.go.parse import parse
from gofix_bind.go.suppress import (
    Tool,
    coverage,
    datadog_rules,
    gosec_suppresses,
    nolint_suppresses,
    semgrep_names_rule,
)
from tests.helpers import invoke

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "go"


def _go(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def _lines(tool: Tool, source: str) -> frozenset[int]:
    data = source.encode()
    return coverage(parse(data).root_node, data)[tool]


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("// #nosec", True),
        ("//#nosec", True),
        ("/* #nosec */", True),
        ("/* #nosec G102 */", True),
        ("// #nosec G101 G102", True),
        ("// #nosec G101,G102", True),
        ("// #nosec G102-- the LAN needs it", True),
        ("// #nosec -- the LAN needs it", True),
        ("// #nosec block", True),
        # Words that name no rule leave the list empty: gosec then ignores every rule.
        ("// #nosec because the LAN needs it", True),
        ("// #nosec G101", False),
        ("// #nosec G101 -- G102 is fine", False),
        ("// #nosec G1020", True),
        ("// #nosec g102", True),
        ("// exposed on purpose #nosec", False),
        ("// nosec", False),
        ("/*\n#nosec G102\n*/", True),
        ("//gosec:disable", True),
        ("//gosec:disable G102 -- the LAN needs it", True),
        ("//gosec:disable G101", False),
        ("//gosec:disabled", False),
        ("// gosec:disable G102", False),
        # go/ast drops directive comments from the text gosec reads.
        ("//nolint:gosec // #nosec G101", False),
    ],
)
def test_gosec_comment(comment: str, expected: bool) -> None:
    assert gosec_suppresses(comment) is expected


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("//nolint", True),
        ("//nolint // the LAN needs it", True),
        ("//nolint because", True),
        ("//nolint:gosec", True),
        ("//nolint:gas", True),
        ("//nolint:GoSec", True),
        ("//nolint:errcheck,gosec", True),
        ("//nolint:errcheck, gosec // why", True),
        ("//nolint:all", True),
        ("//nolint:errcheck,all", True),
        ("// nolint:gosec", True),
        ("///nolint:gosec", True),
        ("//nolint:errcheck", False),
        ("//nolint:errcheck // gosec", False),
        ("//nolint:errcheck gosec", False),
        ("//nolintgosec", False),
        ("//NOLINT", False),
        ("//\tnolint", False),
        ("/* nolint */", False),
        ("// see nolint", False),
    ],
)
def test_nolint_comment(comment: str, expected: bool) -> None:
    assert nolint_suppresses(comment) is expected


@pytest.mark.parametrize(
    ("rule_id", "expected"),
    [
        ("go-security/do-not-bind-all-interfaces", True),
        ("go.lang.security.audit.net.bind_all.avoid-bind-to-all-interfaces", True),
        ("bind_all.avoid-bind-to-all-interfaces", True),
        ("avoid-bind-to-all-interfaces", True),
        ("xavoid-bind-to-all-interfaces", False),
        ("do-not-bind-all-interfaces", False),
        ("avoid-bind-to-all-interfaces.other", False),
        ("", False),
    ],
)
def test_semgrep_rule_id(rule_id: str, expected: bool) -> None:
    assert semgrep_names_rule(rule_id) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("//no-dd-sa", ()),
        ("// no-dd-sa", ()),
        ("//no-dd-sa the LAN needs it", ()),
        ("//no-dd-sa:go-security/a", ("go-security/a",)),
        ("//no-dd-sa:go-security/a,go-security/b", ("go-security/a", "go-security/b")),
        ("//no-dd-sa go-security/a go-security/b", ("go-security/a", "go-security/b")),
        ("//datadog-disable:go-security/a", ("go-security/a",)),
        ("/* no-dd-sa */", None),
        ("// see no-dd-sa", None),
    ],
)
def test_datadog_rules(text: str, expected: tuple[str, ...] | None) -> None:
    assert datadog_rules(text) == expected


def test_gosec_covers_only_its_line() -> None:
    source = 'package main\n\n// #nosec\nvar a = ":1" // #nosec G102\nvar b = ":2"\n'
    assert _lines(Tool.GOSEC, source) == {3, 4}


def test_nolint_alone_covers_the_next_node() -> None:
    source = _go(
        "package main",
        "",
        "func main() {",
        "\t//nolint:gosec",
        "\tserve(",
        '\t\t":1",',
        "\t)",
        "\tother()",
        "}",
    )
    assert _lines(Tool.GOLANGCI_LINT, source) == {4, 5, 6, 7}


def test_nolint_group_with_a_doc_comment_covers_the_function() -> None:
    source = _go(
        "package main",
        "",
        "// serve serves.",
        "//",
        "//nolint:gosec",
        "func serve() {",
        '\tlisten(":1")',
        "}",
        "",
        'var other = ":2"',
    )
    assert _lines(Tool.GOLANGCI_LINT, source) == {3, 4, 5, 6, 7, 8}


@pytest.mark.parametrize(
    ("source", "line"),
    [
        # A blank line after the comment.
        ('package main\n\n//nolint:gosec\n\nvar a = ":1"\n', 3),
        # A node at another column.
        ('package main\n\nvar a = []string{\n//nolint:gosec\n\t":1",\n}\n', 4),
    ],
)
def test_nolint_alone_covers_only_itself(source: str, line: int) -> None:
    assert _lines(Tool.GOLANGCI_LINT, source) == {line}


def test_nolint_trailing_does_not_reach_the_next_line() -> None:
    source = 'package main\n\nvar a = ":1" //nolint:gosec\nvar b = ":2"\n'
    assert _lines(Tool.GOLANGCI_LINT, source) == {3}


def test_nolint_above_the_package_clause_covers_the_file() -> None:
    source = '// Package main.\n//nolint:gosec\npackage main\n\nvar a = ":1"\n'
    assert {1, 2, 3, 4, 5} <= _lines(Tool.GOLANGCI_LINT, source)


@pytest.mark.parametrize(
    ("comment", "covered"),
    [
        ("// nosemgrep", True),
        ("// NoSemGrep", True),
        ("// nosem", True),
        ("// nosemgrep: avoid-bind-to-all-interfaces", True),
        ("// nosemgrep:avoid-bind-to-all-interfaces", True),
        ("// nosemgrep=avoid-bind-to-all-interfaces", True),
        ("// nosemgrep: other, avoid-bind-to-all-interfaces", True),
        ('// nosemgrep: "avoid-bind-to-all-interfaces"', True),
        ("// nosemgrep: avoid-bind-to-all-interfaces because the LAN needs it", True),
        ("// nosemgrep: other", False),
        # A space-separated second id is read as the first id's explanation.
        ("// nosemgrep: other avoid-bind-to-all-interfaces", False),
        # The id list needs the colon right after the tag and at most one space after it;
        # otherwise the tag stands bare and silences every rule.
        ("// nosemgrep :other", True),
        ("// nosemgrep:  other", True),
        ("//nosemgrep", False),
        ("/* nosemgrep */", True),
    ],
)
def test_semgrep_same_line(comment: str, covered: bool) -> None:
    source = f'package main\n\nvar a = ":1" {comment}\n'
    assert (3 in _lines(Tool.SEMGREP, source)) is covered


@pytest.mark.parametrize(
    ("comment", "covered"),
    [
        ("// nosemgrep", True),
        ("//nosemgrep", True),
        ("/* nosemgrep: go-security/do-not-bind-all-interfaces */", True),
        ("// nosemgrep: other", False),
        ("// see nosemgrep", False),
    ],
)
def test_semgrep_line_above(comment: str, covered: bool) -> None:
    source = f'package main\n\n{comment}\nvar a = ":1"\n'
    assert (4 in _lines(Tool.SEMGREP, source)) is covered


def test_semgrep_ids_on_either_line_outweigh_a_bare_tag() -> None:
    source = 'package main\n\n// nosemgrep: other\nvar a = ":1" // nosemgrep\n'
    assert 4 not in _lines(Tool.SEMGREP, source)


def test_semgrep_tag_in_a_string_is_not_a_comment() -> None:
    source = 'package main\n\nvar a = ":1 nosemgrep"\n'
    assert _lines(Tool.SEMGREP, source) == frozenset()


def test_datadog_covers_the_line_below() -> None:
    source = 'package main\n\n//no-dd-sa\nvar a = ":1" //no-dd-sa\nvar b = ":2"\n'
    assert _lines(Tool.DATADOG, source) == {4, 5}


def test_datadog_first_line_covers_the_file() -> None:
    source = '//no-dd-sa:go-security/do-not-bind-all-interfaces\npackage main\n\nvar a = ":1"\n'
    assert {1, 2, 3, 4} <= _lines(Tool.DATADOG, source)
    other = '//no-dd-sa:go-security/other\npackage main\n\nvar a = ":1"\n'
    assert _lines(Tool.DATADOG, other) == frozenset()


def test_crlf_line_endings() -> None:
    source = 'package main\r\n\r\n// nosemgrep: avoid-bind-to-all-interfaces\r\nvar a = ":1"\r\n'
    assert 4 in _lines(Tool.SEMGREP, source)


def test_each_tool_covers_its_own_lines() -> None:
    source = 'package main\n\nvar a = ":1" // #nosec\nvar b = ":2" //nolint\nvar c = ":3"\n'
    data = source.encode()
    covered = {
        tool: lines for tool, lines in coverage(parse(data).root_node, data).items() if lines
    }
    assert covered == {Tool.GOSEC: {3}, Tool.GOLANGCI_LINT: {4}}


@pytest.mark.parametrize(
    ("case", "findings", "suppressed"),
    [
        ("ignore_comment", 4, 4),
        ("suppress_gosec", 3, 5),
        ("suppress_nolint", 4, 8),
        ("suppress_nosemgrep", 4, 5),
        ("suppress_no_dd_sa", 4, 4),
    ],
)
def test_golden_summary_counts_suppressed_sites(
    case: str, findings: int, suppressed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(GOLDEN / case / "input")
    result = invoke(["."])
    # Each count is matched with its neighbours, so that "4 findings" cannot match "14 findings".
    assert result.stderr.startswith(f"{findings} findings, ")
    assert f", {suppressed} suppressed, " in result.stderr
    audit = invoke(["--no-suppress", "."])
    assert audit.stderr.startswith(f"{findings + suppressed} findings, ")
    assert ", 0 suppressed, " in audit.stderr
