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
	go serve(a)

	// The AddrPort held in a variable, its text in a constant.
	const apText = "127.0.0.1:91"
	ap := netip.MustParseAddrPort(apText)
	b, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(ap))
	if err != nil {
		log.Fatal(err)
	}
	go serve(b)

	// The converted *net.TCPAddr held in a variable.
	tcpAddr := net.TCPAddrFromAddrPort(netip.AddrPortFrom(netip.MustParseAddr("::1"), 92))
	c, err := net.ListenTCP("tcp", tcpAddr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(c)
}

// Tests net.UDPAddrFromAddrPort: reported, its fix unsafe.
func udp() {
	u, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(netip.AddrPortFrom(netip.IPv4Unspecified(), 5353)))
	if err != nil {
		log.Fatal(err)
	}
	go serve(u)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
