// Tests columns counted in bytes, not characters: multi-byte UTF-8 identifiers
// and a non-ASCII comment sit before the literals on the same line.
package main

import (
	"log"
	"net"
	"net/http"
)

func main() {
	größe, адрес := 1, &http.Server{Addr: "127.0.0.1:8080"}
	l, err := net.Listen("tcp", /* café ☕ */ "127.0.0.1:8081")
	if err != nil {
		log.Fatal(err)
	}
	log.Println(größe, адрес, l)
}
