// Tests addresses passed as function arguments: serve(":8080"), where serve
// hands its parameter to net.Listen, is reported at the literal in the call,
// and the literal is fixed there; each call is judged on its own, also when
// the parameter is passed on through another function's parameter. A flag's
// value passed through a parameter into a struct field that reaches a
// listener is reported at the flag's default (unsafe, not fixed without
// --unsafe-fixes). Look-alikes not reported: an empty argument to a function
// that replaces an empty address with its own (loopback) default, a loopback
// argument, and an argument of a function that only dials.
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
)

func serve(addr string) net.Listener {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	return l
}

// run passes its parameter on to serve.
func run(addr string) {
	serve(addr).Close()
}

func serveWithDefault(name, addr string) {
	if addr == "" {
		addr = "127.0.0.1:8090"
	}
	log.Println(name)
	log.Fatal(http.ListenAndServe(addr, nil))
}

func dial(addr string) {
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
	}
}

// Server serves HTTP on its address.
type Server struct {
	addr string
}

// NewServer returns a server that will listen on addr.
func NewServer(addr string) *Server {
	return &Server{addr: addr}
}

// Run listens on the server's address.
func (s *Server) Run() error {
	return http.ListenAndServe(s.addr, nil)
}

var httpAddr = flag.String("http", ":8443", "HTTP listen address")

func main() {
	flag.Parse()
	defer serve("127.0.0.1:8080").Close()
	defer serve("127.0.0.1:8081").Close()
	defer serve("127.0.0.1:8082").Close()
	go serveWithDefault("internal", "")
	go serveWithDefault("public", "[::1]:8091")
	run("127.0.0.1:8084")
	dial(":8083")
	log.Fatal(NewServer(*httpAddr).Run())
}
