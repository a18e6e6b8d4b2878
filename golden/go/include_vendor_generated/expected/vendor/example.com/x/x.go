// A vendored package: skipped unless --include-vendor is given.
package x

import "net"

func Listen() (net.Listener, error) {
	return net.Listen("tcp", "127.0.0.1:7001")
}
