// Tests a file that starts with a UTF-8 byte order mark: the BOM is kept and
// columns on later lines are unaffected by it.
package main

import "net"

func main() {
	l, _ := net.Listen("tcp", ":8080")
	defer l.Close()
}
