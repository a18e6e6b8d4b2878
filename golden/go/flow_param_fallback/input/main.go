// Tests a fallback default assigned to a parameter in package main: serve
// listens on ":9090" when it is called with an empty address. That literal
// reaches net.Listen, so it is reported and fixed. Look-alike: a parameter
// that falls back to a loopback address is not reported.
package main

import (
	"log"
	"net"
	"os"
)

func serve(addr string) net.Listener {
	if addr == "" {
		addr = ":9090"
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	return l
}

func admin(addr string) net.Listener {
	if addr == "" {
		addr = "127.0.0.1:9091"
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	return l
}

func main() {
	log.Println(serve(os.Getenv("ADDR")).Addr(), admin("").Addr())
}
