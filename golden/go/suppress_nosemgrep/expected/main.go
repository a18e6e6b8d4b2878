// Tests Semgrep's nosemgrep, on the finding's line or alone on the line above
// it, in any case: bare, or naming this rule or Semgrep's bind-all rule (its
// full id or a dot-suffix of it), alone or in a list. Not suppressed: a tag
// that names another rule, one two lines above, one trailing the statement
// before, and //nosemgrep with no space before it on the finding's line
// (Semgrep looks for " nosem" there).
package main

import (
	"log"
	"net"
	"net/http"
)

func main() {
	a, _ := net.Listen("tcp", ":8001") // nosemgrep
	// nosemgrep: go-security/do-not-bind-all-interfaces
	b, _ := net.Listen("tcp", ":8002")
	// NOSEMGREP:go.lang.security.audit.net.bind_all.avoid-bind-to-all-interfaces
	c, _ := net.Listen("tcp", ":8003")
	d, _ := net.Listen("tcp", ":8004") // nosemgrep: other-rule, avoid-bind-to-all-interfaces

	e, _ := net.Listen("tcp", "127.0.0.1:8005") // nosemgrep: other-rule
	// nosemgrep

	f, _ := net.Listen("tcp", "127.0.0.1:8006")
	log.Println(a, b, c, d, e, f) // nosemgrep
	g, _ := net.Listen("tcp", "127.0.0.1:8007")
	h, _ := net.Listen("tcp", "127.0.0.1:8008") //nosemgrep
	log.Println(g, h)
	//nosemgrep: bind_all.avoid-bind-to-all-interfaces -- the LAN needs it
	log.Fatal(http.ListenAndServe(":8080", nil))
}
