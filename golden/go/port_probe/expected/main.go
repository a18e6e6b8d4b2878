// Port probes open a listener only to close it or read its port: their fix is unsafe.
// Listeners that are served, returned, stored or handed on keep a safe fix.
package main

import (
	"fmt"
	"net"
	"net/http"
)

type server struct {
	ln net.Listener
}

// getFreePort asks whether a port is free on the host it is given.
func getFreePort(host string, ports ...int) (int, error) {
	for _, port := range ports {
		c, err := net.Listen("tcp", fmt.Sprintf("%s:%d", host, port))
		if err == nil {
			c.Close()
			return port, nil
		}
	}
	c, err := net.Listen("tcp", host+":0")
	if err != nil {
		return 0, err
	}
	addr := c.Addr().(*net.TCPAddr)
	c.Close()
	return addr.Port, nil
}

func ephemeralPort() int {
	ln, err := net.Listen("tcp", ":0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func portTaken() bool {
	_, err := net.Listen("tcp", "0.0.0.0:9000")
	return err != nil
}

func packetProbe() string {
	pc, err := net.ListenPacket("udp", ":5000")
	if pc == nil || err != nil {
		return ""
	}
	defer pc.Close()
	return pc.LocalAddr().String()
}

// Each if statement declares its own ln: the first is only closed, in a function that reports
// nothing about the bind (a safe fix), the second is served.
func ifScopes() {
	if ln, err := net.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
	}
	if ln, err := net.Listen("tcp", "127.0.0.1:8086"); err == nil {
		go http.Serve(ln, nil)
	}
}

// Look-alikes: each listener below is served or leaves the function.

func served() error {
	ln, err := net.Listen("tcp", "127.0.0.1:8080")
	if err != nil {
		return err
	}
	defer ln.Close()
	return http.Serve(ln, nil)
}

func acceptedInGoroutine() {
	ln, _ := net.Listen("tcp", "127.0.0.1:8081")
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
	ln.Close()
}

func returned() (net.Listener, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:8082")
	return ln, err
}

func (s *server) stored() (err error) {
	s.ln, err = net.Listen("tcp", "127.0.0.1:8083")
	return err
}

// The variable outlives the if statement that assigns it, and is returned.
func assignedInBranch(open bool) (net.Listener, error) {
	var ln net.Listener
	var err error
	if open {
		ln, err = net.Listen("tcp", "127.0.0.1:8087")
		if err != nil {
			ln.Close()
		}
	}
	return ln, err
}

func handedOn(use func(net.Listener)) {
	ln, _ := net.Listen("tcp", "127.0.0.1:8084")
	use(ln)
	ln.Close()
}

func errorOnly() {
	err := http.ListenAndServe("127.0.0.1:8085", nil)
	if err != nil {
		panic(err)
	}
}

func main() {
	fmt.Println(getFreePort("0.0.0.0", 22000))
	fmt.Println(ephemeralPort(), portTaken(), packetProbe())
	_ = served()
	acceptedInGoroutine()
	_, _ = returned()
	_ = (&server{}).stored()
	handedOn(func(net.Listener) {})
	errorOnly()
	ifScopes()
	_, _ = assignedInBranch(true)
}
