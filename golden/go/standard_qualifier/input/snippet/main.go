// Tests code that cannot compile as written, as in documentation snippets:
// net, http and tls are used with no import of theirs anywhere in the
// package, and nothing declares them, so they stand for Go's own packages.
// Every listener below is reported and fixed as if net, net/http and
// crypto/tls were imported.
package main

func main() {
	go http.ListenAndServe(":8080", nil)
	srv := &http.Server{Addr: ":8443"}
	go srv.ListenAndServeTLS("cert.pem", "key.pem")
	net.Listen("tcp", "0.0.0.0:9000")
	tls.Listen("tcp", "[::]:9443", nil)
}
