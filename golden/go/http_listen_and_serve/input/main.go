// Tests http.ListenAndServe and http.ListenAndServeTLS: an empty host and
// 0.0.0.0 are moved to 127.0.0.1, and an empty address (Go listens on ":http"
// or ":https") becomes 127.0.0.1 with the default port 80 or 443.
package main

import (
	"log"
	"net/http"
)

func main() {
	go func() {
		log.Fatal(http.ListenAndServe(":8080", nil))
	}()
	go func() {
		log.Fatal(http.ListenAndServeTLS("0.0.0.0:8443", "c", "k", nil))
	}()
	go func() {
		log.Fatal(http.ListenAndServe("", nil))
	}()
	log.Fatal(http.ListenAndServeTLS("", "cert.pem", "key.pem", nil))
}
