package main

import (
	"log"
	"net"
)

func main() {
	a, _ := net.Listen("tcp", "127.0.0.1:8080")
	b, _ := net.Listen("tcp", `127.0.0.1:8081`)
	c, _ := net.Listen("tcp", "127.0.0.1:8082")
	log.Println(a, b, c)
}
