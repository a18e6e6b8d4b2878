// Tests net/netip look-alikes that must not be reported: the unspecified
// address only compared, loopback and specific addresses, and netip values
// used for dialing or only printed.
package main

import (
	"log"
	"net"
	"net/netip"
)

// isUnspecified only compares against netip.IPv4Unspecified().
func isUnspecified(a netip.Addr) bool {
	return a == netip.IPv4Unspecified() || a == netip.IPv6Unspecified()
}

// lookupAddr returns an AddrPort; the call site is not followed into it.
func lookupAddr() netip.AddrPort {
	return netip.AddrPortFrom(netip.IPv4Unspecified(), 9000)
}

func main() {
	// A loopback AddrPort.
	a, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(netip.MustParseAddrPort("127.0.0.1:80")))
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()

	// A loopback IPv6 AddrPort.
	b, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(netip.MustParseAddrPort("[::1]:81")))
	if err != nil {
		log.Fatal(err)
	}
	defer b.Close()

	// IPv6Loopback() and a specific address.
	c, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(netip.AddrPortFrom(netip.IPv6Loopback(), 82)))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	d, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(netip.AddrPortFrom(netip.MustParseAddr("10.1.2.3"), 83)))
	if err != nil {
		log.Fatal(err)
	}
	defer d.Close()

	// An AddrPort returned by a function is not followed.
	e, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(lookupAddr()))
	if err != nil {
		log.Fatal(err)
	}
	defer e.Close()

	// The unspecified address as a remote address for dialing.
	u, err := net.DialUDP("udp", nil, net.UDPAddrFromAddrPort(netip.AddrPortFrom(netip.IPv4Unspecified(), 53)))
	if err != nil {
		log.Fatal(err)
	}
	defer u.Close()
	t, err := net.DialTCP("tcp", nil, net.TCPAddrFromAddrPort(netip.MustParseAddrPort("0.0.0.0:84")))
	if err != nil {
		log.Fatal(err)
	}
	defer t.Close()

	// Values only printed.
	zero := netip.Addr{}
	any := netip.MustParseAddrPort("0.0.0.0:85")
	log.Println(zero, any, isUnspecified(netip.IPv4Unspecified()))
}
