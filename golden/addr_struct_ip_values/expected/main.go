// Tests address structs whose IP is an unspecified address: only the IP
// expression changes.
package main

import (
	"log"
	"net"
)

func main() {
	// net.IPv4zero becomes the IPv4 loopback.
	a, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080})
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()

	// net.IPv6zero becomes net.IPv6loopback.
	b, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv6loopback, Port: 8081})
	if err != nil {
		log.Fatal(err)
	}
	defer b.Close()

	// net.IPv6unspecified becomes net.IPv6loopback.
	c, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv6loopback, Port: 8082})
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	// net.IPv4(0, 0, 0, 0) becomes net.IPv4(127, 0, 0, 1).
	d, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8083})
	if err != nil {
		log.Fatal(err)
	}
	defer d.Close()

	// net.ParseIP("0.0.0.0"): only the string changes.
	e, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 8084})
	if err != nil {
		log.Fatal(err)
	}
	defer e.Close()

	// net.ParseIP("::"): only the string changes.
	f, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.ParseIP("::1"), Port: 8085})
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()

	// An explicit IP: nil is replaced by the IP expression.
	g, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8086})
	if err != nil {
		log.Fatal(err)
	}
	defer g.Close()

	// A positional literal with a nil IP.
	h, err := net.ListenTCP("tcp", &net.TCPAddr{net.IPv4(127, 0, 0, 1), 8087, ""})
	if err != nil {
		log.Fatal(err)
	}
	defer h.Close()

	// A positional literal with net.IPv4zero.
	i, err := net.ListenTCP("tcp", &net.TCPAddr{net.IPv4(127, 0, 0, 1), 8088, ""})
	if err != nil {
		log.Fatal(err)
	}
	defer i.Close()

	// tcp6 with net.IPv4zero: Go listens on [::], so the IPv6 loopback.
	j, err := net.ListenTCP("tcp6", &net.TCPAddr{IP: net.IPv6loopback, Port: 8089})
	if err != nil {
		log.Fatal(err)
	}
	defer j.Close()

	// A multi-line literal whose IP is net.IPv4zero.
	k, err := net.ListenTCP("tcp", &net.TCPAddr{
		IP:   net.IPv4(127, 0, 0, 1),
		Port: 8090,
	})
	if err != nil {
		log.Fatal(err)
	}
	defer k.Close()
}
