// Tests Datadog's no-dd-sa on the line above a finding: bare, naming this
// rule, or in a list with another rule. Not suppressed: a no-dd-sa that names
// another rule, one two lines above, and one on the finding's own line
// (Datadog reads it for the line below). whole.go turns this rule off for the
// whole file from its first line; other.go's first line names another rule.
package main

import (
	"log"
	"net"
)

func main() {
	//no-dd-sa
	a, _ := net.Listen("tcp", ":8001")
	//no-dd-sa:go-security/do-not-bind-all-interfaces
	b, _ := net.Listen("tcp", ":8002")
	// no-dd-sa:go-security/other-rule,go-security/do-not-bind-all-interfaces
	c, _ := net.Listen("tcp", ":8003")
	//no-dd-sa:go-security/other-rule
	d, _ := net.Listen("tcp", "127.0.0.1:8004")
	//no-dd-sa

	e, _ := net.Listen("tcp", "127.0.0.1:8005")
	f, _ := net.Listen("tcp", "127.0.0.1:8006") //no-dd-sa
	log.Println(a, b, c, d, e, f)
	go serveWhole()
	serveOther()
}
