// Tests that a fix realigns a multi-line composite literal as gofmt would: the trailing
// comments after key: value elements move with the widened value, while the keys' column
// stays, since a value's width never moves it. A literal whose fixed element has no comment,
// and a one-line literal, need no realignment.
package main

import (
	"log"
	"net"
	"net/http"
	"time"
)

func main() {
	mux := http.NewServeMux()
	api := &http.Server{
		Addr:              "127.0.0.1:8080", // every interface
		Handler:           mux,              // the API's routes
		ReadHeaderTimeout: 5 * time.Second,  // slow clients
	}
	metrics := &http.Server{
		Addr:    "127.0.0.1:9090",
		Handler: mux,
	}
	admin := http.Server{Addr: "127.0.0.1:9000", Handler: mux}
	addr := &net.TCPAddr{
		IP:   net.IPv4(127, 0, 0, 1), // any
		Port: 7000,                   // the peer port
	}
	peers, err := net.ListenTCP("tcp4", addr)
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(peers, mux)
	go metrics.ListenAndServe()
	go admin.ListenAndServe()
	log.Fatal(api.ListenAndServe())
}
