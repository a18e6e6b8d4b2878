// The listener's own code reads the address it bound and refuses the wildcard, as raft's
// NewTCPTransport does: a fix to loopback takes the other branch, so it is unsafe.
package transport

import (
	"errors"
	"net"
)

var errNotAdvertisable = errors.New("local bind address is not advertisable")

type layer struct {
	listener *net.TCPListener
}

func (l *layer) Addr() net.Addr { return l.listener.Addr() }

func newTransport(bindAddr string) (*layer, error) {
	list, err := net.Listen("tcp", bindAddr)
	if err != nil {
		return nil, err
	}
	stream := &layer{listener: list.(*net.TCPListener)}
	addr, ok := stream.Addr().(*net.TCPAddr)
	if !ok {
		list.Close()
		return nil, errors.New("not a TCP address")
	}
	if addr.IP == nil || addr.IP.IsUnspecified() {
		list.Close()
		return nil, errNotAdvertisable
	}
	return stream, nil
}

// NewTransport binds every interface.
func NewTransport() (*layer, error) {
	return newTransport("0.0.0.0:0")
}

// The value itself compared with a wildcard literal.
func advertised(host string) string {
	l, err := net.Listen("tcp", host+":7946")
	if err != nil {
		return ""
	}
	go serve(l)
	if host == "0.0.0.0" {
		return "127.0.0.1"
	}
	return host
}

func serve(l net.Listener) { _ = l }

func start() string { return advertised("0.0.0.0") }

// Look-alikes: a check of another address, and a check of nothing the listener holds.
func other(dst *net.IPAddr) error {
	l, err := net.Listen("tcp", ":7000")
	if err != nil {
		return err
	}
	go serve(l)
	if dst.IP == nil || dst.IP.Equal(net.IPv4zero) {
		return errors.New("no destination")
	}
	return nil
}
