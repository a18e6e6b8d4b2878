// Tests three fixes in one aligned block: a slice literal written one server per line, each
// with a trailing comment, holds three servers on every interface and one on loopback. The
// fixes widen the three values by different amounts and the widest line changes, so the
// comment column moves: every line of the block is padded again, the loopback one too,
// whose text stays. The elements are over 40 bytes, where gofmt's size rule for such lists
// compares each with the ones before it; they stay alike in size, so the block stays one.
// The timeout group above main is aligned the same way but holds no finding: its bytes stay.
package main

import (
	"log"
	"net/http"
	"time"
)

const (
	readTimeout  = 5 * time.Second  // slow clients
	writeTimeout = 10 * time.Second // slow handlers
)

func main() {
	publicAPI, admin, metrics, ping := routes(), routes(), routes(), routes()
	servers := []*http.Server{
		&http.Server{Addr: "127.0.0.1:8080", Handler: publicAPI}, // the public API
		&http.Server{Addr: "127.0.0.1:9000", Handler: admin},     // the admin console
		&http.Server{Addr: "[::1]:9090", Handler: metrics},       // Prometheus scrapes here
		&http.Server{Addr: "127.0.0.1:8081", Handler: ping},      // health checks, loopback
	}
	for _, srv := range servers {
		srv.ReadTimeout, srv.WriteTimeout = readTimeout, writeTimeout
		go func(srv *http.Server) { log.Fatal(srv.ListenAndServe()) }(srv)
	}
	select {}
}

func routes() *http.ServeMux {
	return http.NewServeMux()
}
