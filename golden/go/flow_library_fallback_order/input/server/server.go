// Tests a library constant that is read by one listener directly and by
// another as a fallback default: Listen uses defaultAddr as it is, FromEnv
// only when ADDR is unset. Since it is a fallback default of the library, its
// fix is unsafe, even though the first listener to read it is not a fallback.
package server

import (
	"net"
	"net/http"
	"os"
)

const defaultAddr = ":8080"

// Listen opens the default listener.
func Listen() (net.Listener, error) {
	return net.Listen("tcp", defaultAddr)
}

// FromEnv serves h on $ADDR, or on the default address when it is unset.
func FromEnv(h http.Handler) error {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = defaultAddr
	}
	return http.ListenAndServe(addr, h)
}
