// Tests addresses built with fmt.Sprintf: "0.0.0.0:%d", ":%d", and "%s:%d"
// with host a constant "0.0.0.0", passed directly and through a variable. The
// edit goes into the format string, or into the constant, never into the
// Sprintf call. The look-alike pos is built by Sprintf(":%d", col) as well,
// but it only goes into a log message and is not reported.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
)

const host = "0.0.0.0"

func main() {
	port := flag.Int("port", 8080, "port to serve on")
	flag.Parse()

	a, err := net.Listen("tcp", fmt.Sprintf("0.0.0.0:%d", *port+1))
	if err != nil {
		log.Fatal(err)
	}
	b, err := net.Listen("tcp", fmt.Sprintf(":%d", *port+2))
	if err != nil {
		log.Fatal(err)
	}
	log.Println(a.Addr(), b.Addr())
	go serve(a)
	go serve(b)

	col := 17
	pos := fmt.Sprintf(":%d", col)
	log.Println("config.yaml:3" + pos + ": unknown key")

	addr := fmt.Sprintf("%s:%d", host, *port)
	log.Fatal(http.ListenAndServe(addr, nil))
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
