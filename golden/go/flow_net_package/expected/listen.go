// Tests unqualified calls inside a package named net, as in the standard
// library's own files: Listen("tcp", "[::]:0") is net.Listen and listens on
// every interface, so it is reported and fixed to "[::1]:0". The look-alike
// Dial("tcp", "[::]:0") connects, and is not reported.
package net

type Listener interface{}

type Conn interface{}

func Listen(network, address string) (Listener, error) {
	return nil, nil
}

func Dial(network, address string) (Conn, error) {
	return nil, nil
}

func f() {
	Listen("tcp", "[::1]:0")
	Dial("tcp", "[::]:0")
}
