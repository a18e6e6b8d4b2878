// Tests net.ListenPacket with --unsafe-fixes: the unsafe loopback fix is applied
// to both the empty host and the IPv4 unspecified address.
package main

import (
	"log"
	"net"
)

func main() {
	a, err := net.ListenPacket("udp", "127.0.0.1:9999")
	if err != nil {
		log.Fatal(err)
	}
	b, err := net.ListenPacket("udp4", "127.0.0.1:5353")
	if err != nil {
		log.Fatal(err)
	}
	log.Println(a.LocalAddr(), b.LocalAddr())
	go serve(a)
	go serve(b)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
