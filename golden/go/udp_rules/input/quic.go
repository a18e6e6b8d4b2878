// See server.go for what this case tests. Client sockets on an ephemeral
// port, as QUIC and DNS clients open them: they send to remote hosts, which
// they cannot do from loopback.
package main

import (
	"log"
	"net"
)

func dialQUIC() {
	udpConn, err := net.ListenPacket("udp", ":0")
	if err != nil {
		log.Fatal(err)
	}
	go serve(udpConn)

	empty, err := net.ListenPacket("udp", "")
	if err != nil {
		log.Fatal(err)
	}
	go serve(empty)

	none, err := net.ListenUDP("udp", nil)
	if err != nil {
		log.Fatal(err)
	}
	go serve(none)

	noPort, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4zero})
	if err != nil {
		log.Fatal(err)
	}
	go serve(noPort)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
