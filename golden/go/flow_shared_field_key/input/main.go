// Tests that a struct field named like a constant is not a read of it: config
// has a field listenAddr, and config{listenAddr: ...} names the field, not the
// constant. The constant listenAddr is read only by net.Listen, so its fix is
// safe. Look-alike: the map key in limits is the constant itself, so
// bannerAddr is read by code that is not a listener and its fix is unsafe.
package main

import (
	"log"
	"net"
	"os"
)

const listenAddr = ":9000"

const bannerAddr = ":9001"

type config struct {
	listenAddr string
	verbose    bool
}

func main() {
	cfg := config{listenAddr: os.Getenv("LISTEN_ADDR"), verbose: true}
	limits := map[string]int{bannerAddr: 10}
	log.Println(cfg, limits)

	l, err := net.Listen("tcp", listenAddr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(l)
	b, err := net.Listen("tcp", bannerAddr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(b)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
