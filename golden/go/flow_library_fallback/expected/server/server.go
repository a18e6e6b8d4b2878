// Tests fallback defaults in a library (package server): Run listens on
// ":8080" when its caller passes no address, and FromEnv on ":8090" when ADDR
// is unset. Both literals reach a listener, so they are reported, but every
// caller that relies on a default would move to loopback, so the fixes are
// unsafe. In Debug the address is not a fallback but the only value, and is
// fixed safely. Look-alike: Admin falls back to a loopback address, which is
// not reported.
package server

import (
	"net"
	"net/http"
	"os"
)

// Run serves h on addr, or on ":8080" when addr is empty.
func Run(addr string, h http.Handler) error {
	if addr == "" {
		addr = ":8080"
	}
	return http.ListenAndServe(addr, h)
}

// FromEnv serves h on $ADDR, or on ":8090" when it is unset.
func FromEnv(h http.Handler) error {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = ":8090"
	}
	return http.ListenAndServe(addr, h)
}

// Admin serves h on addr, or on the loopback admin port when addr is empty.
func Admin(addr string, h http.Handler) error {
	if addr == "" {
		addr = "127.0.0.1:8081"
	}
	return http.ListenAndServe(addr, h)
}

// Debug serves the pprof handlers.
func Debug() (net.Listener, error) {
	addr := "127.0.0.1:6060"
	return net.Listen("tcp", addr)
}
