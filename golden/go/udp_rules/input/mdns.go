// See server.go for what this case tests. An mDNS responder: it listens on
// port 5353 and joins the mDNS group with golang.org/x/net/ipv4.
package main

import (
	"log"
	"net"

	"golang.org/x/net/ipv4"
)

func browse() {
	c, err := net.ListenPacket("udp4", "0.0.0.0:5353")
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	p := ipv4.NewPacketConn(c)
	group := &net.UDPAddr{IP: net.IPv4(224, 0, 0, 251)}
	if err := p.JoinGroup(nil, group); err != nil {
		log.Fatal(err)
	}
}
