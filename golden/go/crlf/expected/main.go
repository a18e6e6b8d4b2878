// Tests a file with CRLF line endings: the fixes edit only the literals and
// every carriage return is kept.
package main

import (
	"log"
	"net"
	"net/http"
)

func main() {
	a, _ := net.Listen("tcp", "127.0.0.1:8080")
	srv := &http.Server{
		Addr: "127.0.0.1:8081",
	}
	b, _ := net.Listen("tcp", `127.0.0.1:8082`)
	log.Println(a, b, srv)
}
