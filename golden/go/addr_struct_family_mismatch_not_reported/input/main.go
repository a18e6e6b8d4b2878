package main

import (
	"net"
	"net/netip"
)

func main() {
	// An IPv6 IP on tcp4 or udp4 makes the call fail with "non-IPv4 address": nothing listens.
	a, _ := net.ListenTCP("tcp4", &net.TCPAddr{IP: net.IPv6zero, Port: 80})
	b, _ := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv6unspecified, Port: 53})
	c, _ := net.ListenTCP("tcp4", net.TCPAddrFromAddrPort(netip.AddrPortFrom(netip.IPv6Unspecified(), 81)))
	_, _, _ = a, b, c
}
