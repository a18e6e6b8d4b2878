// Tests a package-level variable named tls: it is declared in the package,
// so tls.Listen is its method, not crypto/tls's, and is not reported.
package main

type fake struct{}

func (fake) Listen(network, address string, config any) error { return nil }

var tls fake

func main() {
	tls.Listen("tcp", ":8443", nil)
}
