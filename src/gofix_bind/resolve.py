"""Command-line values and config files to the settings of each directory, and their origins.

Precedence, for every key: a command-line flag, then the closest config file, then the
default. Each directory's settings are worked out once per run.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from pathlib import Path

from gofix_bind.config import Config, ConfigError, Finder, Override
from gofix_bind.globs import Globs
from gofix_bind.paths import display_path
from gofix_bind.settings import Detection, Discovery, FixPolicy, PathRule, Settings

DEFAULT = "default"
VENDOR = "vendor"


class Source(enum.Enum):
    """Which config files a run reads."""

    DISCOVER = "discover"  # the closest file of each directory
    FILE = "file"  # the one file --config names, for every path
    ISOLATED = "isolated"  # none (--isolated)


@dataclass(frozen=True)
class Given:
    """What the command line says; None for an option it does not give."""

    address: str | None = None
    ipv6_address: str | None = None
    unsafe_fixes: bool | None = None
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    exclude_tests: bool | None = None
    include_vendor: bool | None = None
    include_generated: bool | None = None
    force_exclude: bool | None = None
    no_ignore: bool = False
    no_suppress: bool = False
    prefilter: bool = True
    config: Path | None = None
    isolated: bool = False

    @property
    def source(self) -> Source:
        """Return which config files the run reads."""
        if self.isolated:
            return Source.ISOLATED
        return Source.FILE if self.config is not None else Source.DISCOVER


# The command-line flag of each key.
FLAGS = {
    "address": "--address",
    "ipv6-address": "--ipv6-address",
    "unsafe-fixes": "--unsafe-fixes",
    "exclude": "--exclude",
    "extend-exclude": "--extend-exclude",
    "exclude-tests": "--exclude-tests",
    "include-vendor": "--include-vendor",
    "include-generated": "--include-generated",
    "force-exclude": "--force-exclude",
}


@dataclass(frozen=True)
class Value:
    """One effective setting, and where it came from (default, a file's key, a flag)."""

    key: str
    value: object
    origin: str


def _pick(key: str, flag: object, config: Config | None, default: object) -> Value:
    """Take a key's value from the flag, else the config file, else the default."""
    if flag is not None:
        return Value(key, flag, FLAGS[key])
    if config is not None:
        value = getattr(config, key.replace("-", "_"))
        if value is not None:
            return Value(key, value, f"{config.shown}: {key}")
    return Value(key, default, DEFAULT)


def _flag_globs(cwd: str, patterns: tuple[str, ...] | None, flag: str) -> Globs | None:
    """Compile a flag's globs, relative to the working directory; None when not given."""
    if patterns is None:
        return None
    try:
        return Globs.of(cwd, patterns, flag)
    except ValueError as error:
        raise ConfigError(f"{flag}: {error}") from None


@dataclass(frozen=True)
class Scope:
    """A directory's settings, each value with its origin, and the overrides that apply."""

    config: Config | None
    values: tuple[Value, ...]
    settings: Settings

    def value(self, key: str) -> Value:
        """Return the effective value of one key."""
        return next(value for value in self.values if value.key == key)


class Resolver:
    """The settings of every directory of a run: its config file, the flags, the defaults."""

    def __init__(self, given: Given, cwd: Path, root: Path | None = None) -> None:
        """Read --config now, so that a bad file stops the run before anything is read.

        root is where the paths in reports start (verify-patch: the patch's root), else cwd.
        """
        self.given = given
        self.cwd = cwd
        self.root = str(root or cwd)
        self._finder = Finder(lambda path: display_path(path, cwd))
        # As in ruff, the globs of a file named by --config are relative to the cwd: it is
        # often kept outside the tree it is used on.
        self._named = (
            self._finder.load(given.config, base=str(cwd))
            if given.config is not None and not given.isolated
            else None
        )
        self._exclude = _flag_globs(str(cwd), given.exclude, FLAGS["exclude"])
        self._extend = _flag_globs(str(cwd), given.extend_exclude or None, FLAGS["extend-exclude"])
        self._scopes: dict[Path | None, Scope] = {}
        self._by_directory: dict[str, Scope] = {}

    def config_at(self, directory: str) -> Config | None:
        """Return the config file that decides an absolute directory's settings, or None."""
        source = self.given.source
        if source is Source.ISOLATED:
            return None
        if source is Source.FILE:
            return self._named
        return self._finder.closest(directory)

    def scope_at(self, directory: str) -> Scope:
        """Return an absolute directory's settings and their origins."""
        scope = self._by_directory.get(directory)
        if scope is None:
            config = self.config_at(directory)
            # Directories that share a config file share its settings.
            key = config.path if config is not None else None
            scope = self._scopes.get(key)
            if scope is None:
                scope = self._scopes[key] = self._scope(config)
            self._by_directory[directory] = scope
        return scope

    def _scope(self, config: Config | None) -> Scope:
        given = self.given
        values = [
            _pick("address", given.address, config, "127.0.0.1"),
            _pick("ipv6-address", given.ipv6_address, config, "::1"),
            _pick("unsafe-fixes", given.unsafe_fixes, config, False),
        ]
        include_vendor = _pick("include-vendor", given.include_vendor, config, False)
        exclude = self._exclude
        if exclude is None and config is not None:
            exclude = config.exclude
        if exclude is not None and include_vendor.value:
            exclude = exclude.without(VENDOR)
        extend = tuple(globs for globs in (config and config.extend_exclude, self._extend) if globs)
        flags = [
            _pick("exclude-tests", given.exclude_tests, config, False),
            include_vendor,
            _pick("include-generated", given.include_generated, config, False),
            _pick("force-exclude", given.force_exclude, config, False),
        ]
        values += [
            Value("exclude", exclude, exclude.origin if exclude is not None else DEFAULT),
            Value("extend-exclude", extend, ", ".join(g.origin for g in extend) or DEFAULT),
            *flags,
        ]
        picked = {value.key: value.value for value in values}
        discovery = Discovery(
            include_vendor=bool(picked["include-vendor"]),
            include_generated=bool(picked["include-generated"]),
            exclude=exclude,
            extend_exclude=extend,
            exclude_tests=bool(picked["exclude-tests"]),
            force_exclude=bool(picked["force-exclude"]),
            no_ignore=given.no_ignore,
        )
        rules = (
            tuple(self._rule(override, config) for override in config.overrides) if config else ()
        )
        policy = FixPolicy(
            address=str(picked["address"]),
            ipv6_address=str(picked["ipv6-address"]),
            unsafe_fixes=bool(picked["unsafe-fixes"]),
            rules=rules,
            root=self.root,
        )
        detection = Detection(no_suppress=given.no_suppress, prefilter=given.prefilter)
        return Scope(config, tuple(values), Settings(discovery, detection, policy))

    def _rule(self, override: Override, config: Config) -> PathRule:
        """Turn an [[overrides]] table into a rule; a flag given on the command line beats it."""
        given = self.given
        return PathRule(
            paths=override.paths,
            address=override.address if given.address is None else None,
            ipv6_address=override.ipv6_address if given.ipv6_address is None else None,
            unsafe_fixes=override.unsafe_fixes if given.unsafe_fixes is None else None,
            ignore=override.ignore,
            reason=override.reason,
            origin=f"{config.shown}: {override.name}",
        )

    def settings_at(self, directory: str) -> Settings:
        """Return the settings of an absolute directory."""
        return self.scope_at(directory).settings

    def policy_at(self, path: str) -> FixPolicy:
        """Return the fix policy of the directory holding a path as reports show it."""
        absolute = os.path.normpath(os.path.join(self.root, path))
        return self.settings_at(os.path.dirname(absolute)).policy

    def options(self) -> list[str]:
        """Return the options that make verify-patch read the same config files."""
        if self.given.source is Source.ISOLATED:
            return ["--isolated"]
        if self.given.config is not None:
            return ["--config", str(self.given.config)]
        return []

    def settings(self) -> Settings:
        """Return the run's settings: the flags' values, each directory's looked up here."""
        given = self.given
        discovery = Discovery(
            include_vendor=bool(given.include_vendor),
            include_generated=bool(given.include_generated),
            no_ignore=given.no_ignore,
        )
        policy = FixPolicy(
            address=given.address or "127.0.0.1",
            ipv6_address=given.ipv6_address or "::1",
            unsafe_fixes=bool(given.unsafe_fixes),
            scopes=self,
        )
        detection = Detection(no_suppress=given.no_suppress, prefilter=given.prefilter)
        return Settings(discovery, detection, policy, scopes=self)
