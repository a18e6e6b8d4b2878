package main

import "net/http"

func main() {
	go http.ListenAndServe(":8080", nil) // the manifest's containerPort
	http.ListenAndServe(":7070", nil)    // no manifest names it
}
