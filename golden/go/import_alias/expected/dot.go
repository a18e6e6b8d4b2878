// Tests a dot import: Listen and ListenConfig are net's own names here.
package main

import (
	"context"
	"log"
	. "net"
)

func dot(ctx context.Context) {
	a, err := Listen("tcp", "127.0.0.1:9090")
	if err != nil {
		log.Fatal(err)
	}
	lc := &ListenConfig{}
	b, err := lc.Listen(ctx, "tcp", "127.0.0.1:9091")
	if err != nil {
		log.Fatal(err)
	}
	log.Println(a.Addr(), b.Addr())
	go serve(a)
	go serve(b)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
