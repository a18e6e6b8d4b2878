// Tests //gofix-bind:ignore: a trailing directive on the finding's line, a
// directive (with or without a reason) alone on the line above, and one on the
// opening line of a multi-line composite literal suppress it. Look-alikes do
// not: a directive with a space after the slashes, one two lines above, a
// trailing directive on the previous statement's line, and a longer word that
// only starts with the directive.
package main

import (
	"log"
	"net"
	"net/http"
)

func main() {
	a, _ := net.Listen("tcp", ":8001") //gofix-bind:ignore
	//gofix-bind:ignore
	b, _ := net.Listen("tcp", ":8002")
	//gofix-bind:ignore the admin port must be reachable from the LAN
	c, _ := net.Listen("tcp", ":8003")

	d, _ := net.Listen("tcp", ":8004") // gofix-bind:ignore
	//gofix-bind:ignore

	e, _ := net.Listen("tcp", ":8005")
	log.Println(a, b, c, d, e) //gofix-bind:ignore
	f, _ := net.Listen("tcp", ":8006")
	g, _ := net.Listen("tcp", ":8007") //gofix-bind:ignored
	log.Println(f, g)

	srv := &http.Server{ //gofix-bind:ignore
		Addr: ":8008",
	}
	log.Fatal(srv.ListenAndServe())
}
