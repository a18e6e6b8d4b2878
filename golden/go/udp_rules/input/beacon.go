// See server.go for what this case tests. A beacon that sends to the
// broadcast address 255.255.255.255.
package main

import (
	"log"
	"net"
)

func beacon() {
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{Port: 9700})
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	dst := &net.UDPAddr{IP: net.ParseIP("255.255.255.255"), Port: 9700}
	if _, err := conn.WriteToUDP([]byte("hello"), dst); err != nil {
		log.Fatal(err)
	}
}
