// Tests golangci-lint's nolint. On the finding's line: //nolint (every
// linter), //nolint:gosec, a list that holds gosec, //nolint:all, and
// "// nolint:gosec", which golangci-lint still honours. Alone on its line,
// //nolint:gosec covers the whole statement or declaration that starts on the
// next line at the same column: a call spread over lines, and a function. Not
// suppressed: //nolint:errcheck on the line or above it, a nolint followed by
// a blank line, and a nolint trailing the statement before.
package main

import (
	"log"
	"net"
	"net/http"
)

func main() {
	a, _ := net.Listen("tcp", ":8001") //nolint
	b, _ := net.Listen("tcp", ":8002") //nolint:gosec
	c, _ := net.Listen("tcp", ":8003") //nolint:errcheck,gosec // the LAN needs it
	d, _ := net.Listen("tcp", ":8004") //nolint:all
	e, _ := net.Listen("tcp", ":8005") // nolint:gosec

	f, _ := net.Listen("tcp", "127.0.0.1:8006") //nolint:errcheck
	//nolint:errcheck
	g, _ := net.Listen("tcp", "127.0.0.1:8007")
	//nolint:gosec

	h, _ := net.Listen("tcp", "127.0.0.1:8008")
	log.Println(a, b, c, d, e, f, g, h) //nolint:gosec
	i, _ := net.Listen("tcp", "127.0.0.1:8009")
	log.Println(i)
	go serve()
	//nolint:gosec // the admin port is meant for the LAN
	log.Fatal(
		http.ListenAndServe(":8080", nil),
	)
}

// serve answers the health check from the LAN.
//
//nolint:gosec // the load balancer probes every interface
func serve() {
	mux := http.NewServeMux()
	log.Fatal(http.ListenAndServe(
		":8081",
		mux,
	))
}
