"""Find the hosts a hunk's added lines may write, to name another address than the expected."""

from __future__ import annotations

import re

_IPV4 = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])")
# Go's net.IPv4(127, 0, 0, 2), as the fixes of net.IP values spell an address.
_IPV4_CALL = re.compile(r"IPv4\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)")
_BRACKETED = re.compile(r"\[([0-9A-Za-z:.%_-]+)\]")
_QUOTED = re.compile(r'"([^"\\\s]*)"')
_HOST = re.compile(r"[0-9A-Za-z:.%_-]+")
# Enough for any hunk a person writes; a hunk naming more is not a fix anyway.
MAX_HOSTS = 16


def hosts_in(added: bytes) -> list[str]:
    """Return the hosts the bytes may spell, in order of appearance: IPs, and hosts of strings."""
    text = added.decode("utf-8", "replace")
    found: dict[str, None] = {}
    for match in _IPV4.finditer(text):
        found[match.group()] = None
    for match in _IPV4_CALL.finditer(text):
        found[".".join(match.groups())] = None
    if "IPv6loopback" in text:
        found["::1"] = None
    for match in _BRACKETED.finditer(text):
        found[match.group(1)] = None
    for match in _QUOTED.finditer(text):
        value = match.group(1)
        # "host:port" names its host before the one colon; more colons: a bare IPv6 address.
        host = value.rpartition(":")[0] if value.count(":") == 1 else value
        if host and _HOST.fullmatch(host):
            found[host] = None
    return list(found)[:MAX_HOSTS]
