package main

import (
	"net"
	"net/netip"
)

func main() {
	a, _ := net.ListenTCP("tcp6", &net.TCPAddr{IP: net.ParseIP("0.0.0.0"), Port: 84})
	b, _ := net.ListenTCP("tcp6", net.TCPAddrFromAddrPort(netip.MustParseAddrPort("0.0.0.0:80")))
	c, _ := net.ListenTCP("tcp6", net.TCPAddrFromAddrPort(netip.AddrPortFrom(netip.MustParseAddr("0.0.0.0"), 81)))
	_, _, _ = a, b, c
}
