// Tests gosec's suppressions, which cover the line they are on: #nosec with
// no rule, or with a rule list that names G102 (rules separated by spaces or
// commas, a justification after --), in a line or a block comment, and
// //gosec:disable G102. Not suppressed: a list without G102 (#nosec G101),
// G102 named only in the justification, and #nosec after other words
// (gosec wants the tag at the start of the comment).
package main

import (
	"log"
	"net"
	"net/http"
)

func main() {
	a, _ := net.Listen("tcp", ":8001") // #nosec
	b, _ := net.Listen("tcp", ":8002") /* #nosec G102 */
	c, _ := net.Listen("tcp", ":8003") //#nosec G101,G102 -- the LAN needs it
	d, _ := net.Listen("tcp", ":8004") //gosec:disable G102 -- the LAN needs it

	e, _ := net.Listen("tcp", ":8005") // #nosec G101
	f, _ := net.Listen("tcp", ":8006") // #nosec G101 -- G102 is fine here
	g, _ := net.Listen("tcp", ":8007") // exposed on purpose #nosec
	log.Println(a, b, c, d, e, f, g)
	log.Fatal(http.ListenAndServe(":8080", nil)) // #nosec G104 G102
}
