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
	go serve(a)

	// A UDPAddr with no IP field.
	b, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 5353})
	if err != nil {
		log.Fatal(err)
	}
	go serve(b)

	// A multi-line UDPAddr with no IP field.
	c, err := net.ListenUDP("udp4", &net.UDPAddr{
		IP:   net.IPv4(127, 0, 0, 1),
		Port: 5354,
	})
	if err != nil {
		log.Fatal(err)
	}
	go serve(c)

	// A UDPAddr with net.IPv4zero.
	d, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 5355})
	if err != nil {
		log.Fatal(err)
	}
	go serve(d)

	// udp6 with no IP field gets the IPv6 loopback.
	e, err := net.ListenUDP("udp6", &net.UDPAddr{IP: net.IPv6loopback, Port: 5356})
	if err != nil {
		log.Fatal(err)
	}
	go serve(e)

	// A UDPAddr held in a variable, with net.IPv6unspecified.
	uaddr := &net.UDPAddr{IP: net.IPv6loopback, Port: 5357}
	f, err := net.ListenUDP("udp", uaddr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(f)

	// A nil *net.IPAddr.
	g, err := net.ListenIP("ip4:icmp", &net.IPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	go serve(g)

	// An IPAddr with no IP field.
	h, err := net.ListenIP("ip4:icmp", &net.IPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	go serve(h)

	// An IPAddr with net.IPv4(0, 0, 0, 0).
	i, err := net.ListenIP("ip4:icmp", &net.IPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	go serve(i)

	// ip6 with a nil address gets the IPv6 loopback.
	j, err := net.ListenIP("ip6:ipv6-icmp", &net.IPAddr{IP: net.IPv6loopback})
	if err != nil {
		log.Fatal(err)
	}
	go serve(j)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
