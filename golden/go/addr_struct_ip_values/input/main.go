// Tests address structs whose IP is an unspecified address: only the IP
// expression changes.
package main

import (
	"log"
	"net"
)

func main() {
	// net.IPv4zero becomes the IPv4 loopback.
	a, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4zero, Port: 8080})
	if err != nil {
		log.Fatal(err)
	}
	go serve(a)

	// net.IPv6zero becomes net.IPv6loopback.
	b, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv6zero, Port: 8081})
	if err != nil {
		log.Fatal(err)
	}
	go serve(b)

	// net.IPv6unspecified becomes net.IPv6loopback.
	c, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv6unspecified, Port: 8082})
	if err != nil {
		log.Fatal(err)
	}
	go serve(c)

	// net.IPv4(0, 0, 0, 0) becomes net.IPv4(127, 0, 0, 1).
	d, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(0, 0, 0, 0), Port: 8083})
	if err != nil {
		log.Fatal(err)
	}
	go serve(d)

	// net.ParseIP("0.0.0.0"): only the string changes.
	e, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.ParseIP("0.0.0.0"), Port: 8084})
	if err != nil {
		log.Fatal(err)
	}
	go serve(e)

	// net.ParseIP("::"): only the string changes.
	f, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.ParseIP("::"), Port: 8085})
	if err != nil {
		log.Fatal(err)
	}
	go serve(f)

	// An explicit IP: nil is replaced by the IP expression.
	g, err := net.ListenTCP("tcp", &net.TCPAddr{IP: nil, Port: 8086})
	if err != nil {
		log.Fatal(err)
	}
	go serve(g)

	// A positional literal with a nil IP.
	h, err := net.ListenTCP("tcp", &net.TCPAddr{nil, 8087, ""})
	if err != nil {
		log.Fatal(err)
	}
	go serve(h)

	// A positional literal with net.IPv4zero.
	i, err := net.ListenTCP("tcp", &net.TCPAddr{net.IPv4zero, 8088, ""})
	if err != nil {
		log.Fatal(err)
	}
	go serve(i)

	// tcp6 with net.IPv4zero: Go listens on [::], so the IPv6 loopback.
	j, err := net.ListenTCP("tcp6", &net.TCPAddr{IP: net.IPv4zero, Port: 8089})
	if err != nil {
		log.Fatal(err)
	}
	go serve(j)

	// A multi-line literal whose IP is net.IPv4zero.
	k, err := net.ListenTCP("tcp", &net.TCPAddr{
		IP:   net.IPv4zero,
		Port: 8090,
	})
	if err != nil {
		log.Fatal(err)
	}
	go serve(k)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
