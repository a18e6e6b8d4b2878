package main

import (
	"log"
	stdnet "net"
	ip "net/netip"
)

// Tests renamed net and net/netip imports with netip forms: the inserted
// code names net/netip by its alias, ip.
func aliasedNetip() {
	// ip.IPv4Unspecified() becomes ip.MustParseAddr("127.0.0.1").
	a, err := stdnet.ListenTCP("tcp", stdnet.TCPAddrFromAddrPort(ip.AddrPortFrom(ip.IPv4Unspecified(), 9000)))
	if err != nil {
		log.Fatal(err)
	}
	go serve(a)

	// The zero ip.Addr{} becomes ip.MustParseAddr("127.0.0.1").
	b, err := stdnet.ListenTCP("tcp", stdnet.TCPAddrFromAddrPort(ip.AddrPortFrom(ip.Addr{}, 9001)))
	if err != nil {
		log.Fatal(err)
	}
	go serve(b)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
