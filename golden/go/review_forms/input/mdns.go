// Tests discovery ports spelled as a service name (":mdns") or with a leading
// zero (":05353"): both are mDNS, so the fix is unsafe.
package main

import "net"

func discovery() {
	go net.ListenPacket("udp", ":mdns")
	go net.ListenPacket("udp", ":05353")
}
