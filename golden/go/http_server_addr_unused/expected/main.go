// Tests servers whose Addr never reaches a listener: one built and thrown
// away, and ones only served on a listener of their own with Serve or
// ServeTLS, which never read Addr. None of those is reported. The
// look-alikes are: a server started with ListenAndServe or
// ListenAndServeTLS, one whose Addr is read to open its listener, one handed
// to other code or stored in a field, an exported variable other packages
// may start, and a listener call whose result is thrown away. Each of those
// is reported and fixed.
package main

import (
	"net"
	"net/http"
)

var internal = &http.Server{Addr: ":9001"}

var Public = &http.Server{Addr: "127.0.0.1:9002"}

type app struct {
	srv *http.Server
}

func thrownAway() {
	_ = &http.Server{Addr: ":8443"}
	_ = http.Server{Addr: "0.0.0.0:8444"}
}

func servedOnOwnListener(ln net.Listener) error {
	srv := &http.Server{Addr: ":8445"}
	defer srv.Close()
	go srv.ServeTLS(ln, "cert.pem", "key.pem")
	go internal.Serve(ln)
	var plain http.Server
	plain = http.Server{Addr: ":8446", Handler: nil}
	go plain.Serve(ln)
	return (&http.Server{Addr: ":8447"}).Serve(ln)
}

func started() error {
	srv := &http.Server{Addr: "127.0.0.1:8080"}
	go srv.ListenAndServeTLS("cert.pem", "key.pem")
	return (&http.Server{Addr: "127.0.0.1:8081"}).ListenAndServe()
}

func addressRead() error {
	srv := &http.Server{Addr: "127.0.0.1:8082"}
	ln, err := net.Listen("tcp", srv.Addr)
	if err != nil {
		return err
	}
	return srv.Serve(ln)
}

func handedOver(a *app) {
	srv := &http.Server{Addr: "127.0.0.1:8083"}
	run(srv)
	a.srv = &http.Server{Addr: "127.0.0.1:8084"}
}

func run(*http.Server) {}

func resultThrownAway() {
	_ = http.ListenAndServe("127.0.0.1:8085", nil)
}
