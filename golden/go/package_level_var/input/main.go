// Tests variables declared at package level: server is an *http.Server and lc
// a net.ListenConfig, so assigning server.Addr and calling lc.Listen inside a
// function are found and fixed like their local counterparts.
package main

import (
	"context"
	"log"
	"net"
	"net/http"
)

var server = &http.Server{Handler: http.NotFoundHandler()}

var lc net.ListenConfig

func main() {
	l, err := lc.Listen(context.Background(), "tcp", ":9090")
	if err != nil {
		log.Fatal(err)
	}
	go serve(l)
	server.Addr = ":8080"
	log.Fatal(server.ListenAndServe())
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
