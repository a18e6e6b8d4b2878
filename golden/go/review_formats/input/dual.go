package main

import (
	"log"
	"net"
)

// dualAddr serves an IPv6-only and an IPv4-only listener: no one loopback
// address fits both networks, so the finding has no fix.
const dualAddr = ":7070"

func dualStack() {
	l6, err := net.Listen("tcp6", dualAddr)
	if err != nil {
		log.Fatal(err)
	}
	l4, err := net.Listen("tcp4", dualAddr)
	if err != nil {
		log.Fatal(err)
	}
	log.Println(l6.Addr(), l4.Addr())
}
