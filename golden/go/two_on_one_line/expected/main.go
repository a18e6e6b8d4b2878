// Tests two findings on one line: both literals are fixed independently and
// reported in column order.
package main

import (
	"log"
	"net"
)

func mustListen(l net.Listener, err error) net.Listener {
	if err != nil {
		log.Fatal(err)
	}
	return l
}

func main() {
	a, b := mustListen(net.Listen("tcp", "127.0.0.1:1")), mustListen(net.Listen("tcp", "127.0.0.1:2"))
	log.Println(a, b)
}
