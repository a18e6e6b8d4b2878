package main

import (
	"log"
	"net"
	"net/http"
	"time"
)

// startProbe answers load-balancer probes. A TCPAddr without an IP listens on every interface.
func startProbe() {
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{Port: 9300})
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		for {
			conn, err := ln.AcceptTCP()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
}

// startDebug serves pprof. With no Addr, ListenAndServe listens on :http (port 80), everywhere.
func startDebug(handler http.Handler) {
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
	}
	log.Fatal(srv.ListenAndServe())
}
