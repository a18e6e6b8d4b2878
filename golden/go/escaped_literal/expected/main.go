// Tests string literals with escapes: the source bytes do not map one to one
// onto the value, so the whole literal is rewritten as a plain string.
package main

import (
	"log"
	"net"
	"net/http"
)

func main() {
	a, _ := net.Listen("tcp", "127.0.0.1:80")
	b, _ := net.Listen("tcp", "127.0.0.1:8080")
	c, _ := net.Listen("tcp", "127.0.0.1:81")
	d, _ := net.Listen("tcp", "127.0.0.1:82")
	log.Println(a, b, c, d)
	log.Fatal(http.ListenAndServe("127.0.0.1:8083", nil))
}
