package main_test

import (
	"net"
	"testing"
)

const addr = "127.0.0.1:1"

func TestListen(t *testing.T) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	t.Log("listening on", addr)
}
