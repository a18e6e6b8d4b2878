// Addresses returned by functions of the package: every return counts, as assignments do.
package main

import (
	"net"
	"net/http"
	"os"
)

func defaultAddr() string {
	return "127.0.0.1:8080"
}

func metricsAddr() string {
	if os.Getenv("METRICS_LOCAL") != "" {
		return "127.0.0.1:9100"
	}
	return "127.0.0.1:9100"
}

// Also read by code that is not a listener: its fix changes what that code sees.
func adminAddr() string { return ":9000" }

// Look-alikes: a named result, a value that is not a string literal, two results.
func named() (addr string) {
	addr = ":7000"
	return
}

func fromEnv() string { return os.Getenv("ADDR") }

func pair() (string, error) { return ":7001", nil }

func main() {
	go http.ListenAndServe(defaultAddr(), nil)
	go http.ListenAndServe(metricsAddr(), nil)
	println("admin on", adminAddr())
	go http.ListenAndServe(adminAddr(), nil)
	go http.ListenAndServe(named(), nil)
	go http.ListenAndServe(fromEnv(), nil)
	addr, _ := pair()
	l, _ := net.Listen("tcp", addr)
	go http.Serve(l, nil)
	select {}
}
