// Tests IPv6 spellings of the unspecified address, which all become [::1],
// and the network's suffix deciding the loopback family: tcp6 with an empty
// host gets [::1], and tcp4 with an IPv4-mapped IPv6 host or [::] (which Go
// falls back to 0.0.0.0 for) gets 127.0.0.1.
package main

import (
	"log"
	"net"
)

func main() {
	a, _ := net.Listen("tcp", "[::]:80")
	b, _ := net.Listen("tcp", "[::0]:81")
	c, _ := net.Listen("tcp", "[0:0:0:0:0:0:0:0]:82")
	d, _ := net.Listen("tcp", "[::ffff:0.0.0.0]:83")
	e, _ := net.Listen("tcp6", ":84")
	f, _ := net.Listen("tcp4", "[::ffff:0.0.0.0]:85")
	g, _ := net.Listen("tcp6", "[::]:86")
	h, _ := net.Listen("tcp4", "[::]:88")
	k, _ := net.Listen("tcp", "[::1]:87")
	log.Println(a, b, c, d, e, f, g, h, k)
}
