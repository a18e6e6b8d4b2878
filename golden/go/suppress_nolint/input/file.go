// Tests //nolint:gosec in the comment right above the package clause: it
// covers the whole file.
//
//nolint:gosec // this file serves the LAN on purpose
package main

import (
	"log"
	"net"
)

func debug() {
	l, err := net.Listen("tcp", ":6060")
	if err != nil {
		log.Fatal(err)
	}
	log.Println(l.Addr())
}
