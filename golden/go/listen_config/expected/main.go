// Tests (*net.ListenConfig).Listen reached through every receiver form: a
// parenthesized &T{} literal, a T{} value, a var declaration, a short variable
// declaration and a function parameter. ListenPacket on a ListenConfig has an
// unsafe fix and stays unchanged without --unsafe-fixes.
package main

import (
	"context"
	"log"
	"net"
	"time"
)

func listenAll(ctx context.Context, lc *net.ListenConfig) {
	a, _ := (&net.ListenConfig{}).Listen(ctx, "tcp", "127.0.0.1:80")
	// Go rejects this call (Listen has a pointer receiver and a composite
	// literal is not addressable); the syntax-level check still reports it.
	b, _ := net.ListenConfig{}.Listen(ctx, "tcp", "127.0.0.1:8080")

	var lc1 net.ListenConfig
	c, _ := lc1.Listen(ctx, "tcp", "127.0.0.1:81")

	lc2 := &net.ListenConfig{KeepAlive: 30 * time.Second}
	d, _ := lc2.Listen(ctx, "tcp", "127.0.0.1:82")

	e, _ := lc.Listen(ctx, "tcp4", "127.0.0.1:83")

	p, _ := lc.ListenPacket(ctx, "udp", ":5353")
	log.Println(a, b, c, d, e, p)
}

func main() {
	listenAll(context.Background(), &net.ListenConfig{})
}
