// Tests a literal that reaches listeners through two constants: listenAddr is
// ":8080" and publicAddr is defined as listenAddr. net.Listen reads listenAddr
// first, http.ListenAndServe reads publicAddr, and fmt.Println prints
// publicAddr as well. Editing the literal changes the printed text, so the fix
// is unsafe, whichever listener the constant reaches first.
package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
)

const listenAddr = ":8080"

const publicAddr = listenAddr

func main() {
	l, err := net.Listen("tcp", listenAddr)
	if err != nil {
		log.Fatal(err)
	}
	l.Close()
	go serve(l)

	fmt.Println("serving on", publicAddr)
	log.Fatal(http.ListenAndServe(publicAddr, nil))
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
