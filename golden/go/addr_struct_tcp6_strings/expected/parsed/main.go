package main

import (
	"net"
	"net/netip"
)

func main() {
	a, _ := net.ListenTCP("tcp6", &net.TCPAddr{IP: net.ParseIP("::1"), Port: 84})
	b, _ := net.ListenTCP("tcp6", net.TCPAddrFromAddrPort(netip.MustParseAddrPort("[::1]:80")))
	c, _ := net.ListenTCP("tcp6", net.TCPAddrFromAddrPort(netip.AddrPortFrom(netip.MustParseAddr("::1"), 81)))
	_, _, _ = a, b, c
}
