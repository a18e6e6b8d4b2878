// Tests http.Server.Addr: composite literals with and without &, on one line
// and over several lines, among other fields, in a var declaration and in a
// return statement, plus Addr assigned later on a variable whose type comes
// from &http.Server{}, a var declaration or new(http.Server). An empty Addr is
// reported with no fix.
package main

import (
	"log"
	"net/http"
	"time"
)

var global = &http.Server{Addr: "127.0.0.1:7000"}

func newServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:      h,
		Addr:         "127.0.0.1:7001",
		ReadTimeout:  5 * time.Second,
		WriteTimeout: 5 * time.Second,
	}
}

func value() http.Server {
	return http.Server{Addr: "127.0.0.1:7002", Handler: http.NotFoundHandler()}
}

func main() {
	a := http.Server{Addr: "127.0.0.1:7003"}
	b := &http.Server{
		Addr: "127.0.0.1:7004",
	}

	srv := &http.Server{}
	srv.Addr = "127.0.0.1:9000"

	var s http.Server
	s.Addr = "127.0.0.1:1"

	t := new(http.Server)
	t.Addr = "127.0.0.1:9001"

	// An empty Addr listens on ":http" or ":https" depending on the method
	// that starts the server, so it is reported without a fix.
	e := &http.Server{Addr: ""}

	log.Println(global, newServer(nil), value(), &a, b, srv, &s, t, e)
}
