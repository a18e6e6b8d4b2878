// Tests that the batch goes on after a file that does not parse: this valid
// file is still reported and fixed.
package main

import (
	"log"
	"net"
)

func main() {
	l, err := net.Listen("tcp", ":8080")
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
}
