// Tests block scope when inferring a variable's type: a declaration inside an
// inner block that has already closed does not change the type of the
// variable of the same name used after it.
package main

import (
	"log"
	"net/http"

	"example.com/other"
)

func run(debug bool) {
	var srv http.Server
	if debug {
		srv := other.Server{}
		log.Println(srv)
	}
	srv.Addr = "127.0.0.1:8080"

	o := other.Server{}
	if debug {
		o := &http.Server{}
		log.Println(o)
	}
	o.Addr = ":8081"
	log.Println(&srv, o)
}

func main() {
	run(false)
}
