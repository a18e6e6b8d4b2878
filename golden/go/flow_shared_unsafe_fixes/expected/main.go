// Tests a constant that reaches a listener and is also read by other code,
// run with --unsafe-fixes: listenAddr is passed to net.Listen and printed by
// fmt.Println, so its fix is unsafe, and this flag applies it. The look-alike
// bannerAddr is printed only, and is not reported.
package main

import (
	"fmt"
	"log"
	"net"
)

const listenAddr = "127.0.0.1:9000"

const bannerAddr = "0.0.0.0:9001"

func main() {
	fmt.Println("echo server on", listenAddr, "status on", bannerAddr)
	l, err := net.Listen("tcp", listenAddr)
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	for {
		conn, err := l.Accept()
		if err != nil {
			log.Fatal(err)
		}
		conn.Close()
	}
}
