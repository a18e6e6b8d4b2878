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
	defer a.Close()

	// No IP field, inline.
	b, err := stdnet.ListenTCP("tcp", &stdnet.TCPAddr{IP: stdnet.IPv4(127, 0, 0, 1), Port: 8081})
	if err != nil {
		log.Fatal(err)
	}
	defer b.Close()

	// No IP field, multi-line, on tcp6.
	c, err := stdnet.ListenTCP("tcp6", &stdnet.TCPAddr{
		IP:   stdnet.IPv6loopback,
		Port: 8082,
	})
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	// stdnet.IPv4zero and stdnet.IPv6unspecified.
	d, err := stdnet.ListenTCP("tcp", &stdnet.TCPAddr{IP: stdnet.IPv4(127, 0, 0, 1), Port: 8083})
	if err != nil {
		log.Fatal(err)
	}
	defer d.Close()
	e, err := stdnet.ListenTCP("tcp", &stdnet.TCPAddr{IP: stdnet.IPv6loopback, Port: 8084})
	if err != nil {
		log.Fatal(err)
	}
	defer e.Close()

	// An explicit IP: nil.
	f, err := stdnet.ListenTCP("tcp", &stdnet.TCPAddr{IP: stdnet.IPv4(127, 0, 0, 1), Port: 8085})
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
}
