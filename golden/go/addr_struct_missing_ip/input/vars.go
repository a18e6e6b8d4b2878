package main

import (
	"log"
	"net"
)

// A package-level address with no IP field.
var metricsAddr = net.TCPAddr{
	Port: 9200,
}

// Tests address structs with no IP field held in variables first.
func vars() {
	// A pointer held in a variable.
	addr := &net.TCPAddr{Port: 9000}
	a, err := net.ListenTCP("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(a)

	// A value held in a variable, its address taken at the call.
	v := net.TCPAddr{Port: 9001}
	b, err := net.ListenTCP("tcp", &v)
	if err != nil {
		log.Fatal(err)
	}
	go serve(b)

	// A multi-line value held in a var declaration.
	var w = net.TCPAddr{
		Port: 9002,
	}
	c, err := net.ListenTCP("tcp", &w)
	if err != nil {
		log.Fatal(err)
	}
	go serve(c)

	// The package-level var above.
	d, err := net.ListenTCP("tcp", &metricsAddr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(d)
}

// Tests tcp6 with no IP field: the IPv6 loopback is inserted.
func tcp6() {
	// An inline literal on tcp6.
	a, err := net.ListenTCP("tcp6", &net.TCPAddr{Port: 9100})
	if err != nil {
		log.Fatal(err)
	}
	go serve(a)

	// A multi-line literal on tcp6, held in a variable.
	addr := &net.TCPAddr{
		Port: 9101,
	}
	b, err := net.ListenTCP("tcp6", addr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(b)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
