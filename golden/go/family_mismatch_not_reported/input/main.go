// Tests an IPv6-only network given an IPv4 unspecified address: Go filters the
// address out ("no suitable address found") and the call fails, so nothing
// listens on any interface and nothing is reported or rewritten.
package main

import (
	"log"
	"net"
)

func main() {
	a, err := net.Listen("tcp6", "0.0.0.0:8080")
	log.Println(a, err)
	b, err := net.Listen("tcp6", "[::ffff:0.0.0.0]:8081")
	log.Println(b, err)
	c, err := net.ListenPacket("udp6", "0.0.0.0:5353")
	log.Println(c, err)
}
