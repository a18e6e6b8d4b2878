// Command server is a small service used to try gofix-bind.
package main

import (
	"crypto/tls"
	"log"
	"net"
	"net/http"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	})

	// The admin API listens everywhere by accident.
	admin := &http.Server{
		Addr:    ":9090",
		Handler: mux,
	}
	go func() { log.Fatal(admin.ListenAndServe()) }()

	go func() { log.Fatal(http.ListenAndServe("0.0.0.0:8080", mux)) }()

	ln, err := net.Listen("tcp6", "[::]:7000")
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()
	go func() { log.Fatal(http.Serve(ln, mux)) }()

	tlsListener, err := tls.Listen("tcp", ":8443", &tls.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer tlsListener.Close()
	go func() { log.Fatal(http.Serve(tlsListener, mux)) }()

	// Metrics are scraped from inside the container network on purpose.
	//gofix-bind:ignore
	go func() { log.Fatal(http.ListenAndServe(":9100", mux)) }()

	// Already safe: loopback only.
	log.Fatal(http.ListenAndServe("127.0.0.1:8081", mux))
}
