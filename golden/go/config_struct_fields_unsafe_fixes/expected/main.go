// See config.go for what this case tests.
package main

import (
	"flag"
	"log"
	"net"

	"github.com/redis/go-redis/v9"
)

func main() {
	cfg := DefaultConfig()
	cfg.withMetrics()
	flag.StringVar(&cfg.GRPCAddr, "grpc-addr", "127.0.0.1:9000", "gRPC listen address")
	flag.Parse()
	rdb := redis.NewClient(&redis.Options{Addr: ":6379"})
	defer rdb.Close()
	s := &Server{cfg: cfg}
	go s.Start()
	l, err := net.Listen("tcp", cfg.GRPCAddr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(l)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
