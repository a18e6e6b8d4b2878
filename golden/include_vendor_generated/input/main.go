// Tests --include-vendor and --include-generated: the vendored and generated
// files are scanned and fixed too, while testdata/, _hidden/ and .dot/ stay
// skipped.
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
