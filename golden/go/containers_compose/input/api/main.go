package main

import "net/http"

func main() {
	go http.ListenAndServe(":8080", nil) // the container side of 18080:8080
	http.ListenAndServe(":9000", nil)    // tcp; only 9000/udp is exposed
}
