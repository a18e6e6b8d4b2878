package main

import (
	"flag"
	"log"
	"net/http"
)

var srv = &http.Server{Handler: http.NotFoundHandler()}

func main() {
	flag.StringVar(&srv.Addr, "addr", "127.0.0.1:8080", "listen address")
	flag.Parse()
	log.Fatal(srv.ListenAndServe())
}
