// Tests that a fix realigns the trailing comments of the lines around it, as gofmt would:
// consecutive statements, top-level var declarations, and one-line functions keep their
// comments in one column, which moves when the fixed literal widens its line. A blank line
// and a multi-line statement end a block: the lines beyond them keep their bytes.
package main

import (
	"log"
	"net"
	"net/http"
)

var debugAddr = ":6060" // pprof and expvar
var retries = 3         // attempts before giving up

func serveAdmin() error { return http.ListenAndServe(":9000", nil) } // admin console
func name() string      { return "api" }                             // shown in logs

func main() {
	addr := ":8080"  // where the API listens
	network := "tcp" // IPv4 and IPv6
	mux := routes()  // the API's routes

	ln, err := net.Listen(network, addr) // a listener of our own
	if err != nil {
		log.Fatal(err)
	}
	go http.ListenAndServe(debugAddr, nil)        // profiling
	go serveAdmin()                               // admin
	log.Printf("%s: %d retries", name(), retries) // start-up banner
	log.Fatal(http.Serve(ln, mux))
}

func routes() *http.ServeMux {
	return http.NewServeMux()
}
