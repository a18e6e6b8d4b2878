package main

import "net/http"

func main() {
	http.ListenAndServe(":8081", nil) // a templated containerPort matches any port
}
