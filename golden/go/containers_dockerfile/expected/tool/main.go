package main

import "net/http"

// Outside the Dockerfile's directory: its EXPOSE does not cover this file.
func main() {
	http.ListenAndServe("127.0.0.1:8080", nil)
}
