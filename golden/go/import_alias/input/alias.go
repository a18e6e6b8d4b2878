// Tests renamed imports: n.Listen is net.Listen and h.ListenAndServe and
// h.Server are from net/http, so all are found through their aliases.
package main

import (
	"log"

	n "net"
	h "net/http"
)

func alias() {
	l, err := n.Listen("tcp", ":8080")
	if err != nil {
		log.Fatal(err)
	}
	go serve(l)
	srv := &h.Server{Addr: "0.0.0.0:8081"}
	go srv.ListenAndServe()
	log.Fatal(h.ListenAndServe(":8082", nil))
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
