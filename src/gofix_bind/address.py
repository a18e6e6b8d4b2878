"""Decide, as Go's listeners do, whether an address binds every interface."""

from __future__ import annotations

import enum
import ipaddress
from dataclasses import dataclass


class NetworkKind(enum.Enum):
    """How a Go network name shapes its address."""

    PORTED = "ported"  # tcp*, udp*: host:port
    IP = "ip"  # ip*, ip*:proto: a bare host, no port
    UNIX = "unix"  # a file system path: never an interface
    UNKNOWN = "unknown"  # not a literal, or not a name Go knows


_TCP = {"tcp", "tcp4", "tcp6"}
_PORTED = _TCP | {"udp", "udp4", "udp6"}
_IP = {"ip", "ip4", "ip6"}
_UNIX = {"unix", "unixgram", "unixpacket"}


def base_network(network: str | None) -> str:
    """Return the network name without an IP protocol suffix ("ip4:icmp" -> "ip4")."""
    return "" if network is None else network.split(":", 1)[0]


def network_kind(network: str | None) -> NetworkKind:
    """Classify a network name as Go's net package does."""
    base = base_network(network)
    if base in _PORTED:
        return NetworkKind.PORTED
    if base in _IP:
        return NetworkKind.IP
    if base in _UNIX:
        return NetworkKind.UNIX
    return NetworkKind.UNKNOWN


@dataclass(frozen=True)
class Wildcard:
    """Where the all-interfaces host sits in an address, and what it is."""

    # Byte span of the host within the UTF-8 address, brackets included.
    host_start_byte: int
    host_end_byte: int
    # 4 or 6 when the host is an IP literal; None when it is empty.
    family: int | None
    has_port: bool
    reason: str
    # Go's error when its listener refuses the address as written (net.SplitHostPort's words,
    # "missing port in address"); "" when it listens.
    refused: str = ""


def _split_host_port(address: str) -> tuple[int, int, bool] | None:
    """Mirror net.SplitHostPort: the host's char span (brackets kept) and if it was bracketed."""
    colon = address.rfind(":")
    if colon < 0:
        return None
    if address.startswith("["):
        close = address.find("]")
        if close < 0 or close + 1 != colon:
            return None
        if "[" in address[1:] or "]" in address[close + 1 :]:
            return None
        return 0, close + 1, True
    if ":" in address[:colon] or "[" in address or "]" in address:
        return None
    return 0, colon, False


def _unspecified_family(host: str) -> int | None:
    """Return 4 or 6 when host is an unspecified IP in any spelling Go accepts, else None."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped
        if ip.is_unspecified or (mapped is not None and mapped.is_unspecified):
            return 6
        return None
    return 4 if ip.is_unspecified else None


def _is_ipv4_to_go(host: str) -> bool:
    """Tell whether Go's IP.To4 succeeds: an IPv4 address, or one mapped into IPv6."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return isinstance(ip, ipaddress.IPv4Address) or ip.ipv4_mapped is not None


def _host_reason(host: str, family: int | None) -> str:
    if family is None:
        return "an empty host"
    if family == 4:
        return f"the IPv4 unspecified address {host}"
    return f"the IPv6 unspecified address {host}"


def _byte_len(text: str) -> int:
    return len(text.encode("utf-8"))


def _bare_host(address: str) -> Wildcard | None:
    if address == "":
        return Wildcard(0, 0, None, has_port=False, reason="an empty address")
    family = _unspecified_family(address)
    if family is None:
        return None
    return Wildcard(0, _byte_len(address), family, False, _host_reason(address, family))


def _ported(address: str) -> Wildcard | None:
    if address == "":
        return Wildcard(0, 0, None, has_port=False, reason="an empty address")
    split = _split_host_port(address)
    if split is None:
        return None
    start, end, bracketed = split
    host = address[start + 1 : end - 1] if bracketed else address[start:end]
    if host == "":
        return Wildcard(0, _byte_len(address[:end]), None, True, "an empty host")
    family = _unspecified_family(host)
    if family is None:
        return None
    return Wildcard(
        _byte_len(address[:start]),
        _byte_len(address[:end]),
        family,
        True,
        _host_reason(address[start:end], family),
    )


def _portless(address: str) -> Wildcard | None:
    """Return the all-interfaces host of an address with no port, which tcp listeners refuse.

    It binds nothing as written, but it asks for every interface: once a port is added it
    would. "0.0.0.0" and "[::]" miss their port; "::" has too many colons for a port to follow.
    """
    bracketed = address.startswith("[") and address.endswith("]")
    host = address[1:-1] if bracketed else address
    family = _unspecified_family(host)
    if family is None or (bracketed and ("[" in host or "]" in host)):
        return None
    refused = "missing port in address"
    if ":" in address and not bracketed:
        # Go takes a bare IPv6 host's last colon for the port's: the host has colons left.
        refused = "too many colons in address"
    # Inside the brackets, which the new host keeps.
    start = 1 if bracketed else 0
    return Wildcard(
        start, start + _byte_len(host), family, False, _host_reason(address, family), refused
    )


def _host_of(address: str, wildcard: Wildcard) -> str:
    host = address.encode("utf-8")[wildcard.host_start_byte : wildcard.host_end_byte]
    return host.decode("utf-8").strip("[]")


def classify(network: str | None, address: str) -> Wildcard | None:
    """Return where address binds every interface on network, or None if it does not."""
    kind = network_kind(network)
    if kind is NetworkKind.UNIX:
        return None
    if kind is NetworkKind.IP:
        wildcard = _bare_host(address)
    elif kind is NetworkKind.PORTED:
        wildcard = _ported(address)
        if wildcard is None and base_network(network) in _TCP:
            wildcard = _portless(address)
    else:
        # Unknown network: the address's own shape says whether it carries a port.
        return _ported(address) or _bare_host(address)
    if (
        wildcard is not None
        and base_network(network).endswith("6")
        and _is_ipv4_to_go(_host_of(address, wildcard))
    ):
        # Go keeps only IPv6 addresses for tcp6/udp6/ip6: the call fails, nothing listens.
        return None
    return wildcard


def wants_ipv6(network: str | None, family: int | None) -> bool:
    """Tell whether the loopback replacement should be IPv6: the network's suffix decides first."""
    base = base_network(network)
    if base.endswith("6"):
        return True
    if base.endswith("4"):
        return False
    return family == 6


# The one IPv4 address that is broadcast on every network; a subnet's own is not knowable here.
_LIMITED_BROADCAST = ipaddress.IPv4Address("255.255.255.255")


def _unicast_problem(text: str, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Return why a listener cannot bind ip as a single unicast address, or None when it can."""
    if _unspecified_family(text) is not None:
        return f"{text!r} is itself an unspecified (all-interfaces) address"
    if ip.is_multicast:
        return f"{text!r} is a multicast address"
    if ip == _LIMITED_BROADCAST:
        return f"{text!r} is the broadcast address"
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped
        if mapped is not None:
            # Go's To4 accepts it: a tcp6/udp6/ip6 listener refuses it as an IPv4 address.
            return f"{text!r} is an IPv4-mapped address; Go binds it as the IPv4 {mapped}"
        if ip.is_link_local:
            # The kernel refuses to bind fe80::/10 without a zone, and zones are not written.
            return f"{text!r} is link-local: it binds only with a zone, and zones are not supported"
    return None


def parse_replacement(text: str, family: int) -> str:
    """Validate a configured replacement address; raise ValueError with a one-line reason."""
    bare, percent, _ = text.partition("%")
    try:
        ip = ipaddress.ip_address(bare)
    except ValueError:
        raise ValueError(f"{text!r} is not an IP address") from None
    if ip.version != family:
        raise ValueError(f"{text!r} is not an IPv{family} address")
    if percent:
        # net.ParseIP and net.IPv6loopback cannot carry a zone: Go would get nil, the wildcard.
        raise ValueError(f"{text!r} has a zone: zones are not supported")
    problem = _unicast_problem(text, ip)
    if problem is not None:
        raise ValueError(problem)
    return text
