// Tests defaults of the standard flag package that reach a listener: the
// default of flag.String, of flag.StringVar on a package-level variable
// (registered in init) and on a local variable, and of a FlagSet's String.
// Changing a default changes the program for everyone who runs it without
// the flag, so each fix is unsafe and is not applied without --unsafe-fixes.
// Look-alikes not reported: an empty default (the listener is off unless the
// flag is given), a loopback default, a flag that never reaches a listener,
// and a String method that is not a flag definition.
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
)

var (
	addr      = flag.String("addr", ":8080", "HTTP listen address")
	debugAddr = flag.String("debug-addr", "", "debug listen address; off when empty")
	adminAddr = flag.String("admin-addr", "127.0.0.1:8081", "admin listen address")
	peerAddr  = flag.String("peer", "0.0.0.0:7000", "address of a peer to dial")
)

var metricsAddr string

func init() {
	flag.StringVar(&metricsAddr, "metrics-addr", ":9090", "metrics listen address")
}

func serveGRPC() {
	var grpcAddr string
	flag.StringVar(&grpcAddr, "grpc-addr", "0.0.0.0:9000", "gRPC listen address")
	flag.Parse()
	l, err := net.Listen("tcp", grpcAddr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(l)
}

func serveSub(args []string) {
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	listen := fs.String("listen", ":7070", "listen address of the serve command")
	if err := fs.Parse(args); err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.ListenAndServe(*listen, nil))
}

func main() {
	flag.Parse()
	if *debugAddr != "" {
		go http.ListenAndServe(*debugAddr, nil)
	}
	go http.ListenAndServe(*adminAddr, nil)
	go http.ListenAndServe(metricsAddr, nil)
	conn, err := net.Dial("tcp", *peerAddr)
	if err == nil {
		conn.Close()
	}
	var b strings.Builder
	b.WriteString(":8888")
	log.Println(b.String())
	serveGRPC()
	serveSub(os.Args[1:])
	log.Fatal(http.ListenAndServe(*addr, nil))
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
