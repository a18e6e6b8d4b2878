// Tests //gofix-bind:ignore at a listener that a constant reaches: publicAddr
// reaches http.ListenAndServe, whose call is marked, and net.Listen, which is
// not. The finding stays, naming net.Listen only. ignoredAddr carries the
// directive on its own line, so its finding is suppressed at the literal.
package main

import (
	"log"
	"net"
	"net/http"
)

const publicAddr = ":8443"

const ignoredAddr = ":9000" //gofix-bind:ignore exposed on purpose

func main() {
	go func() {
		//gofix-bind:ignore the health check must be reachable from the LAN
		log.Fatal(http.ListenAndServe(publicAddr, http.NotFoundHandler()))
	}()
	l, err := net.Listen("tcp", publicAddr)
	if err != nil {
		log.Fatal(err)
	}
	m, err := net.Listen("tcp", ignoredAddr)
	if err != nil {
		log.Fatal(err)
	}
	log.Println(l.Addr(), m.Addr())
	go serve(l)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
