package main

import (
	"log"
	"net/http"
)

func compute() (string, error) { return "127.0.0.1:1", nil }

func main() {
	var err error
	srv := &http.Server{Handler: http.NotFoundHandler()}
	srv.Addr, err = compute()
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(srv.ListenAndServe())
}
