// Tests --include-vendor and --include-generated: the vendored and generated
// files are scanned and fixed too, while testdata/, _hidden/ and .dot/ stay
// skipped.
package main

import (
	"log"
	"net"
)

func main() {
	l, err := net.Listen("tcp", ":8080")
	if err != nil {
		log.Fatal(err)
	}
	go serve(l)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
