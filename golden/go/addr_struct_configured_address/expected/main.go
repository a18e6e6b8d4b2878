// Tests --address 10.0.0.5 --ipv6-address fd00::5 with the struct listeners:
// the IPv4 address is written with net.IPv4, the IPv6 one with net.ParseIP.
package main

import (
	"log"
	"net"
)

func main() {
	// A nil address on tcp.
	a, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(10, 0, 0, 5)})
	if err != nil {
		log.Fatal(err)
	}
	go serve(a)

	// A nil address on tcp6.
	b, err := net.ListenTCP("tcp6", &net.TCPAddr{IP: net.ParseIP("fd00::5")})
	if err != nil {
		log.Fatal(err)
	}
	go serve(b)

	// No IP field on tcp.
	c, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(10, 0, 0, 5), Port: 8082})
	if err != nil {
		log.Fatal(err)
	}
	go serve(c)

	// No IP field in a multi-line literal on tcp6.
	d, err := net.ListenTCP("tcp6", &net.TCPAddr{
		IP:   net.ParseIP("fd00::5"),
		Port: 8083,
	})
	if err != nil {
		log.Fatal(err)
	}
	go serve(d)

	// net.IPv4zero.
	e, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(10, 0, 0, 5), Port: 8084})
	if err != nil {
		log.Fatal(err)
	}
	go serve(e)

	// net.IPv6zero.
	f, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.ParseIP("fd00::5"), Port: 8085})
	if err != nil {
		log.Fatal(err)
	}
	go serve(f)

	// net.IPv4(0, 0, 0, 0).
	g, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(10, 0, 0, 5), Port: 8086})
	if err != nil {
		log.Fatal(err)
	}
	go serve(g)

	// net.ParseIP("0.0.0.0") and net.ParseIP("::"): only the strings change.
	h, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.ParseIP("10.0.0.5"), Port: 8087})
	if err != nil {
		log.Fatal(err)
	}
	go serve(h)
	i, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.ParseIP("fd00::5"), Port: 8088})
	if err != nil {
		log.Fatal(err)
	}
	go serve(i)

	// A resolved string, held in a constant.
	const listenAddr = "10.0.0.5:8089"
	addr, err := net.ResolveTCPAddr("tcp", listenAddr)
	if err != nil {
		log.Fatal(err)
	}
	j, err := net.ListenTCP("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(j)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
