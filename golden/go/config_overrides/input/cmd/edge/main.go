package main

import "net/http"

func main() {
	http.ListenAndServe(":443", nil)
}
