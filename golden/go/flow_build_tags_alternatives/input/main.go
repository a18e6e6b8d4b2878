// Tests a constant declared twice, in files with excluding build constraints
// (//go:build linux and //go:build !linux): each build sees one of the two
// declarations, and both reach http.ListenAndServe here, so both literals are
// reported and fixed.
package main

import (
	"log"
	"net/http"
)

func main() {
	log.Fatal(http.ListenAndServe(listenAddr, nil))
}
