// Tests string literals with escapes: the source bytes do not map one to one
// onto the value, so the whole literal is rewritten as a plain string.
package main

import (
	"log"
	"net"
	"net/http"
)

func main() {
	a, _ := net.Listen("tcp", "\x30.0.0.0:80")
	b, _ := net.Listen("tcp", ":\x38080")
	c, _ := net.Listen("tcp", "\u0030.0.0.0:\u0038\u0031")
	d, _ := net.Listen("tcp", "\060.0.0.0:82")
	log.Println(a, b, c, d)
	log.Fatal(http.ListenAndServe("\x3a8083", nil))
}
