// See server.go for what this case tests. A broadcast sender: its socket
// sets SO_BROADCAST, which only works on the wildcard address.
package main

import (
	"context"
	"log"
	"net"
	"syscall"
)

func announce() {
	lc := net.ListenConfig{
		Control: func(network, address string, c syscall.RawConn) error {
			var opErr error
			err := c.Control(func(fd uintptr) {
				opErr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_BROADCAST, 1)
			})
			if err != nil {
				return err
			}
			return opErr
		},
	}
	conn, err := lc.ListenPacket(context.Background(), "udp4", "127.0.0.1:9000")
	if err != nil {
		log.Fatal(err)
	}
	go serve(conn)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
