// A directory starting with an underscore: ignored by the go tool, never scanned.
package hidden

import "net"

func Listen() (net.Listener, error) {
	return net.Listen("tcp", ":7003")
}
