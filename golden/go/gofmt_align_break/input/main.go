// Tests gofmt's size rule for lists written one element per line (go/printer's exprList):
// elements align while both sizes are at most 40 bytes, or while an element is within 2.5
// times the geometric mean of the sizes before it. A fix that grows the Sprintf argument past
// 40 bytes breaks the alignment of the listener's arguments, so the comment above it moves
// back; a fix that grows a short port enough joins the long argument above it, so their
// comments align.
package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
)

type config struct {
	Port int
}

func envOrDefault(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func main() {
	settings := config{Port: 8080}
	api, err := net.Listen(
		"tcp",                                    // a stream socket
		fmt.Sprintf("0.0.0.0:%d", settings.Port), // every interface
	)
	if err != nil {
		log.Fatal(err)
	}
	gossip, err := net.Listen(
		envOrDefault("GOSSIP_LISTEN_NET", "tcp4"), // from the environment
		":12345", // the gossip port
	)
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(gossip, nil)
	log.Fatal(http.Serve(api, nil))
}
