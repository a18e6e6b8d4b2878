// See config.go for what this case tests.
package main

import (
	"log"
	"net"
	"net/http"
)

// Server serves the API with a configuration.
type Server struct {
	cfg *Config
}

// Start listens on the configured addresses.
func (s *Server) Start() {
	l, err := net.Listen("tcp", s.cfg.ListenAddr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(l)
	go http.ListenAndServe(s.cfg.MetricsAddr, nil)
	go http.ListenAndServe(s.cfg.AdminAddr, nil)
	go http.ListenAndServe(s.cfg.Addr, nil)
	if c, err := net.Dial("tcp", s.cfg.PeerAddr); err == nil {
		c.Close()
	}
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
