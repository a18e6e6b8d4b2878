// Tests the packet listeners (net.ListenPacket, net.ListenUDP, net.ListenIP,
// (*net.ListenConfig).ListenPacket) and when their loopback fix is unsafe.
// This file holds ordinary UDP servers on fixed ports: they serve local
// clients just as well on loopback, so their fix is safe and applied. The
// other files hold sockets that loopback would break, each reported with the
// reason and left unchanged without --unsafe-fixes: an mDNS receiver
// (mdns.go), QUIC-style client sockets on an ephemeral port (quic.go), a
// broadcast sender (broadcast.go), discovery protocols on their well-known
// ports (discovery.go), a listener in a multicast function (group.go), a file
// that names a multicast group (ssdp.go), the broadcast address (beacon.go)
// or net.FlagBroadcast (ifaces.go), and raw IP sockets (ping.go). Look-alikes
// not reported: loopback packet listeners. Names that say multicast in
// another function than the listener's do not make a listener unsafe
// (logMulticastStats below), and a TCP listener in a multicast file keeps
// its safe fix (ssdp.go).
package main

import (
	"log"
	"net"
)

func serveSyslog() {
	conn, err := net.ListenPacket("udp", ":9999")
	if err != nil {
		log.Fatal(err)
	}
	go serve(conn)

	u, err := net.ListenUDP("udp", &net.UDPAddr{Port: 514})
	if err != nil {
		log.Fatal(err)
	}
	go serve(u)

	u6, err := net.ListenUDP("udp6", &net.UDPAddr{IP: net.IPv6unspecified, Port: 8125})
	if err != nil {
		log.Fatal(err)
	}
	go serve(u6)

	local, err := net.ListenPacket("udp", "127.0.0.1:9998")
	if err != nil {
		log.Fatal(err)
	}
	defer local.Close()
}

func logMulticastStats(multicastPackets int) {
	log.Println("multicast packets seen:", multicastPackets)
}

func main() {
	serveSyslog()
	logMulticastStats(0)
	browse()
	dialQUIC()
	announce()
	discover()
	receiveGroup()
	search()
	beacon()
	serveDiscovery()
	ping()
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
