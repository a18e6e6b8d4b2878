// See server.go for what this case tests. An SSDP client: the file names the
// SSDP multicast group, so its UDP socket is a multicast one. The TCP
// listener next to it is not a packet socket, and its fix is safe.
package main

import (
	"log"
	"net"
)

func search() {
	conn, err := net.ListenPacket("udp4", ":9600")
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	dst, err := net.ResolveUDPAddr("udp4", "239.255.255.250:1900")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := conn.WriteTo([]byte("M-SEARCH * HTTP/1.1\r\n\r\n"), dst); err != nil {
		log.Fatal(err)
	}

	l, err := net.Listen("tcp", "127.0.0.1:9601")
	if err != nil {
		log.Fatal(err)
	}
	go serve(l)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
