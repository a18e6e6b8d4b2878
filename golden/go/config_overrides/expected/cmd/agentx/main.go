package main

import "net/http"

// cmd/agentx is not cmd/agent: the override's glob does not match it.
func main() {
	http.ListenAndServe("127.0.0.1:7070", nil)
}
