package main

import (
	"log"
	"net"
)

// A package-level address whose IP is unspecified.
var adminAddr = &net.TCPAddr{IP: net.IPv4zero, Port: 9000}

// Tests unspecified IPs reaching the listener through variables.
func vars() {
	// The package-level var above.
	a, err := net.ListenTCP("tcp", adminAddr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(a)

	// The IP held in a local variable first.
	ip := net.IPv4zero
	b, err := net.ListenTCP("tcp", &net.TCPAddr{IP: ip, Port: 9001})
	if err != nil {
		log.Fatal(err)
	}
	go serve(b)

	// The IP set later on a struct that had none.
	addr := &net.TCPAddr{Port: 9002}
	addr.IP = net.IPv4zero
	c, err := net.ListenTCP("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(c)

	// The IP set later on a struct value.
	var v net.TCPAddr
	v.Port = 9003
	v.IP = net.IPv6unspecified
	d, err := net.ListenTCP("tcp", &v)
	if err != nil {
		log.Fatal(err)
	}
	go serve(d)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
