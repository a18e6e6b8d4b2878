// Tests net/netip addresses converted with net.TCPAddrFromAddrPort and
// net.UDPAddrFromAddrPort before reaching the struct listeners.
package main

import (
	"log"
	"net"
	"net/netip"
)

func main() {
	// MustParseAddrPort with 0.0.0.0: only the string changes.
	a, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(netip.MustParseAddrPort("0.0.0.0:80")))
	if err != nil {
		log.Fatal(err)
	}
	go serve(a)

	// MustParseAddrPort with [::]: only the string changes.
	b, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(netip.MustParseAddrPort("[::]:81")))
	if err != nil {
		log.Fatal(err)
	}
	go serve(b)

	// IPv4Unspecified() becomes MustParseAddr("127.0.0.1").
	c, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(netip.AddrPortFrom(netip.IPv4Unspecified(), 82)))
	if err != nil {
		log.Fatal(err)
	}
	go serve(c)

	// IPv6Unspecified() becomes MustParseAddr("::1").
	d, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(netip.AddrPortFrom(netip.IPv6Unspecified(), 83)))
	if err != nil {
		log.Fatal(err)
	}
	go serve(d)

	// The zero netip.Addr{} listens everywhere too.
	e, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(netip.AddrPortFrom(netip.Addr{}, 84)))
	if err != nil {
		log.Fatal(err)
	}
	go serve(e)

	// MustParseAddr("::"): only the string changes.
	f, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(netip.AddrPortFrom(netip.MustParseAddr("::"), 85)))
	if err != nil {
		log.Fatal(err)
	}
	go serve(f)

	// tcp6 with IPv4Unspecified(): Go listens on [::], so the IPv6 loopback.
	g, err := net.ListenTCP("tcp6", net.TCPAddrFromAddrPort(netip.AddrPortFrom(netip.IPv4Unspecified(), 86)))
	if err != nil {
		log.Fatal(err)
	}
	go serve(g)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
