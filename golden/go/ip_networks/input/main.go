// Tests raw IP networks, whose addresses are a bare host with no port: the
// unspecified host alone is replaced by loopback of the network's family, and
// an empty address becomes the bare loopback host.
package main

import (
	"log"
	"net"
)

func main() {
	v4, err := net.ListenPacket("ip4:icmp", "0.0.0.0")
	if err != nil {
		log.Fatal(err)
	}
	v6, err := net.ListenPacket("ip6:ipv6-icmp", "::")
	if err != nil {
		log.Fatal(err)
	}
	all, err := net.ListenPacket("ip4:1", "")
	if err != nil {
		log.Fatal(err)
	}
	log.Println(v4.LocalAddr(), v6.LocalAddr(), all.LocalAddr())
	go serve(v4)
	go serve(v6)
	go serve(all)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
