// Tests ListenUDP and ListenIP, whose fixes are unsafe (UDP sockets are often
// clients): with --unsafe-fixes they are applied.
package main

import (
	"log"
	"net"
)

func main() {
	// A nil *net.UDPAddr.
	a, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()

	// A UDPAddr with no IP field.
	b, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 5353})
	if err != nil {
		log.Fatal(err)
	}
	defer b.Close()

	// A multi-line UDPAddr with no IP field.
	c, err := net.ListenUDP("udp4", &net.UDPAddr{
		IP:   net.IPv4(127, 0, 0, 1),
		Port: 5354,
	})
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	// A UDPAddr with net.IPv4zero.
	d, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 5355})
	if err != nil {
		log.Fatal(err)
	}
	defer d.Close()

	// udp6 with no IP field gets the IPv6 loopback.
	e, err := net.ListenUDP("udp6", &net.UDPAddr{IP: net.IPv6loopback, Port: 5356})
	if err != nil {
		log.Fatal(err)
	}
	defer e.Close()

	// A UDPAddr held in a variable, with net.IPv6unspecified.
	uaddr := &net.UDPAddr{IP: net.IPv6loopback, Port: 5357}
	f, err := net.ListenUDP("udp", uaddr)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()

	// A nil *net.IPAddr.
	g, err := net.ListenIP("ip4:icmp", &net.IPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	defer g.Close()

	// An IPAddr with no IP field.
	h, err := net.ListenIP("ip4:icmp", &net.IPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	defer h.Close()

	// An IPAddr with net.IPv4(0, 0, 0, 0).
	i, err := net.ListenIP("ip4:icmp", &net.IPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	defer i.Close()

	// ip6 with a nil address gets the IPv6 loopback.
	j, err := net.ListenIP("ip6:ipv6-icmp", &net.IPAddr{IP: net.IPv6loopback})
	if err != nil {
		log.Fatal(err)
	}
	defer j.Close()
}
