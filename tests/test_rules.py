from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from gofix_bind.rules import BIND_ALL_INTERFACES, RULES, Rule, rule
from tests.helpers import invoke

ROOT = Path(__file__).resolve().parent.parent


def _docs_file(r: Rule) -> Path:
    return ROOT / r.docs_path.split("#", 1)[0]


@pytest.mark.parametrize("r", list(RULES.values()), ids=list(RULES))
def test_docs_path_names_an_existing_file(r: Rule) -> None:
    assert not Path(r.docs_path).is_absolute()
    assert _docs_file(r).is_file(), r.docs_path


@pytest.mark.parametrize("r", list(RULES.values()), ids=list(RULES))
@pytest.mark.parametrize("field", ["id", "cwe", "short_description", "full_description"])
def test_docs_page_holds_the_rule_text_verbatim(r: Rule, field: str) -> None:
    page = _docs_file(r).read_text(encoding="utf-8")
    text = getattr(r, field)
    assert text
    assert text in page, f"{r.docs_path} lacks the rule's {field}: {text!r}"


@pytest.mark.parametrize("r", list(RULES.values()), ids=list(RULES))
def test_docs_anchor_names_a_heading(r: Rule) -> None:
    if "#" not in r.docs_path:
        return
    anchor = r.docs_path.split("#", 1)[1]
    headings = re.findall(r"^#+ (.+)$", _docs_file(r).read_text(encoding="utf-8"), re.M)
    slugs = {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}
    assert anchor in slugs


def test_rules_are_keyed_by_id() -> None:
    assert dict(RULES) == {r.id: r for r in RULES.values()}
    assert RULES[BIND_ALL_INTERFACES.id] is BIND_ALL_INTERFACES


def test_rule_id_is_the_one_findings_carry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.go").write_text(
        'package main\n\nimport "net/http"\n\n'
        'func main() {\n\t_ = http.ListenAndServe(":8080", nil)\n}\n'
    )
    monkeypatch.chdir(tmp_path)
    report = json.loads(invoke(["--format", "json", "."]).stdout)
    assert [f["rule"] for f in report["findings"]] == [BIND_ALL_INTERFACES.id]
    assert BIND_ALL_INTERFACES.id.endswith("/" + BIND_ALL_INTERFACES.name)


def test_rule_metadata_is_consistent() -> None:
    r = BIND_ALL_INTERFACES
    assert r.cwe == "CWE-1327"
    assert r.cwe in r.tags
    assert f"external/cwe/{r.cwe.lower()}" in r.tags
    assert r.severity in {"error", "warning", "note"}
    assert 0.0 <= float(r.security_severity) <= 10.0
    assert r.precision in {"very-high", "high", "medium", "low"}
    assert not r.short_description.endswith(".")
    assert r.full_description.endswith(".")
    assert "\n" not in r.short_description + r.full_description + r.help_text
    assert "```go\n" in r.help_markdown


def test_rule_returns_a_known_rule() -> None:
    assert rule(BIND_ALL_INTERFACES.id) is BIND_ALL_INTERFACES


def test_unknown_rule_id_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="go-security/no-such-rule"):
        rule("go-security/no-such-rule")


def test_rules_are_read_only() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        BIND_ALL_INTERFACES.id = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        RULES["other"] = BIND_ALL_INTERFACES  # type: ignore[index]


def test_rule_has_a_change_rationale_and_an_absolute_help_uri() -> None:
    r = BIND_ALL_INTERFACES
    assert r.change_rationale.endswith(".")
    assert "\n" not in r.change_rationale
    assert r.cwe in r.change_rationale
    assert r.help_uri.startswith("https://")
    assert r.help_uri.endswith("/" + r.docs_path)
