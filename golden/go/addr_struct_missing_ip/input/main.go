// Tests address structs with no IP field: an IP field is inserted first, laid
// out as gofmt would lay it out.
package main

import (
	"log"
	"net"
)

func main() {
	// A single-line literal with only a port: the field goes inline.
	a, err := net.ListenTCP("tcp", &net.TCPAddr{Port: 8080})
	if err != nil {
		log.Fatal(err)
	}
	go serve(a)

	// An empty literal: the field becomes its only element.
	b, err := net.ListenTCP("tcp", &net.TCPAddr{})
	if err != nil {
		log.Fatal(err)
	}
	go serve(b)

	// A multi-line literal with aligned values: the field gets its own line,
	// value column aligned with the others.
	c, err := net.ListenTCP("tcp", &net.TCPAddr{
		Port: 8082,
		Zone: "",
	})
	if err != nil {
		log.Fatal(err)
	}
	go serve(c)

	// A multi-line literal whose first line is a comment.
	d, err := net.ListenTCP("tcp", &net.TCPAddr{
		// The admin port.
		Port: 8083,
	})
	if err != nil {
		log.Fatal(err)
	}
	go serve(d)

	// A multi-line literal whose first element spans several lines.
	e, err := net.ListenTCP("tcp", &net.TCPAddr{
		Port: portFor(
			"metrics",
		),
		Zone: "",
	})
	if err != nil {
		log.Fatal(err)
	}
	go serve(e)
}

func portFor(name string) int {
	if name == "metrics" {
		return 9090
	}
	return 8080
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
