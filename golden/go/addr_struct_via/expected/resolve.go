// Tests addresses resolved from strings with net.ResolveTCPAddr and
// net.ResolveUDPAddr before reaching the struct listeners: the string is fixed
// as it would be for net.Listen.
package main

import (
	"log"
	"net"
)

func main() {
	// An empty host in the resolved string.
	addr, err := net.ResolveTCPAddr("tcp", "127.0.0.1:8080")
	if err != nil {
		log.Fatal(err)
	}
	a, err := net.ListenTCP("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(a)

	// The IPv4 unspecified address in the resolved string.
	addr2, err := net.ResolveTCPAddr("tcp4", "127.0.0.1:8081")
	if err != nil {
		log.Fatal(err)
	}
	b, err := net.ListenTCP("tcp4", addr2)
	if err != nil {
		log.Fatal(err)
	}
	go serve(b)

	// The IPv6 unspecified address in the resolved string.
	addr3, err := net.ResolveTCPAddr("tcp6", "[::1]:8082")
	if err != nil {
		log.Fatal(err)
	}
	c, err := net.ListenTCP("tcp6", addr3)
	if err != nil {
		log.Fatal(err)
	}
	go serve(c)

	// The string held in a constant first.
	const listenAddr = "127.0.0.1:8083"
	addr4, err := net.ResolveTCPAddr("tcp", listenAddr)
	if err != nil {
		log.Fatal(err)
	}
	d, err := net.ListenTCP("tcp", addr4)
	if err != nil {
		log.Fatal(err)
	}
	go serve(d)

	// ResolveUDPAddr feeding ListenUDP: reported, its fix unsafe.
	uaddr, err := net.ResolveUDPAddr("udp", ":5353")
	if err != nil {
		log.Fatal(err)
	}
	u, err := net.ListenUDP("udp", uaddr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(u)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
