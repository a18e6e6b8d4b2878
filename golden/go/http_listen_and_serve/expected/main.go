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
		log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
	}()
	go func() {
		log.Fatal(http.ListenAndServeTLS("127.0.0.1:8443", "c", "k", nil))
	}()
	go func() {
		log.Fatal(http.ListenAndServe("127.0.0.1:80", nil))
	}()
	log.Fatal(http.ListenAndServeTLS("127.0.0.1:443", "cert.pem", "key.pem", nil))
}
