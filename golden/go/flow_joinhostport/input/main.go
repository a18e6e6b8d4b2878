// Tests net.JoinHostPort: a host of "0.0.0.0", "" or "::" listens on every
// interface. The fix edits the host argument only, and since JoinHostPort adds
// the brackets itself, "::" becomes "::1", not "[::1]". The constant h, also
// "::", reaches the listener through JoinHostPort(h, port) and is fixed at its
// declaration. Look-alikes: JoinHostPort("::1", port) for a listener, and
// JoinHostPort("0.0.0.0", port) passed to net.Dial, are not reported.
package main

import (
	"log"
	"net"
	"os"
)

const h = "::"

func main() {
	port := os.Getenv("PORT")

	v4 := net.JoinHostPort("0.0.0.0", port)
	a, err := net.Listen("tcp", v4)
	if err != nil {
		log.Fatal(err)
	}
	b, err := net.Listen("tcp", net.JoinHostPort("", port))
	if err != nil {
		log.Fatal(err)
	}
	c, err := net.Listen("tcp6", net.JoinHostPort("::", port))
	if err != nil {
		log.Fatal(err)
	}
	d, err := net.Listen("tcp", net.JoinHostPort(h, port))
	if err != nil {
		log.Fatal(err)
	}
	e, err := net.Listen("tcp", net.JoinHostPort("::1", port))
	if err != nil {
		log.Fatal(err)
	}
	conn, err := net.Dial("tcp", net.JoinHostPort("0.0.0.0", port))
	if err != nil {
		log.Fatal(err)
	}
	log.Println(a, b, c, d, e, conn)
}
