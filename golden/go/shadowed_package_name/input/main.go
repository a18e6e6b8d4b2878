// Tests a package name shadowed by a parameter and by a local variable: there
// net and http are values whose Listen and ListenAndServe methods are not the
// net and net/http functions, so nothing is reported.
package main

import (
	"log"
	"net"
	"net/http"
)

type listener interface {
	Listen(network, address string) (net.Listener, error)
}

type fakeHTTP struct{}

func (fakeHTTP) ListenAndServe(addr string, h http.Handler) error {
	return nil
}

func serve(net listener) {
	l, err := net.Listen("tcp", ":8080")
	if err != nil {
		log.Fatal(err)
	}
	log.Println(l)
}

func main() {
	http := fakeHTTP{}
	log.Fatal(http.ListenAndServe(":8081", nil))
}
