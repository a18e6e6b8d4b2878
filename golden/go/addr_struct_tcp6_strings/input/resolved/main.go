package main

import "net"

func main() {
	addr, _ := net.ResolveTCPAddr("tcp", ":8082")
	l, _ := net.ListenTCP("tcp6", addr)
	_ = l
}
