// Tests that a fix realigns const and var groups as gofmt would: the specs of a group share
// columns for names, types and values, and their trailing comments share one more. A fixed
// value that widens its spec moves the comment column of its block; a block without comments
// ends at a spec without one, and the column of `=` never moves for a value.
package main

import (
	"log"
	"net"
	"net/http"
)

const (
	apiAddr  = ":8080" // the public API
	apiName  = "api"   // shown in logs
	maxConns = 100
	grpcAddr = ":9000" // gRPC
)

var (
	metricsAddr string = "0.0.0.0:9090" // Prometheus scrapes here
	timeout     int    = 30             // seconds
	verbose            = false          // log requests
)

func main() {
	var (
		peerAddr = ":7946" // gossip
		peerNet  = "tcp"   // stream
	)
	peers, err := net.Listen(peerNet, peerAddr)
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(peers, nil)
	go http.ListenAndServe(metricsAddr, nil)
	go http.ListenAndServe(grpcAddr, nil)
	log.Println(apiName, maxConns, timeout, verbose)
	log.Fatal(http.ListenAndServe(apiAddr, nil))
}
