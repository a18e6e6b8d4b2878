// Tests fixes that leave every column where it was: the fixed line stays narrower than the
// widest line of its comment block (its padding shrinks by what the literal grows), the
// fixed value is the last text of its line (no comment to move), and a line alone in its
// block keeps its one space.
package main

import (
	"log"
	"net"
	"net/http"
)

const (
	publicAddr = "127.0.0.1:8443"
	publicName = "the public API"
)

func main() {
	addr := "127.0.0.1:8080"                          // the API
	description := "serves the public API to clients" // what it does
	srv := &http.Server{
		Addr:    "127.0.0.1:9090",
		Handler: http.NotFoundHandler(),
	}
	go srv.ListenAndServe()
	go http.ListenAndServeTLS(publicAddr, "cert.pem", "key.pem", nil)

	go http.ListenAndServe("127.0.0.1:8081", nil) // alone in its block

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Println(description, publicName)
	log.Fatal(http.Serve(ln, nil))
}
