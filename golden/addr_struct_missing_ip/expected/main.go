// Tests address structs with no IP field: an IP field is inserted first, laid
// out as gofmt would lay it out.
package main

import (
	"log"
	"net"
)

func main() {
	// A single-line literal with only a port: the field goes inline.
	a, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080})
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()

	// An empty literal: the field becomes its only element.
	b, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	defer b.Close()

	// A multi-line literal with aligned values: the field gets its own line,
	// value column aligned with the others.
	c, err := net.ListenTCP("tcp", &net.TCPAddr{
		IP:   net.IPv4(127, 0, 0, 1),
		Port: 8082,
		Zone: "",
	})
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	// A multi-line literal whose first line is a comment.
	d, err := net.ListenTCP("tcp", &net.TCPAddr{
		IP: net.IPv4(127, 0, 0, 1),
		// The admin port.
		Port: 8083,
	})
	if err != nil {
		log.Fatal(err)
	}
	defer d.Close()

	// A multi-line literal whose first element spans several lines.
	e, err := net.ListenTCP("tcp", &net.TCPAddr{
		IP: net.IPv4(127, 0, 0, 1),
		Port: portFor(
			"metrics",
		),
		Zone: "",
	})
	if err != nil {
		log.Fatal(err)
	}
	defer e.Close()
}

func portFor(name string) int {
	if name == "metrics" {
		return 9090
	}
	return 8080
}
