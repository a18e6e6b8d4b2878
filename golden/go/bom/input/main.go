// Tests a file that starts with a UTF-8 byte order mark: the BOM is kept and
// columns on later lines are unaffected by it.
package main

import "net"

func main() {
	l, _ := net.Listen("tcp", ":8080")
	go serve(l)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}
