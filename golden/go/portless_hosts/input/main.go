// Tests hosts that ask for every interface but carry no port: Go's tcp
// listeners refuse them ("missing port in address", or "too many colons in
// address" for a bare IPv6 host), yet a port is all they lack to listen
// everywhere. Each is reported with a safe fix that changes only the host,
// brackets kept. The look-alikes stay quiet: a Unix socket path that happens
// to read 0.0.0.0, a host name or loopback without a port, a client, and an
// IPv4 host on tcp6, which Go never binds.
package main

import (
	"crypto/tls"
	"log"
	"net"
	"net/http"
)

const host = "0.0.0.0"

func main() {
	go http.ListenAndServe("0.0.0.0", nil)
	go http.ListenAndServe("[::]", nil)
	go http.ListenAndServeTLS("::", "cert.pem", "key.pem", nil)
	net.Listen("tcp4", host)
	tls.Listen("tcp", "[0:0:0:0:0:0:0:0]", &tls.Config{})
	srv := &http.Server{Addr: "0.0.0.0"}
	log.Fatal(srv.ListenAndServe())
}

func lookalikes() {
	net.Listen("unix", "0.0.0.0")
	net.Listen("tcp", "localhost")
	net.Listen("tcp", "127.0.0.1")
	net.Dial("tcp", "0.0.0.0")
	net.Listen("tcp6", "0.0.0.0")
}
