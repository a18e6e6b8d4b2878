package main

import (
	"fmt"
	"net/http"
	"os"
)

// debugAddr serves pprof; it was meant for the developer's own machine.
const debugAddr = ":6060"

func serveDebug() error {
	return http.ListenAndServe(debugAddr, nil)
}

func serveGRPC() error {
	port := os.Getenv("GRPC_PORT")
	if port == "" {
		port = "9000"
	}
	srv := &http.Server{Addr: fmt.Sprintf("0.0.0.0:%s", port)}
	return srv.ListenAndServe()
}
