// In a library, a function's fallback is what every caller gets: its fix is unsafe.
package server

import (
	"net/http"
	"os"
)

func resolveAddress(addr []string) string {
	if len(addr) > 0 {
		return addr[0]
	}
	if port := os.Getenv("PORT"); port != "" {
		return ":" + port
	}
	return ":8080"
}

// Run serves on the address given, else on $PORT, else on :8080.
func Run(addr ...string) error {
	return http.ListenAndServe(resolveAddress(addr), nil)
}
