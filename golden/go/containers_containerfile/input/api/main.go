package main

import "net"

func main() {
	l, err := net.Listen("tcp", ":7000")
	if err != nil {
		panic(err)
	}
	serve(l)
}

func serve(l net.Listener) { _ = l }
