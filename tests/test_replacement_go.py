"""Every accepted replacement address, in every form a fix writes, is the address Go binds.

One Go program holds all the forms for all the addresses: a file per address pair, each with
its own [[overrides]] entry. After --apply the listener calls are swapped for stand-ins that
parse their argument as the real call does and print the IP, so nothing binds: one `go run`.
"""

from __future__ import annotations

import ipaddress
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.helpers import invoke
from tests.toolchain import need_go

IPV4 = ["127.0.0.1", "127.0.0.2", "10.1.2.3", "192.168.0.10", "169.254.1.1", "255.255.255.254"]
IPV6 = ["::1", "fd00::7", "2001:db8::1", "FD00::ABCD", "::127.0.0.1", "1:0:0:0:0:0:0:8", "fec0::1"]


def _addr_port(addr: str) -> str:
    return f'net.ListenTCP("tcp", net.TCPAddrFromAddrPort(netip.AddrPortFrom({addr}, 1)))'


# (label, family of the address the fix writes, the listener call before the fix).
FORMS = [
    ("string-host-port", 4, 'net.Listen("tcp", "0.0.0.0:80")'),
    ("string-empty-host", 4, 'net.Listen("tcp", ":80")'),
    ("string-bracketed", 6, 'net.Listen("tcp", "[::]:80")'),
    ("string-tcp6-empty-host", 6, 'net.Listen("tcp6", ":80")'),
    ("string-escaped", 4, 'net.Listen("tcp", "0.0.0.0\\x3a80")'),
    ("string-raw", 6, 'net.Listen("tcp", `[::]:80`)'),
    ("string-bare-host", 4, 'net.ListenPacket("ip4:icmp", "0.0.0.0")'),
    ("string-bare-host6", 6, 'net.ListenPacket("ip6:ipv6-icmp", "::")'),
    ("ip-ipv4zero", 4, 'net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4zero, Port: 1})'),
    ("ip-ipv6unspecified", 6, 'net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv6unspecified})'),
    ("ip-ipv4-zero-octets", 4, 'net.ListenIP("ip4:icmp", &net.IPAddr{IP: net.IPv4(0, 0, 0, 0)})'),
    ("ip-parseip", 4, 'net.ListenUDP("udp", &net.UDPAddr{IP: net.ParseIP("0.0.0.0")})'),
    ("ip-parseip6", 6, 'net.ListenUDP("udp6", &net.UDPAddr{IP: net.ParseIP("::")})'),
    ("struct-nil", 4, 'net.ListenTCP("tcp4", nil)'),
    ("struct-nil6", 6, 'net.ListenTCP("tcp6", nil)'),
    ("struct-no-ip", 4, 'net.ListenTCP("tcp", &net.TCPAddr{Port: 1})'),
    ("struct-no-ip6", 6, 'net.ListenIP("ip6:ipv6-icmp", &net.IPAddr{})'),
    ("netip", 4, _addr_port("netip.IPv4Unspecified()")),
    ("netip6", 6, _addr_port("netip.IPv6Unspecified()")),
    ("netip-parse", 4, _addr_port('netip.MustParseAddr("0.0.0.0")')),
    ("netip-parse6", 6, _addr_port('netip.MustParseAddr("::")')),
    ("netip-zero", 4, _addr_port("netip.Addr{}")),
    (
        "addr-port-string6",
        6,
        'net.ListenTCP("tcp", net.TCPAddrFromAddrPort(netip.MustParseAddrPort("[::]:1")))',
    ),
]

# The stand-ins: each parses its argument as the listener would, then prints the IP's 16 bytes
# and whether Go takes it as IPv4 (To4), which the listener's family check looks at.
STAND_INS = """package main

import (
\t"encoding/hex"
\t"fmt"
\t"net"
)

var label string

func at(name string) { label = name }

func show(ip net.IP, err error) {
\tswitch {
\tcase err != nil:
\t\tfmt.Println(label, "error", err)
\tcase ip == nil:
\t\tfmt.Println(label, "nil")
\tcase ip.To4() != nil:
\t\tfmt.Println(label, hex.EncodeToString(ip.To16()), 4)
\tdefault:
\t\tfmt.Println(label, hex.EncodeToString(ip.To16()), 6)
\t}
}

func fakeListen(network, address string) (net.Listener, error) {
\ta, err := net.ResolveTCPAddr(network, address)
\tif err != nil {
\t\tshow(nil, err)
\t} else {
\t\tshow(a.IP, nil)
\t}
\treturn nil, nil
}

func fakeListenPacket(network, address string) (net.PacketConn, error) {
\ta, err := net.ResolveIPAddr(network, address)
\tif err != nil {
\t\tshow(nil, err)
\t} else {
\t\tshow(a.IP, nil)
\t}
\treturn nil, nil
}

func fakeListenTCP(network string, a *net.TCPAddr) (*net.TCPListener, error) {
\tif a == nil {
\t\tshow(nil, nil)
\t} else {
\t\tshow(a.IP, nil)
\t}
\treturn nil, nil
}

func fakeListenUDP(network string, a *net.UDPAddr) (*net.UDPConn, error) {
\tif a == nil {
\t\tshow(nil, nil)
\t} else {
\t\tshow(a.IP, nil)
\t}
\treturn nil, nil
}

func fakeListenIP(network string, a *net.IPAddr) (*net.IPConn, error) {
\tif a == nil {
\t\tshow(nil, nil)
\t} else {
\t\tshow(a.IP, nil)
\t}
\treturn nil, nil
}
"""

_LISTENER = re.compile(rb"\bnet\.(Listen(?:Packet|TCP|UDP|IP)?)\(")


def _pairs() -> list[tuple[str, str]]:
    """Pair every IPv4 address with an IPv6 one, starting the shorter list over."""
    count = max(len(IPV4), len(IPV6))
    return [(IPV4[i % len(IPV4)], IPV6[i % len(IPV6)]) for i in range(count)]


def _file(index: int) -> str:
    """Return a Go file that calls every form once, each call labelled first."""
    calls = "".join(f'\tat("{index} {label}")\n\t_, _ = {call}\n' for label, _, call in FORMS)
    imports = '\nimport (\n\t"net"\n\t"net/netip"\n)\n'
    return f"package main\n{imports}\nfunc forms{index}() {{\n{calls}}}\n"


def _expected(address: str) -> str:
    """Return what show prints for a listener bound to address."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv4Address):
        return f"{ipaddress.IPv6Address(f'::ffff:{ip}').packed.hex()} 4"
    return f"{ip.packed.hex()} 6"


def _config(pairs: list[tuple[str, str]]) -> str:
    """Return the config file that gives each file its own address pair."""
    return "".join(
        f'[[overrides]]\npaths = ["forms{index}.go"]\n'
        f'address = "{ipv4}"\nipv6-address = "{ipv6}"\n\n'
        for index, (ipv4, ipv6) in enumerate(pairs)
    )


def _go_run(root: Path, go: str) -> str:
    """Run the program offline and return what it printed."""
    env = {**os.environ, "GOFLAGS": "-mod=mod", "GOPROXY": "off"}
    env.setdefault("GOPATH", str(root.parent / "go-path"))
    known = subprocess.run([go, "env", "GOCACHE"], capture_output=True, text=True, check=False)
    if not known.stdout.strip():
        # No home directory to cache builds in: a cold cache of our own still works.
        env["GOCACHE"] = str(root.parent / "go-cache")
    done = subprocess.run(
        [go, "run", "."], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_form_yields_the_configured_address(tmp_path: Path) -> None:
    go = need_go()
    root = tmp_path / "program"
    root.mkdir()
    pairs = _pairs()
    for index in range(len(pairs)):
        (root / f"forms{index}.go").write_text(_file(index))
    (root / ".gofix-bind.toml").write_text(_config(pairs))
    result = invoke(["--apply", "--unsafe-fixes", str(root)])
    assert result.exit_code == 0, result.stderr
    assert "0 remaining" in result.stderr
    for index in range(len(pairs)):
        path = root / f"forms{index}.go"
        path.write_bytes(_LISTENER.sub(rb"fake\1(", path.read_bytes()))
    calls = "".join(f"\tforms{index}()\n" for index in range(len(pairs)))
    (root / "main.go").write_text(f"{STAND_INS}\nfunc main() {{\n{calls}}}\n")
    (root / "go.mod").write_text("module roundtrip\n\ngo 1.19\n")
    printed = _go_run(root, go).splitlines()
    expected = [
        f"{index} {label} {_expected(pair[0] if family == 4 else pair[1])}"
        for index, pair in enumerate(pairs)
        for label, family, _ in FORMS
    ]
    assert printed == expected


@pytest.mark.parametrize(
    ("option", "text", "reason"),
    [
        ("--ipv6-address", "fe80::1%lo", "'fe80::1%lo' has a zone: zones are not supported"),
        ("--ipv6-address", "fe80::1%]", "'fe80::1%]' has a zone: zones are not supported"),
        ("--ipv6-address", "ff02::1", "'ff02::1' is a multicast address"),
        ("--address", "224.0.0.1", "'224.0.0.1' is a multicast address"),
        ("--address", "255.255.255.255", "'255.255.255.255' is the broadcast address"),
    ],
)
def test_an_address_go_would_not_bind_is_a_usage_error(
    tmp_path: Path, option: str, text: str, reason: str
) -> None:
    (tmp_path / "main.go").write_text(_file(0))
    before = (tmp_path / "main.go").read_bytes()
    result = invoke(["--apply", option, text, str(tmp_path)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"gofix-bind: error: {option}: {reason}\n"
    assert (tmp_path / "main.go").read_bytes() == before
