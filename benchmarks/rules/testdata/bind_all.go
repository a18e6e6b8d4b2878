// Package bindall holds the positive and negative cases for the peer rules
// astgrep-bind-all.yml and semgrep-bind-all.yml. Every line a rule must
// report ends in the comment "want"; no other line may be reported.
package bindall

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
)

func positives(ctx context.Context, h http.Handler, cfg *tls.Config, lc net.ListenConfig) {
	net.Listen("tcp", ":8080")                                 // want
	net.Listen("tcp", "")                                      // want
	net.Listen("tcp", ":0")                                    // want
	net.Listen("tcp", ":")                                     // want
	net.Listen("tcp", "0.0.0.0")                               // want
	net.Listen("tcp4", "0.0.0.0:80")                           // want
	net.Listen("tcp6", "[::]:443")                             // want
	net.Listen("tcp", `:9090`)                                 // want
	net.ListenPacket("udp", ":53")                             // want
	net.ListenPacket("udp", "[::]")                            // want
	net.ListenPacket("ip6:ipv6-icmp", "::")                    // want
	http.ListenAndServe(":http", nil)                          // want
	http.ListenAndServe(`0.0.0.0:8080`, h)                     // want
	http.ListenAndServe("", nil)                               // want
	http.ListenAndServeTLS("0.0.0.0:8443", "cert", "key", nil) // want
	http.ListenAndServeTLS(":https-alt", "cert", "key", h)     // want
	tls.Listen("tcp", ":443", cfg)                             // want
	lc.Listen(ctx, "tcp", ":9000")                             // want
	lc.ListenPacket(ctx, "udp", "0.0.0.0:5353")                // want
	(&net.ListenConfig{}).Listen(ctx, "tcp", "[::]:7000")      // want
	_ = http.Server{Addr: ":8080", Handler: h}                 // want
	_ = &http.Server{
		Handler: h,
		Addr:    `[::]:8081`, // want
	}
	srv := &http.Server{Addr: ""} // want
	_ = srv
	_, _ = net.Listen(
		"tcp",
		"0.0.0.0:9999", // want
	)
}

func negatives(ctx context.Context, h http.Handler, cfg *tls.Config, lc net.ListenConfig, addr, port string) {
	net.Listen("tcp", "127.0.0.1:8080")
	net.Listen("tcp", "localhost:80")
	net.Listen("tcp", "[::1]:80")
	net.Listen("tcp", "0.0.0.0.example.com:80")
	net.Listen("tcp", "10.0.0.1:0")
	net.Listen("tcp", addr)
	net.Listen("tcp", ":"+port)
	net.Listen("tcp", "::1")
	net.ListenPacket("udp", "example.com:53")
	net.Dial("tcp", ":80")
	http.ListenAndServe("example.com:80", nil)
	http.ListenAndServe(addr, h)
	http.ListenAndServeTLS("127.0.0.1:8443", "cert", "key", nil)
	tls.Listen("tcp", "localhost:443", cfg)
	tls.Dial("tcp", ":443", cfg)
	lc.Listen(ctx, "tcp", "127.0.0.1:9000")
	lc.Listen(ctx, "tcp", addr)
	_ = http.Server{Addr: "localhost:8080", Handler: h}
	_ = &http.Server{Addr: addr}
	_ = http.Client{}
	_ = config{Addr: ":8080"}
	_ = ":8080"
	// net.Listen("tcp", ":8080") in a comment is not code.
}

type config struct{ Addr string }
