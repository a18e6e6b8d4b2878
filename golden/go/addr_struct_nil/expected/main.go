// Tests a nil local address passed to the struct listeners: each is replaced
// by an address struct holding the loopback IP.
package main

import (
	"log"
	"net"
)

func main() {
	// A nil *net.TCPAddr listens on every interface.
	t, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	go serve(t)

	// A nil address on tcp4 gets the IPv4 loopback too.
	t4, err := net.ListenTCP("tcp4", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	go serve(t4)

	// A nil address on tcp6 gets the IPv6 loopback.
	t6, err := net.ListenTCP("tcp6", &net.TCPAddr{IP: net.IPv6loopback})
	if err != nil {
		log.Fatal(err)
	}
	go serve(t6)

	// ListenUDP with a nil address is reported, its fix unsafe.
	u, err := net.ListenUDP("udp", nil)
	if err != nil {
		log.Fatal(err)
	}
	go serve(u)

	// ListenIP with a nil address is reported, its fix unsafe.
	i, err := net.ListenIP("ip4:icmp", nil)
	if err != nil {
		log.Fatal(err)
	}
	go serve(i)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
