// Tests the review formats (SARIF, rdjson, rdjsonl, GitHub workflow commands and
// Markdown) on one tree: two listener addresses in one gofmt-aligned const block,
// which both fixes realign; non-ASCII text on a line above a finding and before
// the literal on the finding's own line; an unsafe fix (a port probe, in
// probe.go); a finding without a fix (dual.go); and a suppressed finding.
package main

import (
	"log"
	"net/http"
)

const (
	apiAddr   = "127.0.0.1:8080" // the public API
	adminAddr = "127.0.0.1:9000" // the admin console
)

// Grüße: the greeting is written in every language 🌍.
func greeting(text string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(text))
	})
}

func main() {
	go http.ListenAndServe(adminAddr, nil)
	srv := &http.Server{Handler: greeting("héllo 日本 🎉"), Addr: "127.0.0.1:8443"}
	go srv.ListenAndServe()
	//gofix-bind:ignore the metrics port is scraped from the LAN
	go http.ListenAndServe(":9100", nil)
	log.Println(freePort())
	dualStack()
	log.Fatal(http.ListenAndServe(apiAddr, nil))
}
