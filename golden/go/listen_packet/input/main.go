// Tests net.ListenPacket: a UDP server on a fixed port gets a safe fix; packet
// sockets that loopback would break (see golden/udp_rules) do not.
package main

import (
	"log"
	"net"
)

func main() {
	conn, err := net.ListenPacket("udp", ":9999")
	if err != nil {
		log.Fatal(err)
	}
	go serve(conn)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
