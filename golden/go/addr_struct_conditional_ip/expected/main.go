package main

import (
	"net"
	"os"
)

func main() {
	addr := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 82}
	if os.Getenv("LOCAL") != "" {
		addr.IP = net.IPv4(127, 0, 0, 1)
	}
	l, _ := net.ListenTCP("tcp", addr)
	_ = l
}
