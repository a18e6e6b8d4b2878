// See server.go for what this case tests. Client sockets on an ephemeral
// port, as QUIC and DNS clients open them: they send to remote hosts, which
// they cannot do from loopback.
package main

import (
	"log"
	"net"
)

func dialQUIC() {
	udpConn, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer udpConn.Close()

	empty, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer empty.Close()

	none, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	defer none.Close()

	noPort, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	defer noPort.Close()
}
