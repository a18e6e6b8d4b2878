// Tests a file with CRLF line endings: the fixes edit only the literals and
// every carriage return is kept.
package main

import (
	"log"
	"net"
	"net/http"
)

func main() {
	a, _ := net.Listen("tcp", ":8080")
	srv := &http.Server{
		Addr: "0.0.0.0:8081",
	}
	b, _ := net.Listen("tcp", `0.0.0.0:8082`)
	log.Println(a, b, srv)
}
