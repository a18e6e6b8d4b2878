// Tests the packet listeners of golden/udp_rules with --unsafe-fixes: the
// sockets whose loopback fix is unsafe (an mDNS receiver in mdns.go, QUIC-style
// client sockets on an ephemeral port in quic.go, a broadcast sender in
// broadcast.go, discovery protocols on their well-known ports in
// discovery.go, a listener in a multicast function in group.go, files that
// name a multicast group in ssdp.go, the broadcast address in beacon.go or
// net.FlagBroadcast in ifaces.go, raw IP sockets in ping.go) are still
// reported with their reason, and now fixed like the ordinary UDP servers of
// this file. Look-alikes not reported: loopback packet listeners.
package main

import (
	"log"
	"net"
)

func serveSyslog() {
	conn, err := net.ListenPacket("udp", "127.0.0.1:9999")
	if err != nil {
		log.Fatal(err)
	}
	go serve(conn)

	u, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 514})
	if err != nil {
		log.Fatal(err)
	}
	go serve(u)

	u6, err := net.ListenUDP("udp6", &net.UDPAddr{IP: net.IPv6loopback, Port: 8125})
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
