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
	defer t.Close()

	// A nil address on tcp4 gets the IPv4 loopback too.
	t4, err := net.ListenTCP("tcp4", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	defer t4.Close()

	// A nil address on tcp6 gets the IPv6 loopback.
	t6, err := net.ListenTCP("tcp6", &net.TCPAddr{IP: net.IPv6loopback})
	if err != nil {
		log.Fatal(err)
	}
	defer t6.Close()

	// ListenUDP with a nil address is reported, its fix unsafe.
	u, err := net.ListenUDP("udp", nil)
	if err != nil {
		log.Fatal(err)
	}
	defer u.Close()

	// ListenIP with a nil address is reported, its fix unsafe.
	i, err := net.ListenIP("ip4:icmp", nil)
	if err != nil {
		log.Fatal(err)
	}
	defer i.Close()
}
