// Tests a renamed net import: the inserted code names the package by its
// alias, stdnet.
package main

import (
	"log"
	stdnet "net"
)

func main() {
	// A nil address.
	a, err := stdnet.ListenTCP("tcp", &stdnet.TCPAddr{IP: stdnet.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	go serve(a)

	// No IP field, inline.
	b, err := stdnet.ListenTCP("tcp", &stdnet.TCPAddr{IP: stdnet.IPv4(127, 0, 0, 1), Port: 8081})
	if err != nil {
		log.Fatal(err)
	}
	go serve(b)

	// No IP field, multi-line, on tcp6.
	c, err := stdnet.ListenTCP("tcp6", &stdnet.TCPAddr{
		IP:   stdnet.IPv6loopback,
		Port: 8082,
	})
	if err != nil {
		log.Fatal(err)
	}
	go serve(c)

	// stdnet.IPv4zero and stdnet.IPv6unspecified.
	d, err := stdnet.ListenTCP("tcp", &stdnet.TCPAddr{IP: stdnet.IPv4(127, 0, 0, 1), Port: 8083})
	if err != nil {
		log.Fatal(err)
	}
	go serve(d)
	e, err := stdnet.ListenTCP("tcp", &stdnet.TCPAddr{IP: stdnet.IPv6loopback, Port: 8084})
	if err != nil {
		log.Fatal(err)
	}
	go serve(e)

	// An explicit IP: nil.
	f, err := stdnet.ListenTCP("tcp", &stdnet.TCPAddr{IP: stdnet.IPv4(127, 0, 0, 1), Port: 8085})
	if err != nil {
		log.Fatal(err)
	}
	go serve(f)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
