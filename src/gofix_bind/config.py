"""Configuration files: find the closest one, parse it, and check every key before a run starts.

A config file is `.gofix-bind.toml` (keys at the top level) or a `pyproject.toml` holding a
`[tool.gofix-bind]` table. Only the closest file applies, as in ruff: parent files are never
merged in.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gofix_bind.address import parse_replacement
from gofix_bind.globs import Globs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

CONFIG_NAME = ".gofix-bind.toml"
PYPROJECT = "pyproject.toml"
TABLE = "gofix-bind"


class ConfigError(Exception):
    """A config file cannot be read or holds a bad key or value; its text names both."""


@dataclass(frozen=True)
class Override:
    """One `[[overrides]]` table: settings for the paths its globs match."""

    # 1-based, as a person counts the tables in the file.
    number: int
    paths: Globs
    address: str | None = None
    ipv6_address: str | None = None
    unsafe_fixes: bool | None = None
    ignore: bool | None = None
    reason: str = ""

    @property
    def name(self) -> str:
        """Return how messages name the table: overrides[N]."""
        return f"overrides[{self.number}]"


@dataclass(frozen=True)
class Config:
    """One config file's settings; None for a key the file does not set."""

    path: Path
    # How messages and --show-config name the file.
    shown: str
    address: str | None = None
    ipv6_address: str | None = None
    unsafe_fixes: bool | None = None
    exclude: Globs | None = None
    extend_exclude: Globs | None = None
    exclude_tests: bool | None = None
    include_vendor: bool | None = None
    include_generated: bool | None = None
    force_exclude: bool | None = None
    overrides: tuple[Override, ...] = ()


def _toml(value: object) -> str:
    """Return a value as TOML writes it, for messages and --show-config."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "a table"
    return str(value)


def toml_value(value: object) -> str:
    """Return a value as TOML writes it."""
    return _toml(value)


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "a table"
    return _toml(value)


def _boolean(key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{key}: must be true or false, not {_kind(value)}")
    return value


def _string(key: str, value: object) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{key}: must be a string, not {_kind(value)}")
    return value


def _strings(key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{key}: must be a list of strings, not {_kind(value)}")
    return tuple(value)


@dataclass(frozen=True)
class _Where:
    """The file being checked: its directory (globs start there) and the name messages use."""

    base: str
    shown: str


def _globs(key: str, value: object, where: _Where) -> Globs:
    try:
        return Globs.of(where.base, _strings(key, value), f"{where.shown}: {key}")
    except ValueError as error:
        raise ConfigError(f"{key}: {error}") from None


def _address(key: str, value: object, family: int) -> str:
    try:
        return parse_replacement(_string(key, value), family)
    except ValueError as error:
        raise ConfigError(f"{key}: {error}") from None


# Each key and how its value is checked: (key as messages name it, value, file) -> value.
_Check = Callable[[str, object, _Where], object]
_TOP: Mapping[str, _Check] = {
    "address": lambda key, value, _: _address(key, value, 4),
    "ipv6-address": lambda key, value, _: _address(key, value, 6),
    "unsafe-fixes": lambda key, value, _: _boolean(key, value),
    "exclude": _globs,
    "extend-exclude": _globs,
    "exclude-tests": lambda key, value, _: _boolean(key, value),
    "include-vendor": lambda key, value, _: _boolean(key, value),
    "include-generated": lambda key, value, _: _boolean(key, value),
    "force-exclude": lambda key, value, _: _boolean(key, value),
}
_OVERRIDE: Mapping[str, _Check] = {
    "paths": _globs,
    "address": _TOP["address"],
    "ipv6-address": _TOP["ipv6-address"],
    "unsafe-fixes": _TOP["unsafe-fixes"],
    "ignore": lambda key, value, _: _boolean(key, value),
    "reason": lambda key, value, _: _string(key, value),
}
OVERRIDES = "overrides"
# Every key a config file may set: at the top level, and in an [[overrides]] table.
KEYS = frozenset({*_TOP, OVERRIDES})
OVERRIDE_KEYS = frozenset(_OVERRIDE)


def _checked(
    table: Mapping[str, Any],
    checks: Mapping[str, _Check],
    known: frozenset[str],
    where: _Where,
    prefix: str,
) -> dict[str, object]:
    values = {}
    for key, value in table.items():
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(
                f"{prefix.rstrip('.') + ': ' if prefix else ''}unknown key '{key}'{hint}"
            )
        if key in checks:
            values[key.replace("-", "_")] = checks[key](prefix + key, value, where)
    return values


def _override(number: int, table: object, where: _Where) -> Override:
    name = f"{OVERRIDES}[{number}]"
    if not isinstance(table, dict):
        raise ConfigError(f"{name}: must be a table ([[overrides]]), not {_kind(table)}")
    values = _checked(table, _OVERRIDE, OVERRIDE_KEYS, where, f"{name}.")
    paths = values.pop("paths", None)
    if not isinstance(paths, Globs) or not paths.patterns:
        raise ConfigError(f'{name}: needs paths, a list of globs such as ["cmd/agent/**"]')
    if values.get("ignore") is True and not values.get("reason"):
        raise ConfigError(f'{name}: ignore = true needs a reason (reason = "...")')
    if "reason" in values and values.get("ignore") is not True:
        raise ConfigError(f"{name}.reason: is only read with ignore = true")
    if not values:
        raise ConfigError(f"{name}: sets nothing besides paths")
    return Override(number, paths, **values)  # type: ignore[arg-type]


def parse(path: Path, table: Mapping[str, Any], shown: str, base: str | None = None) -> Config:
    """Check a config table's keys and values; raise ConfigError (whose text omits the file).

    Globs are relative to base, by default the file's directory.
    """
    where = _Where(base or os.path.dirname(os.path.abspath(path)), shown)
    values = _checked(table, _TOP, KEYS, where, "")
    overrides = table.get(OVERRIDES, [])
    if not isinstance(overrides, list):
        raise ConfigError(f"{OVERRIDES}: must be an array of tables ([[overrides]]), not a table")
    parsed = tuple(_override(n, t, where) for n, t in enumerate(overrides, start=1))
    return Config(path, shown, overrides=parsed, **values)  # type: ignore[arg-type]


def _read_table(path: Path, required: bool) -> Mapping[str, Any] | None:
    """Return the file's gofix-bind table; None for a pyproject.toml without one."""
    try:
        data: dict[str, Any] = tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise ConfigError(f"cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"invalid TOML: {error}") from None
    if path.name != PYPROJECT:
        return data
    tool = data.get("tool", {})
    table = tool.get(TABLE) if isinstance(tool, dict) else None
    if table is None:
        if required:
            raise ConfigError(f"has no [tool.{TABLE}] table")
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"tool.{TABLE}: must be a table, not {_kind(table)}")
    return table


class Finder:
    """Finds and loads config files, each directory and file looked at once per run."""

    def __init__(self, shown: Callable[[Path], str]) -> None:
        """Name files in messages with shown(path)."""
        self._shown = shown
        self._closest: dict[str, Config | None] = {}
        self._loaded: dict[str, Config | None] = {}

    def load(self, path: Path, required: bool = True, base: str | None = None) -> Config | None:
        """Parse one file; None for a pyproject.toml without our table (when not required).

        Its globs are relative to base, by default the file's directory.
        """
        key = os.path.abspath(path)
        if key not in self._loaded:
            try:
                table = _read_table(path, required)
                self._loaded[key] = (
                    None if table is None else parse(Path(key), table, self._shown(path), base)
                )
            except ConfigError as error:
                raise ConfigError(f"{self._shown(path)}: {error}") from None
        return self._loaded[key]

    def closest(self, directory: str) -> Config | None:
        """Return the config of the closest directory at or above this absolute one that has one.

        The walk stops at the git work tree's root (a directory holding .git), else at the
        filesystem root.
        """
        if directory in self._closest:
            return self._closest[directory]
        found = self._own(directory)
        if found is None and not os.path.exists(os.path.join(directory, ".git")):
            parent = os.path.dirname(directory)
            if parent != directory:
                found = self.closest(parent)
        self._closest[directory] = found
        return found

    def _own(self, directory: str) -> Config | None:
        candidate = os.path.join(directory, CONFIG_NAME)
        if os.path.isfile(candidate):
            return self.load(Path(candidate))
        candidate = os.path.join(directory, PYPROJECT)
        if os.path.isfile(candidate):
            return self.load(Path(candidate), required=False)
        return None
