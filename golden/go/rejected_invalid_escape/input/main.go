package main

import "net/http"

func main() {
	_ = "\q"
	http.ListenAndServe(":8080", nil)
}
