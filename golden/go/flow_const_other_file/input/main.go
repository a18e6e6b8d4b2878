// Tests a constant declared in another file of the package: metricsAddr in
// config.go reaches net.Listen in admin.go and http.ListenAndServe here. It is
// one finding at the literal in config.go, with one edit, that names the first
// listener and counts the other. dialAddr, also in config.go, is used only by
// net.Dial and is not reported.
package main

import (
	"log"
	"net"
	"net/http"
	"os"
)

func main() {
	conn, err := net.Dial("tcp", dialAddr)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()

	if os.Getenv("ADMIN") != "" {
		serveAdmin(http.NewServeMux())
		return
	}
	log.Fatal(http.ListenAndServe(metricsAddr, nil))
}
