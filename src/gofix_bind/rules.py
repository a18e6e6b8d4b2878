"""Rule metadata: the one place the text and JSON renderers, the docs and SARIF read it from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Rule:
    """What a rule is called, what it means, how to act on it, and where it is documented."""

    # The id findings carry, "<category>/<name>".
    id: str
    name: str
    # A phrase without a trailing period; full_description is sentences, each ending in one.
    short_description: str
    full_description: str
    help_text: str
    help_markdown: str
    cwe: str
    tags: tuple[str, ...]
    # SARIF's level for a result: "error", "warning" or "note".
    severity: str
    # A CVSS-like score from 0.0 to 10.0, as text, as GitHub code scanning reads it.
    security_severity: str
    # How rarely a finding is wrong: "very-high", "high", "medium" or "low".
    precision: str
    # The repository-relative path of the rule's docs page, with "#anchor" when it has one.
    docs_path: str
    # One paragraph for a pull request that applies the rule's fixes: what changed and why.
    change_rationale: str

    @property
    def help_uri(self) -> str:
        """Return the absolute URL of the rule's docs page, for SARIF and reviewdog."""
        return f"{PROJECT_URL}/blob/main/{self.docs_path}"


# Where the project lives; the absolute base of every docs link a machine format carries.
PROJECT_URL = "https://github.com/gofix-bind/gofix-bind"


_HELP_TEXT = (
    "Bind the server to the loopback address (127.0.0.1, or ::1 for IPv6) or to the one "
    'address it must serve, for example "127.0.0.1:8080" instead of ":8080". '
    "Run gofix-bind --diff to review the fix and gofix-bind --apply to write it. "
    "When listening on every interface is intended, as for a service in a container behind a "
    "published port or a public web server, put //gofix-bind:ignore and a reason at the end of "
    "the line, or alone on the line above it."
)

_HELP_MARKDOWN = """\
Bind the server to the loopback address (`127.0.0.1`, or `::1` for IPv6) or to the one \
address it must serve. Run `gofix-bind --diff` to review the fix and `gofix-bind --apply` to \
write it.

```go
// Before: reachable from every network the machine is on.
log.Fatal(http.ListenAndServe(":8080", mux))

// After: reachable from this machine only.
log.Fatal(http.ListenAndServe("127.0.0.1:8080", mux))
```

When listening on every interface is intended, as for a service in a container behind a \
published port or a public web server, put `//gofix-bind:ignore` and a reason at the end of \
the line, or alone on the line above it.
"""

BIND_ALL_INTERFACES: Rule = Rule(
    id="go-security/do-not-bind-all-interfaces",
    name="do-not-bind-all-interfaces",
    short_description="Go server listens on every network interface",
    full_description=(
        'A listen address whose host is 0.0.0.0, empty (as in ":8080" or "") or the IPv6 '
        'unspecified address (as in "[::]:443") makes a Go server accept connections on '
        "every interface of the machine: the public network, VPNs and container bridges "
        "included. A debug, metrics or admin endpoint meant for local clients then becomes "
        "reachable from the network."
    ),
    help_text=_HELP_TEXT,
    help_markdown=_HELP_MARKDOWN,
    cwe="CWE-1327",
    tags=("security", "CWE-1327", "external/cwe/cwe-1327"),
    severity="warning",
    # CVSS 3.1 AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N scores 6.5: the bind itself leaks nothing, but
    # it lets anyone on the network reach, without credentials, an endpoint meant for local
    # clients, which typically reads some data and changes some (debug, admin). That is
    # "medium" in code scanning's bands (4.0 to 6.9); not "high", as the exposure depends on
    # what the endpoint serves and on the network the machine sits in.
    security_severity="6.5",
    # The listener, its import path and the address value are resolved, not pattern-matched.
    precision="high",
    docs_path="docs/rules/do-not-bind-all-interfaces.md",
    change_rationale=(
        "Each listen address below made a Go server accept connections on every network "
        "interface of the machine (CWE-1327), so that an endpoint meant for local clients was "
        "reachable from the network. The fixes keep every port and bind the host to the "
        "loopback address (or to the address given to gofix-bind), so only clients on the same "
        "machine can connect. Each fix changes only the host, writing one where none was "
        "given; ports, networks and the rest of the code stay as they were, and every changed "
        "file was parsed again and checked before it was written."
    ),
)

RULES: Mapping[str, Rule] = MappingProxyType({BIND_ALL_INTERFACES.id: BIND_ALL_INTERFACES})


def rule(rule_id: str) -> Rule:
    """Return the rule with this id; KeyError names the id when unknown."""
    try:
        return RULES[rule_id]
    except KeyError:
        known = ", ".join(sorted(RULES))
        raise KeyError(f"unknown rule id {rule_id!r} (known: {known})") from None
