// Package mynet wraps net; its Listen is not net.Listen, and the address it
// passes on is not a literal.
package mynet

import "net"

func Listen(network, address string) (net.Listener, error) {
	return net.Listen(network, address)
}
