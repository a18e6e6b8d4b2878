package main

import (
	"log"
	"net"
	"net/netip"
)

// Tests netip values held in variables before reaching the listener.
func vars() {
	// The Addr held in a variable.
	addr := netip.MustParseAddr("127.0.0.1")
	a, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(netip.AddrPortFrom(addr, 90)))
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()

	// The AddrPort held in a variable, its text in a constant.
	const apText = "127.0.0.1:91"
	ap := netip.MustParseAddrPort(apText)
	b, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(ap))
	if err != nil {
		log.Fatal(err)
	}
	defer b.Close()

	// The converted *net.TCPAddr held in a variable.
	tcpAddr := net.TCPAddrFromAddrPort(netip.AddrPortFrom(netip.MustParseAddr("::1"), 92))
	c, err := net.ListenTCP("tcp", tcpAddr)
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
}

// Tests net.UDPAddrFromAddrPort: reported, its fix unsafe.
func udp() {
	u, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(netip.AddrPortFrom(netip.IPv4Unspecified(), 5353)))
	if err != nil {
		log.Fatal(err)
	}
	defer u.Close()
}
