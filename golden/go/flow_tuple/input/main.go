// Tests tuple declarations: each name is bound to its own value. In a, b :=
// only a is ":1", so the listener on b is not reported and the one on a is.
// At package level, x is "0.0.0.0:3" and is reported, y is "localhost:4" and
// is not.
package main

import (
	"log"
	"net"
)

var x, y = "0.0.0.0:3", "localhost:4"

func main() {
	a, b := ":1", "127.0.0.1:2"
	lb, err := net.Listen("tcp", b)
	if err != nil {
		log.Fatal(err)
	}
	la, err := net.Listen("tcp", a)
	if err != nil {
		log.Fatal(err)
	}
	lx, err := net.Listen("tcp", x)
	if err != nil {
		log.Fatal(err)
	}
	ly, err := net.Listen("tcp", y)
	if err != nil {
		log.Fatal(err)
	}
	log.Println(lb.Addr(), la.Addr(), lx.Addr(), ly.Addr())
	go serve(la)
	go serve(lx)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
