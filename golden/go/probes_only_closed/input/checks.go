package main

import "net"

// canBind answers whether the bind works: a probe of the bind itself.
func canBind() bool {
	l, err := net.Listen("tcp", ":2001")
	if err != nil {
		return false
	}
	l.Close()
	return true
}

// tryBind returns the bind's error: a probe too.
func tryBind() error {
	l, err := net.Listen("tcp", ":2002")
	if err != nil {
		return err
	}
	return l.Close()
}

// logged reads the listener's address, then closes it: a port probe.
func logged() string {
	l, err := net.Listen("tcp", ":2004")
	if err != nil {
		return ""
	}
	defer l.Close()
	return l.Addr().String()
}
