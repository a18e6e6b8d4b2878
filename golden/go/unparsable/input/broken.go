// Tests a file with a syntax error: it is reported as an error and never
// rewritten, even though it holds an all-interfaces listener.
package main

import "net"

func broken() {
	l, _ := net.Listen("tcp", ":80")
	if l != nil {
		l.Close(
	}
}
