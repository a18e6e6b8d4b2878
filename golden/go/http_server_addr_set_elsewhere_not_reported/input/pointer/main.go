package main

import (
	"log"
	"net/http"
)

func main() {
	srv := &http.Server{Handler: http.NotFoundHandler()}
	p := &srv.Addr
	*p = "127.0.0.1:8080"
	log.Fatal(srv.ListenAndServe())
}
