// Tests two fixes in one aligned block: a const group whose values and trailing comments
// share columns holds two listener addresses with a plain value between them. Each fix
// widens its value past the widest one, so the comment column moves and both fixed lines
// and the line between them are padded again; the padding after the first fixed value is
// what the second fix moves too. The var group below is aligned the same way but holds no
// finding: its bytes stay.
package main

import (
	"log"
	"net/http"
)

const (
	apiAddr     = "127.0.0.1:8080" // the public API
	serviceName = "orders"         // shown in logs
	adminAddr   = "127.0.0.1:9000" // the admin console
)

var (
	retries = 3     // attempts before giving up
	verbose = false // log every request
)

func main() {
	log.Println(serviceName, retries, verbose)
	go http.ListenAndServe(adminAddr, nil)
	log.Fatal(http.ListenAndServe(apiAddr, nil))
}
