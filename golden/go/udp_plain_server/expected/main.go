// Tests that a UDP server on a fixed port gets a safe fix even when its port is
// spelled with a service name that is no discovery protocol (":syslog" is 514),
// and that a file without multicast or broadcast signals keeps it safe.
package main

import "net"

func main() {
	go net.ListenPacket("udp", "127.0.0.1:syslog")
	go net.ListenPacket("udp", "127.0.0.1:9999")
}
