// Tests raw string literals on a single line: their bytes spell the value, so
// only the host inside the backquotes is edited and the backquotes are kept.
package main

import (
	"log"
	"net/http"
)

func main() {
	go func() {
		log.Fatal(http.ListenAndServe(`:8080`, nil))
	}()
	log.Fatal(http.ListenAndServe(`0.0.0.0:8081`, nil))
}
