"""`gofix-bind explain RULE`: a rule's documentation, as rules.py holds it, for a terminal."""

from __future__ import annotations

from gofix_bind.rules import RULES, Rule


class UnknownRuleError(LookupError):
    """No rule has this id or name; the message lists the known ones."""


def find(name: str) -> Rule:
    """Return the rule whose id or short name is name; raise UnknownRuleError otherwise."""
    for rule in RULES.values():
        if name in (rule.id, rule.name):
            return rule
    raise UnknownRuleError(f"unknown rule {name!r}; known rules: {known()}")


def names(prefix: str) -> list[str]:
    """Return every rule id and short name that starts with prefix, for shell completion."""
    every = [name for rule in RULES.values() for name in (rule.id, rule.name)]
    return sorted(name for name in every if name.startswith(prefix))


def known() -> str:
    """Return the known rules, each as `id (name)`, comma-separated."""
    return ", ".join(f"{rule.id} ({rule.name})" for rule in RULES.values())


def listing() -> str:
    """Return one line per rule: its id and what it finds."""
    width = max(len(rule.id) for rule in RULES.values())
    return "".join(f"{r.id:<{width}}  {r.short_description}\n" for r in RULES.values())


def render(rule: Rule) -> str:
    """Return the rule's documentation as Markdown: what it finds, why, how to fix it."""
    return (
        f"# {rule.id}\n\n"
        f"{rule.short_description} ({rule.cwe}; severity {rule.severity}, "
        f"precision {rule.precision}).\n\n"
        f"## What it does, and why it matters\n\n{rule.full_description}\n\n"
        f"## How to fix it\n\n{rule.help_markdown.rstrip()}\n\n"
        f"More: {rule.help_uri}\n"
    )
