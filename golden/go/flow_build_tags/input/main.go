// Tests a constant declared in a file with a //go:build linux constraint and
// used by http.ListenAndServe here: the build constraint does not hide the
// file from the package, so the literal in config_linux.go is reported and
// fixed there.
package main

import (
	"log"
	"net/http"
)

func main() {
	log.Fatal(http.ListenAndServe(listenAddr, nil))
}
