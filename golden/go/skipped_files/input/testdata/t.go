// Test data: never scanned.
package testdata

import "net"

func Listen() (net.Listener, error) {
	return net.Listen("tcp", ":7002")
}
