// Tests a bracketed IPv6 multicast group literal: the file's packet listener
// gets an unsafe fix.
package main

import "net"

func ssdp() {
	group, _ := net.ResolveUDPAddr("udp6", "[ff02::c]:1900")
	_ = group
	go net.ListenPacket("udp6", "[::]:9900")
}
