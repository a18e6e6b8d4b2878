// Tests that an external test package is a package of its own: main_test.go
// is package main_test and declares its own addr, "127.0.0.1:1". The addr of
// package main, ":8080", reaches only the listener here: it is one finding
// with no extra listener, and its fix is safe although main_test.go logs an
// addr too. The listener in main_test.go reads its own loopback addr and is
// not reported.
package main

import (
	"log"
	"net/http"
)

const addr = "127.0.0.1:8080"

func main() {
	log.Fatal(http.ListenAndServe(addr, nil))
}
