// Tests a constant read by an IPv6-only and an IPv4-only listener: the same
// ":8080" serves both. No loopback address fits both networks ("[::1]:8080"
// fails for tcp4, "127.0.0.1:8080" for tcp6), so the finding has no fix and
// the file is left as it is.
package main

import (
	"log"
	"net"
)

const addr = ":8080"

func main() {
	l6, err := net.Listen("tcp6", addr)
	if err != nil {
		log.Fatal(err)
	}
	l4, err := net.Listen("tcp4", addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Println(l6.Addr(), l4.Addr())
}
