package main

import (
	"log"
	"net"
	"net/http"
)

// serveAdmin serves the metrics endpoint together with the admin handlers.
func serveAdmin(mux *http.ServeMux) {
	l, err := net.Listen("tcp", metricsAddr)
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.Serve(l, mux))
}
