// Tests fasthttp (github.com/valyala/fasthttp): the package functions
// ListenAndServe and ListenAndServeTLS, and the same methods of
// fasthttp.Server, from a literal and from a parameter, with a wildcard
// address, through a constant. fasthttp listens on "tcp4".
package main

import (
	"log"

	"github.com/valyala/fasthttp"
)

// A constant address.
const metricsAddr = "127.0.0.1:9100"

func handler(ctx *fasthttp.RequestCtx) {
	ctx.WriteString("ok")
}

// A server from a parameter of type *fasthttp.Server.
func serve(s *fasthttp.Server) error {
	return s.ListenAndServeTLS("127.0.0.1:8444", "cert.pem", "key.pem")
}

func main() {
	// The package functions.
	go fasthttp.ListenAndServe("127.0.0.1:8080", handler)
	go fasthttp.ListenAndServeTLS("127.0.0.1:8443", "cert.pem", "key.pem", handler)

	// A server from a literal.
	s := &fasthttp.Server{Handler: handler}
	go s.ListenAndServe(metricsAddr)
	go s.ListenAndServeTLS("127.0.0.1:9443", "cert.pem", "key.pem")

	log.Fatal(serve(&fasthttp.Server{Handler: handler}))
}
