package main

import "net/http"

func main() {
	http.ListenAndServe(":5001", nil)
}
