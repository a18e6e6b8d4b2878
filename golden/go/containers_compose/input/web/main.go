package main

import "net/http"

func main() {
	go http.ListenAndServe(":3000", nil) // target 3000
	http.ListenAndServe(":6000", nil)    // only the image-only service maps 6000
}
