// Tests names that only look like the standard packages: a local variable
// named http and a parameter named net are values of this package's types,
// so their ListenAndServe and Listen are no listeners and nothing is
// reported.
package main

type server struct{}

func (server) ListenAndServe(addr string, handler any) error { return nil }

type dialer struct{}

func (dialer) Listen(network, address string) error { return nil }

func main() {
	http := server{}
	http.ListenAndServe(":8080", nil)
	listen(dialer{})
}

func listen(net dialer) {
	net.Listen("tcp", "0.0.0.0")
}
