// Tests net.ListenPacket: its loopback fix is unsafe (UDP clients and multicast
// receivers break on loopback), so it is reported but not applied without
// --unsafe-fixes, and the file stays unchanged.
package main

import (
	"log"
	"net"
)

func main() {
	conn, err := net.ListenPacket("udp", "127.0.0.1:9999")
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
}
