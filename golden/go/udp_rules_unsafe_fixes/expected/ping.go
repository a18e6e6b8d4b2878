// See server.go for what this case tests. Raw IP sockets, as ping uses:
// they exchange packets with remote hosts.
package main

import (
	"log"
	"net"
)

func ping() {
	icmp, err := net.ListenPacket("ip4:icmp", "127.0.0.1")
	if err != nil {
		log.Fatal(err)
	}
	go serve(icmp)

	raw, err := net.ListenIP("ip4:1", &net.IPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	go serve(raw)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
