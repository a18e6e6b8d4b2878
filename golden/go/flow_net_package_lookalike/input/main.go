// Tests the look-alike of an unqualified Listen inside package net: here the
// package is main, so Listen is this file's own function, not net.Listen, and
// its "[::]:0" argument is not reported.
package main

import "log"

type Listener interface{}

func Listen(network, address string) (Listener, error) {
	return nil, nil
}

func main() {
	l, err := Listen("tcp", "[::]:0")
	if err != nil {
		log.Fatal(err)
	}
	log.Println(l)
}
