"""--show-config: each path's effective settings as TOML lines, each with where it came from."""

from __future__ import annotations

import os
from collections.abc import Sequence

from gofix_bind.config import Override, toml_value
from gofix_bind.globs import Globs
from gofix_bind.languages import LANGUAGES
from gofix_bind.resolve import DEFAULT, FLAGS, VENDOR, Resolver, Source, Value


def _shown_value(value: Value) -> object:
    """Return a setting's value as the config file would spell it."""
    if isinstance(value.value, Globs):
        return list(value.value.patterns)
    if isinstance(value.value, tuple):
        return [pattern for globs in value.value for pattern in globs.patterns]
    return value.value


def _default_excludes(include_vendor: bool) -> Value:
    """Return the languages' default excludes, as the exclude key would list them."""
    patterns = [p for language in LANGUAGES for p in language.default_excludes]
    if include_vendor:
        patterns = [p for p in patterns if p != VENDOR]
    names = ", ".join(language.name for language in LANGUAGES)
    return Value("exclude", list(dict.fromkeys(patterns)), f"{DEFAULT} ({names})")


def _line(key: str, value: object, origin: str) -> str:
    return f"{key} = {toml_value(value)}  # {origin}\n"


def _header(path: str, resolver: Resolver, shown: str | None) -> str:
    source = resolver.given.source
    if source is Source.ISOLATED:
        return f"# {path}: no config file read (--isolated)\n"
    if shown is None:
        return f"# {path}: no config file\n"
    named = " (--config)" if source is Source.FILE else ""
    return f"# {path}: config file {shown}{named}\n"


def _for_file(absolute: str, values: list[Value], resolver: Resolver) -> list[str]:
    """Apply the overrides that match a file to its directory's values; lines for ignore."""
    policy = resolver.settings_at(os.path.dirname(absolute)).policy
    extra: list[str] = []
    for rule in policy.rules:
        if not rule.paths.matches(absolute, False):
            continue
        for key in ("address", "ipv6-address", "unsafe-fixes"):
            setting = getattr(rule, key.replace("-", "_"))
            if setting is not None:
                index = next(i for i, value in enumerate(values) if value.key == key)
                values[index] = Value(key, setting, f"{rule.origin}.{key}")
        if rule.ignore is not None:
            extra = [_line("ignore", rule.ignore, f"{rule.origin}.ignore")]
            if rule.ignore:
                extra.append(_line("reason", rule.reason, f"{rule.origin}.reason"))
    return extra


def _override(override: Override, origin: str, resolver: Resolver) -> str:
    lines = [f"\n[[overrides]]  # {origin}: {override.name}\n"]
    lines.append(f"paths = {toml_value(list(override.paths.patterns))}\n")
    given = resolver.given
    beaten = {
        "address": given.address,
        "ipv6-address": given.ipv6_address,
        "unsafe-fixes": given.unsafe_fixes,
    }
    for key in ("address", "ipv6-address", "unsafe-fixes", "ignore", "reason"):
        setting = getattr(override, key.replace("-", "_"))
        if setting is None or (key == "reason" and not override.ignore):
            continue
        note = f"  # overridden by {FLAGS[key]}" if beaten.get(key) is not None else ""
        lines.append(f"{key} = {toml_value(setting)}{note}\n")
    return "".join(lines)


def show(path: str, resolver: Resolver) -> str:
    """Return one path's effective settings: a header, then one line per key."""
    absolute = os.path.abspath(path)
    is_dir = os.path.isdir(absolute)
    directory = absolute if is_dir else os.path.dirname(absolute)
    scope = resolver.scope_at(directory)
    values = list(scope.values)
    excludes = scope.value("exclude")
    if excludes.value is None:
        index = values.index(excludes)
        values[index] = _default_excludes(bool(scope.value("include-vendor").value))
    extra = [] if is_dir else _for_file(absolute, values, resolver)
    lines = [_header(path, resolver, scope.config.shown if scope.config else None)]
    lines += [_line(value.key, _shown_value(value), value.origin) for value in values]
    lines += extra
    if is_dir and scope.config is not None:
        lines += [_override(o, scope.config.shown, resolver) for o in scope.config.overrides]
    return "".join(lines)


def render(paths: Sequence[str], resolver: Resolver) -> str:
    """Return every path's settings, a blank line between paths."""
    return "\n".join(show(path, resolver) for path in paths)
