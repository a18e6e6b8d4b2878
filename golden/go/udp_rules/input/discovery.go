// See server.go for what this case tests. Well-known ports of multicast and
// broadcast protocols: SSDP, LLMNR, WS-Discovery, NetBIOS, DHCP.
package main

import (
	"log"
	"net"
)

func discover() {
	ssdp, err := net.ListenPacket("udp4", ":1900")
	if err != nil {
		log.Fatal(err)
	}
	go serve(ssdp)

	llmnr, err := net.ListenUDP("udp", &net.UDPAddr{Port: 5355})
	if err != nil {
		log.Fatal(err)
	}
	go serve(llmnr)

	wsd, err := net.ListenPacket("udp", "0.0.0.0:3702")
	if err != nil {
		log.Fatal(err)
	}
	go serve(wsd)

	netbios, err := net.ListenPacket("udp4", ":137")
	if err != nil {
		log.Fatal(err)
	}
	go serve(netbios)

	dhcp, err := net.ListenPacket("udp4", "0.0.0.0:67")
	if err != nil {
		log.Fatal(err)
	}
	go serve(dhcp)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
