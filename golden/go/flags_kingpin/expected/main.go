// Tests defaults of kingpin flags that reach a listener: the package-level
// kingpin.Flag(...).Default(...).String() (also with Short and Envar in the
// chain), an application's app.Flag(...).Default(...).StringVar(&x), and a
// flag of a command made with app.Command. Kingpin flags are spelled with two
// dashes. With --unsafe-fixes each default is moved to loopback. Look-alikes
// not reported: a flag with no default, a loopback default, a flag that never
// reaches a listener, and a String method that is not a flag definition.
package main

import (
	"log"
	"net"
	"net/http"
	"os"
	"strings"

	"gopkg.in/alecthomas/kingpin.v2"
)

var (
	listenAddr = kingpin.Flag("listen-address", "HTTP listen address").Default("127.0.0.1:8080").String()
	adminAddr  = kingpin.Flag("admin-address", "admin listen address").Default("127.0.0.1:8081").String()
	debugAddr  = kingpin.Flag("debug-address", "debug listen address; off when not given").String()
	remoteAddr = kingpin.Flag("remote", "address of the remote to dial").Default(":8082").String()
	webAddr    = kingpin.Flag("web.listen-address", "web listen address").Short('l').Envar("WEB_LISTEN_ADDRESS").Default("[::1]:9100").String()
)

func runAgent(args []string) {
	app := kingpin.New("agent", "The agent.")
	var agentAddr string
	app.Flag("agent-address", "agent listen address").Default("127.0.0.1:9000").StringVar(&agentAddr)
	serve := app.Command("serve", "Serve the API.")
	apiAddr := serve.Flag("api-address", "API listen address").Default("127.0.0.1:9001").String()
	kingpin.MustParse(app.Parse(args))
	go http.ListenAndServe(*apiAddr, nil)
	l, err := net.Listen("tcp", agentAddr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(l)
}

func main() {
	kingpin.Parse()
	if *debugAddr != "" {
		go http.ListenAndServe(*debugAddr, nil)
	}
	go http.ListenAndServe(*adminAddr, nil)
	if c, err := net.Dial("tcp", *remoteAddr); err == nil {
		c.Close()
	}
	var b strings.Builder
	b.WriteString(":8083")
	go http.ListenAndServe(strings.TrimSpace(b.String()), nil)
	go http.ListenAndServe(*webAddr, nil)
	runAgent(os.Args[1:])
	log.Fatal(http.ListenAndServe(*listenAddr, nil))
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
