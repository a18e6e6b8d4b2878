// See server.go for what this case tests. A listener in a function whose
// name says multicast.
package main

import (
	"log"
	"net"
)

func receiveGroup() {
	listenMulticast()
}

func listenMulticast() {
	conn, err := net.ListenPacket("udp", ":9500")
	if err != nil {
		log.Fatal(err)
	}
	go serve(conn)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
