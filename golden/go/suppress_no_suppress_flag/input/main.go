// Tests --no-suppress: every suppression comment is ignored, so each of these
// sites, which one of the honoured forms suppresses in a normal run, is
// reported and fixed.
package main

import (
	"log"
	"net"
	"net/http"
)

func main() {
	a, _ := net.Listen("tcp", ":8001") //gofix-bind:ignore
	//gofix-bind:ignore the admin port must be reachable from the LAN
	b, _ := net.Listen("tcp", ":8002")
	c, _ := net.Listen("tcp", ":8003") // #nosec G102
	d, _ := net.Listen("tcp", ":8004") //nolint:gosec
	//nolint:gosec // the metrics port is scraped from the LAN
	e, _ := net.Listen(
		"tcp",
		":8005",
	)
	f, _ := net.Listen("tcp", ":8006") // nosemgrep
	// nosemgrep: go-security/do-not-bind-all-interfaces
	g, _ := net.Listen("tcp", ":8007")
	//no-dd-sa:go-security/do-not-bind-all-interfaces
	h, _ := net.Listen("tcp", ":8008")
	log.Println(a, b, c, d, e, f, g, h)
	go serve()
	log.Fatal(http.ListenAndServe(":8080", nil)) //nolint:all
}
