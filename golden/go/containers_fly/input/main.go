package main

import "net/http"

func main() {
	go http.ListenAndServe(":8080", nil) // fly.toml's internal_port
	http.ListenAndServe(":3000", nil)    // not fly's port
}
