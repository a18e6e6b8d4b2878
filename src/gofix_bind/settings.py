"""A run's settings, split by the stage that reads them, and built in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Protocol

from gofix_bind.globs import Globs
from gofix_bind.model import Applicability, Finding


@dataclass(frozen=True)
class Discovery:
    """Which files a run reads (in one directory, when config files differ by directory)."""

    include_vendor: bool = False
    include_generated: bool = False
    # None: each language's default excludes; else the globs that replace them.
    exclude: Globs | None = None
    # Globs left out besides: the config file's, then the command line's.
    extend_exclude: tuple[Globs, ...] = ()
    # Leave out each language's test files (Go: *_test.go).
    exclude_tests: bool = False
    # Apply the excludes to files named on the command line too.
    force_exclude: bool = False
    # Read no .gitignore file.
    no_ignore: bool = False


@dataclass(frozen=True)
class Detection:
    """How findings are found and which are hidden."""

    # Honour no suppression comment (ours, gosec, golangci-lint, Semgrep, Datadog): for audits.
    no_suppress: bool = False
    # Parse up front only the files whose bytes can hold a listener, the rest when a name they
    # spell is looked up; False parses every file (and reports every syntax error).
    prefilter: bool = True


@dataclass(frozen=True)
class PathRule:
    """Settings for the paths that one [[overrides]] table's globs match; None: not set."""

    paths: Globs
    address: str | None = None
    ipv6_address: str | None = None
    unsafe_fixes: bool | None = None
    ignore: bool | None = None
    reason: str = ""
    # How reports name the table: `.gofix-bind.toml: overrides[2]`.
    origin: str = ""


@dataclass(frozen=True)
class FixPolicy:
    """Which address a fix writes, and which fixes a run applies."""

    address: str = "127.0.0.1"
    ipv6_address: str = "::1"
    unsafe_fixes: bool = False
    # The overrides of the directory's config file, in file order: the last match wins.
    rules: tuple[PathRule, ...] = ()
    # The absolute directory the paths asked about are relative to, when rules are set.
    root: str = ""
    # A run over directories with different config files asks each path's own policy.
    scopes: Scopes | None = field(default=None, compare=False, repr=False)

    def _matching(self, path: str) -> tuple[FixPolicy, list[PathRule]]:
        policy = self.scopes.policy_at(path) if self.scopes is not None else self
        if not policy.rules:
            return policy, []
        absolute = os.path.normpath(os.path.join(policy.root, path))
        return policy, [rule for rule in policy.rules if rule.paths.matches(absolute, False)]

    def at(self, path: str) -> FixPolicy:
        """Return the policy of one path: its directory's, with the overrides that match it."""
        policy, rules = self._matching(path)
        if not rules:
            return policy
        address, ipv6_address, unsafe_fixes = (
            policy.address,
            policy.ipv6_address,
            policy.unsafe_fixes,
        )
        for rule in rules:
            address = rule.address if rule.address is not None else address
            ipv6_address = rule.ipv6_address if rule.ipv6_address is not None else ipv6_address
            unsafe_fixes = rule.unsafe_fixes if rule.unsafe_fixes is not None else unsafe_fixes
        return FixPolicy(address, ipv6_address, unsafe_fixes)

    def ignored(self, path: str) -> PathRule | None:
        """Return the override that ignores findings in path (the last to set ignore), or None."""
        _, rules = self._matching(path)
        deciding = [rule for rule in rules if rule.ignore is not None]
        return deciding[-1] if deciding and deciding[-1].ignore else None

    def address_for(self, path: str, family: int) -> str:
        """Return the address that replaces a wildcard of the given IP family in path."""
        policy = self.at(path)
        return policy.ipv6_address if family == 6 else policy.address

    def allows(self, finding: Finding) -> bool:
        """Tell whether this run applies the finding's fix (in the finding's file)."""
        fix = finding.fix
        if fix is None:
            return False
        return fix.applicability is Applicability.SAFE or self.at(finding.path).unsafe_fixes


class Scopes(Protocol):
    """Settings that differ by directory, as config files make them."""

    def settings_at(self, directory: str) -> Settings:
        """Return the settings of an absolute directory (no scopes of their own)."""
        ...

    def policy_at(self, path: str) -> FixPolicy:
        """Return the fix policy of the directory holding a path as reports show it."""
        ...

    def options(self) -> list[str]:
        """Return the command-line options that make another run find the same settings."""
        ...


@dataclass(frozen=True)
class Settings:
    """Everything a run is told, by the stage that reads it."""

    discovery: Discovery = field(default_factory=Discovery)
    detection: Detection = field(default_factory=Detection)
    policy: FixPolicy = field(default_factory=FixPolicy)
    # Set for a run whose config files differ by directory; None: these settings everywhere.
    scopes: Scopes | None = field(default=None, compare=False, repr=False)

    def at(self, directory: str) -> Settings:
        """Return the settings of an absolute directory."""
        return self if self.scopes is None else self.scopes.settings_at(directory)

    def discovery_at(self, directory: str) -> Discovery:
        """Return the discovery settings of an absolute directory."""
        return self.at(directory).discovery


def build(
    *,
    address: str = "127.0.0.1",
    ipv6_address: str = "::1",
    unsafe_fixes: bool = False,
    include_vendor: bool = False,
    include_generated: bool = False,
    no_suppress: bool = False,
    prefilter: bool = True,
) -> Settings:
    """Build a run's settings from option values (today the command line's)."""
    return Settings(
        discovery=Discovery(include_vendor=include_vendor, include_generated=include_generated),
        detection=Detection(no_suppress=no_suppress, prefilter=prefilter),
        policy=FixPolicy(address=address, ipv6_address=ipv6_address, unsafe_fixes=unsafe_fixes),
    )


def shared_options(settings: Settings) -> list[str]:
    """Return the command-line options that give another run (verify-patch) these fixes."""
    default = Settings()
    options: list[str] = []
    if settings.policy.address != default.policy.address:
        options += ["--address", settings.policy.address]
    if settings.policy.ipv6_address != default.policy.ipv6_address:
        options += ["--ipv6-address", settings.policy.ipv6_address]
    flags = (
        ("--unsafe-fixes", settings.policy.unsafe_fixes),
        ("--include-vendor", settings.discovery.include_vendor),
        ("--include-generated", settings.discovery.include_generated),
        ("--no-suppress", settings.detection.no_suppress),
    )
    options += [flag for flag, given in flags if given]
    return options + (settings.scopes.options() if settings.scopes is not None else [])
