// Tests http.Server literals without a wildcard address that must not be
// reported: servers started on a listener of their own with Serve or
// ServeTLS, Addr assigned before the server starts, a loopback Addr in the
// literal, a server handed to another function that may set Addr, and a
// server that is a function parameter.
package main

import (
	"log"
	"net"
	"net/http"
)

// configure may set srv.Addr.
func configure(srv *http.Server) {
	srv.Addr = "127.0.0.1:8081"
}

// start runs a server it did not build; its Addr is the caller's business.
func start(srv *http.Server) error {
	return srv.ListenAndServe()
}

func main() {
	h := http.NotFoundHandler()
	ln, err := net.Listen("tcp", "127.0.0.1:8080")
	if err != nil {
		log.Fatal(err)
	}

	// Serve on a loopback listener: the server's Addr is not used.
	served := &http.Server{Handler: h}
	go served.Serve(ln)

	// ServeTLS on a loopback listener.
	servedTLS := &http.Server{Handler: h}
	go servedTLS.ServeTLS(ln, "cert.pem", "key.pem")

	// Addr assigned from a variable before the server starts.
	addr := "127.0.0.1:8082"
	assigned := &http.Server{Handler: h}
	assigned.Addr = addr
	go assigned.ListenAndServe()

	// A loopback Addr in the literal.
	loopback := &http.Server{Addr: "127.0.0.1:8080", Handler: h}
	go loopback.ListenAndServe()

	// Handed to a function that may set Addr.
	configured := &http.Server{Handler: h}
	configure(configured)
	go configured.ListenAndServe()

	log.Fatal(start(&http.Server{Addr: "127.0.0.1:8083", Handler: h}))
}
