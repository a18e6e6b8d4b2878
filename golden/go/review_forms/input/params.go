// Tests the parameter guard: serveLogged only logs an empty address, so an
// empty argument reaches net.Listen and is reported; serveDefault replaces an
// empty value with its own default, so an empty constant passed to it is not.
package main

import (
	"log"
	"net"
)

const none = ""

func serveLogged(addr string) {
	if addr == "" {
		log.Println("no address given")
	}
	go net.Listen("tcp", addr)
}

func serveDefault(addr string) {
	if addr == "" {
		addr = "127.0.0.1:80"
	}
	go net.Listen("tcp", addr)
}

func startAll() {
	serveLogged("")
	serveDefault(none)
}
