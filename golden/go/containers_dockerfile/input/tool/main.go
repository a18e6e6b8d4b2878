package main

import "net/http"

// Outside the Dockerfile's directory: its EXPOSE does not cover this file.
func main() {
	http.ListenAndServe(":8080", nil)
}
