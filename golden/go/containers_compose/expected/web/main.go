package main

import "net/http"

func main() {
	go http.ListenAndServe(":3000", nil)       // target 3000
	http.ListenAndServe("127.0.0.1:6000", nil) // only the image-only service maps 6000
}
