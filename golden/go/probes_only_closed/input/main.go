package main

import (
	"log"
	"net"
)

// The canonical sample of gosec, Semgrep and precli: a server's listener, only closed here.
func main() {
	l, err := net.Listen("tcp", "0.0.0.0:2000")
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
}
