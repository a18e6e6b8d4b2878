// Tests addresses built with +: "0.0.0.0:"+port, ":"+port, and host+":"+port
// where host is a constant "0.0.0.0", as net.Listen arguments and as the Addr
// of an http.Server. Only the literal that spells the host is edited; the port
// read at run time stays as it is. The look-alike host2 is "0.0.0.0" too, but
// the string built from it goes only to http.Get, so it is not reported.
package main

import (
	"log"
	"net"
	"net/http"
	"os"
)

const host = "0.0.0.0"

const host2 = "0.0.0.0"

func main() {
	port := os.Getenv("PORT")

	a, err := net.Listen("tcp", "0.0.0.0:"+port)
	if err != nil {
		log.Fatal(err)
	}
	b, err := net.Listen("tcp", ":"+port)
	if err != nil {
		log.Fatal(err)
	}
	c, err := net.Listen("tcp", host+":"+port)
	if err != nil {
		log.Fatal(err)
	}
	log.Println(a.Addr(), b.Addr(), c.Addr())
	go serve(a)
	go serve(b)
	go serve(c)

	url := host2 + ":" + port
	resp, err := http.Get("http://" + url + "/healthz")
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()

	srv := &http.Server{Addr: "0.0.0.0:" + port}
	log.Fatal(srv.ListenAndServe())
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
