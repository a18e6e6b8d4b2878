// Tests the files that are skipped: vendor/, testdata/, _hidden/, .dot/ and a
// generated file all hold findings that are neither reported nor changed;
// only this ordinary file is fixed.
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
