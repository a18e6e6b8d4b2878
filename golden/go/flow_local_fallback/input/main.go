// Tests a fallback default in package main: addr comes from the environment,
// and ":8080" is assigned only when ADDR is unset. That assignment can reach
// net.Listen, so its literal is reported and fixed. The look-alike over is
// first ":8081", but it is overwritten with a loopback address on every path
// before its listener, so ":8081" never reaches it and is not reported.
package main

import (
	"log"
	"net"
	"os"
)

func main() {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = ":8080"
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(l)

	over := ":8081"
	over = "127.0.0.1:8081"
	m, err := net.Listen("tcp", over)
	if err != nil {
		log.Fatal(err)
	}
	defer m.Close()
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
