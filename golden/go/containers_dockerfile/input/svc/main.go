package main

import "net/http"

func main() {
	go http.ListenAndServe(":8080", nil) // published by the Dockerfile
	http.ListenAndServe(":9090", nil)    // not published
}
