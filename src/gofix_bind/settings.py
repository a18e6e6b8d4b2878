"""A run's settings, split by the stage that reads them, and built in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

from gofix_bind.model import Applicability, Fix


@dataclass(frozen=True)
class Discovery:
    """Which files a run reads."""

    include_vendor: bool = False
    include_generated: bool = False


@dataclass(frozen=True)
class Detection:
    """How findings are found and which are hidden."""

    # Honour no suppression comment (ours, gosec, golangci-lint, Semgrep, Datadog): for audits.
    no_suppress: bool = False
    # Parse up front only the files whose bytes can hold a listener, the rest when a name they
    # spell is looked up; False parses every file (and reports every syntax error).
    prefilter: bool = True


@dataclass(frozen=True)
class FixPolicy:
    """Which address a fix writes, and which fixes a run applies."""

    address: str = "127.0.0.1"
    ipv6_address: str = "::1"
    unsafe_fixes: bool = False

    def address_for(self, path: str, family: int) -> str:
        """Return the address that replaces a wildcard of the given IP family in path."""
        # One address per family today; a config file will choose by path here.
        del path
        return self.ipv6_address if family == 6 else self.address

    def allows(self, fix: Fix | None) -> bool:
        """Tell whether this run applies the given fix."""
        if fix is None:
            return False
        return fix.applicability is Applicability.SAFE or self.unsafe_fixes


@dataclass(frozen=True)
class Settings:
    """Everything a run is told, by the stage that reads it."""

    discovery: Discovery = field(default_factory=Discovery)
    detection: Detection = field(default_factory=Detection)
    policy: FixPolicy = field(default_factory=FixPolicy)


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
    return options + [flag for flag, given in flags if given]
