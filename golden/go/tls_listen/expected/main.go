// Tests crypto/tls.Listen: both an empty host and 0.0.0.0 bind every interface
// and are moved to 127.0.0.1; a loopback address is left alone.
package main

import (
	"crypto/tls"
	"log"
)

func serve(config *tls.Config) {
	a, err := tls.Listen("tcp", "127.0.0.1:443", config)
	if err != nil {
		log.Fatal(err)
	}
	b, err := tls.Listen("tcp", "127.0.0.1:8443", config)
	if err != nil {
		log.Fatal(err)
	}
	c, err := tls.Listen("tcp", "127.0.0.1:9443", config)
	if err != nil {
		log.Fatal(err)
	}
	log.Println(a.Addr(), b.Addr(), c.Addr())
	go serve(a)
	go serve(b)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
