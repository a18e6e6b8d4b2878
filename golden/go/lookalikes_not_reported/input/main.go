// Tests look-alikes that must not be reported: loopback, specific and named
// hosts, unix sockets, dialing, URLs and log text mentioning 0.0.0.0, a
// comment holding a listener, methods and functions named Listen that are not
// net's, and a struct with an Addr field that is not http.Server.
package main

import (
	"log"
	"net"
	"net/http"

	"example.com/mynet"
	"example.com/other"
)

type fakeNet struct{}

func (fakeNet) Listen(network, addr string) (net.Listener, error) {
	return nil, nil
}

func main() {
	a, _ := net.Listen("tcp", "127.0.0.1:80")
	b, _ := net.Listen("tcp", "localhost:80")
	c, _ := net.Listen("tcp", "[::1]:80")
	d, _ := net.Listen("tcp", "10.1.2.3:80")
	e, _ := net.Listen("tcp", "api.internal.example.com:80")
	f, _ := net.Listen("unix", "/tmp/s.sock")
	g, _ := net.Listen("unix", "")
	h, _ := net.Dial("tcp", ":80")
	resp, _ := http.Get("http://0.0.0.0:80")
	log.Printf("listening on 0.0.0.0:80")
	// Before this change the server ran net.Listen("tcp", ":80").
	x := fakeNet{}
	i, _ := x.Listen("tcp", ":80")
	j, _ := mynet.Listen("tcp", ":80")
	srv := other.Server{Addr: ":80"}
	ptr := &other.Server{Addr: "0.0.0.0:80"}
	ptr.Addr = ":81"
	log.Println(a, b, c, d, e, f, g, h, resp, i, j, srv, ptr)
}
