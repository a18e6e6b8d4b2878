// Tests a server literal whose http nothing imports, in a file that starts
// no server: the qualifier stands for net/http only in a file whose text
// names a listening function, so the literal handed to run is not reported.
package main

func main() {
	run(&http.Server{Addr: ":8080"})
}
