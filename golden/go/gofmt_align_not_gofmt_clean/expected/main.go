// Tests that a block gofmt would lay out differently is left alone: only the literal changes.
// The comments below are aligned by hand, one column too far or with a tab, so this file is
// deliberately not gofmt-clean, and realigning what gofmt would rewrite anyway is not ours to
// do.
package main

import (
	"log"
	"net/http"
)

const (
	apiAddr   = "127.0.0.1:8080" // the public API
	apiName   = "api"   // shown in logs
)

func main() {
	admin := "127.0.0.1:9000"	// admin console
	name := "admin"	// shown in logs
	go http.ListenAndServe(admin, nil)
	log.Println(apiName, name)
	log.Fatal(http.ListenAndServe(apiAddr, nil))
}
