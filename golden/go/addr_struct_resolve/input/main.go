// Tests addresses resolved from strings with net.ResolveTCPAddr and
// net.ResolveUDPAddr before reaching the struct listeners: the string is fixed
// as it would be for net.Listen.
package main

import (
	"log"
	"net"
)

func main() {
	// An empty host, the string held in a constant.
	const listenAddr = ":8080"
	addr, err := net.ResolveTCPAddr("tcp", listenAddr)
	if err != nil {
		log.Fatal(err)
	}
	a, err := net.ListenTCP("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(a)

	// The IPv4 unspecified address, the string held in a variable.
	hostPort := "0.0.0.0:8081"
	addr2, err := net.ResolveTCPAddr("tcp4", hostPort)
	if err != nil {
		log.Fatal(err)
	}
	b, err := net.ListenTCP("tcp4", addr2)
	if err != nil {
		log.Fatal(err)
	}
	go serve(b)

	// The IPv6 unspecified address on tcp6.
	const v6Addr = "[::]:8082"
	addr3, err := net.ResolveTCPAddr("tcp6", v6Addr)
	if err != nil {
		log.Fatal(err)
	}
	c, err := net.ListenTCP("tcp6", addr3)
	if err != nil {
		log.Fatal(err)
	}
	go serve(c)

	// An empty host on tcp6 gets the IPv6 loopback.
	const v6Empty = ":8083"
	addr4, err := net.ResolveTCPAddr("tcp6", v6Empty)
	if err != nil {
		log.Fatal(err)
	}
	d, err := net.ListenTCP("tcp6", addr4)
	if err != nil {
		log.Fatal(err)
	}
	go serve(d)

	// ResolveUDPAddr feeding ListenUDP: reported, its fix unsafe.
	const udpAddr = ":5353"
	uaddr, err := net.ResolveUDPAddr("udp", udpAddr)
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
