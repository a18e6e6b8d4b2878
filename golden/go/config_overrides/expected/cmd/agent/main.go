package main

import (
	"fmt"
	"net"
	"net/http"
)

func main() {
	// Not a listener: printed, never bound.
	fmt.Println("listening on :9090")
	go http.ListenAndServe("10.0.0.5:9090", nil)
	l, _ := net.Listen("tcp6", "[fd00::1]:9091")
	http.Serve(l, nil)
}
