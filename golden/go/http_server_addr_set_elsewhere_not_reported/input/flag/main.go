package main

import (
	"flag"
	"log"
	"net/http"
)

func main() {
	srv := &http.Server{Handler: http.NotFoundHandler()}
	flag.StringVar(&srv.Addr, "addr", "127.0.0.1:8080", "listen address")
	flag.Parse()
	log.Fatal(srv.ListenAndServe())
}
