package main

import "net"

// freePort asks the system for a free port: its listener is opened only to read
// the port, so binding it to loopback would answer a different question.
func freePort() int {
	ln, err := net.Listen("tcp", ":0")
	if err != nil {
		return 0
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
