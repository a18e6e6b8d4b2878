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
	defer ssdp.Close()

	llmnr, err := net.ListenUDP("udp", &net.UDPAddr{Port: 5355})
	if err != nil {
		log.Fatal(err)
	}
	defer llmnr.Close()

	wsd, err := net.ListenPacket("udp", "0.0.0.0:3702")
	if err != nil {
		log.Fatal(err)
	}
	defer wsd.Close()

	netbios, err := net.ListenPacket("udp4", ":137")
	if err != nil {
		log.Fatal(err)
	}
	defer netbios.Close()

	dhcp, err := net.ListenPacket("udp4", "0.0.0.0:67")
	if err != nil {
		log.Fatal(err)
	}
	defer dhcp.Close()
}
