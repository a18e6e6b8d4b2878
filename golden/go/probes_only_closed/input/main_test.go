package main

import (
	"net"
	"testing"
)

// In a test, a listener that is only closed checks the bind itself.
func TestBind(t *testing.T) {
	l, err := net.Listen("tcp", ":2003")
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
}
