// Tests look-alikes of the address-struct listeners that must not be
// reported: net.IPv4zero as an error placeholder, in a comparison or as a
// remote address; a nil local address for dialing; loopback and specific IPs;
// a struct of our own type with an IP field; an address returned by a function.
package main

import (
	"errors"
	"log"
	"net"
)

// server is our own type with an IP field, not a net.TCPAddr.
type server struct {
	IP   net.IP
	Port int
}

// parseIP returns net.IPv4zero as a placeholder beside an error.
func parseIP(s string) (net.IP, error) {
	ip := net.ParseIP(s)
	if ip == nil {
		return net.IPv4zero, errors.New("bad IP")
	}
	return ip, nil
}

// isWildcard compares against net.IPv4zero.
func isWildcard(ip net.IP) bool {
	if ip.Equal(net.IPv4zero) {
		return true
	}
	return ip.Equal(net.IPv6unspecified)
}

// listenAddr returns an address; the call site is not followed into it.
func listenAddr() *net.TCPAddr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9000}
}

func main() {
	// net.IPv4zero as a remote address for DialUDP.
	u, err := net.DialUDP("udp", nil, &net.UDPAddr{IP: net.IPv4zero, Port: 53})
	if err != nil {
		log.Fatal(err)
	}
	defer u.Close()

	// A TCPAddr with no IP built as the remote address for DialTCP, whose nil
	// is a dial local address, not a listener.
	raddr := &net.TCPAddr{Port: 80}
	t, err := net.DialTCP("tcp", nil, raddr)
	if err != nil {
		log.Fatal(err)
	}
	defer t.Close()

	// net.IPv4zero as a remote address for DialTCP.
	t2, err := net.DialTCP("tcp", nil, &net.TCPAddr{IP: net.IPv4zero, Port: 81})
	if err != nil {
		log.Fatal(err)
	}
	defer t2.Close()

	// net.IPv4zero as the local address of a DialTCP: a client, not a listener.
	t4, err := net.DialTCP("tcp", &net.TCPAddr{IP: net.IPv4zero}, raddr)
	if err != nil {
		log.Fatal(err)
	}
	defer t4.Close()

	// A resolved empty host used as a remote address for DialTCP.
	resolved, err := net.ResolveTCPAddr("tcp", ":82")
	if err != nil {
		log.Fatal(err)
	}
	t3, err := net.DialTCP("tcp", nil, resolved)
	if err != nil {
		log.Fatal(err)
	}
	defer t3.Close()

	// An IP set later on a remote address for DialUDP.
	remote := &net.UDPAddr{Port: 54}
	remote.IP = net.IPv4zero
	u2, err := net.DialUDP("udp", nil, remote)
	if err != nil {
		log.Fatal(err)
	}
	defer u2.Close()

	// Loopback and specific IPs.
	a, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080})
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()
	b, err := net.ListenTCP("tcp6", &net.TCPAddr{IP: net.IPv6loopback, Port: 8081})
	if err != nil {
		log.Fatal(err)
	}
	defer b.Close()
	c, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.ParseIP("10.1.2.3"), Port: 8082})
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	// An address returned by a function is not followed.
	d, err := net.ListenTCP("tcp", listenAddr())
	if err != nil {
		log.Fatal(err)
	}
	defer d.Close()

	// Our own struct with an IP field and no value.
	s := server{Port: 8083}
	s.IP = net.IPv4zero
	srv := &server{IP: nil, Port: 8084}

	ip, err := parseIP("0.0.0.0")
	log.Println(ip, err, isWildcard(ip), s, srv)
}
